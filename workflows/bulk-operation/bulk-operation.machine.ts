import { authorize } from '../common/access';
import type { Actor, CaseKind } from '../common/actor';
import {
  BULK_CASES_PER_RUN,
  BULK_DEFAULT_CONCURRENCY,
  BULK_MAX_CONCURRENCY,
  type BulkActionType,
  type BulkCaseRef,
  type BulkCaseResult,
  type BulkCommand,
  type BulkOperationInput,
  type BulkProgress,
  type BulkState,
  type BulkView,
} from './bulk-operation.contract';

/**
 * Every decision of a bulk operation, without Temporal: which commands a batch takes in which status,
 * which cases go next, how results are counted, when a run continues as new, and how the selection is
 * gathered page by page. Time is passed in.
 */

export type CommandOutcome = { ok: true; state: BulkState } | { ok: false; code: 'forbidden' | 'invalid_transition'; reason: string };

export function initialBulkState(now: number): BulkState {
  return { status: 'running', next: 0, results: [], version: 1, updatedAt: now, finishedAt: null, lastCommand: null };
}

/** The statuses each command leaves from, and where it goes. */
const COMMANDS: Record<BulkCommand, { from: readonly BulkState['status'][]; to: BulkState['status'] }> = {
  pause: { from: ['running'], to: 'paused' },
  resume: { from: ['paused'], to: 'running' },
  cancel: { from: ['running', 'paused'], to: 'cancelled' },
};

/** Pause, resume or cancel, by someone the permission table lets run bulk operations for the batch's team. */
export function applyCommand(input: BulkOperationInput, state: BulkState, command: BulkCommand, actor: Actor, now: number, reason?: string): CommandOutcome {
  const decision = authorize(actor, 'bulk.run', { kind: 'bulk', team: input.team });
  if (!decision.allowed) return { ok: false, code: 'forbidden', reason: decision.reason };
  const rule = COMMANDS[command];
  if (!rule.from.includes(state.status)) {
    return { ok: false, code: 'invalid_transition', reason: `the batch is ${state.status}; ${command} applies only to a ${rule.from.join(' or ')} batch` };
  }
  return {
    ok: true,
    state: {
      ...state,
      status: rule.to,
      version: state.version + 1,
      updatedAt: now,
      finishedAt: rule.to === 'cancelled' ? now : state.finishedAt,
      lastCommand: { command, by: actor.userId, at: now, reason: reason ?? null },
    },
  };
}

export function clampConcurrency(requested: number | undefined): number {
  if (requested === undefined || !Number.isInteger(requested)) return BULK_DEFAULT_CONCURRENCY;
  return Math.min(BULK_MAX_CONCURRENCY, Math.max(1, requested));
}

/** The cases to send now: none unless running, at most `concurrency` at a time. */
export function nextChunk(input: BulkOperationInput, state: BulkState): BulkCaseRef[] {
  if (state.status !== 'running') return [];
  return input.cases.slice(state.next, state.next + clampConcurrency(input.concurrency));
}

/**
 * Records the results of the chunk just sent (a case answered twice keeps its first answer). A batch
 * whose every case has answered is completed, unless it was cancelled meanwhile (a pause that arrives
 * with the last answers changes nothing left to do: completed).
 */
export function recordResults(input: BulkOperationInput, state: BulkState, results: readonly BulkCaseResult[], now: number): BulkState {
  const known = new Set(state.results.map((r) => r.caseId));
  const fresh = results.filter((r) => !known.has(r.caseId) && known.add(r.caseId));
  const next = Math.min(input.cases.length, state.next + results.length);
  const finished = next >= input.cases.length && state.status !== 'cancelled';
  return {
    ...state,
    next,
    results: [...state.results, ...fresh],
    status: finished ? 'completed' : state.status,
    finishedAt: finished ? now : state.finishedAt,
    version: state.version + 1,
    updatedAt: now,
  };
}

export function progressOf(input: BulkOperationInput, state: BulkState): BulkProgress {
  const done = state.results.filter((r) => r.outcome === 'done').length;
  const refused = state.results.length - done;
  return { total: input.cases.length, done, refused, remaining: input.cases.length - state.results.length };
}

export function viewOf(input: BulkOperationInput, state: BulkState): BulkView {
  return {
    operationId: input.operationId,
    startedBy: input.actor.userId,
    team: input.team,
    action: input.action,
    filter: input.filter,
    status: state.status,
    progress: progressOf(input, state),
    results: state.results,
    createdAt: input.createdAt,
    updatedAt: state.updatedAt,
    finishedAt: state.finishedAt,
  };
}

/** A run hands over to a new one after `casesPerRun` (default BULK_CASES_PER_RUN) cases, or earlier when Temporal suggests it. */
export function shouldContinueAsNew(state: BulkState, handledThisRun: number, suggested: boolean, casesPerRun = BULK_CASES_PER_RUN): boolean {
  return state.status === 'running' && (handledThisRun >= Math.max(1, casesPerRun) || suggested);
}

/** Which kinds have each action: a case of another kind is refused with this reason (null: supported). */
const SUPPORTED: Record<BulkActionType, readonly CaseKind[]> = {
  reassign: ['escalation', 'strategic_review'],
  close: ['escalation'],
  extend_sla: ['escalation'],
  retriage: ['escalation'],
};

const ACTION_WORDS: Record<BulkActionType, string> = {
  reassign: 'be reassigned',
  close: 'be closed by a resolution (a review ends through its approved decision)',
  extend_sla: 'have an SLA clock extended',
  retriage: 'be re-triaged',
};

export function unsupportedReason(action: BulkActionType, kind: CaseKind): string | null {
  return SUPPORTED[action].includes(kind) ? null : `${kind} cases cannot ${ACTION_WORDS[action]}`;
}

/** The selection as it is gathered page by page from the read model when a batch starts. */
export type SelectionStep =
  | { status: 'more'; cases: BulkCaseRef[] }
  | { status: 'complete'; cases: BulkCaseRef[] }
  | { status: 'over_cap'; cases: BulkCaseRef[]; cap: number };

/** Adds one page (keyset-ordered, so no case twice; repeats are dropped anyway); more than `cap` cases refuses the whole selection. */
export function absorbPage(sofar: readonly BulkCaseRef[], page: readonly BulkCaseRef[], hasMore: boolean, cap: number): SelectionStep {
  const seen = new Set(sofar.map((c) => c.caseId));
  const cases = [...sofar, ...page.filter((c) => !seen.has(c.caseId) && seen.add(c.caseId))];
  if (cases.length > cap) return { status: 'over_cap', cases: cases.slice(0, cap), cap };
  return { status: hasMore ? 'more' : 'complete', cases };
}
