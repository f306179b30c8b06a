import type { QaSettings } from '../qa-review/qa-plan';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor, HandoffTeam } from '../common/actor';
import type { TaskRow } from '../common/case-projection';
import type { CarriedRun } from '../common/runtime/case-kind';
import { patchesInForce, type StartedWithPatches } from '../common/runtime/patch-ids';
import { SA_CASE_KIND, SA_SELLER_ID, SA_SEVERITY } from '../common/search-attributes';
import type { SlaClock } from '../common/sla-clock';
import type { ClockTarget } from '../common/sla-policy';
import type { Severity } from '../common/severity';
import { handoffAnsweredSignal } from '../handoff/handoff.contract';
import { qaReviewOutcomeSignal } from '../qa-review/qa-review.contract';
import type { EscalationState, Lease } from './escalation.state';
import type {
  CaseClock,
  EnforcementType,
  EscalationCategory,
  EscalationSource,
  ResolutionCode,
  RootCause,
  Trigger,
  UpstreamTeam,
} from './escalation.vocabulary';

/**
 * The escalation workflow's contract: its type name, id scheme, input and messages. Imported by the
 * workflow (to set handlers) and by the API (to send them): each message is declared once, here.
 * Wire names are in every recorded history: never rename one (test/unit/contracts.test.ts checks).
 */

export const ESCALATION_WORKFLOW_TYPE = 'escalationWorkflow';

/** One case, one workflow: the id is derived from the case id, so a case can never start twice. */
export function escalationWorkflowId(caseId: string): string {
  return `escalation-${caseId}`;
}

/**
 * How every escalation is started (API, tests, benchmark): one workflow per case id, a repeated start
 * returns the running case, a finished case is never started again, and the search attributes an
 * operator filters on are set from the first event.
 */
export function escalationStartOptions(input: EscalationInput, taskQueue: string) {
  return {
    taskQueue,
    workflowId: escalationWorkflowId(input.caseId),
    args: [{ ...input, patchesAtStart: ESCALATION_PATCHES_AT_START }] as [EscalationInput],
    workflowIdConflictPolicy: 'USE_EXISTING' as const,
    workflowIdReusePolicy: 'REJECT_DUPLICATE' as const,
    typedSearchAttributes: [
      { key: SA_CASE_KIND, value: 'escalation' },
      { key: SA_SEVERITY, value: input.severity },
      { key: SA_SELLER_ID, value: input.sellerId },
    ],
  };
}

/**
 * Resolved at creation from the SLA policy and configuration, and carried in the input, so a later
 * change of policy or holidays never changes the deadlines of a running case on replay.
 */
export interface EscalationSettings {
  firstResponse: ClockTarget;
  resolution: ClockTarget;
  /** The team clocks' targets for every severity, so a re-triage moves them per the policy (absent on cases from before re-triage). */
  targetsBySeverity?: Record<Severity, { firstResponse: ClockTarget; resolution: ClockTarget }>;
  handoffs: Record<HandoffTeam, ClockTarget>;
  sellerResponse: ClockTarget;
  reopenWindowMs: number;
  /** A claimed or assigned case the holder does not act on within this time returns to the queue. */
  claimLeaseMs: number;
  /** Continue-as-new past this history length even before Temporal suggests it (tests use a small one). */
  continueAsNewAfterEvents?: number;
  /** QA sampling of resolutions (README: Decision quality); absent: no resolution is sampled. */
  qa?: QaSettings;
}

/**
 * Behaviour introduced after cases were already running. Each flag comes from a `patched()` marker when
 * a run starts, so a recorded history replays exactly as it ran (see README: Changing a workflow).
 */
export interface EscalationFeatures {
  /** Any act of the holder renews the claim lease (and `renewLease` does), instead of ending it. */
  leaseRenewal: boolean;
  /** A resolution sampled for pre-release QA is held until its review ends (before: audited after release). */
  qaHold?: boolean;
}

export const ESCALATION_PATCHES = { leaseRenewal: 'escalation-lease-renewal', qaHold: 'escalation-qa-hold' } as const satisfies Record<keyof EscalationFeatures, string>;

/** The patches an escalation started now runs with, none recorded as a marker (patch-ids.ts). */
export const ESCALATION_PATCHES_AT_START: readonly string[] = patchesInForce(ESCALATION_PATCHES);

/** What the machine runs with: the case's settings and the behaviour of its run. */
export type EscalationContext = EscalationSettings & { features: EscalationFeatures };

export interface EscalationInput extends StartedWithPatches {
  caseId: string;
  sellerId: string;
  marketplace: string;
  severity: Severity;
  category: EscalationCategory;
  /** The taxonomy the case is filed under (escalation.taxonomy.ts); absent on cases from before versions: 1. */
  taxonomyVersion?: number;
  /** Who brought the case (taxonomy 2 and later). */
  source?: EscalationSource;
  /** What set it off (taxonomy 2 and later). */
  trigger?: Trigger;
  /** The enforcement the seller disputes, `none` when there is none (taxonomy 2 and later). */
  enforcementType?: EnforcementType;
  summary: string;
  language?: string;
  team: string;
  createdBy: Actor;
  /** Epoch ms the API accepted the case; the workflow clock may start a little later. */
  requestedAt: number;
  settings: EscalationSettings;
  /** Set only by continue-as-new: the state the previous run handed over. */
  carried?: CarriedEscalation;
}

/** Everything a run hands to the next one on continue-as-new (see common/runtime). */
export type CarriedEscalation = CarriedRun<EscalationState>;

export interface ClockView {
  id: string;
  kind: string;
  status: SlaClock['status'];
  calendarId: string;
  budgetMs: number;
  startedAt: number;
  warnAt: number;
  /** For a paused clock: the deadline if it resumed now. */
  deadlineAt: number;
  remainingMs: number;
  warned: boolean;
  breachedAt: number | null;
  pauses: SlaClock['pauses'];
  extensions: SlaClock['extensions'];
}

/** The case as the workflow sees it: the answer to every update and to the query. */
export interface EscalationView {
  caseId: string;
  workflowId: string;
  state: EscalationState['status'];
  sellerId: string;
  marketplace: string;
  severity: Severity;
  category: EscalationCategory;
  summary: string;
  team: string | null;
  assigneeId: string | null;
  breached: boolean;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  case: EscalationState;
  clocks: ClockView[];
  openTasks: TaskRow[];
  lease: Lease | null;
}

// ----- Messages -----------------------------------------------------------------------------------

/** Every human action names its actor; validators re-check the actor's permission in the workflow. */
export interface ActionRequest {
  actor: Actor;
}
/** `holder`: release only while the case is still held by this user (the out-of-office hand-back sets it). */
export type ReleaseRequest = ActionRequest & { reason?: string; holder?: string };
export type RequestInfoRequest = ActionRequest & { question: string; deadline: number };
export type SellerResponseRequest = ActionRequest & { summary?: string };
export type HandOffRequest = ActionRequest & { team: HandoffTeam; question: string; blocking?: boolean };
/** `makerStartedOn`: the resolver's roster start date, which the API adds for QA sampling (tenure). */
export type ResolveRequest = ActionRequest & { resolutionCode: ResolutionCode; rootCause: RootCause; upstreamTeam?: UpstreamTeam; note?: string; makerStartedOn?: string | null };
export type RetriageRequest = ActionRequest & { severity?: Severity; category?: EscalationCategory; reason: string };
export type AssignRequest = ActionRequest & { assigneeId: string; reason?: string };
export type ReopenRequest = ActionRequest & { reason: string };
export type EscalateRequest = ActionRequest & { reason: string };
export type ReassignRequest = ActionRequest & { assigneeId: string; team?: string; reason?: string };
export type ExtendSlaRequest = ActionRequest & { clock: CaseClock; byMs: number; reason: string };

export const acknowledgeUpdate = defineUpdate<EscalationView, [ActionRequest]>('acknowledge');
export const claimUpdate = defineUpdate<EscalationView, [ActionRequest]>('claim');
export const releaseUpdate = defineUpdate<EscalationView, [ReleaseRequest]>('release');
export const requestInfoUpdate = defineUpdate<EscalationView, [RequestInfoRequest]>('requestInfo');
export const recordSellerResponseUpdate = defineUpdate<EscalationView, [SellerResponseRequest]>('recordSellerResponse');
export const handOffUpdate = defineUpdate<EscalationView, [HandOffRequest]>('handOff');
export const resolveUpdate = defineUpdate<EscalationView, [ResolveRequest]>('resolve');
export const reopenUpdate = defineUpdate<EscalationView, [ReopenRequest]>('reopen');
export const escalateUpdate = defineUpdate<EscalationView, [EscalateRequest]>('escalate');
export const reassignUpdate = defineUpdate<EscalationView, [ReassignRequest]>('reassign');
export const extendSlaUpdate = defineUpdate<EscalationView, [ExtendSlaRequest]>('extendSla');
/** The assignee or a manager corrects the severity or category; the team clocks move to the new severity's targets. */
export const retriageUpdate = defineUpdate<EscalationView, [RetriageRequest]>('retriage');
/** A manager gives a queued case to a member of its team. */
export const assignUpdate = defineUpdate<EscalationView, [AssignRequest]>('assign');
/** The holder keeps the case: the claim lease starts again. */
export const renewLeaseUpdate = defineUpdate<EscalationView, [ActionRequest]>('renewLease');

/**
 * Resolves once the case is written to the read model, so that a GET right after the POST finds it.
 */
export const awaitRecordedUpdate = defineUpdate<EscalationView>('awaitRecorded');

/** Read the case as the workflow sees it right now. */
export const getEscalationQuery = defineQuery<EscalationView>('getEscalation');

/** Every message by wire name, for the contract test and the history view. */
export const ESCALATION_MESSAGES = {
  updates: [
    acknowledgeUpdate, claimUpdate, releaseUpdate, requestInfoUpdate, recordSellerResponseUpdate, handOffUpdate,
    resolveUpdate, reopenUpdate, escalateUpdate, reassignUpdate, extendSlaUpdate, awaitRecordedUpdate,
    retriageUpdate, assignUpdate, renewLeaseUpdate,
  ],
  signals: [handoffAnsweredSignal, qaReviewOutcomeSignal],
  queries: [getEscalationQuery],
};
