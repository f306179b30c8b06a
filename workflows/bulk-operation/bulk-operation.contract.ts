import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor, CaseKind } from '../common/actor';
import type { Severity } from '../common/severity';
import type { CaseClock, EscalationCategory, ResolutionCode, RootCause } from '../escalation/escalation.vocabulary';

/**
 * Bulk operations: one durable workflow per batch changes many cases, each by sending that case's own
 * normal update under the starter's identity (signed like every message from Riskdesk), so each case's
 * permission and state checks apply exactly as for a single action. Wire names are in recorded
 * histories: never rename one.
 */

export const BULK_OPERATION_WORKFLOW_TYPE = 'bulkOperationWorkflow';

export function bulkOperationWorkflowId(operationId: string): string {
  return `bulk-operation-${operationId}`;
}

/** At most this many cases per batch: a bigger selection is refused when the batch is started (narrow the filter). */
export const BULK_MAX_CASES = 500;
/** Updates in flight at once: a batch never crowds out the people working cases. */
export const BULK_MAX_CONCURRENCY = 8;
export const BULK_DEFAULT_CONCURRENCY = 4;
/** Cases a run handles before it continues as new, so a batch's history stays short however big it is. */
export const BULK_CASES_PER_RUN = 100;

export const BULK_ACTION_TYPES = ['reassign', 'close', 'extend_sla', 'retriage'] as const;
export type BulkActionType = (typeof BULK_ACTION_TYPES)[number];

export type BulkAction =
  | { type: 'reassign'; assigneeId: string; /** The assignee's team (checked active when the batch starts). */ assigneeTeam: string; reason: string }
  | { type: 'close'; resolutionCode: ResolutionCode; rootCause: RootCause; note?: string }
  | { type: 'extend_sla'; clock: CaseClock; byMinutes: number; reason: string }
  | { type: 'retriage'; severity?: Severity; category?: EscalationCategory; reason: string };

/** A selected case, as the read model listed it when the batch started. */
export interface BulkCaseRef {
  caseId: string;
  kind: CaseKind;
  workflowId: string;
  team: string | null;
}

export type BulkCaseOutcome = 'done' | 'refused';

export interface BulkCaseResult {
  caseId: string;
  kind: CaseKind;
  outcome: BulkCaseOutcome;
  /** For a refusal: the case's own refusal type (forbidden, invalid_transition, ...) or not_found/unavailable/unsupported. */
  code: string | null;
  reason: string | null;
  /** The case's state after the change (done). */
  state: string | null;
  at: number;
}

export const BULK_STATUSES = ['running', 'paused', 'cancelled', 'completed'] as const;
export type BulkStatus = (typeof BULK_STATUSES)[number];

export interface BulkOperationInput {
  operationId: string;
  actor: Actor;
  /** The batch's team: the starter's (a manager acts only within it). */
  team: string;
  action: BulkAction;
  /** The filter the cases were selected by, as given (for the record). */
  filter: Record<string, unknown>;
  cases: BulkCaseRef[];
  concurrency: number;
  createdAt: number;
  /** Cases per run before continuing as new; default BULK_CASES_PER_RUN (tests use fewer). */
  casesPerRun?: number;
}

/** What a batch knows about itself; carried whole across continue-as-new. */
export interface BulkState {
  status: BulkStatus;
  /** Index into `cases` of the next case to send. */
  next: number;
  results: BulkCaseResult[];
  /** Bumped on every change, so the read model keeps only the newest snapshot. */
  version: number;
  updatedAt: number;
  finishedAt: number | null;
  /** Who paused, resumed or cancelled last, and why. */
  lastCommand: { command: BulkCommand; by: string; at: number; reason: string | null } | null;
}

export interface BulkProgress {
  total: number;
  done: number;
  refused: number;
  /** Not yet sent (after a cancel: never will be). */
  remaining: number;
}

/** The batch as its workflow sees it (the update answers, the query). */
export interface BulkView {
  operationId: string;
  startedBy: string;
  team: string;
  action: BulkAction;
  filter: Record<string, unknown>;
  status: BulkStatus;
  progress: BulkProgress;
  results: BulkCaseResult[];
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
}

export const BULK_COMMANDS = ['pause', 'resume', 'cancel'] as const;
export type BulkCommand = (typeof BULK_COMMANDS)[number];

export interface BulkCommandRequest {
  actor: Actor;
  reason?: string;
}

/** With a carried state, the run continues a batch (continue-as-new). */
export type BulkOperationArgs = [BulkOperationInput, BulkState?];

export const pauseBulkUpdate = defineUpdate<BulkView, [BulkCommandRequest]>('pauseBulk');
export const resumeBulkUpdate = defineUpdate<BulkView, [BulkCommandRequest]>('resumeBulk');
export const cancelBulkUpdate = defineUpdate<BulkView, [BulkCommandRequest]>('cancelBulk');
export const getBulkQuery = defineQuery<BulkView>('getBulk');

/** What the apply activity needs for one case. */
export interface ApplyBulkInput {
  operationId: string;
  actor: Actor;
  action: BulkAction;
  target: BulkCaseRef;
}
