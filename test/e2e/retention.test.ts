import { apiClient, eventually } from '../api/escalation-api.helpers';
import { setNamespaceRetention } from '../../platform/temporal';
import { required, TEST_ENV } from '../support/env';
import { createIntegrationContext, type IntegrationContext } from '../support/harness';

/**
 * Retention: Temporal forgets a closed workflow's history after the namespace's retention; the read
 * model does not. A case whose workflow Temporal no longer has (deleted here, as retention would) still
 * tells its whole story through the API: state, clocks and the audit trail.
 */
describe('retention (real dev server, real PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let api: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    ctx = await createIntegrationContext({ api: true });
    api = apiClient(ctx);
  });
  afterAll(() => ctx.close());

  it("sets the namespace's retention as TEMPORAL_RETENTION_DAYS says", async () => {
    await setNamespaceRetention(required(TEST_ENV.temporalAddress), 'default', 30);
    const ns = await ctx.client.workflowService.describeNamespace({ namespace: 'default' });
    expect(Number(ns.config?.workflowExecutionRetentionTtl?.seconds)).toBe(30 * 24 * 3600);
  });

  it("keeps a case's story in the read model after Temporal's history is gone", async () => {
    const c = await api.caseWorkedBy('ana');
    await api.action('ana', c.id, 'resolve', { resolutionCode: 'duplicate', rootCause: 'not_applicable', note: 'Same as an earlier case' });
    const before = await api.as('max').get(`/cases/${c.id}`).expect(200);

    await ctx.client.workflowService.deleteWorkflowExecution({ namespace: 'default', workflowExecution: { workflowId: c.workflowId } });
    await eventually(
      () => ctx.client.workflow.getHandle(c.workflowId).describe().then(() => undefined, () => true),
      'Temporal to forget the workflow',
      15_000,
    );

    const after = await api.as('max').get(`/cases/${c.id}`).expect(200);
    expect(after.body).toEqual(before.body);
    const actions = after.body.timeline.map((e: { action: string }) => e.action);
    expect(actions[0]).toBe('created');
    expect(actions).toContain('resolved');
    expect(after.body.timeline.find((e: { action: string }) => e.action === 'resolved')).toMatchObject({ actorId: 'ana', toState: 'resolved' });
    expect(after.body.clocks.find((k: { id: string }) => k.id === 'resolution').status).toBe('met');

    // Temporal's own history view now has nothing; the audit trail beside it is whole.
    const history = await api.as('max').get(`/escalations/${c.id}/history`).expect(200);
    expect(history.body.events).toEqual([]);
    expect(history.body.audit.map((e: { action: string }) => e.action)).toEqual(actions);
  });
});
