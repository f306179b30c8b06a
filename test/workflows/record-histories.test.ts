import { LIFECYCLES_SET, recordHistory } from '../support/record-history';
import { answerHandoffUpdate, handoffWorkflowId } from '../../workflows/handoff/handoff.contract';
import {
  acknowledgeUpdate,
  assignUpdate,
  awaitRecordedUpdate,
  escalationWorkflowId,
  getEscalationQuery,
  handOffUpdate,
  recordSellerResponseUpdate,
  renewLeaseUpdate,
  reopenUpdate,
  requestInfoUpdate,
  resolveUpdate,
  retriageUpdate,
} from '../../workflows/escalation/escalation.contract';
import type { escalationWorkflow } from '../../workflows/escalation/escalation.workflow';
import { HAND_BACK_WORKFLOW_TYPE, handBackWorkflowId } from '../../workflows/hand-back/hand-back.contract';
import type { handBackWorkflow } from '../../workflows/hand-back/hand-back.workflow';
import { actors, escalationInput } from '../support/escalation-fixtures';
import * as review from '../../workflows/strategic-review/review.contract';
import type { strategicReviewWorkflow } from '../../workflows/strategic-review/review.workflow';
import { enforcementWorkflowId } from '../../workflows/enforcement/enforcement.contract';
import { reviewActors, reviewInput } from '../support/review-fixtures';
import { eventually } from '../support/eventually';
import { createTimeSkippingContext, type TimeSkippingContext } from '../support/time-skipping';

/**
 * Runs representative case lifecycles and checks their outcomes. With RECORD_HISTORIES=1 it also
 * writes their event histories to test/replay/histories/, which the replay test replays against the
 * current workflow code: a change that breaks determinism for a recorded history fails `npm test`.
 * Re-record only for a deliberate, versioned change (see README: Changing a workflow).
 */
const HOUR = 3_600_000;

describe('representative lifecycles (recorded as replay histories on demand)', () => {
  let ctx: TimeSkippingContext;
  beforeAll(async () => {
    ctx = await createTimeSkippingContext();
  });
  afterAll(() => ctx.close());

  const save = (name: string, workflowId: string) => recordHistory(ctx.env.client, LIFECYCLES_SET, name, workflowId);

  it('full lifecycle: assign, acknowledge, seller info, handoff answered, resolve, reopen, resolve, close', async () => {
    await ctx.run(async (taskQueue) => {
      const input = escalationInput({ severity: 'high', settings: { reopenWindowMs: 24 * HOUR } });
      const workflowId = escalationWorkflowId(input.caseId);
      const handle = await ctx.env.client.workflow.start<typeof escalationWorkflow>('escalationWorkflow', { taskQueue, workflowId, args: [input] });
      const created = await handle.executeUpdate(awaitRecordedUpdate);
      const me = created.assigneeId === 'ana' ? actors.ana : actors.chloe;
      await handle.executeUpdate(acknowledgeUpdate, { args: [{ actor: me }] });
      const now = await ctx.env.currentTimeMs();
      await handle.executeUpdate(requestInfoUpdate, { args: [{ actor: me, question: 'Invoices please', deadline: now + 48 * HOUR }] });
      await ctx.env.sleep(2 * HOUR);
      await handle.executeUpdate(recordSellerResponseUpdate, { args: [{ actor: me, summary: 'Invoices attached' }] });
      const handedOff = await handle.executeUpdate(handOffUpdate, { args: [{ actor: me, team: 'legal', question: 'Valid?' }] });
      const handoffId = handedOff.case.handoffs[0].id;
      await ctx.env.client.workflow
        .getHandle(handoffWorkflowId(handoffId))
        .executeUpdate(answerHandoffUpdate, { args: [{ actor: actors.lea, outcome: 'advise', notes: 'Ask for a plan', citation: 'Policy 7' }] });
      await eventually(() => handle.query(getEscalationQuery), (v) => v.state === 'in_progress');
      await handle.executeUpdate(resolveUpdate, { args: [{ actor: me, resolutionCode: 'seller_remediated', rootCause: 'seller_error' }] });
      await handle.executeUpdate(reopenUpdate, { args: [{ actor: me, reason: 'Seller relisted the items' }] });
      await handle.executeUpdate(acknowledgeUpdate, { args: [{ actor: me }] });
      await handle.executeUpdate(resolveUpdate, { args: [{ actor: me, resolutionCode: 'enforcement_upheld', rootCause: 'seller_bad_faith' }] });
      await ctx.env.sleep(25 * HOUR);
      const final = await handle.result();
      expect(final.state).toBe('closed');
      expect(final.case.reopenCount).toBe(1);
      await save('escalation-full-lifecycle', workflowId);
      await save('handoff-answered', handoffWorkflowId(handoffId));
    });
  });

  it('SLA breach: warning, automatic escalation, manager resolution', async () => {
    await ctx.run(async (taskQueue) => {
      const input = escalationInput({ severity: 'critical', settings: { reopenWindowMs: HOUR } });
      const workflowId = escalationWorkflowId(input.caseId);
      const handle = await ctx.env.client.workflow.start<typeof escalationWorkflow>('escalationWorkflow', { taskQueue, workflowId, args: [input] });
      await handle.executeUpdate(awaitRecordedUpdate);
      await ctx.env.sleep(2 * HOUR);
      const escalated = await handle.query(getEscalationQuery);
      expect(escalated.state).toBe('escalated_to_manager');
      await handle.executeUpdate(resolveUpdate, { args: [{ actor: actors.max, resolutionCode: 'enforcement_upheld', rootCause: 'seller_bad_faith' }] });
      await ctx.env.sleep(2 * HOUR);
      const final = await handle.result();
      expect(final.state).toBe('closed');
      expect(final.breached).toBe(true);
      await save('escalation-sla-breach', workflowId);
    });
  });

  it('unanswered handoff: reminder, escalation to the lead, cancelled when the case resolves', async () => {
    await ctx.run(async (taskQueue) => {
      // A lease longer than the wait, and a resolution target the four days cannot breach on any
      // weekday the test starts (on a weekend start, medium's business hours ran out by Wednesday and
      // the breach escalated the case to a manager): this scenario is about the handoff.
      const base = escalationInput({ severity: 'medium', settings: { reopenWindowMs: HOUR, claimLeaseMs: 7 * 24 * HOUR } });
      const input = { ...base, settings: { ...base.settings, resolution: { ...base.settings.resolution, budgetMs: 30 * 24 * HOUR } } };
      const workflowId = escalationWorkflowId(input.caseId);
      const handle = await ctx.env.client.workflow.start<typeof escalationWorkflow>('escalationWorkflow', { taskQueue, workflowId, args: [input] });
      const created = await handle.executeUpdate(awaitRecordedUpdate);
      const me = created.assigneeId === 'ana' ? actors.ana : actors.chloe;
      await handle.executeUpdate(acknowledgeUpdate, { args: [{ actor: me }] });
      const view = await handle.executeUpdate(handOffUpdate, {
        args: [{ actor: me, team: 'customer_trust', question: 'Buyer impact?', blocking: false }],
      });
      const handoffId = view.case.handoffs[0].id;
      await ctx.env.sleep(4 * 24 * HOUR);
      await handle.executeUpdate(resolveUpdate, { args: [{ actor: me, resolutionCode: 'no_violation_found', rootCause: 'automation_false_positive', upstreamTeam: 'spiv' }] });
      const child = await ctx.env.client.workflow.getHandle(handoffWorkflowId(handoffId)).result();
      expect(child.status).toBe('cancelled');
      expect(child.escalatedAt).not.toBeNull();
      await ctx.env.sleep(2 * HOUR);
      await handle.result();
      await save('escalation-handoff-cancelled', workflowId);
      await save('handoff-escalated-cancelled', handoffWorkflowId(handoffId));
    });
  });

  it('out-of-office hand-back: the absent member\'s case goes back to the queue in the manager\'s name', async () => {
    await ctx.run(async (taskQueue) => {
      const input = escalationInput({ severity: 'low' });
      const handle = await ctx.env.client.workflow.start<typeof escalationWorkflow>('escalationWorkflow', {
        taskQueue,
        workflowId: escalationWorkflowId(input.caseId),
        args: [input],
      });
      const created = await handle.executeUpdate(awaitRecordedUpdate);
      const holder = created.assigneeId!;
      const until = (await ctx.env.currentTimeMs()) + 48 * HOUR;
      const workflowId = handBackWorkflowId(holder, until);
      const progress = await ctx.env.client.workflow.execute<typeof handBackWorkflow>(HAND_BACK_WORKFLOW_TYPE, {
        taskQueue,
        workflowId,
        args: [{ userId: holder, markedBy: actors.max, outOfOfficeUntil: until, markedAt: until - 48 * HOUR }],
      });
      expect(progress.released).toEqual(expect.arrayContaining([expect.objectContaining({ caseId: input.caseId, state: 'queued' })]));
      const view = await handle.query(getEscalationQuery);
      expect(view).toMatchObject({ state: 'queued', assigneeId: null });
      await save('hand-back', workflowId);
      await handle.terminate('scenario finished');
    });
  });

  it('identity-risk case: queued, assigned by the manager, lease renewed then lapsed, re-triaged, resolved with the upstream team', async () => {
    await ctx.run(async (taskQueue) => {
      // A team with nobody on the roster: routing queues the case and only its manager can give it out.
      const team = 'identity-desk';
      const mo = { userId: 'mo', role: 'manager', team } as const;
      const ivy = { userId: 'ivy', role: 'specialist', team } as const;
      const input = escalationInput({
        team, severity: 'high', category: 'identity_verification_failure', source: 'account_management',
        trigger: 'automated_detection', enforcementType: 'verification_block', createdBy: mo,
        settings: { reopenWindowMs: HOUR, claimLeaseMs: 2 * HOUR },
      });
      const workflowId = escalationWorkflowId(input.caseId);
      const handle = await ctx.env.client.workflow.start<typeof escalationWorkflow>('escalationWorkflow', { taskQueue, workflowId, args: [input] });
      expect((await handle.executeUpdate(awaitRecordedUpdate)).state).toBe('queued');
      expect((await handle.executeUpdate(assignUpdate, { args: [{ actor: mo, assigneeId: 'ivy', reason: 'knows the seller' }] })).assigneeId).toBe('ivy');
      await handle.executeUpdate(acknowledgeUpdate, { args: [{ actor: ivy }] });
      await ctx.env.sleep(HOUR + HOUR / 2);
      await handle.executeUpdate(renewLeaseUpdate, { args: [{ actor: ivy }] });
      await ctx.env.sleep(HOUR);
      expect((await handle.query(getEscalationQuery)).assigneeId).toBe('ivy');
      await ctx.env.sleep(2 * HOUR);
      await eventually(async () => (await handle.query(getEscalationQuery)).state, (state) => state === 'queued');
      const retriaged = await handle.executeUpdate(retriageUpdate, { args: [{ actor: mo, severity: 'critical', reason: 'funds of 40 buyers at stake' }] });
      expect(retriaged.severity).toBe('critical');
      await handle.executeUpdate(assignUpdate, { args: [{ actor: mo, assigneeId: 'ivy' }] });
      await handle.executeUpdate(acknowledgeUpdate, { args: [{ actor: ivy }] });
      await handle.executeUpdate(resolveUpdate, {
        args: [{ actor: ivy, resolutionCode: 'enforcement_reversed', rootCause: 'automation_false_positive', upstreamTeam: 'spiv' }],
      });
      await ctx.env.sleep(2 * HOUR);
      const final = await handle.result();
      expect(final).toMatchObject({ state: 'closed', severity: 'critical', breached: false });
      await save('escalation-identity-risk', workflowId);
    });
  });

  /**
   * Recorded while strategic-top version 1 was the current playbook: after a new version is published,
   * this history must still replay (the review keeps the version it started on).
   */
  it('strategic review on the top tier: checks, risk, quorum, consultation answered, enforcement applied', async () => {
    await ctx.run(async (taskQueue) => {
      // Version 1, as it was current when this history was recorded (version 2 has since been published).
      const input = reviewInput({ annualSales: 90_000_000, strategic: true }, { playbook: { id: 'strategic-top', version: 1 } });
      await ctx.dataSource.query(
        `INSERT INTO sellers (id, marketplace, legal_name, annual_sales, strategic, account_manager_id) VALUES ($1, 'US', $2, $3, true, 'alex')`,
        [input.seller.sellerId, input.seller.legalName, input.seller.annualSales],
      );
      expect(input.playbook).toEqual({ id: 'strategic-top', version: 1 });
      const workflowId = review.reviewWorkflowId(input.caseId);
      const handle = await ctx.env.client.workflow.start<typeof strategicReviewWorkflow>(review.REVIEW_WORKFLOW_TYPE, { taskQueue, workflowId, args: [input] });
      const created = await handle.executeUpdate(review.awaitReviewRecordedUpdate);
      const { ben, dana, mia } = reviewActors;
      if (created.state === 'queued') await handle.executeUpdate(review.claimReviewUpdate, { args: [{ actor: ben }] });
      else {
        if (created.assigneeId !== 'ben') await handle.executeUpdate(review.reassignReviewUpdate, { args: [{ actor: mia, assigneeId: 'ben' }] });
        await handle.executeUpdate(review.acknowledgeReviewUpdate, { args: [{ actor: ben }] });
      }
      for (const check of created.review.checks) {
        const finding = check.id === 'linked_accounts' ? 'concern' : 'clear';
        await handle.executeUpdate(review.completeCheckUpdate, { args: [{ actor: ben, checkId: check.id, finding, notes: `${check.id} reviewed`, evidence: [`doc://${check.id}`] }] });
      }
      await handle.executeUpdate(review.assessRiskUpdate, { args: [{ actor: ben }] });
      const proposed = await handle.executeUpdate(review.proposeDecisionUpdate, {
        args: [{ actor: ben, decision: 'listing_restriction', reasonCode: 'linked_to_enforced_account', policyCitation: 'Seller Code of Conduct §6', rationale: 'Linked to a suspended account', durationDays: 30 }],
      });
      await handle.executeUpdate(review.approveDecisionUpdate, { args: [{ actor: dana, note: 'Agree' }] });
      await ctx.env.sleep(5 * HOUR);
      await handle.executeUpdate(review.approveDecisionUpdate, { args: [{ actor: mia }] });
      const consultationId = proposed.review.proposal!.consultation!.handoffId;
      await ctx.env.client.workflow
        .getHandle(handoffWorkflowId(consultationId))
        .executeUpdate(answerHandoffUpdate, { args: [{ actor: reviewActors.alex, outcome: 'reject', notes: 'The seller is restructuring' }] });
      const final = await handle.result();
      expect(final.state).toBe('closed');
      expect(final.review.outcome).toBe('listing_restriction');
      expect(final.review.playbook).toEqual({ id: 'strategic-top', version: 1 });
      await save('review-top-tier-enforced-playbook-v1', workflowId);
      await save('enforcement-applied', enforcementWorkflowId(final.review.enforcements[0].enforcementId));
    });
  });

  it('strategic review: rejected proposal back to the maker, approval reminder and escalation, no action', async () => {
    await ctx.run(async (taskQueue) => {
      const input = reviewInput({ annualSales: 7_000_000, strategic: false, accountManagerId: null });
      await ctx.dataSource.query(
        `INSERT INTO sellers (id, marketplace, legal_name, annual_sales, strategic) VALUES ($1, 'US', $2, $3, false)`,
        [input.seller.sellerId, input.seller.legalName, input.seller.annualSales],
      );
      const workflowId = review.reviewWorkflowId(input.caseId);
      const handle = await ctx.env.client.workflow.start<typeof strategicReviewWorkflow>(review.REVIEW_WORKFLOW_TYPE, { taskQueue, workflowId, args: [input] });
      const created = await handle.executeUpdate(review.awaitReviewRecordedUpdate);
      const { ben, dana } = reviewActors;
      if (created.state === 'queued') await handle.executeUpdate(review.claimReviewUpdate, { args: [{ actor: ben }] });
      else {
        if (created.assigneeId !== 'ben') await handle.executeUpdate(review.reassignReviewUpdate, { args: [{ actor: reviewActors.mia, assigneeId: 'ben' }] });
        await handle.executeUpdate(review.acknowledgeReviewUpdate, { args: [{ actor: ben }] });
      }
      for (const check of created.review.checks.filter((x) => x.required)) {
        await handle.executeUpdate(review.completeCheckUpdate, { args: [{ actor: ben, checkId: check.id, finding: 'clear', notes: 'ok' }] });
      }
      await handle.executeUpdate(review.flagPolicyGapUpdate, { args: [{ actor: ben, tag: 'replay-gap', question: 'Edge case?' }] });
      await handle.executeUpdate(review.assessRiskUpdate, { args: [{ actor: ben }] });
      await handle.executeUpdate(review.proposeDecisionUpdate, {
        args: [{ actor: ben, decision: 'funds_hold', reasonCode: 'payment_abuse', policyCitation: 'Payments Policy §3', rationale: 'Chargebacks' }],
      });
      await ctx.env.sleep(17 * HOUR);
      await handle.executeUpdate(review.rejectDecisionUpdate, { args: [{ actor: dana, reasons: 'Not enough evidence' }] });
      const closed = await handle.executeUpdate(review.proposeDecisionUpdate, {
        args: [{ actor: ben, decision: 'no_action', reasonCode: 'no_violation', policyCitation: 'n/a', rationale: 'Chargebacks explained by a carrier failure' }],
      });
      expect(closed.state).toBe('closed');
      await handle.executeUpdate(review.decidePolicyGapUpdate, {
        args: [{ actor: reviewActors.mia, gapId: closed.review.policyGaps[0].id, decision: 'Not a gap', precedent: 'Covered by Payments Policy §3' }],
      });
      const final = await handle.result();
      expect(final.review.previousProposals[0].approval).toMatchObject({ status: 'rejected' });
      expect(final.review.previousProposals[0].approval!.escalatedAt).not.toBeNull();
      await save('review-rejected-escalated-no-action', workflowId);
    });
  });
});

