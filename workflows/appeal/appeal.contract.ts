import type { QaSettings } from '../qa-review/qa-plan';
import { qaReviewOutcomeSignal } from '../qa-review/qa-review.contract';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../common/actor';
import type { ApprovalPolicy } from '../common/approval/approval-policy';
import type { TaskRow } from '../common/case-projection';
import type { CarriedRun } from '../common/runtime/case-kind';
import { patchesInForce, type StartedWithPatches } from '../common/runtime/patch-ids';
import { SA_CASE_KIND, SA_SELLER_ID, SA_SEVERITY } from '../common/search-attributes';
import type { ClockTarget } from '../common/sla-policy';
import { enforcementResultSignal } from '../enforcement/enforcement.contract';
import type { AppealedEnforcement, AppealState, DecisionInput, PlanOfAction, RestumbleReport } from './appeal.state';
import { DAY_MS } from '../common/time-units';

/**
 * The reinstatement appeal's contract: workflow type, id scheme, input and messages, declared once and
 * imported by the workflow and the API. Wire names are in every recorded history: never rename one.
 */
export const APPEAL_WORKFLOW_TYPE = 'appealWorkflow';

export function appealWorkflowId(caseId: string): string {
  return `appeal-${caseId}`;
}


/** Defaults of the settings the API resolves (APPEAL_* configuration overrides them). */
export const DEFAULT_INFO_DEADLINE_DAYS = 17;
export const DEFAULT_INFO_REMINDER_DAYS_BEFORE = 3;
export const DEFAULT_MAX_INFO_REQUESTS = 2;
export const DEFAULT_MONITORING_DAYS = 90;
export const MAX_INFO_DEADLINE_DAYS = 60;
export const days = (n: number): number => n * DAY_MS;

/** Resolved when the appeal is created and carried in its input (a running appeal never changes them). */
export interface AppealSettings {
  firstResponse: ClockTarget;
  /** The decision SLA, on the team's calendar; paused while the seller is asked for information. */
  resolution: ClockTarget;
  /** The seller's time to answer a request for information, unless the reviewer gives another. */
  infoDeadlineMs: number;
  /** The seller is reminded this long before the deadline. */
  infoReminderBeforeMs: number;
  maxInfoRequests: number;
  /** Maker-checker for a reinstatement (a reversal). */
  approval: ApprovalPolicy;
  /** How long a reinstated seller is watched for a restumble. */
  monitoringWindowMs: number;
  continueAsNewAfterEvents?: number;
  /** QA sampling of the reviewer's decisions (README: Decision quality); absent: none is sampled. */
  qa?: QaSettings;
}

/**
 * Behaviour introduced after appeals were already running, each flag from a `patched()` marker when a
 * run starts, so a recorded history replays as it ran (README: Changing a workflow).
 */
export interface AppealFeatures {
  /** A decision sampled for pre-release QA is held until its review ends (before: audited after release). */
  qaHold?: boolean;
}

export const APPEAL_PATCHES = { qaHold: 'appeal-qa-hold' } as const satisfies Record<keyof AppealFeatures, string>;

/** The patches an appeal started now runs with, none recorded as a marker (patch-ids.ts). */
export const APPEAL_PATCHES_AT_START: readonly string[] = patchesInForce(APPEAL_PATCHES);

/** What the machine runs with: the appeal's settings and the behaviour of its run (absent features: off). */
export type AppealContext = AppealSettings & { features?: AppealFeatures };

export interface AppealInput extends StartedWithPatches {
  caseId: string;
  seller: { sellerId: string; marketplace: string; legalName: string; language: string | null };
  enforcement: AppealedEnforcement;
  plan: PlanOfAction;
  team: string;
  createdBy: Actor;
  requestedAt: number;
  settings: AppealSettings;
  carried?: CarriedRun<AppealState>;
}

export function appealStartOptions(input: AppealInput, taskQueue: string) {
  return {
    taskQueue,
    workflowId: appealWorkflowId(input.caseId),
    args: [{ ...input, patchesAtStart: APPEAL_PATCHES_AT_START }] as [AppealInput],
    workflowIdConflictPolicy: 'USE_EXISTING' as const,
    workflowIdReusePolicy: 'REJECT_DUPLICATE' as const,
    typedSearchAttributes: [
      { key: SA_CASE_KIND, value: 'appeal' },
      { key: SA_SEVERITY, value: 'medium' },
      { key: SA_SELLER_ID, value: input.seller.sellerId },
    ],
  };
}

/** The appeal as the workflow sees it (staff): the answer to every update and to the query. */
export interface AppealView {
  caseId: string;
  workflowId: string;
  state: AppealState['status'];
  sellerId: string;
  marketplace: string;
  team: string;
  assigneeId: string | null;
  breached: boolean;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  infoRequestsLeft: number;
  maxInfoRequests: number;
  appeal: AppealState;
  openTasks: TaskRow[];
}

export interface ActionRequest {
  actor: Actor;
}
export type ReasonRequest = ActionRequest & { reason: string };
export type ReleaseRequest = ActionRequest & { reason?: string };
export type ReassignRequest = ActionRequest & { assigneeId: string; reason?: string };
export type NoteRequest = ActionRequest & { text: string };
export type RequestInfoRequest = ActionRequest & { question: string; deadlineDays?: number };
export type SellerResponseRequest = ActionRequest & { answer: string; evidence?: string[] };
export type DecideRequest = ActionRequest & DecisionInput & { /** The maker's roster start date: QA samples by tenure. */ makerStartedOn?: string | null };
export type ApprovalNoteRequest = ActionRequest & { note?: string };
export type RejectRequest = ActionRequest & { reasons: string };
export type RestumbleSignal = RestumbleReport & { actor: Actor };

export const acknowledgeAppealUpdate = defineUpdate<AppealView, [ActionRequest]>('acknowledge');
export const claimAppealUpdate = defineUpdate<AppealView, [ActionRequest]>('claim');
export const releaseAppealUpdate = defineUpdate<AppealView, [ReleaseRequest]>('release');
export const reassignAppealUpdate = defineUpdate<AppealView, [ReassignRequest]>('reassign');
export const addAppealNoteUpdate = defineUpdate<AppealView, [NoteRequest]>('addNote');
export const requestAppealInfoUpdate = defineUpdate<AppealView, [RequestInfoRequest]>('requestInfo');
export const sellerRespondUpdate = defineUpdate<AppealView, [SellerResponseRequest]>('sellerRespond');
export const decideAppealUpdate = defineUpdate<AppealView, [DecideRequest]>('decide');
export const approveReinstatementUpdate = defineUpdate<AppealView, [ApprovalNoteRequest]>('approveReinstatement');
export const rejectReinstatementUpdate = defineUpdate<AppealView, [RejectRequest]>('rejectReinstatement');
export const withdrawAppealDecisionUpdate = defineUpdate<AppealView, [ReasonRequest]>('withdrawDecision');
export const retryReinstatementUpdate = defineUpdate<AppealView, [ActionRequest]>('retryReinstatement');
export const awaitAppealRecordedUpdate = defineUpdate<AppealView>('awaitRecorded');
/** A new enforcement on the seller, told to the seller's appeals in monitoring (fire and forget). */
export const restumbleSignal = defineSignal<[RestumbleSignal]>('restumble');
export const getAppealQuery = defineQuery<AppealView>('getAppeal');

export const APPEAL_MESSAGES = {
  updates: [
    acknowledgeAppealUpdate, claimAppealUpdate, releaseAppealUpdate, reassignAppealUpdate, addAppealNoteUpdate, requestAppealInfoUpdate,
    sellerRespondUpdate, decideAppealUpdate, approveReinstatementUpdate, rejectReinstatementUpdate, withdrawAppealDecisionUpdate,
    retryReinstatementUpdate, awaitAppealRecordedUpdate,
  ],
  signals: [restumbleSignal, enforcementResultSignal, qaReviewOutcomeSignal],
  queries: [getAppealQuery],
};
