import type { WorkflowHandle } from '@temporalio/client';
import * as c from '../../workflows/appeal/appeal.contract';
import type { appealWorkflow } from '../../workflows/appeal/appeal.workflow';
import { adjudicateQaReviewUpdate, submitPeerReviewUpdate } from '../../workflows/qa-review/qa-review.contract';
import { appealActors as a, appealInput, appealSettings } from '../support/appeal-fixtures';
import { eventually } from '../support/eventually';
import { createQaHoldBed, memberActor as memberActorOf, newStarterDate, QA_HOLD_SETTINGS, qaStatement, routedQaReview } from '../support/qa-hold';
import { QA_HOLDS_SET, recordHistory } from '../support/record-history';
import type { TimeSkippingContext } from '../support/time-skipping';

const TEAM = 'seller-risk-us';

/**
 * Appeal decisions sampled for pre-release QA on the time-skipping server and the run's PostgreSQL: a
 * denial is held at once, a reinstatement once its checker approved it; the blind review's agreement
 * puts the decision in effect, a disagreement the manager's adjudication (recorded as overturned).
 */
describe('appeal decisions held for pre-release QA (time-skipping server, real PostgreSQL)', () => {
  let ctx: TimeSkippingContext;
  let bed: Awaited<ReturnType<typeof createQaHoldBed>>;
  // A database of its own with a second manager of the team: nobody else is as senior as dana, so a
  // disagreement one manager reviewed is adjudicated by the other.
  beforeAll(async () => {
    bed = await createQaHoldBed('appeal_qa_hold', TEAM);
    ctx = bed.ctx;
  });
  afterAll(() => bed?.close());

  type Handle = WorkflowHandle<typeof appealWorkflow>;
  const qa = QA_HOLD_SETTINGS;
  /** Inside the policy's new-starter window: dana's decisions are sampled at 100% and held. */
  const newStarter = newStarterDate;
  const memberActor = (userId: string) => memberActorOf(ctx.dataSource, userId, TEAM);

  async function inReview(taskQueue: string): Promise<Handle> {
    const input = appealInput({ settings: appealSettings({ qa }) });
    const handle = await ctx.env.client.workflow.start<typeof appealWorkflow>(c.APPEAL_WORKFLOW_TYPE, { taskQueue, workflowId: c.appealWorkflowId(input.caseId), args: [input] });
    const created = await handle.executeUpdate(c.awaitAppealRecordedUpdate);
    if (created.state === 'queued') await handle.executeUpdate(c.claimAppealUpdate, { args: [{ actor: a.dana }] });
    else {
      if (created.assigneeId !== 'dana') await handle.executeUpdate(c.reassignAppealUpdate, { args: [{ actor: a.mia, assigneeId: 'dana' }] });
      await handle.executeUpdate(c.acknowledgeAppealUpdate, { args: [{ actor: a.dana }] });
    }
    return handle;
  }

  const reviewOf = (caseId: string) => routedQaReview(ctx.env.client, `${caseId}:appeal_decision:1`);
  const statement = qaStatement;
  const sellerNotices = (caseId: string, template: string) => ctx.dataSource.query(`SELECT 1 FROM notifications WHERE case_id = $1 AND template = $2`, [caseId, template]) as Promise<unknown[]>;
  const managers = async (): Promise<string[]> =>
    (await ctx.dataSource.query(`SELECT user_id FROM roster_members WHERE team = $1 AND role = 'manager' AND active ORDER BY user_id`, [TEAM])).map((r: { user_id: string }) => r.user_id);

  it('holds a denial until the blind reviewer agrees; then the statement of reasons goes out and the appeal closes', async () => {
    await ctx.run(async (taskQueue) => {
      const handle = await inReview(taskQueue);
      const held = await handle.executeUpdate(c.decideAppealUpdate, {
        args: [{ actor: a.dana, decision: 'deny', reasonCode: 'corrective_actions_insufficient', rationale: 'No audit', facts: 'The audit report was not provided', makerStartedOn: newStarter() }],
      });
      expect(held).toMatchObject({ state: 'qa_hold', appeal: { statement: null, outcome: null, qaHold: { maker: 'dana' } } });
      const [row] = await ctx.dataSource.query(`SELECT state, is_open FROM cases WHERE id = $1`, [held.caseId]);
      expect(row).toEqual({ state: 'qa_hold', is_open: true });
      expect(await sellerNotices(held.caseId, 'appeal_denied')).toEqual([]);

      const { review, routed } = await reviewOf(held.caseId);
      expect(routed).toMatchObject({ mode: 'pre_release', makerDecision: null });
      const reviewer = await memberActor(routed.reviewerId ?? (await managers())[0]);
      await review.executeUpdate(submitPeerReviewUpdate, { args: [statement(reviewer, 'deny', 'corrective_actions_insufficient')] });

      const closed = await handle.result();
      expect(closed).toMatchObject({ state: 'closed', appeal: { outcome: 'denied', qaHold: null, statement: { decision: 'deny', facts: 'The audit report was not provided' } } });
      await eventually(() => sellerNotices(held.caseId, 'appeal_denied'), (r) => r.length === 1, { timeoutMs: 20_000 });
      const [audit] = await ctx.dataSource.query(`SELECT to_state, details FROM case_events WHERE case_id = $1 AND action = 'qa_released'`, [held.caseId]);
      expect(audit).toMatchObject({ to_state: 'closed', details: { overturned: false, qaStatus: 'agreed' } });
      await recordHistory(ctx.env.client, QA_HOLDS_SET, 'appeal-denial-held-released', handle.workflowId);
      await recordHistory(ctx.env.client, QA_HOLDS_SET, 'qa-review-appeal-agreed', review.workflowId);
    });
  });

  it('holds an approved reinstatement before its saga; a manager adjudicates the disagreement, and the adjudicated denial takes effect', async () => {
    await ctx.run(async (taskQueue) => {
      const handle = await inReview(taskQueue);
      const proposed = await handle.executeUpdate(c.decideAppealUpdate, {
        args: [{ actor: a.dana, decision: 'reinstate', reasonCode: 'plan_of_action_accepted', rationale: 'Plan complete', makerStartedOn: newStarter() }],
      });
      expect(proposed.state).toBe('pending_approval');
      const held = await handle.executeUpdate(c.approveReinstatementUpdate, { args: [{ actor: { userId: 'sam', role: 'senior_specialist', team: TEAM } }] });
      expect(held).toMatchObject({ state: 'qa_hold', appeal: { reinstatements: [] } });

      const { review, routed } = await reviewOf(held.caseId);
      const all = await managers();
      const reviewer = await memberActor(routed.reviewerId ?? all[0]);
      await review.executeUpdate(submitPeerReviewUpdate, { args: [statement(reviewer, 'deny', 'violation_confirmed')] });
      expect((await handle.query(c.getAppealQuery)).state).toBe('qa_hold');
      const adjudicator = await memberActor(all.find((m) => m !== reviewer.userId)!);
      await review.executeUpdate(adjudicateQaReviewUpdate, { args: [statement(adjudicator, 'deny', 'violation_confirmed')] });

      const closed = await handle.result();
      expect(closed).toMatchObject({ state: 'closed', appeal: { outcome: 'denied', reinstatements: [], statement: { reasonCode: 'violation_confirmed' }, decision: { decision: 'deny', decidedBy: adjudicator.userId } } });
      const [audit] = await ctx.dataSource.query(`SELECT reason, details FROM case_events WHERE case_id = $1 AND action = 'qa_released'`, [held.caseId]);
      expect(audit.details).toMatchObject({ overturned: true, qaStatus: 'adjudicated', makerDecision: 'reinstate', releasedDecision: 'deny', decidedBy: adjudicator.userId });
      expect(audit.reason).toContain('QA overturned reinstate');
      const [qaRow] = await ctx.dataSource.query(`SELECT status, error_types FROM qa_decisions WHERE case_id = $1`, [held.caseId]);
      expect(qaRow).toEqual({ status: 'adjudicated', error_types: ['false_negative'] });
      await recordHistory(ctx.env.client, QA_HOLDS_SET, 'appeal-reinstatement-held-overturned', handle.workflowId);
    });
  });
});
