import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { playbookFor } from '../../workflows/strategic-review/playbooks';
import { bearer, type IntegrationContext } from '../support/harness';

/**
 * HTTP helpers for the strategic review API tests: a seller of the test's own in the directory (each
 * seller has at most one open review, and test files share the database), a review opened by `ben`
 * (specialist, seller-risk-us) and brought into review whatever routing decided, and the playbook's
 * checks completed.
 */
export interface ReviewBody {
  id: string;
  state: string;
  assigneeId: string | null;
  checks: Array<{ id: string; required: boolean; status: string }>;
  proposal: null | {
    decision: string;
    status: string;
    approval: null | { status: string; approvals: Array<{ by: string }>; stillNeeded: string };
    consultation: null | { status: string; response: string | null; handoffId: string };
  };
  allowedActions: Array<{ action: string; href: string }>;
  [key: string]: unknown;
}

export async function insertSeller(ds: DataSource, overrides: Partial<{ id: string; marketplace: string; legalName: string; annualSales: number; strategic: boolean; accountManagerId: string | null; linkedAccounts: string[] }> = {}) {
  const s = {
    id: `t-seller-${randomUUID().slice(0, 8)}`,
    marketplace: 'US',
    legalName: 'Test Seller LLC',
    annualSales: 18_000_000,
    strategic: true,
    accountManagerId: 'alex',
    linkedAccounts: [] as string[],
    ...overrides,
  };
  await ds.query(
    `INSERT INTO sellers (id, marketplace, legal_name, annual_sales, strategic, account_manager_id, linked_accounts) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [s.id, s.marketplace, s.legalName, s.annualSales, s.strategic, s.accountManagerId, s.linkedAccounts],
  );
  return { ...s, playbook: playbookFor(s).playbook };
}

export function reviewClient(ctx: IntegrationContext) {
  const server = () => ctx.app!.getHttpServer();
  const as = (userId: string) => {
    const auth = bearer(userId);
    return {
      get: (url: string) => request(server()).get(url).set('Authorization', auth),
      post: (url: string) => request(server()).post(url).set('Authorization', auth),
    };
  };

  async function act(userId: string, id: string, path: string, body: Record<string, unknown> = {}, expected = 200): Promise<ReviewBody> {
    const res = await as(userId).post(`/reviews/${id}/${path}`).send(body);
    if (res.status !== expected) throw new Error(`${path} by ${userId}: expected ${expected}, got ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as ReviewBody;
  }

  /** A new review of `sellerId`, in review with `reviewer` (ben or dana of seller-risk-us). */
  async function reviewInReview(sellerId: string, reviewer: 'ben' | 'dana' = 'ben'): Promise<ReviewBody> {
    const res = await as(reviewer).post('/reviews').send({ sellerId, summary: `Strategic review of ${sellerId}` });
    if (res.status !== 201) throw new Error(`create: ${res.status} ${JSON.stringify(res.body)}`);
    let r = res.body as ReviewBody;
    if (r.state === 'queued') return act(reviewer, r.id, 'claim');
    if (r.assigneeId !== reviewer) r = await act('mia', r.id, 'reassign', { assigneeId: reviewer, reason: 'test setup' });
    return act(reviewer, r.id, 'acknowledge');
  }

  /** Every required check completed (clear unless `concerns` names it), then the risk assessed. */
  async function checksDone(reviewer: string, r: ReviewBody, concerns: string[] = []): Promise<ReviewBody> {
    for (const check of r.checks.filter((c) => c.required)) {
      await act(reviewer, r.id, 'checks', {
        checkId: check.id,
        finding: concerns.includes(check.id) ? 'concern' : 'clear',
        notes: `Reviewed ${check.id}`,
        evidence: [`doc://${check.id}/1`],
      });
    }
    return act(reviewer, r.id, 'risk-assessment');
  }

  const enforcement = { decision: 'listing_restriction', reasonCode: 'identity_misrepresentation', policyCitation: 'Seller Code of Conduct §4.2', rationale: 'The registered director does not match the trade register.', durationDays: 30 };

  return { as, act, reviewInReview, checksDone, enforcement };
}
