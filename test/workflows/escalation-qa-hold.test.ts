import type { WorkflowHandle } from '@temporalio/client';
import { acknowledgeUpdate, awaitRecordedUpdate, escalationWorkflowId, getEscalationQuery, resolveUpdate } from '../../workflows/escalation/escalation.contract';
import type { escalationWorkflow } from '../../workflows/escalation/escalation.workflow';
import { adjudicateQaReviewUpdate, submitPeerReviewUpdate } from '../../workflows/qa-review/qa-review.contract';
import { escalationInput } from '../support/escalation-fixtures';
import { eventually } from '../support/eventually';
import { memberActor as memberActorOf, newStarterDate, QA_HOLD_SETTINGS, qaStatement, routedQaReview } from '../support/qa-hold';
import { QA_HOLDS_SET, recordHistory } from '../support/record-history';
import { createTimeSkippingContext, type TimeSkippingContext } from '../support/time-skipping';


/**
 * A resolution sampled for pre-release QA on the time-skipping server and the run's PostgreSQL: the
 * escalation holds it (qa_hold: no resolution, no message to the seller) while the blind review runs
 * as its child; agreement releases the maker's resolution, a disagreement the manager's adjudication.
 */
describe('escalation resolutions held for pre-release QA (time-skipping server, real PostgreSQL)', () => {
  let ctx: TimeSkippingContext;
  beforeAll(async () => {
    ctx = await createTimeSkippingContext();
  });
  afterAll(() => ctx.close());

  const qa = QA_HOLD_SETTINGS;
  /** A start date inside the policy's new-starter window: the resolution is sampled at 100% and held. */
  const newStarter = newStarterDate;
  const memberActor = (userId: string, team: string) => memberActorOf(ctx.dataSource, userId, team);

  /** A case worked by its routed assignee, resolved as a new starter: held. */
  async function heldCase(taskQueue: string) {
    const input = escalationInput({ settings: { qa } });
    const handle: WorkflowHandle<typeof escalationWorkflow> = await ctx.env.client.workflow.start<typeof escalationWorkflow>('escalationWorkflow', {
      taskQueue, workflowId: escalationWorkflowId(input.caseId), args: [input],
    });
    const started = await handle.executeUpdate(awaitRecordedUpdate);
    const maker = await memberActor(started.assigneeId!, input.team);
    await handle.executeUpdate(acknowledgeUpdate, { args: [{ actor: maker }] });
    const held = await handle.executeUpdate(resolveUpdate, {
      args: [{ actor: maker, resolutionCode: 'enforcement_upheld', rootCause: 'seller_bad_faith', upstreamTeam: 'tsi', note: 'Counterfeit confirmed', makerStartedOn: newStarter() }],
    });
    const reviewId = `${input.caseId}:escalation_resolution:1`;
    const { review, routed } = await routedQaReview(ctx.env.client, reviewId);
    return { input, handle, held, maker, review, reviewId, routed };
  }

  const statement = qaStatement;
  const caseRow = (caseId: string) => ctx.dataSource.query(`SELECT state, is_open FROM cases WHERE id = $1`, [caseId]).then((r: Array<{ state: string; is_open: boolean }>) => r[0]);
  const sellerMessages = (caseId: string) => ctx.dataSource.query(`SELECT template FROM notifications WHERE case_id = $1 AND template = 'case_resolved'`, [caseId]);

  it("holds the maker's resolution until the blind reviewer agrees, then it takes effect as an unsampled one would", async () => {
    await ctx.run(async (taskQueue) => {
      const { input, handle, held, maker, review, routed } = await heldCase(taskQueue);
      expect(held).toMatchObject({ state: 'qa_hold', case: { resolution: null, qaHold: { maker: maker.userId, decision: { decision: 'enforcement_upheld' } } } });
      expect(await caseRow(input.caseId)).toEqual({ state: 'qa_hold', is_open: true });
      expect(routed).toMatchObject({ status: 'awaiting_review', mode: 'pre_release', makerDecision: null });
      expect(await sellerMessages(input.caseId)).toEqual([]);

      const reviewer = routed.reviewerId ? await memberActor(routed.reviewerId, input.team) : await memberActor('max', input.team);
      expect(reviewer.userId).not.toBe(maker.userId);
      await review.executeUpdate(submitPeerReviewUpdate, { args: [statement(reviewer, 'enforcement_upheld', 'seller_bad_faith')] });

      const resolved = await eventually(() => handle.query(getEscalationQuery), (v) => v.state === 'resolved', { timeoutMs: 40_000 });
      expect(resolved.case).toMatchObject({ qaHold: null, resolution: { code: 'enforcement_upheld', rootCause: 'seller_bad_faith', resolvedBy: maker.userId } });
      await eventually(() => caseRow(input.caseId), (r) => r.state === 'resolved', { timeoutMs: 20_000 });
      await eventually(() => sellerMessages(input.caseId), (r) => r.length === 1, { timeoutMs: 20_000 });
      const [audit] = await ctx.dataSource.query(`SELECT from_state, to_state, details FROM case_events WHERE case_id = $1 AND action = 'qa_released'`, [input.caseId]);
      expect(audit).toMatchObject({ from_state: 'qa_hold', to_state: 'resolved', details: { overturned: false, qaStatus: 'agreed', decidedBy: reviewer.userId } });
      await recordHistory(ctx.env.client, QA_HOLDS_SET, 'escalation-held-released', handle.workflowId);
      await recordHistory(ctx.env.client, QA_HOLDS_SET, 'qa-review-escalation-agreed', review.workflowId);
    });
  });

  it('sends a disagreement to a manager; the adjudicated resolution takes effect and the audit trail records it was overturned', async () => {
    await ctx.run(async (taskQueue) => {
      const { input, handle, maker, review, routed } = await heldCase(taskQueue);
      const managers: Array<{ user_id: string }> = await ctx.dataSource.query(`SELECT user_id FROM roster_members WHERE team = $1 AND role = 'manager' AND active ORDER BY user_id`, [input.team]);
      const reviewerId = routed.reviewerId ?? managers[0].user_id;
      const reviewer = await memberActor(reviewerId, input.team);
      await review.executeUpdate(submitPeerReviewUpdate, { args: [statement(reviewer, 'enforcement_reversed', 'automation_false_positive')] });
      expect((await handle.query(getEscalationQuery)).state).toBe('qa_hold');

      const adjudicator = await memberActor(managers.find((m) => m.user_id !== reviewerId && m.user_id !== maker.userId)!.user_id, input.team);
      await review.executeUpdate(adjudicateQaReviewUpdate, { args: [statement(adjudicator, 'enforcement_reversed', 'automation_false_positive')] });

      const resolved = await eventually(() => handle.query(getEscalationQuery), (v) => v.state === 'resolved', { timeoutMs: 40_000 });
      expect(resolved.case.resolution).toMatchObject({ code: 'enforcement_reversed', rootCause: 'automation_false_positive', resolvedBy: adjudicator.userId });
      const [audit] = await eventually(
        (): Promise<Array<{ reason: string; details: Record<string, unknown> }>> =>
          ctx.dataSource.query(`SELECT reason, details FROM case_events WHERE case_id = $1 AND action = 'qa_released'`, [input.caseId]),
        (r) => r.length === 1,
        { timeoutMs: 20_000 },
      );
      expect(audit.details).toMatchObject({ overturned: true, qaStatus: 'adjudicated', makerDecision: 'enforcement_upheld', releasedDecision: 'enforcement_reversed', decidedBy: adjudicator.userId });
      expect(audit.reason).toContain('QA overturned');
      const [row] = await ctx.dataSource.query(`SELECT status, error_types FROM qa_decisions WHERE case_id = $1`, [input.caseId]);
      expect(row).toEqual({ status: 'adjudicated', error_types: ['false_positive'] });
      await recordHistory(ctx.env.client, QA_HOLDS_SET, 'escalation-held-overturned', handle.workflowId);
      await recordHistory(ctx.env.client, QA_HOLDS_SET, 'qa-review-escalation-adjudicated', review.workflowId);
    });
  });
});
