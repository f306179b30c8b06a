import { temporal } from '@temporalio/proto';
import { randomUUID } from 'node:crypto';
import { bulkOperationWorkflowId } from '../../workflows/bulk-operation/bulk-operation.contract';
import { OPERATIONS_SET, recordHistory } from '../support/record-history';
import { bulkOperationWorkflow } from '../../workflows/bulk-operation/bulk-operation.workflow';
import { createIntegrationContext, type IntegrationContext } from '../support/harness';
import { apiClient, eventually } from './escalation-api.helpers';

/**
 * Bulk operations through HTTP on the real system: a batch workflow sends each selected case its normal
 * update under the caller's identity, so each case's own state and permission checks decide; pause,
 * resume and cancel steer it; results and progress are read back from the read model.
 */
describe('bulk operations (real Temporal, real PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let api: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    ctx = await createIntegrationContext({ api: true });
    api = apiClient(ctx);
  });
  afterAll(() => ctx.close());

  /** `n` new EU cases of one new seller, so a filter on the seller selects exactly them. */
  async function casesOfNewSeller(n: number) {
    const sellerId = `bulk-${randomUUID().slice(0, 8)}`;
    const cases = [];
    for (let i = 0; i < n; i++) cases.push(await api.caseWorkedBy('ana', { sellerId }));
    return { sellerId, cases };
  }

  const watch = (id: string, until: (b: { status: string; progress: { remaining: number } }) => boolean, what: string, by = 'max') =>
    eventually(async () => {
      const res = await api.as(by).get(`/bulk-operations/${id}`);
      return res.status === 200 && until(res.body) ? res.body : undefined;
    }, what, 20_000);

  /**
   * Sends a command while no worker runs and waits until Temporal has admitted it, so the batch's first
   * workflow task carries it: the command is applied before any case is sent, deterministically.
   */
  async function commandBeforeWorker(id: string, command: 'pause' | 'cancel', reason: string) {
    const key = `${command}-${id}`;
    const answer = api.as('max').post(`/bulk-operations/${id}/${command}`).set('Idempotency-Key', key).send({ reason }).then((res) => res);
    await eventually(
      () =>
        ctx.client.workflowService
          .pollWorkflowExecutionUpdate({
            namespace: 'default',
            updateRef: { workflowExecution: { workflowId: bulkOperationWorkflowId(id) }, updateId: `bulk-${command}:max:${key}` },
            identity: 'test',
            waitPolicy: { lifecycleStage: temporal.api.enums.v1.UpdateWorkflowExecutionLifecycleStage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ADMITTED },
          })
          .then(() => true),
      `the ${command} to be admitted`,
    );
    await ctx.startWorker();
    return answer;
  }

  const events = async (caseId: string, action: string) => {
    const [row] = await ctx.dataSource.query(`SELECT count(*)::int AS n, min(actor_id) AS actor FROM case_events WHERE case_id = $1 AND action = $2`, [caseId, action]);
    return row as { n: number; actor: string | null };
  };

  it("closes every selected case as the manager, and reports the case whose state forbids it as refused with the case's reason", async () => {
    const { sellerId, cases } = await casesOfNewSeller(3);
    await api.action('ana', cases[0].id, 'resolve', { resolutionCode: 'duplicate', rootCause: 'not_applicable' });

    const started = await api
      .as('max')
      .post('/bulk-operations')
      .send({ action: 'close', filter: { sellerId }, resolutionCode: 'duplicate', rootCause: 'not_applicable', note: 'Bulk clean-up' })
      .expect(202);
    expect(started.body).toMatchObject({ status: 'running', total: 3, location: `/bulk-operations/${started.body.id}` });

    const finished = await watch(started.body.id, (b) => b.status === 'completed', 'the batch to complete');
    expect(finished).toMatchObject({ team: 'seller-risk-eu', startedBy: 'max', action: { type: 'close' }, filter: { sellerId } });
    expect(finished.progress).toEqual({ total: 3, done: 2, refused: 1, remaining: 0 });
    const byCase = Object.fromEntries(finished.results.map((r: { caseId: string }) => [r.caseId, r]));
    expect(byCase[cases[0].id]).toMatchObject({ outcome: 'refused', code: 'invalid_transition', state: null });
    expect(byCase[cases[0].id].reason).toEqual(expect.stringContaining('resolved'));
    for (const c of cases.slice(1)) {
      expect(byCase[c.id]).toMatchObject({ outcome: 'done', code: null, reason: null, state: 'resolved' });
      // The case recorded the change as the manager's own act.
      expect(await events(c.id, 'resolved')).toEqual({ n: 1, actor: 'max' });
    }
    expect(await events(cases[0].id, 'resolved')).toEqual({ n: 1, actor: 'ana' });

    const listed = await api.as('max').get('/bulk-operations?status=completed').expect(200);
    expect(listed.body.items.map((b: { id: string }) => b.id)).toContain(started.body.id);
    // An operator sees every team's batches; another team's manager may not watch this one.
    const all = await api.as('olga').get('/bulk-operations').expect(200);
    expect(all.body.items.map((b: { id: string }) => b.id)).toContain(started.body.id);
    const foreign = await api.as('mia').get(`/bulk-operations/${started.body.id}`).expect(403);
    expect(foreign.body.message).toBe('the bulk operation belongs to team seller-risk-eu, and role manager acts only within team seller-risk-us');
    expect((await api.as('mia').get('/bulk-operations').expect(200)).body.items.map((b: { id: string }) => b.id)).not.toContain(started.body.id);

    // Nothing left to pause.
    const late = await api.as('max').post(`/bulk-operations/${started.body.id}/pause`).send({}).expect(409);
    expect(late.body.message).toMatch(/the batch is completed/);
    await recordHistory(ctx.client, OPERATIONS_SET, 'bulk-close-one-refused', bulkOperationWorkflowId(started.body.id));
  });

  it("runs each case's change under the caller's identity: an operator's reassignments are refused by every case", async () => {
    const { sellerId, cases } = await casesOfNewSeller(2);
    const started = await api.as('olga').post('/bulk-operations').send({ action: 'reassign', filter: { sellerId }, assigneeId: 'chloe', reason: 'Rebalancing' }).expect(202);
    const finished = await watch(started.body.id, (b) => b.status === 'completed', 'the batch to complete', 'olga');
    expect(finished.progress).toEqual({ total: 2, done: 0, refused: 2, remaining: 0 });
    for (const r of finished.results) expect(r).toMatchObject({ outcome: 'refused', code: 'forbidden', reason: 'role operator may not reassign escalation cases' });
    for (const c of cases) {
      const [byOlga] = await ctx.dataSource.query(`SELECT count(*)::int AS n FROM case_events WHERE case_id = $1 AND actor_id = 'olga'`, [c.id]);
      expect(byOlga.n).toBe(0);
    }
  });

  it('pauses before the next case, resumes, and finishes; extends each SLA once', async () => {
    const { sellerId, cases } = await casesOfNewSeller(3);
    // With no worker, the batch cannot send anything before the pause arrives.
    await ctx.stopWorker();
    const started = await api
      .as('max')
      .post('/bulk-operations')
      .set('Idempotency-Key', `bulk-${sellerId}`)
      .send({ action: 'extend_sla', filter: { sellerId }, clock: 'resolution', byMinutes: 120, reason: 'Backlog week', concurrency: 1 })
      .expect(202);
    const paused = await commandBeforeWorker(started.body.id, 'pause', 'Checking first');
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({ status: 'paused', progress: { total: 3, done: 0, refused: 0, remaining: 3 } });
    await watch(started.body.id, (b) => b.status === 'paused', 'the pause to be recorded');

    // The same request again finds the same batch.
    const again = await api
      .as('max')
      .post('/bulk-operations')
      .set('Idempotency-Key', `bulk-${sellerId}`)
      .send({ action: 'extend_sla', filter: { sellerId }, clock: 'resolution', byMinutes: 120, reason: 'Backlog week', concurrency: 1 })
      .expect(202);
    expect(again.body.id).toBe(started.body.id);

    const stillPaused = await api.as('max').get(`/bulk-operations/${started.body.id}`).expect(200);
    expect(stillPaused.body).toMatchObject({ status: 'paused', progress: { remaining: 3 }, results: [] });
    for (const c of cases) expect((await events(c.id, 'sla_extended')).n).toBe(0);

    const resumed = await api.as('max').post(`/bulk-operations/${started.body.id}/resume`).send({}).expect(200);
    expect(resumed.body.status).toBe('running');
    const finished = await watch(started.body.id, (b) => b.status === 'completed', 'the batch to complete');
    expect(finished.progress).toEqual({ total: 3, done: 3, refused: 0, remaining: 0 });
    for (const c of cases) expect(await events(c.id, 'sla_extended')).toEqual({ n: 1, actor: 'max' });
  });

  it('cancels: cases not yet sent are never changed', async () => {
    const { sellerId, cases } = await casesOfNewSeller(2);
    await ctx.stopWorker();
    const started = await api
      .as('max')
      .post('/bulk-operations')
      .send({ action: 'retriage', filter: { sellerId, kind: ['escalation'] }, severity: 'critical', reason: 'Wave of complaints' })
      .expect(202);
    const cancelled = await commandBeforeWorker(started.body.id, 'cancel', 'Wrong seller');
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', progress: { total: 2, remaining: 2 } });
    const recorded = await watch(started.body.id, (b) => b.status === 'cancelled', 'the cancel to be recorded');
    expect(recorded.finishedAt).not.toBeNull();
    await api.as('max').post(`/bulk-operations/${started.body.id}/resume`).send({}).expect(409);
    for (const c of cases) expect((await events(c.id, 'retriaged')).n).toBe(0);
  });

  it('continues as new between runs with its results carried (a long batch keeps a short history)', async () => {
    const { cases } = await casesOfNewSeller(3);
    const operationId = randomUUID();
    const workflowId = bulkOperationWorkflowId(operationId);
    // Started as the API would (signed, as the manager), with one case per run instead of 100.
    const first = await ctx.client.workflow.start(bulkOperationWorkflow, {
      taskQueue: ctx.taskQueue,
      workflowId,
      args: [{
        operationId,
        actor: { userId: 'max', role: 'manager', team: 'seller-risk-eu' },
        team: 'seller-risk-eu',
        action: { type: 'extend_sla', clock: 'resolution', byMinutes: 30, reason: 'Long batch' },
        filter: {},
        cases: cases.map((c) => ({ caseId: c.id, kind: 'escalation' as const, workflowId: c.workflowId, team: 'seller-risk-eu' })),
        concurrency: 1,
        createdAt: Date.now(),
        casesPerRun: 1,
      }],
    });
    const view = await ctx.client.workflow.getHandle<typeof bulkOperationWorkflow>(workflowId).result();
    expect(view).toMatchObject({ status: 'completed', progress: { total: 3, done: 3, refused: 0, remaining: 0 } });
    expect(view.results.map((r) => r.caseId).sort()).toEqual(cases.map((c) => c.id).sort());
    expect((await ctx.client.workflow.getHandle(workflowId, first.firstExecutionRunId).describe()).status.name).toBe('CONTINUED_AS_NEW');
    const recorded = await watch(operationId, (b) => b.status === 'completed', 'the batch in the read model');
    expect(recorded.results).toHaveLength(3);
    for (const c of cases) expect(await events(c.id, 'sla_extended')).toEqual({ n: 1, actor: 'max' });
  });

  it('refuses callers without the permission, missing fields by name, and selections of nothing', async () => {
    const denied = await api.as('ana').post('/bulk-operations').send({ action: 'close', filter: {}, resolutionCode: 'duplicate', rootCause: 'not_applicable' }).expect(403);
    expect(denied.body.message).toBe('role specialist may not run bulk operations');
    const missing = await api.as('max').post('/bulk-operations').send({ action: 'extend_sla', filter: {}, clock: 'resolution', reason: 'x' }).expect(400);
    expect(missing.body.details.fields).toEqual([{ field: 'byMinutes', problems: ['required for extend_sla'] }]);
    const none = await api.as('max').post('/bulk-operations').send({ action: 'close', filter: { sellerId: 'nobody-at-all' }, resolutionCode: 'duplicate', rootCause: 'not_applicable' }).expect(400);
    expect(none.body.details.fields).toEqual([{ field: 'filter', problems: ['selects no case'] }]);
    const worthy = await api.as('max').post('/bulk-operations').send({ action: 'close', filter: {}, resolutionCode: 'enforcement_upheld', rootCause: 'seller_error' }).expect(400);
    expect(worthy.body.details.fields[0].field).toBe('resolutionCode');
    await api.as('max').get(`/bulk-operations/${randomUUID()}`).expect(404);
  });
});
