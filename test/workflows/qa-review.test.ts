import { WorkflowUpdateFailedError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../workflows/common/actor';
import { ALWAYS_ON } from '../../workflows/common/business-calendar';
import {
  adjudicateQaReviewUpdate,
  awaitQaReviewRecordedUpdate,
  getQaReviewQuery,
  qaReviewWorkflowId,
  submitPeerReviewUpdate,
  type QaReviewInput,
  type QaStatementRequest,
} from '../../workflows/qa-review/qa-review.contract';
import type { qaReviewWorkflow } from '../../workflows/qa-review/qa-review.workflow';
import { eventually } from '../support/eventually';
import { patchMarkers } from '../support/history-markers';
import { createScratchDatabase } from '../support/scratch-database';
import { createTimeSkippingContext, type TimeSkippingContext } from '../support/time-skipping';
import { heldQuery, heldRecordedUpdate, type heldDecisionWorkflow, type HeldInput } from './qa-review/held-decision.workflow';
import type { SamplingPolicy } from '../../workflows/common/quality/sampling-policy';

const HOUR = 3_600_000;

/**
 * Blind peer review on the time-skipping server and a real PostgreSQL: the review is routed to a team
 * member at least as senior as the maker, holds the decision until the reviewer agrees (then the
 * deciding case releases it), goes to a manager on disagreement, and reminds and escalates the hold
 * on its clock. The deciding case here is a minimal kind (qa-review/held-decision.workflow.ts).
 */
describe('QA peer review (time-skipping server, real PostgreSQL)', () => {
  let ctx: TimeSkippingContext;
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  const team = 'qa-team';
  const member = (userId: string, role: Actor['role']): Actor => ({ userId, role, team });
  const newbie = member('qa-newbie', 'specialist');
  const later = member('qa-later', 'specialist');
  const veteran = member('qa-veteran', 'specialist');
  const boss = member('qa-boss', 'manager');

  beforeAll(async () => {
    scratch = await createScratchDatabase('qa_review');
    const skills = JSON.stringify({ kinds: ['escalation', 'strategic_review'], marketplaces: ['DE'], languages: ['en'] });
    for (const [userId, role, startedOn] of [
      [newbie.userId, 'specialist', '2026-11-20'],
      [later.userId, 'specialist', '2026-11-25'],
      [veteran.userId, 'specialist', '2024-01-08'],
      [boss.userId, 'manager', '2023-05-02'],
    ]) {
      await scratch.dataSource.query(
        `INSERT INTO roster_members (user_id, display_name, role, team, skills, capacity, started_on) VALUES ($1, $1, $2, $3, $4, 5, $5)`,
        [userId, role, team, skills, startedOn],
      );
    }
    ctx = await createTimeSkippingContext({ workflowsPath: require.resolve('./qa-review/held-decision.workflow'), dataSource: scratch.dataSource });
  });
  afterAll(async () => {
    await ctx.close();
    await scratch.drop();
  });

  const reviewInput = (caseId: string, mode: QaReviewInput['mode']): Omit<QaReviewInput, 'parentWorkflowId' | 'resultSignalName'> => ({
    reviewId: `${caseId}:strategic_review_decision:1`,
    caseId,
    caseKind: 'strategic_review',
    decisionKind: 'strategic_review_decision',
    team,
    marketplace: 'DE',
    maker: { userId: newbie.userId, role: 'specialist', startedOn: '2026-11-20' },
    makerDecision: { decision: 'suspension', reason: 'counterfeit_goods' },
    evidence: { sellerId: 'seller-held', checks: { identity: 'concern', listings: 'concern' } },
    mode,
    stratum: 'strategic_review_decision|tier=tier_4|decision=suspension|tenure=new',
    rate: 1,
    decidedAt: Date.UTC(2026, 11, 1, 10),
    hold: { remindAfterMs: 4 * HOUR, escalateAfterMs: 8 * HOUR },
    calendar: ALWAYS_ON,
  });
  /** Every decision sampled; the maker started under six weeks before deciding, so it is held. */
  const policy: SamplingPolicy = { version: 't', defaultRate: 1, defaultMode: 'post_release', newStarterWeeks: 6, newStarterRate: 1, newStarterMode: 'pre_release', rules: [] };
  const heldInput = (caseId: string): HeldInput => {
    const r = reviewInput(caseId, 'pre_release');
    return {
      caseId,
      team,
      facts: { caseId, decisionKind: r.decisionKind, team, marketplace: 'DE', tier: 'tier_4', maker: r.maker, decision: r.makerDecision, evidence: r.evidence, ordinal: 1, decidedAt: r.decidedAt, calendar: ALWAYS_ON },
      qa: { policy, hold: r.hold },
    };
  };
  const precreate = (caseId: string) =>
    scratch.dataSource.query(
      `INSERT INTO cases (id, kind, workflow_id, seller_id, marketplace, severity, summary, state, is_open, team, breached, created_by, snapshot, projection_seq, created_at, updated_at)
       VALUES ($1, 'escalation', $2, 'seller-held', 'DE', 'low', 'held decision', 'new', true, $3, false, 'test', '{}', 0, now(), now())`,
      [caseId, `held-${caseId}`, team],
    );
  const statement = (actor: Actor, decision: string, reason: string | null, processError = false): QaStatementRequest => ({ actor, decision, reason, processError, notes: `by ${actor.userId}` });
  const refusalOf = async (p: Promise<unknown>) => ((await p.catch((e: unknown) => e)) as WorkflowUpdateFailedError).cause as { type?: string; details?: unknown[] };

  it('holds a sampled decision until a blind reviewer at least as senior agrees, then the case releases it', async () => {
    await ctx.run(async (taskQueue) => {
      const caseId = randomUUID();
      // The case's row exists before its decision (as in production); the deciding case's first write moves it forward.
      await precreate(caseId);
      const input = heldInput(caseId);
      const reviewId = `${caseId}:strategic_review_decision:1`;
      const held = await ctx.env.client.workflow.start<typeof heldDecisionWorkflow>('heldDecisionWorkflow', { taskQueue, workflowId: `held-${caseId}`, args: [input] });
      expect(await held.executeUpdate(heldRecordedUpdate)).toMatchObject({ status: 'held' });

      const review = ctx.env.client.workflow.getHandle<typeof qaReviewWorkflow>(qaReviewWorkflowId(reviewId));
      // Routed like any work: the maker is excluded and qa-later started after the maker; qa-veteran gets it.
      const blind = await eventually(() => review.query(getQaReviewQuery), (v) => v.reviewerId !== null, { timeoutMs: 40_000 });
      expect(blind).toMatchObject({ status: 'awaiting_review', reviewerId: veteran.userId, makerDecision: null, evidence: input.facts.evidence, holdStatus: 'pending' });
      const [task] = await ctx.dataSource.query(`SELECT kind, assignee_id, status FROM tasks WHERE case_id = $1`, [caseId]);
      expect(task).toEqual({ kind: 'qa_review', assignee_id: veteran.userId, status: 'open' });

      expect(await refusalOf(review.executeUpdate(submitPeerReviewUpdate, { args: [statement(newbie, 'suspension', 'counterfeit_goods')] }))).toMatchObject({ type: 'forbidden' });
      expect(await refusalOf(review.executeUpdate(submitPeerReviewUpdate, { args: [statement(later, 'suspension', 'counterfeit_goods')] }))).toMatchObject({ type: 'forbidden' });
      expect((await held.query(heldQuery)).status).toBe('held');

      const agreed = await review.executeUpdate(submitPeerReviewUpdate, { args: [statement(veteran, 'suspension', 'counterfeit_goods')] });
      expect(agreed).toMatchObject({ status: 'agreed', errorTypes: [], holdStatus: 'approved', makerDecision: { decision: 'suspension' } });
      const released = await held.result();
      expect(released).toMatchObject({ status: 'released', decision: 'suspension', outcome: { status: 'agreed', overturned: false, errorTypes: [], mode: 'pre_release' } });
      // Started by the case runtime with the patches in force listed (patch-ids.ts): the review recorded no marker for them.
      expect(patchMarkers(await review.fetchHistory())).toEqual([]);

      const [row] = await ctx.dataSource.query(`SELECT status, reviewer_id, correct_decision, error_types, sampled FROM qa_decisions WHERE id = $1`, [reviewId]);
      expect(row).toEqual({ status: 'agreed', reviewer_id: veteran.userId, correct_decision: { decision: 'suspension', reason: 'counterfeit_goods' }, error_types: [], sampled: true });
      const [done] = await ctx.dataSource.query(`SELECT status FROM tasks WHERE case_id = $1 AND kind = 'qa_review'`, [caseId]);
      expect(done.status).toBe('done');
    });
  });

  it('sends a disagreement to a manager, who adjudicates; the outcome records each error type', async () => {
    await ctx.run(async (taskQueue) => {
      const caseId = randomUUID();
      // The case's row exists before its decision (as in production); the deciding case's first write moves it forward.
      await precreate(caseId);
      const input = heldInput(caseId);
      const reviewId = `${caseId}:strategic_review_decision:1`;
      const held = await ctx.env.client.workflow.start<typeof heldDecisionWorkflow>('heldDecisionWorkflow', { taskQueue, workflowId: `held-${caseId}`, args: [input] });
      await held.executeUpdate(heldRecordedUpdate);
      const review = ctx.env.client.workflow.getHandle<typeof qaReviewWorkflow>(qaReviewWorkflowId(reviewId));
      await eventually(() => review.query(getQaReviewQuery), (v) => v.reviewerId !== null, { timeoutMs: 40_000 });

      const disagreed = await review.executeUpdate(submitPeerReviewUpdate, { args: [statement(veteran, 'warning', 'counterfeit_goods')] });
      // The adjudicator sees both decisions; the hold was rejected and the case still waits.
      expect(disagreed).toMatchObject({ status: 'adjudicating', holdStatus: 'rejected', makerDecision: { decision: 'suspension' }, reviewerDecision: { decision: 'warning', by: veteran.userId } });
      expect((await held.query(heldQuery)).status).toBe('held');
      const tasks = await ctx.dataSource.query(`SELECT kind, assignee_id, status FROM tasks WHERE case_id = $1 ORDER BY kind`, [caseId]);
      expect(tasks).toEqual([
        { kind: 'qa_adjudication', assignee_id: null, status: 'open' },
        { kind: 'qa_review', assignee_id: veteran.userId, status: 'done' },
      ]);

      expect(await refusalOf(review.executeUpdate(adjudicateQaReviewUpdate, { args: [statement(veteran, 'warning', null)] }))).toMatchObject({ type: 'forbidden' });
      const bad = await refusalOf(review.executeUpdate(adjudicateQaReviewUpdate, { args: [statement(boss, 'ban', null)] }));
      expect(bad).toMatchObject({ type: 'validation_failed' });

      const adjudicated = await review.executeUpdate(adjudicateQaReviewUpdate, { args: [statement(boss, 'no_action', 'no_violation', true)] });
      expect(adjudicated).toMatchObject({ status: 'adjudicated', errorTypes: ['false_positive', 'process_error'], adjudication: { by: boss.userId, decision: 'no_action' } });
      expect(await held.result()).toMatchObject({ status: 'released', decision: 'no_action', outcome: { status: 'adjudicated', overturned: true } });

      const [row] = await ctx.dataSource.query(`SELECT status, adjudicated_by, error_types, reviewer_decision FROM qa_decisions WHERE id = $1`, [reviewId]);
      expect(row).toEqual({ status: 'adjudicated', adjudicated_by: boss.userId, error_types: ['false_positive', 'process_error'], reviewer_decision: { decision: 'warning', reason: 'counterfeit_goods' } });
    });
  });

  it('reminds at the hold\'s reminder point and escalates at its deadline while nobody reviews (post-release audit, no parent)', async () => {
    await ctx.run(async (taskQueue) => {
      const caseId = randomUUID();
      await scratch.dataSource.query(
        `INSERT INTO cases (id, kind, workflow_id, seller_id, marketplace, severity, summary, state, is_open, team, breached, created_by, snapshot, projection_seq, created_at, updated_at)
         VALUES ($1, 'strategic_review', $2, 'seller-audit', 'DE', 'low', 'audited decision', 'closed', false, $3, false, 'test', '{}', 1, now(), now())`,
        [caseId, `review-${caseId}`, team],
      );
      const input = reviewInput(caseId, 'post_release');
      const review = await ctx.env.client.workflow.start<typeof qaReviewWorkflow>('qaReviewWorkflow', { taskQueue, workflowId: qaReviewWorkflowId(input.reviewId), args: [input] });
      await review.executeUpdate(awaitQaReviewRecordedUpdate);
      await eventually(() => review.query(getQaReviewQuery), (v) => v.reviewerId !== null, { timeoutMs: 40_000 });
      await ctx.env.sleep(4 * HOUR + 60_000);
      const reminded = await eventually(() => review.query(getQaReviewQuery), (v) => v.remindedAt !== null, { timeoutMs: 40_000 });
      expect(reminded.escalatedAt).toBeNull();
      await ctx.env.sleep(4 * HOUR);
      const escalated = await eventually(() => review.query(getQaReviewQuery), (v) => v.escalatedAt !== null, { timeoutMs: 40_000 });
      expect(escalated).toMatchObject({ status: 'awaiting_review', holdStatus: 'pending' });
      const agreed = await review.executeUpdate(submitPeerReviewUpdate, { args: [statement(veteran, 'suspension', 'counterfeit_goods')] });
      expect(agreed.status).toBe('agreed');
      expect(await review.result()).toMatchObject({ status: 'agreed', mode: 'post_release' });
    });
  });
});
