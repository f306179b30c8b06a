import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { answerHandoffUpdate, getHandoffQuery, handoffWorkflowId } from '../../workflows/handoff/handoff.contract';
import {
  awaitRecordedUpdate,
  escalationWorkflowId,
  getEscalationQuery,
  handOffUpdate,
  requestInfoUpdate,
  resolveUpdate,
} from '../../workflows/escalation/escalation.contract';
import type { escalationWorkflow } from '../../workflows/escalation/escalation.workflow';
import { actors, escalationInput, startAcknowledgedCase } from '../support/escalation-fixtures';
import { eventually } from '../support/eventually';
import { createTimeSkippingContext, type TimeSkippingContext } from '../support/time-skipping';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('handoffs, seller deadlines and leases (time-skipping server, real PostgreSQL)', () => {
  let ctx: TimeSkippingContext;
  let db: DataSource;

  beforeAll(async () => {
    ctx = await createTimeSkippingContext();
    db = ctx.dataSource;
  });
  afterAll(() => ctx.close());

  /** A case in progress: started, recorded and acknowledged by the specialist routing chose. */
  async function workingCase(taskQueue: string, input = escalationInput({ severity: 'high' })) {
    const { handle, holder, caseId } = await startAcknowledgedCase(ctx.env.client, taskQueue, input);
    return { handle, assignee: holder, caseId };
  }

  it('waits on a Legal handoff, refuses an answer from Policy, and resumes when Legal answers', async () => {
    await ctx.run(async (taskQueue) => {
      const { handle, assignee, caseId } = await workingCase(taskQueue);
      let view = await handle.executeUpdate(handOffUpdate, {
        args: [{ actor: assignee, team: 'legal', question: 'May we suspend under the IP policy?' }],
      });
      expect(view.state).toBe('waiting_on_handoff');
      const handoffId = view.case.handoffs[0].id;
      const handoff = ctx.env.client.workflow.getHandle(handoffWorkflowId(handoffId));
      await eventually(() => db.query(`SELECT status FROM handoffs WHERE id = $1`, [handoffId]), (r) => r[0]?.status === 'open');

      const refused = await handoff
        .executeUpdate(answerHandoffUpdate, { args: [{ actor: actors.paul, outcome: 'approve', notes: 'Fine by policy' }] })
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
      expect((refused as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'forbidden' });

      const answered = await handoff.executeUpdate(answerHandoffUpdate, {
        args: [{ actor: actors.lea, outcome: 'approve', notes: 'Suspension is proportionate', citation: 'IP policy §4.2' }],
      });
      expect(answered.status).toBe('answered');

      view = await eventually(() => handle.query(getEscalationQuery), (v) => v.state === 'in_progress');
      expect(view.case.handoffs[0]).toMatchObject({ status: 'answered', outcome: 'approve', answeredBy: 'lea' });
      const [row] = await db.query(`SELECT status, outcome, citation, answered_by FROM handoffs WHERE id = $1`, [handoffId]);
      expect(row).toEqual({ status: 'answered', outcome: 'approve', citation: 'IP policy §4.2', answered_by: 'lea' });
      const actions = await eventually(
        () => db.query(`SELECT action, actor_id FROM case_events WHERE case_id = $1 ORDER BY seq`, [caseId]),
        (rows) => rows.some((r: { action: string }) => r.action === 'handoff_answered'),
      );
      expect(actions).toEqual(expect.arrayContaining([{ action: 'handoff_answered', actor_id: 'lea' }]));
    });
  });

  it('reminds the team, then escalates an unanswered handoff to the team lead with a task', async () => {
    await ctx.run(async (taskQueue) => {
      const { handle, assignee } = await workingCase(taskQueue);
      const view = await handle.executeUpdate(handOffUpdate, {
        args: [{ actor: assignee, team: 'legal', question: 'Is the takedown notice valid?' }],
      });
      const handoffId = view.case.handoffs[0].id;
      const handoff = ctx.env.client.workflow.getHandle(handoffWorkflowId(handoffId));

      // Legal has 16 business hours (Berlin, 09:00-18:00 with lunch); a week covers them whatever today is.
      await ctx.env.sleep(7 * DAY);
      const h = await handoff.query(getHandoffQuery);
      expect(h.status).toBe('open');
      expect(h.remindedAt).not.toBeNull();
      expect(h.escalatedAt).not.toBeNull();
      expect(h.escalatedAt!).toBeGreaterThan(h.remindedAt!);

      const notes = await eventually(
        () => db.query(`SELECT user_id, template FROM notifications WHERE id LIKE $1 ORDER BY created_at`, [`${handoffWorkflowId(handoffId)}:%`]),
        (rows) => rows.some((r: { template: string }) => r.template === 'handoff_escalated'),
      );
      const reminded = notes.filter((n: { template: string }) => n.template === 'handoff_reminder').map((n: { user_id: string }) => n.user_id);
      const legal = await db.query(`SELECT user_id FROM roster_members WHERE team = 'legal' AND active ORDER BY user_id`);
      expect(reminded.sort()).toEqual(legal.map((m: { user_id: string }) => m.user_id));
      expect(reminded).toEqual(expect.arrayContaining(['lea', 'leo']));
      expect(notes.filter((n: { template: string }) => n.template === 'handoff_escalated')).toEqual([
        { user_id: 'lea', template: 'handoff_escalated' },
      ]);
      const tasks = await db.query(`SELECT kind, team, status FROM tasks WHERE id LIKE $1 ORDER BY kind`, [`${handoffId}/%`]);
      expect(tasks).toEqual([
        { kind: 'handoff', team: 'legal', status: 'open' },
        { kind: 'handoff_escalation', team: 'legal', status: 'open' },
      ]);
      const [row] = await db.query(`SELECT breached FROM handoffs WHERE id = $1`, [handoffId]);
      expect(row.breached).toBe(true);
    });
  });

  it('cancels open handoffs when the case is resolved', async () => {
    await ctx.run(async (taskQueue) => {
      const { handle, assignee } = await workingCase(taskQueue);
      let view = await handle.executeUpdate(handOffUpdate, {
        args: [{ actor: assignee, team: 'policy', question: 'FYI: repeat offender', blocking: false }],
      });
      expect(view.state).toBe('in_progress');
      const handoffId = view.case.handoffs[0].id;
      view = await handle.executeUpdate(resolveUpdate, {
        args: [{ actor: assignee, resolutionCode: 'enforcement_upheld', rootCause: 'seller_bad_faith' }],
      });
      expect(view.state).toBe('resolved');
      const [row] = await eventually(
        () => db.query(`SELECT status FROM handoffs WHERE id = $1`, [handoffId]),
        (r) => r[0]?.status === 'cancelled',
      );
      expect(row.status).toBe('cancelled');
    });
  });

  it('reminds the seller, then returns the case to the specialist with a note when the seller misses the deadline; the team has not breached', async () => {
    await ctx.run(async (taskQueue) => {
      const { handle, assignee, caseId } = await workingCase(taskQueue, escalationInput({ severity: 'high', language: 'de' }));
      const now = await ctx.env.currentTimeMs();
      let view = await handle.executeUpdate(requestInfoUpdate, {
        args: [{ actor: assignee, question: 'Proof of authenticity for SKU 123', deadline: now + 24 * HOUR }],
      });
      expect(view.state).toBe('waiting_on_seller');
      // The seller's clock warns at 60% of their window (the policy's reminder point): the seller is reminded, in German.
      await ctx.env.sleep(15 * HOUR);
      const reminders = await eventually(
        () => db.query(`SELECT user_id, message FROM notifications WHERE case_id = $1 AND template = 'seller_info_reminder'`, [caseId]),
        (rows) => rows.length > 0,
      );
      expect(reminders).toEqual([{ user_id: `seller:${view.sellerId}`, message: expect.stringContaining('Erinnerung: Wir benötigen noch Ihre Antwort auf: Proof of authenticity for SKU 123') }]);
      const warnedStaff = await db.query(`SELECT user_id FROM notifications WHERE case_id = $1 AND template = 'sla_warning'`, [caseId]);
      expect(warnedStaff).toEqual([]);

      await ctx.env.sleep(10 * HOUR);
      view = await handle.query(getEscalationQuery);
      expect(view.state).toBe('in_progress');
      expect(view.case.lastNote?.text).toMatch(/did not answer/);
      expect(view.clocks.find((c) => c.kind === 'resolution')?.status).toBe('running');
      // The seller's own clock ran out; the team's SLA did not breach.
      expect(view.clocks.find((c) => c.kind === 'seller_response')?.status).toBe('breached');
      expect(view.breached).toBe(false);
      const notes = await eventually(
        () => db.query(`SELECT user_id FROM notifications WHERE case_id = $1 AND template = 'seller_deadline_expired'`, [caseId]),
        (rows) => rows.length > 0,
      );
      expect(notes).toEqual([{ user_id: assignee.userId }]);
      const [row] = await eventually(
        () => db.query(`SELECT breached, state FROM cases WHERE id = $1`, [caseId]),
        (rows) => rows[0]?.state === 'in_progress',
      );
      expect(row.breached).toBe(false);
      const attrs = (await handle.describe()).searchAttributes as Record<string, unknown[]>;
      expect(attrs.RiskdeskBreached).toEqual([false]);
    });
  });

  it('returns an assigned case nobody acknowledges to the team queue when the lease expires', async () => {
    await ctx.run(async (taskQueue) => {
      const input = escalationInput({ severity: 'low', settings: { claimLeaseMs: 30 * 60_000 } });
      const handle = await ctx.env.client.workflow.start<typeof escalationWorkflow>('escalationWorkflow', {
        taskQueue,
        workflowId: escalationWorkflowId(input.caseId),
        args: [input],
      });
      let view = await handle.executeUpdate(awaitRecordedUpdate);
      expect(view.state).toBe('assigned');
      const holder = view.assigneeId;
      await ctx.env.sleep(31 * 60_000);
      view = await handle.query(getEscalationQuery);
      expect(view.state).toBe('queued');
      expect(view.assigneeId).toBeNull();
      expect(view.openTasks.map((t) => t.kind)).toEqual(['queue']);
      const events = await eventually(
        () => db.query(`SELECT action, reason, details FROM case_events WHERE case_id = $1 AND action = 'lease_expired'`, [input.caseId]),
        (rows) => rows.length > 0,
      );
      expect(events[0]).toMatchObject({ reason: 'lease_expired', details: { previousAssigneeId: holder } });
    });
  });
});
