import { WorkflowUpdateFailedError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { ALWAYS_ON } from '../../workflows/common/business-calendar';
import { actors } from '../support/escalation-fixtures';
import { eventually } from '../support/eventually';
import { createScratchDatabase } from '../support/scratch-database';
import { createTimeSkippingContext, type TimeSkippingContext } from '../support/time-skipping';
import { decideUpdate, getDecisionQuery, recordedUpdate, type decisionWorkflow, type DecisionInput } from './minimal-kind/decision.workflow';

const MINUTE = 60_000;

/**
 * A case kind written from the case runtime alone (minimal-kind/decision.workflow.ts) gets everything
 * the escalation gets, with no machinery of its own: validated updates, a read model written before
 * an update answers, idempotent retries, durable SLA timers with a warning, notifications, audit.
 */
describe('a second case kind on the runtime (time-skipping server, real PostgreSQL)', () => {
  let ctx: TimeSkippingContext;
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  beforeAll(async () => {
    // Its rows borrow the escalation's kind: they live in a database of their own.
    scratch = await createScratchDatabase('minimal_kind');
    ctx = await createTimeSkippingContext({ workflowsPath: require.resolve('./minimal-kind/decision.workflow'), dataSource: scratch.dataSource });
  });
  afterAll(async () => {
    await ctx.close();
    await scratch.drop();
  });

  const input = (): DecisionInput => ({
    caseId: randomUUID(),
    sellerId: 'seller-minimal',
    team: 'seller-risk-eu',
    createdBy: actors.ana,
    sla: { kind: 'decision', budgetMs: 60 * MINUTE, warningFraction: 0.75, calendar: ALWAYS_ON },
  });
  const start = (taskQueue: string, i: DecisionInput) =>
    ctx.env.client.workflow.start<typeof decisionWorkflow>('decisionWorkflow', { taskQueue, workflowId: `decision-${i.caseId}`, args: [i] });

  it('records the case before answering, reminds the team at the warning point, and takes one decision once', async () => {
    await ctx.run(async (taskQueue) => {
      const i = input();
      const handle = await start(taskQueue, i);
      await handle.executeUpdate(recordedUpdate);
      const [row] = await ctx.dataSource.query(`SELECT kind, state, is_open, team FROM cases WHERE id = $1`, [i.caseId]);
      expect(row).toEqual({ kind: 'escalation', state: 'open', is_open: true, team: 'seller-risk-eu' });

      await ctx.env.sleep(46 * MINUTE);
      const reminded = await eventually(
        () => ctx.dataSource.query(`SELECT user_id FROM notifications WHERE case_id = $1 AND template = 'decision_warned'`, [i.caseId]),
        (rows) => rows.length > 0,
      );
      expect(reminded.map((r: { user_id: string }) => r.user_id)).toContain('ana');

      const refused = await handle.executeUpdate(decideUpdate, { args: [{ actor: actors.ben }] }).catch((e: unknown) => e);
      expect((refused as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'forbidden' });
      const decided = await handle.executeUpdate(decideUpdate, { args: [{ actor: actors.max }], updateId: `decide-${i.caseId}` });
      expect(decided).toMatchObject({ status: 'decided', decidedBy: 'max' });
      const again = await handle.executeUpdate(decideUpdate, { args: [{ actor: actors.max }], updateId: `decide-${i.caseId}` });
      expect(again.status).toBe('decided');
      expect(await handle.result()).toMatchObject({ status: 'decided' });

      const events = await ctx.dataSource.query(`SELECT seq, action, actor_id FROM case_events WHERE case_id = $1 ORDER BY seq`, [i.caseId]);
      expect(events).toEqual([
        { seq: 0, action: 'created', actor_id: 'ana' },
        { seq: 1, action: 'warned', actor_id: 'system' },
        { seq: 2, action: 'decided', actor_id: 'max' },
      ]);
      const [clock] = await ctx.dataSource.query(`SELECT status, warned FROM sla_clocks WHERE case_id = $1`, [i.caseId]);
      expect(clock).toEqual({ status: 'met', warned: true });
    });
  });

  it('lapses to the managers when nobody decides in time, and the workflow ends', async () => {
    await ctx.run(async (taskQueue) => {
      const i = input();
      const handle = await start(taskQueue, i);
      await handle.executeUpdate(recordedUpdate);
      await ctx.env.sleep(61 * MINUTE);
      expect(await handle.result()).toMatchObject({ status: 'lapsed' });
      const [row] = await ctx.dataSource.query(`SELECT state, is_open, breached FROM cases WHERE id = $1`, [i.caseId]);
      expect(row).toEqual({ state: 'lapsed', is_open: false, breached: true });
      const told = await eventually(
        () => ctx.dataSource.query(`SELECT user_id FROM notifications WHERE case_id = $1 AND template = 'decision_lapsed'`, [i.caseId]),
        (rows) => rows.length > 0,
      );
      expect(told.map((r: { user_id: string }) => r.user_id)).toContain('max');
      expect((await handle.query(getDecisionQuery)).status).toBe('lapsed');
    });
  });

  it('refuses to start on input it cannot run', async () => {
    await ctx.run(async (taskQueue) => {
      const bad = { ...input(), team: '' };
      const handle = await start(taskQueue, bad);
      await expect(handle.result()).rejects.toMatchObject({ cause: { type: 'invalid_input', message: expect.stringContaining('team') } });
    });
  });
});
