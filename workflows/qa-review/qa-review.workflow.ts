import { SYSTEM_ACTOR } from '../common/actor';
import type { QaDecisionRow } from '../common/quality/qa-decision-row';
import type { CaseKindDefinition } from '../common/runtime/case-kind';
import { CaseRuntime } from '../common/runtime/case-runtime';
import * as c from './qa-review.contract';
import { isQaReviewFinished, newQaReviewState, transition, validateQaReviewInput, type QaReviewEvent, type QaReviewState } from './qa-review.machine';

/** What anyone reading the review sees: the maker's decision stays hidden while the review is blind. */
function view(s: QaReviewState): c.QaReviewView {
  const blind = s.status === 'awaiting_review';
  return {
    reviewId: s.input.reviewId,
    caseId: s.input.caseId,
    decisionKind: s.input.decisionKind,
    team: s.input.team,
    mode: s.input.mode,
    status: s.status,
    makerId: s.input.maker.userId,
    reviewerId: s.reviewerId,
    queuedReason: s.queuedReason,
    evidence: s.input.evidence,
    makerDecision: blind ? null : s.input.makerDecision,
    reviewerDecision: s.review,
    adjudication: s.adjudication,
    errorTypes: s.errorTypes,
    holdStatus: s.hold.status,
    remindedAt: s.hold.remindedAt,
    escalatedAt: s.hold.escalatedAt,
    closedAt: s.closedAt,
  };
}

function row(s: QaReviewState): QaDecisionRow {
  const correct = s.adjudication ?? (s.status === 'agreed' ? s.review : null);
  return {
    id: s.input.reviewId,
    caseId: s.input.caseId,
    decisionKind: s.input.decisionKind,
    team: s.input.team,
    makerId: s.input.maker.userId,
    reviewerId: s.review?.by ?? s.reviewerId,
    mode: s.input.mode,
    stratum: s.input.stratum,
    rate: s.input.rate,
    sampled: true,
    status: s.status,
    makerDecision: s.input.makerDecision,
    reviewerDecision: s.review ? { decision: s.review.decision, reason: s.review.reason } : null,
    correctDecision: correct ? { decision: correct.decision, reason: correct.reason } : null,
    errorTypes: s.errorTypes,
    adjudicatedBy: s.adjudication?.by ?? null,
    decidedAt: s.input.decidedAt,
    closedAt: s.closedAt,
  };
}

export const qaReviewKind: CaseKindDefinition<QaReviewState, QaReviewEvent, c.QaReviewInput, c.QaReviewView, null> = {
  name: 'QA review',
  validateInput: validateQaReviewInput,
  context: () => null,
  create: (input, now) => ({ ...newQaReviewState(input, now), events: [] }),
  transition: (s, e, now) => transition(s, e, now),
  nextWakeAt: () => undefined,
  dueEvents: () => [],
  isFinished: isQaReviewFinished,
  caseIdOf: (s) => s.input.caseId,
  view: (s) => view(s),
  project: (s) => ({ target: 'qa_decision', row: row(s) }),
  // Short-lived: a review never continues as new.
  carriedFrom: () => undefined,
  onRouted: (outcome) => ({ type: 'routed', actor: SYSTEM_ACTOR, outcome }),
  pendingApprovals: (s) => [s.hold],
  onApprovalDue: (_id, due) => ({ type: 'hold_due', actor: SYSTEM_ACTOR, due }),
};

/**
 * Blind peer review of a sampled decision on the case runtime: routed like any work, held by the
 * approval piece, answered to the deciding case by signal when it ends (qa-review.machine.ts).
 */
export async function qaReviewWorkflow(input: c.QaReviewInput): Promise<c.QaReviewView> {
  const rt = new CaseRuntime(qaReviewKind, input);
  rt.query(c.getQaReviewQuery);
  rt.recorded(c.awaitQaReviewRecordedUpdate);
  rt.action(c.submitPeerReviewUpdate, (request) => ({ type: 'review_submitted', actor: request.actor, request }));
  rt.action(c.adjudicateQaReviewUpdate, (request) => ({ type: 'adjudicated', actor: request.actor, request }));
  return rt.run();
}
