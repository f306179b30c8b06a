import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor, CaseKind, Role } from '../common/actor';
import type { BusinessCalendar } from '../common/business-calendar';
import type { DecisionKindId } from '../common/quality/decision-kinds';
import type { DecisionStatement, ErrorType } from '../common/quality/error-types';
import type { QaMode } from '../common/quality/sampling-policy';
import { patchesInForce, type StartedWithPatches } from '../common/runtime/patch-ids';

/**
 * Blind peer review of one sampled decision: the vocabulary shared by the QA review workflow, the
 * cases that start it and (later) the API. The deciding case starts it as a child workflow with the
 * evidence its maker saw and the maker's decision; a pre-release review holds the decision until the
 * outcome comes back by `qaReviewOutcomeSignal`.
 */

export const QA_REVIEW_WORKFLOW_TYPE = 'qaReviewWorkflow';
export const qaReviewWorkflowId = (reviewId: string) => `qa-review-${reviewId}`;

/**
 * The patches a QA review a case starts now runs with, none recorded as a marker (patch-ids.ts): the
 * runtime's, as the review has none of its own.
 */
export const QA_REVIEW_PATCHES_AT_START: readonly string[] = patchesInForce({});

export const QA_REVIEW_STATUSES = ['awaiting_review', 'adjudicating', 'agreed', 'adjudicated'] as const;
export type QaReviewStatus = (typeof QA_REVIEW_STATUSES)[number];
export const QA_REVIEW_FINISHED: readonly QaReviewStatus[] = ['agreed', 'adjudicated'];

export interface QaMaker {
  userId: string;
  role: Role;
  /** The maker's start date on the roster: reviewers must have started on or before it (same role). */
  startedOn: string | null;
}

export interface QaReviewInput extends StartedWithPatches {
  /** Unique per sampled decision, e.g. `<caseId>:<decisionKind>:<n>`. */
  reviewId: string;
  caseId: string;
  caseKind: CaseKind;
  decisionKind: DecisionKindId;
  team: string;
  marketplace: string;
  maker: QaMaker;
  makerDecision: DecisionStatement;
  /** What the maker saw when deciding (never the decision itself): shown to the reviewer. */
  evidence: Record<string, unknown>;
  mode: QaMode;
  stratum: string;
  rate: number;
  decidedAt: number;
  /** The hold's reminder and escalation, in the team's business time. */
  hold: { remindAfterMs: number; escalateAfterMs: number };
  calendar: BusinessCalendar;
  /** Set by the case runtime when a case starts the review as its child (ChildLink). */
  parentWorkflowId?: string;
  resultSignalName?: string;
}

/** A reviewer's or an adjudicator's statement. */
export interface QaStatementRequest {
  actor: Actor;
  decision: string;
  reason: string | null;
  /** A procedural defect (a skipped check, missing evidence), whatever the decision. */
  processError: boolean;
  notes: string;
}

/** What the deciding case learns when the review ends: the decision to release (the maker's, or the adjudicated one). */
export interface QaOutcome {
  reviewId: string;
  caseId: string;
  mode: QaMode;
  status: 'agreed' | 'adjudicated';
  decision: DecisionStatement;
  overturned: boolean;
  errorTypes: ErrorType[];
  /** Who gave the released decision: the agreeing reviewer or the adjudicator (absent from reviews started before it). */
  decidedBy?: string;
}

export interface QaReviewView {
  reviewId: string;
  caseId: string;
  decisionKind: DecisionKindId;
  team: string;
  mode: QaMode;
  status: QaReviewStatus;
  makerId: string;
  reviewerId: string | null;
  /** Why nobody was routed, when the review waits for a manager. */
  queuedReason: string | null;
  evidence: Record<string, unknown>;
  /** Hidden (null) while the review is blind; shown to the adjudicator and after. */
  makerDecision: DecisionStatement | null;
  reviewerDecision: (DecisionStatement & { by: string; processError: boolean; notes: string }) | null;
  adjudication: (DecisionStatement & { by: string; processError: boolean; notes: string }) | null;
  errorTypes: ErrorType[];
  holdStatus: string;
  remindedAt: number | null;
  escalatedAt: number | null;
  closedAt: number | null;
}

export const getQaReviewQuery = defineQuery<QaReviewView>('getQaReview');
export const awaitQaReviewRecordedUpdate = defineUpdate<QaReviewView>('awaitQaReviewRecorded');
export const submitPeerReviewUpdate = defineUpdate<QaReviewView, [QaStatementRequest]>('submitPeerReview');
export const adjudicateQaReviewUpdate = defineUpdate<QaReviewView, [QaStatementRequest]>('adjudicateQaReview');
/** Sent to the deciding case (its `resultSignalName`, this name by convention) when the review ends. */
export const QA_REVIEW_OUTCOME_SIGNAL = 'qaReviewOutcome';
export const qaReviewOutcomeSignal = defineSignal<[QaOutcome]>(QA_REVIEW_OUTCOME_SIGNAL);
