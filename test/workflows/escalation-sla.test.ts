import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import {
  acknowledgeUpdate,
  awaitRecordedUpdate,
  escalationWorkflowId,
  extendSlaUpdate,
  getEscalationQuery,
  recordSellerResponseUpdate,
  requestInfoUpdate,
  resolveUpdate,
} from '../../workflows/escalation/escalation.contract';
import type { escalationWorkflow } from '../../workflows/escalation/escalation.workflow';
import { actors, escalationInput } from '../support/escalation-fixtures';
import { eventually } from '../support/eventually';
import { createTimeSkippingContext, type TimeSkippingContext } from '../support/time-skipping';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('escalation SLA clocks (time-skipping server, real PostgreSQL)', () => {
  let ctx: TimeSkippingContext;
  let dataSource: DataSource;

  beforeAll(async () => {
    ctx = await createTimeSkippingContext();
    dataSource = ctx.dataSource;
  });
  afterAll(() => ctx.close());

  const start = async (taskQueue: string, input = escalationInput()) => {
    const handle = await ctx.env.client.workflow.start<typeof escalationWorkflow>('escalationWorkflow', {
      taskQueue,
      workflowId: escalationWorkflowId(input.caseId),
      args: [input],
    });
    return handle;
  };

  it('warns the assignee at 75%, then breaches and escalates to the team managers with a manager task', async () => {
    await ctx.run(async (taskQueue) => {
      // Critical: 1 h first response, counted around the clock.
      const handle = await start(taskQueue);
      let view = await handle.executeUpdate(awaitRecordedUpdate);
      expect(view.state).toBe('assigned');
      const assignee = view.assigneeId!;

      await ctx.env.sleep(46 * MINUTE);
      view = await handle.query(getEscalationQuery);
      expect(view.clocks.find((c) => c.kind === 'first_response')?.warned).toBe(true);
      expect(view.state).toBe('assigned');
      // Notifications go out after the change is recorded, so they may land a moment later.
      const warnings = await eventually(
        () => dataSource.query(`SELECT user_id FROM notifications WHERE case_id = $1 AND template = 'sla_warning'`, [view.caseId]),
        (rows) => rows.length > 0,
      );
      expect(warnings.map((w: { user_id: string }) => w.user_id)).toEqual([assignee]);

      await ctx.env.sleep(15 * MINUTE);
      view = await handle.query(getEscalationQuery);
      expect(view.state).toBe('escalated_to_manager');
      expect(view.breached).toBe(true);
      expect(view.openTasks.map((t) => t.kind)).toEqual(['manager_review']);
      const managerNotes = await eventually(
        () => dataSource.query(`SELECT user_id FROM notifications WHERE case_id = $1 AND template = 'case_escalated'`, [view.caseId]),
        (rows) => rows.length > 0,
      );
      // Every manager of the team, as the roster has it now (other test files may add members).
      const managers = await dataSource.query(
        `SELECT user_id FROM roster_members WHERE team = 'seller-risk-eu' AND role = 'manager' AND active ORDER BY user_id`,
      );
      expect(managers.map((m: { user_id: string }) => m.user_id)).toContain('max');
      expect(managerNotes.map((n: { user_id: string }) => n.user_id).sort()).toEqual(managers.map((m: { user_id: string }) => m.user_id));
      const [row] = await eventually(
        () => dataSource.query(`SELECT state, breached FROM cases WHERE id = $1`, [view.caseId]),
        (rows) => rows[0]?.state === 'escalated_to_manager',
      );
      expect(row).toEqual({ state: 'escalated_to_manager', breached: true });

      // The breach stays on record after a manager resolves the case.
      view = await handle.executeUpdate(resolveUpdate, {
        args: [{ actor: actors.max, resolutionCode: 'enforcement_upheld', rootCause: 'seller_bad_faith', note: 'Confirmed' }],
      });
      expect(view.state).toBe('resolved');
      expect(view.breached).toBe(true);
      const [resolved] = await dataSource.query(
        `SELECT c.state, c.breached, e.resolution_code FROM cases c JOIN escalation_cases e ON e.case_id = c.id WHERE c.id = $1`,
        [view.caseId],
      );
      expect(resolved).toEqual({ state: 'resolved', breached: true, resolution_code: 'enforcement_upheld' });
    });
  });

  it('moves the resolution deadline by exactly the time the case waited on the seller', async () => {
    await ctx.run(async (taskQueue) => {
      const handle = await start(taskQueue);
      let view = await handle.executeUpdate(awaitRecordedUpdate);
      const assignee = view.assigneeId === 'ana' ? actors.ana : actors.chloe;
      view = await handle.executeUpdate(acknowledgeUpdate, { args: [{ actor: assignee }] });
      const deadlineBefore = view.clocks.find((c) => c.kind === 'resolution')!.deadlineAt;

      const now = await ctx.env.currentTimeMs();
      await handle.executeUpdate(requestInfoUpdate, {
        args: [{ actor: assignee, question: 'Send invoices for the last 30 days', deadline: now + 48 * HOUR }],
      });
      await ctx.env.sleep(5 * HOUR);
      view = await handle.executeUpdate(recordSellerResponseUpdate, { args: [{ actor: assignee, summary: 'Invoices attached' }] });
      expect(view.state).toBe('in_progress');
      const resolution = view.clocks.find((c) => c.kind === 'resolution')!;
      expect(resolution.status).toBe('running');
      const paused = resolution.pauses[0];
      expect(resolution.deadlineAt - deadlineBefore).toBe(paused.resumedAt! - paused.at);
      expect(paused.resumedAt! - paused.at).toBeGreaterThanOrEqual(5 * HOUR);
    });
  });

  it('lets a manager extend a clock, with a reason on record, and refuses a specialist', async () => {
    await ctx.run(async (taskQueue) => {
      const handle = await start(taskQueue);
      let view = await handle.executeUpdate(awaitRecordedUpdate);
      const before = view.clocks.find((c) => c.kind === 'resolution')!.deadlineAt;

      const refused = await handle
        .executeUpdate(extendSlaUpdate, { args: [{ actor: actors.ana, clock: 'resolution', byMs: HOUR, reason: 'more time' }] })
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
      expect((refused as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'forbidden' });

      view = await handle.executeUpdate(extendSlaUpdate, {
        args: [{ actor: actors.max, clock: 'resolution', byMs: 2 * HOUR, reason: 'Waiting on a court order' }],
      });
      const after = view.clocks.find((c) => c.kind === 'resolution')!;
      expect(after.deadlineAt - before).toBe(2 * HOUR);
      expect(after.extensions).toEqual([expect.objectContaining({ byUserId: 'max', reason: 'Waiting on a court order', addedMs: 2 * HOUR })]);
    });
  });
});
