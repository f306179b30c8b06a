import { SYSTEM_ACTOR } from '../common/actor';
import { routedEvent } from '../common/runtime/assignment-handlers';
import type { CaseKindDefinition } from '../common/runtime/case-kind';
import { CaseRuntime } from '../common/runtime/case-runtime';
import { enforcementResultSignal } from '../enforcement/enforcement.contract';
import { qaReviewOutcomeSignal } from '../qa-review/qa-review.contract';
import { handoffAnsweredSignal } from '../handoff/handoff.contract';
import * as c from './review.contract';
import { dueEvents, isConsultationId, isReviewFinished, newReviewState, nextWakeAt, transition, validateReviewInput } from './review.machine';
import type { RiskAssessment, ReviewEvent, ReviewState } from './review.state';
import { reviewProjection, reviewSearchAttributes, reviewView } from './review.view';

/** The strategic seller review as the case runtime runs it: its machine, view and projection (see common/runtime). */
export const reviewKind: CaseKindDefinition<ReviewState, ReviewEvent, c.ReviewInput, c.ReviewView, c.ReviewSettings> = {
  name: 'strategic review',
  validateInput: validateReviewInput,
  context: (input, patched) => ({ ...input.settings, reportsEnforcements: patched(c.REVIEW_PATCHES.reportsEnforcements), qaHold: patched(c.REVIEW_PATCHES.qaHold) }),
  create: (input, now) => ({
    state: newReviewState(input, now),
    effects: [{ type: 'record', entry: { actor: input.createdBy, action: 'created', fromState: null, toState: 'new', reason: null, details: { trigger: input.trigger.kind, triggerRef: input.trigger.ref, tier: input.tier.id, playbook: `${input.playbook.id} v${input.playbook.version}` }, at: now } }],
    events: [{ type: 'triage_started', actor: SYSTEM_ACTOR }],
  }),
  transition,
  nextWakeAt,
  dueEvents,
  isFinished: isReviewFinished,
  caseIdOf: (s) => s.caseId,
  view: reviewView,
  project: reviewProjection,
  searchAttributes: reviewSearchAttributes,
  carriedFrom: (input) => input.carried,
  continueWith: (input, carried) => ({ ...input, carried }),
  continueAsNewAfterEvents: (settings) => settings.continueAsNewAfterEvents,
  onRouted: routedEvent,
  // A consultation's answer (approve = agree, reject = object, advise counts as agree) or a handoff team's.
  onHandoffAnswered: (a) =>
    isConsultationId(a.handoffId)
      ? { type: 'consultation_answered', actor: a.answeredBy, handoffId: a.handoffId, response: a.outcome === 'reject' ? 'object' : 'agree', reasons: a.notes }
      : { type: 'handoff_answered', actor: a.answeredBy, handoffId: a.handoffId, outcome: a.outcome, answer: a.citation ? `${a.notes} (citation: ${a.citation})` : a.notes },
  onCallResult: (r) =>
    r.activity === 'reportEnforcement'
      ? { type: 'enforcement_reported', actor: SYSTEM_ACTOR, callId: r.id, signalledAppeals: r.ok ? (r.value as { signalledAppeals: string[] }).signalledAppeals : [], error: r.ok ? null : r.error }
      : r.ok
      ? { type: 'risk_assessed', actor: SYSTEM_ACTOR, callId: r.id, assessment: r.value as RiskAssessment }
      : { type: 'risk_assessment_failed', actor: SYSTEM_ACTOR, callId: r.id, error: r.error },
  pendingApprovals: (s) => (s.proposal?.approval ? [s.proposal.approval] : []),
  onApprovalDue: (approvalId, due) => ({ type: due === 'remind' ? 'approval_reminder_due' : 'approval_escalation_due', actor: SYSTEM_ACTOR, approvalId }),
};

/**
 * A strategic seller review: the review machine (review.machine.ts) on the case runtime. Every update
 * is one machine event, validated by the machine (which re-checks the permission table and the
 * maker-checker policy) and answered once the change is in the read model.
 */
export async function strategicReviewWorkflow(input: c.ReviewInput): Promise<c.ReviewView> {
  const rt = new CaseRuntime(reviewKind, input);
  rt.query(c.getReviewQuery);
  rt.recorded(c.awaitReviewRecordedUpdate);
  rt.handoffAnswers(handoffAnsweredSignal);
  // Registered first: the enforcement saga reports on the default result signal, as in recorded histories.
  rt.childResults(enforcementResultSignal, (result) => ({ type: 'enforcement_completed', actor: SYSTEM_ACTOR, result }));
  rt.childResults(qaReviewOutcomeSignal, (outcome) => ({ type: 'qa_released', actor: SYSTEM_ACTOR, outcome }));
  rt.action(c.acknowledgeReviewUpdate, ({ actor }) => ({ type: 'acknowledged', actor }));
  rt.action(c.claimReviewUpdate, ({ actor }) => ({ type: 'claimed', actor }));
  rt.action(c.releaseReviewUpdate, ({ actor, reason, holder }) => ({ type: 'released', actor, reason, holder }));
  rt.action(c.reassignReviewUpdate, ({ actor, assigneeId, team, reason }) => ({ type: 'reassigned', actor, assigneeId, team, reason }));
  rt.action(c.completeCheckUpdate, ({ actor, checkId, finding, notes, evidence }) => ({ type: 'check_completed', actor, checkId, finding, notes, evidence }));
  rt.action(c.assessRiskUpdate, ({ actor }) => ({ type: 'risk_assessment_requested', actor }));
  rt.action(c.handOffReviewUpdate, ({ actor, team, question, blocking }) => ({ type: 'handed_off', actor, team, question, blocking }));
  rt.action(c.proposeDecisionUpdate, ({ actor, ...decision }) => ({ type: 'decision_proposed', actor, ...decision }));
  rt.action(c.approveDecisionUpdate, ({ actor, note }) => ({ type: 'decision_approved', actor, note }));
  rt.action(c.rejectDecisionUpdate, ({ actor, reasons }) => ({ type: 'decision_rejected', actor, reasons }));
  rt.action(c.withdrawDecisionUpdate, ({ actor, reason }) => ({ type: 'decision_withdrawn', actor, reason }));
  rt.action(c.approveUrgencyUpdate, ({ actor, note }) => ({ type: 'urgency_approved', actor, note }));
  rt.action(c.retryEnforcementUpdate, ({ actor }) => ({ type: 'enforcement_retried', actor }));
  rt.action(c.flagPolicyGapUpdate, ({ actor, tag, question }) => ({ type: 'policy_gap_flagged', actor, tag, question }));
  rt.action(c.decidePolicyGapUpdate, ({ actor, gapId, decision, precedent }) => ({ type: 'policy_gap_decided', actor, gapId, decision, precedent }));
  return rt.run();
}
