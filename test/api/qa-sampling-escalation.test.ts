import { eventually } from '../support/eventually';
import { createIntegrationContext, type IntegrationContext } from '../support/harness';
import { apiClient } from './escalation-api.helpers';

/**
 * With QA_SAMPLING=on, a new escalation samples its resolution at decision time: ana is a new starter
 * in the demo roster (started 21 days before seeding), so every resolution of hers is sampled (100%) and
 * held before release (the policy's new-starter mode): the case waits in qa_hold, where nobody can act
 * on it, while a blind QA review the case starts is routed to someone at least as senior (or waits for
 * a manager). The reviewer's agreement puts the resolution in effect.
 */
describe('QA sampling of escalation resolutions (QA_SAMPLING=on)', () => {
  let ctx: IntegrationContext;
  beforeAll(async () => {
    ctx = await createIntegrationContext({ api: true, env: { QA_SAMPLING: 'on' } });
  });
  afterAll(() => ctx.close());

  it("holds a new starter's resolution for its pre-release review, which releases it", async () => {
    const api = apiClient(ctx);
    const c = await api.caseWorkedBy('ana');
    const held = await api.action('ana', c.id, 'resolve', { resolutionCode: 'seller_remediated', rootCause: 'seller_error', note: 'Invoices check out' });
    expect(held.state).toBe('qa_hold');
    expect(held.allowedActions).toEqual([]);
    const asManager = await api.as('max').get(`/escalations/${c.id}`).expect(200);
    expect(asManager.body).toMatchObject({ state: 'qa_hold', allowedActions: [] });

    const rows = await eventually(
      () => ctx.dataSource.query(`SELECT id, decision_kind, maker_id, mode, sampled, status, stratum, rate, maker_decision FROM qa_decisions WHERE case_id = $1`, [c.id]),
      (r: unknown[]) => r.length === 1 && (r[0] as { status: string }).status === 'awaiting_review',
      { timeoutMs: 20_000 },
    );
    expect(rows[0]).toMatchObject({
      id: `${c.id}:escalation_resolution:1`,
      decision_kind: 'escalation_resolution',
      maker_id: 'ana',
      mode: 'pre_release',
      sampled: true,
      stratum: 'escalation_resolution|tier=-|decision=seller_remediated|tenure=new',
      rate: 1,
      maker_decision: { decision: 'seller_remediated', reason: 'seller_error' },
    });
    const [event] = await ctx.dataSource.query(`SELECT details FROM case_events WHERE case_id = $1 AND action = 'resolved'`, [c.id]);
    expect(event.details).toMatchObject({ qaSampled: true, qaHeld: true });

    // The review is a task on the case, never the maker's.
    const tasks = await eventually(
      (): Promise<Array<{ assignee_id: string | null; status: string }>> => ctx.dataSource.query(`SELECT assignee_id, status FROM tasks WHERE case_id = $1 AND kind = 'qa_review'`, [c.id]),
      (r) => r.length === 1,
      { timeoutMs: 20_000 },
    );
    expect(tasks[0].assignee_id).not.toBe('ana');
    const review = await api.as('max').get(`/qa-reviews/${c.id}:escalation_resolution:1`).expect(200);
    expect(review.body).toMatchObject({ status: 'awaiting_review', makerDecision: null, evidence: { summary: 'Buyers report counterfeit goods', category: 'counterfeit' } });

    const reviewer = tasks[0].assignee_id ?? 'max';
    await api.as(reviewer).post(`/qa-reviews/${c.id}:escalation_resolution:1/review`).send({ decision: 'seller_remediated', reason: 'seller_error', processError: false, notes: 'Agree' }).expect(200);
    const released = await eventually(
      async () => (await api.as('ana').get(`/escalations/${c.id}`).expect(200)).body,
      (b: { state: string; allowedActions: Array<{ action: string }> }) => b.state === 'resolved',
      { timeoutMs: 20_000 },
    );
    expect(released.allowedActions.map((a) => a.action)).toContain('reopen');
  });
});
