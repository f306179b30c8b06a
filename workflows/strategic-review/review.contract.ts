import type { QaSettings } from '../qa-review/qa-plan';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor, HandoffTeam } from '../common/actor';
import type { ApprovalPolicy } from '../common/approval/approval-policy';
import type { TaskRow } from '../common/case-projection';
import type { CarriedRun } from '../common/runtime/case-kind';
import { patchesInForce, type StartedWithPatches } from '../common/runtime/patch-ids';
import { SA_CASE_KIND, SA_SELLER_ID, SA_SEVERITY } from '../common/search-attributes';
import type { ClockTarget } from '../common/sla-policy';
import { enforcementResultSignal } from '../enforcement/enforcement.contract';
import { handoffAnsweredSignal } from '../handoff/handoff.contract';
import { qaReviewOutcomeSignal } from '../qa-review/qa-review.contract';
import type { PlaybookRef } from './playbooks';
import type { DecisionInput, ReviewState, SellerSnapshot } from './review.state';
import type { CheckFinding, ReviewTrigger } from './review.vocabulary';

/**
 * The strategic seller review's contract: workflow type, id scheme, input and messages, declared once
 * and imported by the workflow and the API. Wire names are in every recorded history: never rename
 * one (test/unit/contracts.test.ts checks).
 */
export const REVIEW_WORKFLOW_TYPE = 'strategicReviewWorkflow';

export function reviewWorkflowId(caseId: string): string {
  return `strategic-review-${caseId}`;
}

/** Resolved when the review is created and carried in its input (running reviews never change deadlines). */
export interface ReviewSettings {
  firstResponse: ClockTarget;
  resolution: ClockTarget;
  handoffs: Record<HandoffTeam, ClockTarget>;
  /** The leadership's time to decide a flagged policy gap. */
  policyGap: ClockTarget;
  continueAsNewAfterEvents?: number;
  /**
   * Set by the workflow from a `patched()` marker (REVIEW_PATCHES), never by the API: an applied
   * enforcement is reported to the seller's appeals in monitoring (a restumble). Reviews recorded
   * before it replay without the report.
   */
  reportsEnforcements?: boolean;
  /**
   * Set by the workflow from a `patched()` marker (REVIEW_PATCHES), never by the API: a decision sampled
   * for pre-release QA is held until its review ends. Reviews recorded before it audit it after release.
   */
  qaHold?: boolean;
  /** QA sampling of the maker's decisions (README: Decision quality); absent: none is sampled. */
  qa?: QaSettings;
}

/** Behaviour introduced after reviews were already running, each behind its `patched()` marker. */
export const REVIEW_PATCHES = { reportsEnforcements: 'review-reports-enforcements', qaHold: 'review-qa-hold' } as const;

/** The patches a review started now runs with, none recorded as a marker (patch-ids.ts). */
export const REVIEW_PATCHES_AT_START: readonly string[] = patchesInForce(REVIEW_PATCHES);

export interface ReviewInput extends StartedWithPatches {
  caseId: string;
  seller: SellerSnapshot;
  summary: string;
  team: string;
  createdBy: Actor;
  trigger: { kind: ReviewTrigger; ref: string | null };
  tier: { id: string; title: string };
  /** The playbook version the review runs on to the end. */
  playbook: PlaybookRef;
  requestedAt: number;
  settings: ReviewSettings;
  carried?: CarriedRun<ReviewState>;
}

export function reviewStartOptions(input: ReviewInput, taskQueue: string, severity: string) {
  return {
    taskQueue,
    workflowId: reviewWorkflowId(input.caseId),
    args: [{ ...input, patchesAtStart: REVIEW_PATCHES_AT_START }] as [ReviewInput],
    workflowIdConflictPolicy: 'USE_EXISTING' as const,
    workflowIdReusePolicy: 'REJECT_DUPLICATE' as const,
    typedSearchAttributes: [
      { key: SA_CASE_KIND, value: 'strategic_review' },
      { key: SA_SEVERITY, value: severity },
      { key: SA_SELLER_ID, value: input.seller.sellerId },
    ],
  };
}

/** The review as the workflow sees it: the answer to every update and to the query. */
export interface ReviewView {
  caseId: string;
  workflowId: string;
  state: ReviewState['status'];
  sellerId: string;
  marketplace: string;
  severity: string;
  summary: string;
  team: string;
  assigneeId: string | null;
  breached: boolean;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  /** The playbook's checks and policies as this review runs them (its own version). */
  playbook: { id: string; version: number; title: string; consultationRequired: boolean; consultationWindowMs: number; approval: ApprovalPolicy };
  review: ReviewState;
  openTasks: TaskRow[];
}

export interface ActionRequest {
  actor: Actor;
}
export type ReleaseRequest = ActionRequest & { reason?: string; holder?: string };
export type ReassignRequest = ActionRequest & { assigneeId: string; team?: string; reason?: string };
export type CompleteCheckRequest = ActionRequest & { checkId: string; finding: CheckFinding; notes: string; evidence?: string[] };
export type HandOffRequest = ActionRequest & { team: HandoffTeam; question: string; blocking?: boolean };
/** `makerStartedOn`: the maker's roster start date, which the API adds for QA sampling (tenure). */
export type ProposeDecisionRequest = ActionRequest & DecisionInput & { makerStartedOn?: string | null };
export type NoteRequest = ActionRequest & { note?: string };
export type RejectRequest = ActionRequest & { reasons: string };
export type ReasonRequest = ActionRequest & { reason: string };
export type FlagPolicyGapRequest = ActionRequest & { tag: string; question: string };
export type DecidePolicyGapRequest = ActionRequest & { gapId: string; decision: string; precedent: string };

export const acknowledgeReviewUpdate = defineUpdate<ReviewView, [ActionRequest]>('acknowledge');
export const claimReviewUpdate = defineUpdate<ReviewView, [ActionRequest]>('claim');
export const releaseReviewUpdate = defineUpdate<ReviewView, [ReleaseRequest]>('release');
export const reassignReviewUpdate = defineUpdate<ReviewView, [ReassignRequest]>('reassign');
export const completeCheckUpdate = defineUpdate<ReviewView, [CompleteCheckRequest]>('completeCheck');
export const assessRiskUpdate = defineUpdate<ReviewView, [ActionRequest]>('assessRisk');
export const handOffReviewUpdate = defineUpdate<ReviewView, [HandOffRequest]>('handOff');
export const proposeDecisionUpdate = defineUpdate<ReviewView, [ProposeDecisionRequest]>('proposeDecision');
export const approveDecisionUpdate = defineUpdate<ReviewView, [NoteRequest]>('approveDecision');
export const rejectDecisionUpdate = defineUpdate<ReviewView, [RejectRequest]>('rejectDecision');
export const withdrawDecisionUpdate = defineUpdate<ReviewView, [ReasonRequest]>('withdrawDecision');
export const approveUrgencyUpdate = defineUpdate<ReviewView, [NoteRequest]>('approveUrgency');
export const retryEnforcementUpdate = defineUpdate<ReviewView, [ActionRequest]>('retryEnforcement');
export const flagPolicyGapUpdate = defineUpdate<ReviewView, [FlagPolicyGapRequest]>('flagPolicyGap');
export const decidePolicyGapUpdate = defineUpdate<ReviewView, [DecidePolicyGapRequest]>('decidePolicyGap');
export const awaitReviewRecordedUpdate = defineUpdate<ReviewView>('awaitRecorded');
export const getReviewQuery = defineQuery<ReviewView>('getReview');

export const REVIEW_MESSAGES = {
  updates: [
    acknowledgeReviewUpdate, claimReviewUpdate, releaseReviewUpdate, reassignReviewUpdate, completeCheckUpdate, assessRiskUpdate,
    handOffReviewUpdate, proposeDecisionUpdate, approveDecisionUpdate, rejectDecisionUpdate, withdrawDecisionUpdate,
    approveUrgencyUpdate, retryEnforcementUpdate, flagPolicyGapUpdate, decidePolicyGapUpdate, awaitReviewRecordedUpdate,
  ],
  signals: [handoffAnsweredSignal, enforcementResultSignal, qaReviewOutcomeSignal],
  queries: [getReviewQuery],
};
