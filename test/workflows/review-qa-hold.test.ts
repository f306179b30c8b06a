import type { WorkflowHandle } from '@temporalio/client';
import { adjudicateQaReviewUpdate, submitPeerReviewUpdate } from '../../workflows/qa-review/qa-review.contract';
import * as c from '../../workflows/strategic-review/review.contract';
import type { strategicReviewWorkflow } from '../../workflows/strategic-review/review.workflow';
import { eventually } from '../support/eventually';
import { reviewActors as a, reviewInput } from '../support/review-fixtures';
import { createQaHoldBed, memberActor as memberActorOf, newStarterDate, QA_HOLD_SETTINGS, qaStatement, routedQaReview } from '../support/qa-hold';
import { QA_HOLDS_SET, recordHistory } from '../support/record-history';
import type { TimeSkippingContext } from '../support/time-skipping';

const HOUR = 3_600_000;
const TEAM = 'seller-risk-us';

/**
 * Strategic-review decisions sampled for pre-release QA on the time-skipping server: no_action is held
 * at once and closes the review when released; an approved enforcement is held once the consultation
 * window closed, before its saga, and a manager's adjudication decides what takes effect.
 */
describe('strategic-review decisions held for pre-release QA (time-skipping server, real PostgreSQL)', () => {
  let ctx: TimeSkippingContext;
  let bed: Awaited<ReturnType<typeof createQaHoldBed>>;
  // A database of its own with a second manager of the team, so a disagreement a manager reviewed can be adjudicated by the other.
  beforeAll(async () => {
    bed = await createQaHoldBed('review_qa_hold', TEAM);
    ctx = bed.ctx;
  });
  afterAll(() => bed?.close());

  type Handle = WorkflowHandle<typeof strategicReviewWorkflow>;
  const qa = QA_HOLD_SETTINGS;
  const newStarter = newStarterDate;
  const memberActor = (userId: string) => memberActorOf(ctx.dataSource, userId, TEAM);

  async function readyToPropose(taskQueue: string): Promise<Handle> {
    const base = reviewInput();
    const input = { ...base, settings: { ...base.settings, qa } };
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

  async function reviewOf(caseId: string) {
    const { review, routed } = await routedQaReview(ctx.env.client, `${caseId}:strategic_review_decision:1`);
    return { review, reviewer: await memberActor(routed.reviewerId ?? 'mia') };
  }
  const statement = qaStatement;

  it('holds no_action until the reviewer agrees, then the review closes', async () => {
    await ctx.run(async (taskQueue) => {
      const handle = await readyToPropose(taskQueue);
      const held = await handle.executeUpdate(c.proposeDecisionUpdate, {
        args: [{ actor: a.ben, decision: 'no_action', reasonCode: 'no_violation', policyCitation: 'Seller Code of Conduct §2', rationale: 'Nothing found', makerStartedOn: newStarter() }],
      });
      expect(held).toMatchObject({ state: 'qa_hold', review: { outcome: null } });
      const { review, reviewer } = await reviewOf(held.caseId);
      await review.executeUpdate(submitPeerReviewUpdate, { args: [statement(reviewer, 'no_action', 'no_violation')] });
      const closed = await eventually(() => handle.query(c.getReviewQuery), (v) => v.state === 'closed', { timeoutMs: 40_000 });
      expect(closed.review).toMatchObject({ outcome: 'no_action', qaHold: null });
      await recordHistory(ctx.env.client, QA_HOLDS_SET, 'review-no-action-held-released', handle.workflowId);
    });
  });

  it('holds an approved enforcement before its saga; the adjudicated no_action closes the review with nothing enforced', async () => {
    await ctx.run(async (taskQueue) => {
      const handle = await readyToPropose(taskQueue);
      await handle.executeUpdate(c.proposeDecisionUpdate, {
        args: [{ actor: a.ben, decision: 'warning', reasonCode: 'repeated_policy_violation', policyCitation: 'Seller Code of Conduct §2', rationale: 'Third breach', makerStartedOn: newStarter() }],
      });
      const approved = await handle.executeUpdate(c.approveDecisionUpdate, { args: [{ actor: a.mia }] });
      // Held where it would be enforced: at once, or once the consultation window has closed.
      if (approved.state === 'awaiting_consultation') await ctx.env.sleep(72 * HOUR + 60_000);
      const held = await eventually(() => handle.query(c.getReviewQuery), (v) => v.state === 'qa_hold', { timeoutMs: 40_000 });
      expect(held.review.enforcements).toEqual([]);

      const { review, reviewer } = await reviewOf(held.caseId);
      await review.executeUpdate(submitPeerReviewUpdate, { args: [statement(reviewer, 'no_action', 'no_violation')] });
      const adjudicator = await memberActor(['mia', 'nora'].find((m) => m !== reviewer.userId)!);
      await review.executeUpdate(adjudicateQaReviewUpdate, { args: [statement(adjudicator, 'no_action', 'no_violation')] });

      const closed = await eventually(() => handle.query(c.getReviewQuery), (v) => v.state === 'closed', { timeoutMs: 40_000 });
      expect(closed.review).toMatchObject({ outcome: 'no_action', enforcements: [], proposal: { decision: 'no_action', overturnedBy: adjudicator.userId } });
      const [audit] = await ctx.dataSource.query(`SELECT details FROM case_events WHERE case_id = $1 AND action = 'qa_released'`, [held.caseId]);
      expect(audit.details).toMatchObject({ overturned: true, makerDecision: 'warning', releasedDecision: 'no_action' });
      await recordHistory(ctx.env.client, QA_HOLDS_SET, 'review-enforcement-held-overturned', handle.workflowId);
      await recordHistory(ctx.env.client, QA_HOLDS_SET, 'qa-review-review-adjudicated', review.workflowId);
    });
  });
});
