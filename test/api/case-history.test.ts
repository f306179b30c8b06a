import { randomUUID } from 'node:crypto';
import { createIntegrationContext, type IntegrationContext } from '../support/harness';
import { eventually } from './escalation-api.helpers';
import { insertSeller, reviewClient, type ReviewBody } from './review-api.helpers';

/**
 * GET /cases/{id}/history: the Temporal history of a case of any kind, for operators and the team's
 * managers, with the child workflows its runs started (here a strategic review's enforcement saga)
 * rendered beside it. Real Temporal, worker and PostgreSQL.
 */
describe('GET /cases/:id/history (real Temporal and PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let api: ReturnType<typeof reviewClient>;

  beforeAll(async () => {
    ctx = await createIntegrationContext({ api: true });
    api = reviewClient(ctx);
  });
  afterAll(async () => ctx?.close());

  it("renders a strategic review's history with its enforcement saga as a child, for an operator and the team's manager", async () => {
    const seller = await insertSeller(ctx.dataSource, { annualSales: 8_000_000, strategic: false, accountManagerId: null });
    const r = await api.checksDone('ben', await api.reviewInReview(seller.id));
    await api.act('ben', r.id, 'decision', { ...api.enforcement, decision: 'warning', reasonCode: 'order_manipulation', durationDays: null });
    await api.act('dana', r.id, 'decision/approve', {});
    await eventually(async () => ((await api.as('ben').get(`/reviews/${r.id}`)).body as ReviewBody).state === 'closed' || undefined, 'the enforcement saga to finish', 30_000);

    const res = await api.as('olga').get(`/cases/${r.id}/history?compact=true&children=true`).expect(200);
    const body = res.body as {
      caseId: string;
      kind: string;
      workflowId: string;
      runs: Array<{ status: string }>;
      events: Array<{ type: string; name: string | null; workflowId?: string }>;
      audit: Array<{ action: string }>;
      children: Array<{ workflowId: string; workflowType: string | null; retained: boolean; events: Array<{ type: string; name: string | null }> }>;
    };
    expect(body).toMatchObject({ caseId: r.id, kind: 'strategic_review', runs: [{ status: 'COMPLETED' }] });
    expect(body.events.some((e) => e.type.startsWith('WORKFLOW_TASK_'))).toBe(false);
    expect(body.events.map((e) => e.name)).toEqual(expect.arrayContaining(['completeCheck', 'proposeDecision', 'approveDecision']));
    expect(body.audit.map((a) => a.action)).toEqual(expect.arrayContaining(['decision_proposed', 'decision_approved']));

    const started = body.events.filter((e) => e.type === 'START_CHILD_WORKFLOW_EXECUTION_INITIATED').map((e) => e.workflowId);
    expect(started.length).toBeGreaterThanOrEqual(1);
    expect(body.children.map((c) => c.workflowId)).toEqual(started);
    const saga = body.children.find((c) => c.workflowType === 'enforcementWorkflow');
    expect(saga).toMatchObject({ retained: true });
    expect(saga!.events[0].type).toBe('WORKFLOW_EXECUTION_STARTED');
    expect(saga!.events.at(-1)!.type).toBe('WORKFLOW_EXECUTION_COMPLETED');

    // Without ?children the children are not rendered; the team's manager may look too.
    const plain = await api.as('mia').get(`/cases/${r.id}/history`).expect(200);
    expect(plain.body.children).toBeUndefined();
    expect(plain.body.events.some((e: { type: string }) => e.type.startsWith('WORKFLOW_TASK_'))).toBe(true);
  });

  it('refuses callers who may not view history, unknown cases and bad parameters, each with its reason', async () => {
    const seller = await insertSeller(ctx.dataSource, { annualSales: 1_000_000, strategic: false, accountManagerId: null });
    const r = await api.reviewInReview(seller.id);
    const specialist = await api.as('ben').get(`/cases/${r.id}/history`).expect(403);
    expect(specialist.body.message).toMatch(/role specialist may not view the history of strategic review cases/);
    await api.as('olga').get(`/cases/${randomUUID()}/history`).expect(404);
    const bad = await api.as('olga').get(`/cases/${r.id}/history?children=yes`).expect(400);
    expect(bad.body.details.fields[0].field).toBe('children');
    const handoffsHere = await api.as('olga').get(`/cases/${r.id}/history?handoffs=true`).expect(400);
    expect(handoffsHere.body.details.fields[0].field).toBe('handoffs');
    // The escalation route keeps ?handoffs and refuses ?children.
    const escalationRoute = await api.as('olga').get(`/escalations/${r.id}/history?children=true`).expect(400);
    expect(escalationRoute.body.details.fields[0].field).toBe('children');
  });
});
