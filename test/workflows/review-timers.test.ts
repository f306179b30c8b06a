import type { WorkflowHandle } from '@temporalio/client';
import * as c from '../../workflows/strategic-review/review.contract';
import type { strategicReviewWorkflow } from '../../workflows/strategic-review/review.workflow';
import { eventually } from '../support/eventually';
import { reviewActors as a, reviewInput } from '../support/review-fixtures';
import { createTimeSkippingContext, type TimeSkippingContext } from '../support/time-skipping';

/**
 * The review's timers on Temporal's time-skipping server (real PostgreSQL for the read model): a
 * pending approval reminds the approvers at its reminder point and escalates to the managers at its
 * deadline (the approval policy's SLA); the Account Management consultation window closes and the
 * review proceeds without an answer.
 */
const HOUR = 3_600_000;

describe('review timers (time-skipping server, real PostgreSQL)', () => {
  let ctx: TimeSkippingContext;
  beforeAll(async () => {
    ctx = await createTimeSkippingContext();
  });
  afterAll(() => ctx.close());

  type Handle = WorkflowHandle<typeof strategicReviewWorkflow>;

  /** Started, in review with ben, every required check clear, the risk assessed. */
  async function readyToPropose(taskQueue: string, input = reviewInput()): Promise<Handle> {
    const handle = await ctx.env.client.workflow.start<typeof strategicReviewWorkflow>(c.REVIEW_WORKFLOW_TYPE, { taskQueue, workflowId: c.reviewWorkflowId(input.caseId), args: [input] });
    const created = await handle.executeUpdate(c.awaitReviewRecordedUpdate);
    if (created.state === 'queued') await handle.executeUpdate(c.claimReviewUpdate, { args: [{ actor: a.ben }] });
    else {
      if (created.assigneeId !== 'ben') await handle.executeUpdate(c.reassignReviewUpdate, { args: [{ actor: a.mia, assigneeId: 'ben' }] });
      await handle.executeUpdate(c.acknowledgeReviewUpdate, { args: [{ actor: a.ben }] });
    }
    for (const check of created.review.checks.filter((x) => x.required)) {
      await handle.executeUpdate(c.completeCheckUpdate, { args: [{ actor: a.ben, checkId: check.id, finding: 'clear', notes: 'ok', evidence: ['doc://1'] }] });
    }
    await ctx.dataSource.query(
      `INSERT INTO sellers (id, marketplace, legal_name, annual_sales, strategic, account_manager_id) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [input.seller.sellerId, input.seller.marketplace, input.seller.legalName, input.seller.annualSales, input.seller.strategic, input.seller.accountManagerId],
    );
    await handle.executeUpdate(c.assessRiskUpdate, { args: [{ actor: a.ben }] });
    return handle;
  }

  const propose = (handle: Handle) =>
    handle.executeUpdate(c.proposeDecisionUpdate, {
      args: [{ actor: a.ben, decision: 'warning', reasonCode: 'repeated_policy_violation', policyCitation: 'Seller Code of Conduct §2', rationale: 'Third late-shipment breach this year' }],
    });

  const notices = (caseId: string, template: string) =>
    ctx.dataSource.query(`SELECT user_id FROM notifications WHERE case_id = $1 AND template = $2 ORDER BY user_id`, [caseId, template]) as Promise<Array<{ user_id: string }>>;

  it('reminds the approvers at the reminder point and escalates to the managers at the deadline', async () => {
    await ctx.run(async (taskQueue) => {
      const handle = await readyToPropose(taskQueue);
      const proposed = await propose(handle);
      const caseId = proposed.caseId;
      expect(proposed.review.proposal?.approval).toMatchObject({ status: 'pending', remindedAt: null, escalatedAt: null });

      await ctx.env.sleep(4 * HOUR + 60_000);
      const reminded = await eventually(() => notices(caseId, 'review_approval_reminder'), (rows) => rows.length > 0);
      expect(reminded.map((r) => r.user_id)).toEqual(expect.arrayContaining(['ben', 'dana', 'mia']));
      expect((await handle.query(c.getReviewQuery)).review.proposal?.approval?.remindedAt).not.toBeNull();
      expect(await notices(caseId, 'review_approval_escalated')).toEqual([]);

      await ctx.env.sleep(4 * HOUR);
      const escalated = await eventually(() => notices(caseId, 'review_approval_escalated'), (rows) => rows.length > 0);
      expect(escalated).toEqual([{ user_id: 'mia' }]);
      const view = await handle.query(c.getReviewQuery);
      expect(view.state).toBe('pending_approval');
      expect(view.openTasks.map((t) => t.kind).sort()).toEqual(['approval', 'approval_overdue', 'work']);

      // The manager approves: the consultation (72 h window) is still open, so the review waits for it.
      const approved = await handle.executeUpdate(c.approveDecisionUpdate, { args: [{ actor: a.mia }] });
      expect(approved.state).toBe('awaiting_consultation');
      expect(approved.openTasks.map((t) => t.kind)).toEqual(['work']);
      const [row] = await ctx.dataSource.query(`SELECT status FROM tasks WHERE case_id = $1 AND kind = 'approval_overdue'`, [caseId]);
      expect(row.status).toBe('done');
    });
  });

  it('proceeds to enforcement when the consultation window closes unanswered', async () => {
    await ctx.run(async (taskQueue) => {
      const handle = await readyToPropose(taskQueue);
      const proposed = await propose(handle);
      const consultation = proposed.review.proposal!.consultation!;
      expect(consultation.closesAt - consultation.requestedAt).toBe(72 * HOUR);
      await handle.executeUpdate(c.approveDecisionUpdate, { args: [{ actor: a.mia }] });

      await ctx.env.sleep(71 * HOUR);
      expect((await handle.query(c.getReviewQuery)).state).toBe('awaiting_consultation');
      await ctx.env.sleep(2 * HOUR);
      const done = await eventually(() => handle.query(c.getReviewQuery), (v) => v.state === 'closed');
      expect(done.review.proposal!.consultation).toMatchObject({ status: 'window_closed', response: null });
      expect(done.review.outcome).toBe('warning');
      const resolution = done.review.clocks.find((k) => k.id === 'resolution')!;
      expect(resolution.pauses).toEqual([expect.objectContaining({ reason: 'waiting_on_account_management' })]);
      const [handoff] = await ctx.dataSource.query(`SELECT status FROM handoffs WHERE id = $1`, [consultation.handoffId]);
      expect(handoff.status).toBe('cancelled');
      const events = await ctx.dataSource.query(`SELECT action, actor_id FROM case_events WHERE case_id = $1 AND action = 'consultation_window_closed'`, [done.caseId]);
      expect(events).toEqual([{ action: 'consultation_window_closed', actor_id: 'system' }]);
    });
  });

  it("waits for the account manager's answer when it comes in the window", async () => {
    await ctx.run(async (taskQueue) => {
      const handle = await readyToPropose(taskQueue);
      const proposed = await propose(handle);
      await handle.executeUpdate(c.approveDecisionUpdate, { args: [{ actor: a.mia }] });
      await ctx.env.sleep(5 * HOUR);
      const { answerHandoffUpdate, handoffWorkflowId } = await import('../../workflows/handoff/handoff.contract');
      await ctx.env.client.workflow
        .getHandle(handoffWorkflowId(proposed.review.proposal!.consultation!.handoffId))
        .executeUpdate(answerHandoffUpdate, { args: [{ actor: a.alex, outcome: 'approve', notes: 'Agreed; the seller was told last week' }] });
      const done = await eventually(() => handle.query(c.getReviewQuery), (v) => v.state === 'closed');
      expect(done.review.proposal!.consultation).toMatchObject({ status: 'answered', response: 'agree', answeredBy: 'alex' });
    });
  });
});
