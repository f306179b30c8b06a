import type { Role } from '../common/actor';
import type { BusinessCalendar } from '../common/business-calendar';
import { DECISION_KINDS, type DecisionKindId } from '../common/quality/decision-kinds';
import type { DecisionStatement } from '../common/quality/error-types';
import type { QaDecisionRow } from '../common/quality/qa-decision-row';
import { sampleDecision, type SamplingOutcome } from '../common/quality/sampling';
import type { SamplingPolicy } from '../common/quality/sampling-policy';
import type { CaseEffect, ChildWorkflowRequest } from '../common/runtime/case-kind';
import { QA_REVIEW_OUTCOME_SIGNAL, QA_REVIEW_PATCHES_AT_START, QA_REVIEW_WORKFLOW_TYPE, qaReviewWorkflowId, type QaOutcome, type QaReviewInput } from './qa-review.contract';

/**
 * What a deciding case does with a decision, from its facts and the QA policy it started with: the
 * sampling outcome, the QA row to record, and (when sampled) the review to start as a child and
 * whether to hold the decision until it ends. Pure. Case kinds call `sampleForQa` (below) where their
 * maker decides; a held decision waits for `qaReviewOutcomeSignal` (the escalation, appeal and
 * strategic-review machines' `qa_released`).
 */
export interface QaSettings {
  policy: SamplingPolicy;
  hold: { remindAfterMs: number; escalateAfterMs: number };
}

export interface DecisionFacts {
  caseId: string;
  decisionKind: DecisionKindId;
  team: string;
  marketplace: string;
  tier: string | null;
  maker: { userId: string; role: Role; startedOn: string | null };
  decision: DecisionStatement;
  evidence: Record<string, unknown>;
  /** Which decision of the case this is (a reopened case decides again): 1, 2, ... */
  ordinal: number;
  decidedAt: number;
  calendar: BusinessCalendar;
  /** False where the case cannot hold its decision yet: a pre-release sample is then audited after release. */
  canHold?: boolean;
}

export interface QaPlan {
  sampling: SamplingOutcome;
  /** Recorded for every decision: the population the error-rate estimate weighs by. */
  row: QaDecisionRow;
  review: ChildWorkflowRequest | null;
  hold: boolean;
}

export function qaPlanFor(facts: DecisionFacts, settings: QaSettings): QaPlan {
  const drawn = sampleDecision(
    { caseId: facts.caseId, decisionKind: facts.decisionKind, decision: facts.decision.decision, tier: facts.tier, makerStartedOn: facts.maker.startedOn, decidedAt: facts.decidedAt },
    settings.policy,
  );
  const sampling: SamplingOutcome = facts.canHold === false ? { ...drawn, mode: 'post_release' } : drawn;
  const reviewId = `${facts.caseId}:${facts.decisionKind}:${facts.ordinal}`;
  const row: QaDecisionRow = {
    id: reviewId,
    caseId: facts.caseId,
    decisionKind: facts.decisionKind,
    team: facts.team,
    makerId: facts.maker.userId,
    reviewerId: null,
    mode: sampling.mode,
    stratum: sampling.stratum,
    rate: sampling.rate,
    sampled: sampling.sampled,
    status: sampling.sampled ? 'awaiting_review' : 'not_sampled',
    makerDecision: facts.decision,
    reviewerDecision: null,
    correctDecision: null,
    errorTypes: [],
    adjudicatedBy: null,
    decidedAt: facts.decidedAt,
    closedAt: null,
  };
  if (!sampling.sampled) return { sampling, row, review: null, hold: false };
  const input: Omit<QaReviewInput, 'parentWorkflowId' | 'resultSignalName'> = {
    reviewId,
    caseId: facts.caseId,
    caseKind: DECISION_KINDS[facts.decisionKind].caseKind,
    decisionKind: facts.decisionKind,
    team: facts.team,
    marketplace: facts.marketplace,
    maker: facts.maker,
    makerDecision: facts.decision,
    evidence: facts.evidence,
    mode: sampling.mode,
    stratum: sampling.stratum,
    rate: sampling.rate,
    decidedAt: facts.decidedAt,
    hold: settings.hold,
    calendar: facts.calendar,
  };
  return {
    sampling,
    row,
    review: { workflowType: QA_REVIEW_WORKFLOW_TYPE, workflowId: qaReviewWorkflowId(reviewId), input: { ...input, patchesAtStart: QA_REVIEW_PATCHES_AT_START }, resultSignal: QA_REVIEW_OUTCOME_SIGNAL },
    hold: sampling.mode === 'pre_release',
  };
}

/** A maker's decision held for pre-release QA: what the case keeps until the review's outcome arrives. */
export interface QaHold {
  reviewId: string;
  maker: string;
  decision: DecisionStatement;
  /** When the maker decided (a reinstatement or an enforcement is held later, once approved). */
  decidedAt: number;
  stratum: string;
}

export interface SampledDecision {
  /** What the case does now: record the sampling outcome, and start the review (detached unless held). */
  effects: CaseEffect[];
  /** Set when the decision must not take effect until the review ends. */
  hold: QaHold | null;
  /** For the decision's audit line. */
  details: { qaSampled: boolean; qaHeld?: boolean };
}

/**
 * Samples a maker's decision for QA (the one place every deciding kind does it): the row is always
 * recorded; a post-release sample starts its review detached (the decision takes effect now), a
 * pre-release one starts it linked to the case, which holds the decision until `qaReviewOutcomeSignal`.
 */
export function sampleForQa(facts: DecisionFacts, settings: QaSettings): SampledDecision {
  const plan = qaPlanFor(facts, settings);
  const effects: CaseEffect[] = [{ type: 'qa_record', row: plan.row }];
  if (!plan.review) return { effects, hold: null, details: { qaSampled: plan.sampling.sampled } };
  if (!plan.hold) {
    effects.push({ type: 'start_workflow', child: { ...plan.review, detached: true } });
    return { effects, hold: null, details: { qaSampled: true } };
  }
  effects.push({ type: 'start_workflow', child: plan.review });
  const hold: QaHold = { reviewId: plan.row.id, maker: facts.maker.userId, decision: facts.decision, decidedAt: facts.decidedAt, stratum: plan.sampling.stratum };
  return { effects, hold, details: { qaSampled: true, qaHeld: true } };
}

/** Why an outcome does not end this hold (another review's, or no hold at all); null when it does. */
export function qaOutcomeProblem(hold: QaHold | null | undefined, outcome: QaOutcome, decisions: readonly string[]): string | null {
  if (!hold) return 'no decision is held for QA';
  if (!outcome || outcome.reviewId !== hold.reviewId) return `the case holds its decision for review ${hold.reviewId}, not ${String(outcome?.reviewId)}`;
  if (!decisions.includes(outcome.decision?.decision)) return `${String(outcome.decision?.decision)} is not one of ${decisions.join(', ')}`;
  return null;
}

/** The audit details of a released hold: whether QA overturned the maker's decision, and to what. */
export function qaReleaseDetails(hold: QaHold, outcome: QaOutcome): Record<string, string | number | boolean | null> {
  return {
    reviewId: hold.reviewId,
    qaStatus: outcome.status,
    overturned: outcome.overturned,
    makerDecision: hold.decision.decision,
    releasedDecision: outcome.decision.decision,
    decidedBy: outcome.decidedBy ?? null,
    errorTypes: outcome.errorTypes.join(',') || null,
  };
}
