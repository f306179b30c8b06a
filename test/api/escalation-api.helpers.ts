import { randomUUID } from 'node:crypto';
import { eventually as poll } from '../support/eventually';
import request from 'supertest';
import type { IntegrationContext } from '../support/harness';
import { bearer } from '../support/harness';

/**
 * HTTP helpers for the escalation API tests: requests as a demo roster member, cases driven into a
 * known state whatever routing decided (other test files share the roster, so who gets a new case,
 * or whether it queues, depends on their load), and a bounded wait for asynchronous projections.
 */
export function apiClient(ctx: IntegrationContext) {
  const server = () => ctx.app!.getHttpServer();
  const as = (userId: string) => {
    const auth = bearer(userId);
    return {
      get: (url: string) => request(server()).get(url).set('Authorization', auth),
      post: (url: string) => request(server()).post(url).set('Authorization', auth),
    };
  };

  async function createCase(overrides: Record<string, unknown> = {}, by = 'ana') {
    const res = await as(by)
      .post('/escalations')
      .send({
        sellerId: `seller-${randomUUID().slice(0, 8)}`,
        marketplace: 'DE',
        severity: 'high',
        category: 'counterfeit',
        source: 'seller_support',
        trigger: 'buyer_complaint',
        enforcementType: 'suspension',
        summary: 'Buyers report counterfeit goods',
        ...overrides,
      });
    if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as CaseBody;
  }

  async function action(userId: string, id: string, name: string, body: Record<string, unknown> = {}) {
    const res = await as(userId).post(`/escalations/${id}/${name}`).send(body);
    if (res.status !== 200) throw new Error(`${name} by ${userId} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as CaseBody;
  }

  /** A new EU case in progress with `userId` (ana or chloe) as its assignee. */
  async function caseWorkedBy(userId: 'ana' | 'chloe', overrides: Record<string, unknown> = {}) {
    let c = await createCase(overrides);
    if (c.state === 'queued') return action(userId, c.id, 'claim');
    if (c.assigneeId !== userId) c = await action('max', c.id, 'reassign', { assigneeId: userId, reason: 'test setup' });
    return action(userId, c.id, 'acknowledge');
  }

  /** A new EU case assigned (by routing or a manager) and not yet acknowledged. */
  async function assignedCase(overrides: Record<string, unknown> = {}) {
    const c = await createCase(overrides);
    if (c.state === 'assigned') return c;
    await action('ana', c.id, 'claim');
    return action('max', c.id, 'reassign', { assigneeId: 'chloe', reason: 'test setup' });
  }

  /** A new EU case waiting, unassigned, in the team queue. */
  async function queuedCase(overrides: Record<string, unknown> = {}) {
    const c = await createCase(overrides);
    if (c.state === 'queued') return c;
    return action(c.assigneeId!, c.id, 'release', { reason: 'test setup' });
  }

  return { as, createCase, action, caseWorkedBy, assignedCase, queuedCase };
}

export interface CaseBody {
  id: string;
  workflowId: string;
  state: string;
  assigneeId: string | null;
  team: string | null;
  [key: string]: unknown;
}

/**
 * Polls `probe` until it returns a value other than undefined (an error counts as not yet), on the
 * shared bounded poller in test/support/eventually.ts; `what` names the wait in the failure.
 */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  let last: unknown;
  const attempt = () =>
    probe().catch((err: unknown) => {
      last = err;
      return undefined;
    });
  try {
    return (await poll(attempt, (v) => v !== undefined, { timeoutMs, intervalMs: 100 })) as T;
  } catch {
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
  }
}
