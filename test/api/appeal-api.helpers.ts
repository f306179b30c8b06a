import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { bearer, type IntegrationContext } from '../support/harness';
import { insertSeller } from './review-api.helpers';

/**
 * HTTP helpers for the appeal API tests: a seller of the test's own with a `seller` roster member bound
 * to it (team `seller:<id>`), the enforcement system's service account, and a plan of action.
 */
export interface AppealBody {
  id: string;
  state: string;
  assigneeId: string | null;
  outcome: string | null;
  decision: null | { decision: string; status: string; approval: null | { status: string } };
  monitoring: null | { result: string | null; reinstatedBy: string; restumble: null | { daysSinceReinstatement: number; reinstatedBy: string } };
  notes: Array<{ text: string }>;
  allowedActions: Array<{ action: string; href: string }>;
  [key: string]: unknown;
}

export const PLAN = {
  rootCause: 'A supplier shipped unbranded goods under our listing',
  correctiveActions: ['Removed the supplier', 'Audited every listing'],
  preventiveMeasures: ['Supplier invoices checked before listing'],
  evidence: ['invoice-2026-14.pdf'],
};

/** A seller in the directory and a seller account (roster member) bound to it. */
export async function sellerWithAccount(ds: DataSource) {
  const seller = await insertSeller(ds, { id: `ap-seller-${randomUUID().slice(0, 8)}`, strategic: false, annualSales: 100_000 });
  const account = `acct-${seller.id}`;
  await ds.query(
    `INSERT INTO roster_members (user_id, display_name, role, team, skills, capacity) VALUES ($1, $1, 'seller', $2, '{"kinds": [], "marketplaces": [], "languages": []}', 0)`,
    [account, `seller:${seller.id}`],
  );
  return { sellerId: seller.id, account };
}

export async function enforcementAccount(ds: DataSource): Promise<string> {
  const id = `enforcer-${randomUUID().slice(0, 8)}`;
  await ds.query(
    `INSERT INTO roster_members (user_id, display_name, role, team, skills, capacity) VALUES ($1, $1, 'enforcement_system', 'enforcement', '{"kinds": [], "marketplaces": [], "languages": []}', 0)`,
    [id],
  );
  return id;
}

export function appealClient(ctx: IntegrationContext) {
  const server = () => ctx.app!.getHttpServer();
  const as = (userId: string) => {
    const auth = bearer(userId);
    return {
      get: (url: string) => request(server()).get(url).set('Authorization', auth),
      post: (url: string) => request(server()).post(url).set('Authorization', auth),
    };
  };

  async function act(userId: string, id: string, path: string, body: Record<string, unknown> = {}, expected = 200): Promise<AppealBody> {
    const res = await as(userId).post(`/appeals/${id}/${path}`).send(body);
    if (res.status !== expected) throw new Error(`${path} by ${userId}: expected ${expected}, got ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as AppealBody;
  }

  /** An external enforcement reported by the enforcement system, then appealed by the seller. */
  async function appealExternal(enforcer: string, seller: { sellerId: string; account: string }, decidedBy: string[] = ['enforcer.one'], extra: { language?: string } = {}) {
    const enforcementId = `ext-${randomUUID().slice(0, 8)}`;
    const reported = await as(enforcer).post('/enforcements/inbound').send({ enforcementId, sellerId: seller.sellerId, type: 'suspension', upstreamTeam: 'SPIV', reason: 'identity documents did not match', decidedBy });
    if (reported.status !== 200) throw new Error(`report: ${reported.status} ${JSON.stringify(reported.body)}`);
    const res = await as(seller.account).post('/seller/appeals').send({ sellerId: seller.sellerId, enforcement: { source: 'external', ref: enforcementId }, plan: PLAN, ...extra });
    if (res.status !== 201) throw new Error(`appeal: ${res.status} ${JSON.stringify(res.body)}`);
    return { enforcementId, appealId: (res.body as { id: string }).id };
  }

  return { as, act, appealExternal };
}
