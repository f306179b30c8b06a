/**
 * The escalation case as a pure state machine: `transition(state, event, now, ctx)` returns the next
 * snapshot and the effects the workflow must carry out (clocks, deadlines, tasks, notifications,
 * handoffs, audit). Nothing here reads the clock, performs I/O or imports Temporal; the workflow's
 * update validators call `transition` on the current state to get a synchronous yes or no, and the
 * handlers call it again to apply the change.
 *
 * States and transitions (every arrow is a named event; `settle` is defined below):
 *
 *   new --triage_started--> triage --assigned--> assigned --acknowledged--> in_progress
 *                             |                     ^
 *                             +--queued--> queued --+ (assigned)
 *                                          queued --claimed--> in_progress
 *   assigned | in_progress | reopened --released--> queued
 *   waiting_on_seller | waiting_on_handoff --released--> (same status, no assignee; queued when the wait ends)
 *   in_progress | waiting_on_handoff --info_requested--> waiting_on_seller      (resolution clock paused)
 *   waiting_on_seller --seller_responded | seller_deadline_expired--> settle   (resolution clock resumed)
 *   in_progress | waiting_on_* --handed_off--> settle                           (several may be open)
 *   in_progress | waiting_on_* --handoff_answered--> settle
 *   queued | assigned | in_progress | waiting_on_handoff | reopened --escalated--> escalated_to_manager
 *   escalated_to_manager --escalated (system, on a further SLA breach)--> escalated_to_manager
 *   escalated_to_manager --handed_off | handoff_answered--> escalated_to_manager  (manager decides)
 *   assigned | in_progress | waiting_on_* | escalated_to_manager | reopened --reassigned--> assigned
 *                                          (or the waiting status while an info request / blocking handoff is open)
 *   any open status except triage --sla_extended--> same status
 *   in_progress | escalated_to_manager --resolved--> resolved
 *   resolved --reopened (before resolvedAt + reopenWindowMs)--> reopened (or queued if no assignee)
 *   resolved --closed (system, once the reopen window has ended)--> closed
 *
 *   settle: waiting_on_seller while an info request is open; else waiting_on_handoff while a blocking
 *   handoff is open; else in_progress if the case has an assignee; else queued. A case escalated to a
 *   manager stays there until a manager reassigns or resolves it.
 *
 * Decisions worth knowing:
 * - `queued` is a status of its own: the case waits, unassigned, in its team's queue and can be claimed.
 * - A claim counts as the first response (it is the specialist's own act), so it goes to in_progress.
 * - From `assigned` (and `reopened`) the assignee acknowledges before working: the first response is
 *   explicit. Acknowledging again after a reassignment does not restart the first-response clock.
 * - Clocks: `first_response` runs from triage until acknowledged/claimed; `resolution` runs from
 *   triage until resolved, is paused only while waiting on the seller (a handoff is our own delay, and
 *   handoff teams have their own SLA), and restarts on reopen.
 * - Resolving cancels open handoffs; only in_progress (no blocking handoff open) or a manager on an
 *   escalated case may resolve.
 * - The system (SYSTEM_ACTOR) sends the timer- and routing-driven events; people are checked with
 *   `authorize` against the case's team, assignee and (for handoffs) the handoff's team.
 */
import type { Actor, HandoffTeam } from '../common/actor';
import { HANDOFF_TEAMS } from '../common/actor';
import { authorize, isSystemActor, type CaseAction, type DenialCode } from '../common/access';
import type { WorkItem } from '../common/routing';
import type { EscalationCategory, Severity } from './escalation.contract';

// ---------------------------------------------------------------------------------------------------
// Vocabulary

export const ESCALATION_STATUSES = [
  'new',
  'triage',
  'queued',
  'assigned',
  'in_progress',
  'waiting_on_seller',
  'waiting_on_handoff',
  'escalated_to_manager',
  'resolved',
  'reopened',
  'closed',
] as const;
export type EscalationStatus = (typeof ESCALATION_STATUSES)[number];

/** Statuses in which the case is being worked (not new, not resolved or closed). */
export const OPEN_STATUSES = [
  'triage',
  'queued',
  'assigned',
  'in_progress',
  'waiting_on_seller',
  'waiting_on_handoff',
  'escalated_to_manager',
  'reopened',
] as const satisfies readonly EscalationStatus[];

/** How a case was resolved. */
export const RESOLUTION_CODES = [
  'enforcement_upheld',
  'enforcement_reversed',
  'enforcement_modified',
  'seller_remediated',
  'no_violation_found',
  'referred_to_other_team',
  'duplicate',
  'withdrawn',
] as const;
export type ResolutionCode = (typeof RESOLUTION_CODES)[number];

/** Why the case arose, for trend reporting. */
export const ROOT_CAUSES = [
  'seller_error',
  'seller_bad_faith',
  'automation_false_positive',
  'reviewer_error',
  'policy_ambiguity',
  'buyer_complaint',
  'third_party_report',
  'system_defect',
  'not_applicable',
] as const;
export type RootCause = (typeof ROOT_CAUSES)[number];

export const HANDOFF_OUTCOMES = ['approve', 'reject', 'advise'] as const;
export type HandoffOutcome = (typeof HANDOFF_OUTCOMES)[number];

export const CLOCKS = ['first_response', 'resolution'] as const;
export type Clock = (typeof CLOCKS)[number];
export type ClockStatus = 'not_started' | 'running' | 'paused' | 'stopped';

/** Fixed instants the workflow waits for (unlike clocks, these are not business-time SLAs). */
export const DEADLINES = ['seller_response', 'reopen_window'] as const;
export type Deadline = (typeof DEADLINES)[number];

/** queue: the team's unassigned work item; work: the assignee's; manager_review: the team's managers'. */
export const TASK_KINDS = ['queue', 'work', 'manager_review'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const NOTIFICATION_TEMPLATES = [
  'case_assigned',
  'case_queued',
  'case_released',
  'case_escalated',
  'sla_breached',
  'seller_info_requested',
  'seller_responded',
  'seller_deadline_expired',
  'handoff_answered',
  'case_resolved',
  'case_reopened',
] as const;
export type NotificationTemplate = (typeof NOTIFICATION_TEMPLATES)[number];

export const DEFAULT_REOPEN_WINDOW_MS = 14 * 24 * 60 * 60 * 1000;
const MAX_TEXT = 4000;

// ---------------------------------------------------------------------------------------------------
// State (plain JSON: no undefined, Dates, Maps or class instances)

export interface Task {
  id: string;
  kind: TaskKind;
  assigneeId: string | null;
  team: string;
  createdAt: number;
  dueAt: number | null;
}

export interface InfoRequest {
  id: string;
  question: string;
  deadline: number;
  requestedBy: string;
  requestedAt: number;
}

export interface Handoff {
  id: string;
  team: HandoffTeam;
  question: string;
  /** A blocking handoff holds the case in waiting_on_handoff until answered. */
  blocking: boolean;
  status: 'open' | 'answered' | 'cancelled';
  requestedBy: string;
  requestedAt: number;
  dueAt: number | null;
  outcome: HandoffOutcome | null;
  answer: string | null;
  answeredBy: string | null;
  /** When answered or cancelled. */
  closedAt: number | null;
}

export interface EscalationRecord {
  reason: string;
  by: string;
  at: number;
  breach: Clock | null;
}

export interface Resolution {
  code: ResolutionCode;
  rootCause: RootCause;
  note: string | null;
  resolvedBy: string;
  resolvedAt: number;
}

export interface Note {
  at: number;
  by: string;
  text: string;
}

export interface EscalationCounters {
  transitions: number;
  assignments: number;
  releases: number;
  infoRequests: number;
  handoffs: number;
  escalations: number;
  slaExtensions: number;
  tasks: number;
}

export interface EscalationState {
  schemaVersion: 1;
  caseId: string;
  sellerId: string;
  marketplace: string;
  language: string | null;
  severity: Severity;
  category: EscalationCategory;
  summary: string;
  /** The owning team; set at creation or at triage, changed only by a manager's reassignment. */
  team: string | null;
  status: EscalationStatus;
  assigneeId: string | null;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  assignedAt: number | null;
  /** The first response (acknowledgement or claim). */
  acknowledgedAt: number | null;
  clocks: Record<Clock, ClockStatus>;
  /** Sticky: once a clock breached, the case keeps the mark (for reporting), even after a reopen. */
  breaches: Record<Clock, boolean>;
  openTask: Task | null;
  openInfoRequest: InfoRequest | null;
  lastSellerResponseAt: number | null;
  /** Every handoff ever made, open ones included; see `openHandoffs`. */
  handoffs: Handoff[];
  /** The escalation in force (cleared by a reassignment or a reopen). */
  escalation: EscalationRecord | null;
  resolution: Resolution | null;
  /** Resolutions undone by reopening, oldest first. */
  previousResolutions: Resolution[];
  resolvedAt: number | null;
  closedAt: number | null;
  reopenCount: number;
  /** The last note the machine left for the assignee (e.g. the seller missed the deadline). */
  lastNote: Note | null;
  counters: EscalationCounters;
}

export interface NewEscalation {
  caseId: string;
  sellerId: string;
  marketplace: string;
  severity: Severity;
  category: EscalationCategory;
  summary: string;
  createdBy: Actor;
  /** Known at creation, or given by `triage_started`. */
  team?: string;
  language?: string;
  /** When the API accepted the case; defaults to `now`. */
  requestedAt?: number;
}

export interface EscalationContext {
  /** How long after resolution the case may be reopened; afterwards the system closes it. */
  reopenWindowMs: number;
}

export const DEFAULT_ESCALATION_CONTEXT: EscalationContext = { reopenWindowMs: DEFAULT_REOPEN_WINDOW_MS };

// ---------------------------------------------------------------------------------------------------
// Events

interface E<T extends string> {
  type: T;
  actor: Actor;
}

export type EscalationEvent =
  | (E<'triage_started'> & { team?: string })
  | (E<'assigned'> & { assigneeId: string; reason?: string })
  | (E<'queued'> & { reason: string })
  | E<'acknowledged'>
  | E<'claimed'>
  | (E<'released'> & { reason?: string })
  | (E<'info_requested'> & { question: string; deadline: number })
  | (E<'seller_responded'> & { summary?: string })
  | E<'seller_deadline_expired'>
  | (E<'handed_off'> & { team: HandoffTeam; question: string; blocking?: boolean; dueAt?: number })
  | (E<'handoff_answered'> & { handoffId: string; outcome: HandoffOutcome; answer?: string })
  | (E<'escalated'> & { reason: string; breach?: Clock })
  | (E<'reassigned'> & { assigneeId: string; team?: string; reason?: string })
  | (E<'sla_extended'> & { clock: Clock; byMs: number; reason: string })
  | (E<'resolved'> & { resolutionCode: ResolutionCode; rootCause: RootCause; note?: string })
  | (E<'reopened'> & { reason: string })
  | E<'closed'>;
export type EscalationEventType = EscalationEvent['type'];
type EventOf<T extends EscalationEventType> = Extract<EscalationEvent, { type: T }>;

// ---------------------------------------------------------------------------------------------------
// Effects

export type Recipient =
  | { kind: 'user'; userId: string }
  | { kind: 'team'; team: string }
  | { kind: 'managers'; team: string }
  | { kind: 'seller'; sellerId: string };

export type Effect =
  | { type: 'start_clock'; clock: Clock }
  | { type: 'stop_clock'; clock: Clock }
  | { type: 'pause_clock'; clock: Clock; reason: string }
  | { type: 'resume_clock'; clock: Clock }
  | { type: 'extend_clock'; clock: Clock; byMs: number; reason: string }
  | { type: 'set_deadline'; deadline: Deadline; at: number }
  | { type: 'clear_deadline'; deadline: Deadline }
  /** Run routing (`route` in common/routing.ts) and send `assigned` or `queued` back. */
  | { type: 'request_assignment'; item: WorkItem }
  | { type: 'create_task'; task: Task }
  | { type: 'complete_task'; taskId: string; outcome: 'done' | 'cancelled' }
  | { type: 'notify'; to: Recipient; template: NotificationTemplate; caseId: string }
  | {
      type: 'start_handoff';
      handoff: { id: string; team: HandoffTeam; question: string; blocking: boolean; dueAt: number | null };
    }
  | { type: 'cancel_handoff'; handoffId: string; reason: string }
  /** Audit: one per transition, first in the list; maps onto common/case-projection's AuditEvent. */
  | {
      type: 'record_event';
      action: EscalationEventType;
      from: EscalationStatus;
      to: EscalationStatus;
      actor: Actor;
      at: number;
      reason: string | null;
      details: Record<string, string | number | boolean | null>;
    };

export type TransitionFailureCode = 'invalid_transition' | 'forbidden' | 'invalid_input';
export type TransitionResult =
  | { ok: true; state: EscalationState; effects: Effect[] }
  | { ok: false; code: TransitionFailureCode; reason: string; denial?: DenialCode };
type Failure = Extract<TransitionResult, { ok: false }>;

// ---------------------------------------------------------------------------------------------------
// The transition table

export interface TransitionRule {
  event: EscalationEventType;
  from: readonly EscalationStatus[];
  /** Every status the event can lead to (documentation; the tests check results stay within it). */
  to: readonly EscalationStatus[];
  /** The permission a person needs (checked with `authorize`); null: people may not send it. */
  action: CaseAction | null;
  /** Whether SYSTEM_ACTOR may send it. */
  system: boolean;
  note: string;
}

const WORKING = ['in_progress', 'waiting_on_seller', 'waiting_on_handoff'] as const;
const SETTLED = ['in_progress', 'waiting_on_seller', 'waiting_on_handoff', 'queued'] as const;

export const TRANSITIONS: readonly TransitionRule[] = [
  { event: 'triage_started', from: ['new'], to: ['triage'], action: null, system: true,
    note: 'Starts both SLA clocks and asks the workflow to route the case.' },
  { event: 'assigned', from: ['triage', 'queued'], to: ['assigned'], action: 'reassign', system: true,
    note: 'Routing chose someone, or a manager assigns from the queue.' },
  { event: 'queued', from: ['triage'], to: ['queued'], action: null, system: true,
    note: 'Routing found no eligible member; the case waits in the team queue.' },
  { event: 'acknowledged', from: ['assigned', 'reopened'], to: ['in_progress'], action: 'acknowledge', system: false,
    note: 'The assignee takes it on; the first one stops the first-response clock.' },
  { event: 'claimed', from: ['queued'], to: ['in_progress'], action: 'claim', system: false,
    note: 'A specialist of the team takes it from the queue; counts as the first response.' },
  { event: 'released', from: ['assigned', 'in_progress', 'waiting_on_seller', 'waiting_on_handoff', 'reopened'],
    to: ['queued', 'waiting_on_seller', 'waiting_on_handoff'], action: 'release', system: true,
    note: 'Back to the queue (by the assignee, a manager, or the system on lease expiry / out of office). While waiting, the case stays waiting without an assignee.' },
  { event: 'info_requested', from: ['in_progress', 'waiting_on_handoff'], to: ['waiting_on_seller'], action: 'request_info', system: false,
    note: 'Asks the seller, with a deadline; pauses the resolution clock.' },
  { event: 'seller_responded', from: ['waiting_on_seller'], to: SETTLED, action: 'record_seller_response', system: true,
    note: 'Resumes the resolution clock.' },
  { event: 'seller_deadline_expired', from: ['waiting_on_seller'], to: SETTLED, action: null, system: true,
    note: 'The deadline passed: resumes the resolution clock and leaves the assignee a note.' },
  { event: 'handed_off', from: [...WORKING, 'escalated_to_manager'], to: [...WORKING, 'escalated_to_manager'], action: 'hand_off', system: false,
    note: 'Asks legal, policy or customer trust; several may be open. On an escalated case only a manager hands off.' },
  { event: 'handoff_answered', from: [...WORKING, 'escalated_to_manager'], to: [...SETTLED, 'escalated_to_manager'], action: 'answer_handoff', system: true,
    note: 'Only the team the handoff is addressed to answers it.' },
  { event: 'escalated', from: ['queued', 'assigned', 'in_progress', 'waiting_on_handoff', 'reopened', 'escalated_to_manager'],
    to: ['escalated_to_manager'], action: 'escalate', system: true,
    note: 'Manual (assignee, or a senior specialist of the team) or on an SLA breach (system). An escalated case only takes further breaches.' },
  { event: 'reassigned', from: ['assigned', 'in_progress', 'waiting_on_seller', 'waiting_on_handoff', 'escalated_to_manager', 'reopened'],
    to: ['assigned', 'waiting_on_seller', 'waiting_on_handoff'], action: 'reassign', system: false,
    note: 'A manager of the team gives it to someone (possibly in another team); ends an escalation.' },
  { event: 'sla_extended', from: ['queued', 'assigned', 'in_progress', 'waiting_on_seller', 'waiting_on_handoff', 'escalated_to_manager', 'reopened'],
    to: ['queued', 'assigned', 'in_progress', 'waiting_on_seller', 'waiting_on_handoff', 'escalated_to_manager', 'reopened'],
    action: 'extend_sla', system: false,
    note: 'A manager gives a running or paused clock more time.' },
  { event: 'resolved', from: ['in_progress', 'escalated_to_manager'], to: ['resolved'], action: 'resolve', system: false,
    note: 'With a resolution code and root cause; cancels open handoffs and opens the reopen window. An escalated case is resolved by a manager.' },
  { event: 'reopened', from: ['resolved'], to: ['reopened', 'queued'], action: 'reopen', system: true,
    note: 'Only within the reopen window; restarts the resolution clock.' },
  { event: 'closed', from: ['resolved'], to: ['closed'], action: null, system: true,
    note: 'Once the reopen window has ended.' },
];

const RULES = Object.fromEntries(TRANSITIONS.map((r) => [r.event, r])) as Record<EscalationEventType, TransitionRule>;
export const EVENT_TYPES: readonly EscalationEventType[] = TRANSITIONS.map((r) => r.event);

// ---------------------------------------------------------------------------------------------------
// Construction and reading

export function createEscalation(input: NewEscalation, now: number): EscalationState {
  return {
    schemaVersion: 1,
    caseId: input.caseId,
    sellerId: input.sellerId,
    marketplace: input.marketplace,
    language: input.language ?? null,
    severity: input.severity,
    category: input.category,
    summary: input.summary,
    team: input.team ?? null,
    status: 'new',
    assigneeId: null,
    createdBy: input.createdBy.userId,
    createdAt: input.requestedAt ?? now,
    updatedAt: now,
    assignedAt: null,
    acknowledgedAt: null,
    clocks: { first_response: 'not_started', resolution: 'not_started' },
    breaches: { first_response: false, resolution: false },
    openTask: null,
    openInfoRequest: null,
    lastSellerResponseAt: null,
    handoffs: [],
    escalation: null,
    resolution: null,
    previousResolutions: [],
    resolvedAt: null,
    closedAt: null,
    reopenCount: 0,
    lastNote: null,
    counters: { transitions: 0, assignments: 0, releases: 0, infoRequests: 0, handoffs: 0, escalations: 0, slaExtensions: 0, tasks: 0 },
  };
}

export function openHandoffs(state: EscalationState): Handoff[] {
  return state.handoffs.filter((h) => h.status === 'open');
}

export function isOpen(state: EscalationState): boolean {
  return (OPEN_STATUSES as readonly EscalationStatus[]).includes(state.status);
}

/** When the reopen window of a resolved case ends; null if the case is not resolved. */
export function reopenWindowEndsAt(state: EscalationState, ctx: EscalationContext = DEFAULT_ESCALATION_CONTEXT): number | null {
  return state.status === 'resolved' && state.resolvedAt !== null ? state.resolvedAt + ctx.reopenWindowMs : null;
}

// ---------------------------------------------------------------------------------------------------
// Guards

const fail = (code: TransitionFailureCode, reason: string, denial?: DenialCode): Failure =>
  denial ? { ok: false, code, reason, denial } : { ok: false, code, reason };

const iso = (ms: number) => new Date(ms).toISOString();

/** Status-only guards: the table's `from`, plus what the status alone does not say. */
function statusGuard(state: EscalationState, type: EscalationEventType): Failure | null {
  const rule = RULES[type];
  if (!rule.from.includes(state.status)) {
    return fail('invalid_transition', `${type} is not allowed while the case is ${state.status} (only from ${rule.from.join(', ')})`);
  }
  if (type === 'released' && state.assigneeId === null) {
    return fail('invalid_transition', 'the case has no assignee to release');
  }
  if (type === 'handoff_answered' && openHandoffs(state).length === 0) {
    return fail('invalid_transition', 'the case has no open handoff');
  }
  if (type === 'triage_started' || type === 'assigned' || type === 'queued') return null;
  if (state.team === null) return fail('invalid_transition', 'the case has no team');
  return null;
}

function actorGuard(
  state: EscalationState,
  type: EscalationEventType,
  actor: Actor,
  handoffTeam?: HandoffTeam,
): Failure | null {
  const rule = RULES[type];
  if (isSystemActor(actor)) {
    return rule.system ? null : fail('forbidden', `the system may not send ${type}; it takes a person with permission ${rule.action}`);
  }
  if (rule.action === null) return fail('forbidden', `only the system sends ${type}`);
  if (state.status === 'escalated_to_manager' && type === 'escalated') {
    return fail('invalid_transition', 'the case is already escalated to a manager');
  }
  const decision = authorize(actor, rule.action, {
    kind: 'escalation',
    team: state.team ?? undefined,
    assigneeId: state.assigneeId ?? undefined,
    handoffTeam,
  });
  if (!decision.allowed) return fail('forbidden', decision.reason, decision.code);
  if (state.status === 'escalated_to_manager' && (type === 'resolved' || type === 'handed_off') && actor.role !== 'manager') {
    return fail('forbidden', `the case is escalated to a manager: only a manager of team ${state.team} may ${type === 'resolved' ? 'resolve it' : 'hand it off'}`);
  }
  return null;
}

/** Guards on the clock; `allowedActions` applies them only when given `now`. */
function timeGuard(state: EscalationState, type: EscalationEventType, now: number, ctx: EscalationContext): Failure | null {
  switch (type) {
    case 'seller_deadline_expired': {
      const deadline = state.openInfoRequest?.deadline;
      if (deadline !== undefined && now < deadline) {
        return fail('invalid_transition', `the seller's deadline ${iso(deadline)} has not passed`);
      }
      return null;
    }
    case 'reopened':
    case 'closed': {
      const end = (state.resolvedAt ?? now) + ctx.reopenWindowMs;
      if (type === 'reopened' && now >= end) return fail('invalid_transition', `the reopen window closed at ${iso(end)}`);
      if (type === 'closed' && now < end) return fail('invalid_transition', `the reopen window is open until ${iso(end)}`);
      return null;
    }
    default:
      return null;
  }
}

const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= MAX_TEXT;
const isOptionalText = (v: unknown) => v === undefined || isText(v);
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const oneOf = <T extends string>(list: readonly T[], v: unknown): v is T => typeof v === 'string' && (list as readonly string[]).includes(v);
const textProblem = (field: string) => `${field} must be non-empty text of at most ${MAX_TEXT} characters`;

function inputGuard(state: EscalationState, event: EscalationEvent, now: number, ctx: EscalationContext): Failure | null {
  const bad = (reason: string) => fail('invalid_input', reason);
  switch (event.type) {
    case 'triage_started':
      if (event.team !== undefined && !isText(event.team)) return bad(textProblem('team'));
      if (event.team === undefined && state.team === null) return bad('the case has no team: triage_started must name one');
      return null;
    case 'assigned':
      if (!isText(event.assigneeId)) return bad(textProblem('assigneeId'));
      return isOptionalText(event.reason) ? null : bad(textProblem('reason'));
    case 'queued':
      return isText(event.reason) ? null : bad(textProblem('reason'));
    case 'released':
      return isOptionalText(event.reason) ? null : bad(textProblem('reason'));
    case 'info_requested':
      if (!isText(event.question)) return bad(textProblem('question'));
      if (!isTime(event.deadline) || event.deadline <= now) return bad('deadline must be a time in the future');
      return null;
    case 'seller_responded':
      return isOptionalText(event.summary) ? null : bad(textProblem('summary'));
    case 'handed_off':
      if (!oneOf(HANDOFF_TEAMS, event.team)) return bad(`team must be one of ${HANDOFF_TEAMS.join(', ')}`);
      if (!isText(event.question)) return bad(textProblem('question'));
      if (event.blocking !== undefined && typeof event.blocking !== 'boolean') return bad('blocking must be true or false');
      if (event.dueAt !== undefined && (!isTime(event.dueAt) || event.dueAt <= now)) return bad('dueAt must be a time in the future');
      return null;
    case 'handoff_answered':
      if (!oneOf(HANDOFF_OUTCOMES, event.outcome)) return bad(`outcome must be one of ${HANDOFF_OUTCOMES.join(', ')}`);
      return isOptionalText(event.answer) ? null : bad(textProblem('answer'));
    case 'escalated':
      if (!isText(event.reason)) return bad(textProblem('reason'));
      if (event.breach !== undefined && !oneOf(CLOCKS, event.breach)) return bad(`breach must be one of ${CLOCKS.join(', ')}`);
      if (state.status === 'escalated_to_manager' && event.breach === undefined) {
        return fail('invalid_transition', 'the case is already escalated to a manager');
      }
      return null;
    case 'reassigned':
      if (!isText(event.assigneeId)) return bad(textProblem('assigneeId'));
      if (event.team !== undefined && !isText(event.team)) return bad(textProblem('team'));
      if (!isOptionalText(event.reason)) return bad(textProblem('reason'));
      if (event.assigneeId === state.assigneeId && (event.team ?? state.team) === state.team && state.status !== 'escalated_to_manager') {
        return bad(`the case is already assigned to ${event.assigneeId}`);
      }
      return null;
    case 'sla_extended':
      if (!oneOf(CLOCKS, event.clock)) return bad(`clock must be one of ${CLOCKS.join(', ')}`);
      if (!isTime(event.byMs) || event.byMs <= 0) return bad('byMs must be a positive number of milliseconds');
      if (!isText(event.reason)) return bad(textProblem('reason'));
      if (state.clocks[event.clock] !== 'running' && state.clocks[event.clock] !== 'paused') {
        return bad(`the ${event.clock} clock is ${state.clocks[event.clock].replace('_', ' ')}`);
      }
      return null;
    case 'resolved':
      if (!oneOf(RESOLUTION_CODES, event.resolutionCode)) return bad(`resolutionCode must be one of ${RESOLUTION_CODES.join(', ')}`);
      if (!oneOf(ROOT_CAUSES, event.rootCause)) return bad(`rootCause must be one of ${ROOT_CAUSES.join(', ')}`);
      return isOptionalText(event.note) ? null : bad(textProblem('note'));
    case 'reopened':
      if (!isTime(ctx.reopenWindowMs) || ctx.reopenWindowMs < 0) return bad('reopenWindowMs must be a non-negative number');
      return isText(event.reason) ? null : bad(textProblem('reason'));
    case 'closed':
      return !isTime(ctx.reopenWindowMs) || ctx.reopenWindowMs < 0 ? bad('reopenWindowMs must be a non-negative number') : null;
    case 'acknowledged':
    case 'claimed':
    case 'seller_deadline_expired':
      return null;
  }
}

// ---------------------------------------------------------------------------------------------------
// Applying

interface Draft {
  s: EscalationState;
  effects: Effect[];
  now: number;
  reason: string | null;
  details: Record<string, string | number | boolean | null>;
}

function notify(d: Draft, to: Recipient, template: NotificationTemplate) {
  d.effects.push({ type: 'notify', to, template, caseId: d.s.caseId });
}

/** Whoever should hear about the case now: the assignee, else the team's managers if escalated, else the team. */
function owner(s: EscalationState): Recipient {
  if (s.status === 'escalated_to_manager') return { kind: 'managers', team: s.team as string };
  if (s.assigneeId !== null) return { kind: 'user', userId: s.assigneeId };
  return { kind: 'team', team: s.team as string };
}

function closeTask(d: Draft, outcome: 'done' | 'cancelled') {
  if (d.s.openTask) d.effects.push({ type: 'complete_task', taskId: d.s.openTask.id, outcome });
  d.s.openTask = null;
}

function openTask(d: Draft, kind: TaskKind, previousOutcome: 'done' | 'cancelled') {
  closeTask(d, previousOutcome);
  d.s.counters.tasks += 1;
  const task: Task = {
    id: `${d.s.caseId}/task/${d.s.counters.tasks}`,
    kind,
    assigneeId: kind === 'work' ? d.s.assigneeId : null,
    team: d.s.team as string,
    createdAt: d.now,
    dueAt: null,
  };
  d.s.openTask = task;
  d.effects.push({ type: 'create_task', task });
}

function setClock(d: Draft, clock: Clock, to: 'running' | 'paused' | 'stopped', reason = '') {
  const from = d.s.clocks[clock];
  if (to === 'running' && from === 'paused') d.effects.push({ type: 'resume_clock', clock });
  else if (to === 'running' && from !== 'running') d.effects.push({ type: 'start_clock', clock });
  else if (to === 'paused' && from === 'running') d.effects.push({ type: 'pause_clock', clock, reason });
  else if (to === 'stopped' && (from === 'running' || from === 'paused')) d.effects.push({ type: 'stop_clock', clock });
  else return;
  d.s.clocks[clock] = to;
}

function firstResponse(d: Draft) {
  if (d.s.acknowledgedAt === null) d.s.acknowledgedAt = d.now;
  setClock(d, 'first_response', 'stopped');
}

function waitingStatus(s: EscalationState): EscalationStatus | null {
  if (s.openInfoRequest) return 'waiting_on_seller';
  if (openHandoffs(s).some((h) => h.blocking)) return 'waiting_on_handoff';
  return null;
}

/** After a wait starts or ends (see the diagram). An escalated case stays with its manager. */
function settle(d: Draft) {
  if (d.s.status === 'escalated_to_manager') return;
  const next = waitingStatus(d.s) ?? (d.s.assigneeId !== null ? 'in_progress' : 'queued');
  if (next === 'queued' && d.s.status !== 'queued') {
    d.s.status = 'queued';
    openTask(d, 'queue', 'cancelled');
    notify(d, { kind: 'team', team: d.s.team as string }, 'case_queued');
    return;
  }
  d.s.status = next;
}

function newId(s: EscalationState, counter: 'infoRequests' | 'handoffs', prefix: string): string {
  s.counters[counter] += 1;
  return `${s.caseId}/${prefix}/${s.counters[counter]}`;
}

type Handlers = { [T in EscalationEventType]: (d: Draft, e: EventOf<T>, ctx: EscalationContext) => void };

const APPLY: Handlers = {
  triage_started(d, e) {
    if (e.team !== undefined) d.s.team = e.team;
    d.s.status = 'triage';
    setClock(d, 'first_response', 'running');
    setClock(d, 'resolution', 'running');
    d.effects.push({
      type: 'request_assignment',
      item: {
        caseId: d.s.caseId,
        kind: 'escalation',
        marketplace: d.s.marketplace,
        team: d.s.team as string,
        ...(d.s.language !== null ? { language: d.s.language } : {}),
      },
    });
  },
  assigned(d, e) {
    d.s.assigneeId = e.assigneeId;
    d.s.assignedAt = d.now;
    d.s.counters.assignments += 1;
    d.s.status = 'assigned';
    d.reason = e.reason ?? null;
    d.details.assigneeId = e.assigneeId;
    openTask(d, 'work', 'done');
    notify(d, { kind: 'user', userId: e.assigneeId }, 'case_assigned');
  },
  queued(d, e) {
    d.s.status = 'queued';
    d.reason = e.reason;
    openTask(d, 'queue', 'cancelled');
    notify(d, { kind: 'team', team: d.s.team as string }, 'case_queued');
  },
  acknowledged(d) {
    d.s.status = 'in_progress';
    firstResponse(d);
  },
  claimed(d, e) {
    d.s.assigneeId = e.actor.userId;
    d.s.assignedAt = d.now;
    d.s.counters.assignments += 1;
    d.s.status = 'in_progress';
    d.details.assigneeId = e.actor.userId;
    openTask(d, 'work', 'done');
    firstResponse(d);
  },
  released(d, e) {
    const previous = d.s.assigneeId as string;
    d.s.assigneeId = null;
    d.s.assignedAt = null;
    d.s.counters.releases += 1;
    d.reason = e.reason ?? null;
    d.details.previousAssigneeId = previous;
    closeTask(d, 'cancelled');
    if (e.actor.userId !== previous) notify(d, { kind: 'user', userId: previous }, 'case_released');
    // While waiting, the case stays put; it reaches the queue when the wait ends.
    settle(d);
  },
  info_requested(d, e) {
    const id = newId(d.s, 'infoRequests', 'info');
    d.s.openInfoRequest = { id, question: e.question, deadline: e.deadline, requestedBy: e.actor.userId, requestedAt: d.now };
    d.details.infoRequestId = id;
    d.details.deadline = e.deadline;
    d.s.status = 'waiting_on_seller';
    setClock(d, 'resolution', 'paused', 'waiting_on_seller');
    d.effects.push({ type: 'set_deadline', deadline: 'seller_response', at: e.deadline });
    notify(d, { kind: 'seller', sellerId: d.s.sellerId }, 'seller_info_requested');
  },
  seller_responded(d, e) {
    d.details.infoRequestId = d.s.openInfoRequest?.id ?? null;
    d.s.openInfoRequest = null;
    d.s.lastSellerResponseAt = d.now;
    if (e.summary !== undefined) d.s.lastNote = { at: d.now, by: e.actor.userId, text: `Seller responded: ${e.summary}` };
    d.effects.push({ type: 'clear_deadline', deadline: 'seller_response' });
    setClock(d, 'resolution', 'running');
    settle(d);
    notify(d, owner(d.s), 'seller_responded');
  },
  seller_deadline_expired(d) {
    const request = d.s.openInfoRequest as InfoRequest;
    d.details.infoRequestId = request.id;
    d.s.openInfoRequest = null;
    d.s.lastNote = {
      at: d.now,
      by: 'system',
      text: `The seller did not answer "${request.question}" by ${iso(request.deadline)}; continue without it.`,
    };
    d.reason = 'seller deadline expired';
    setClock(d, 'resolution', 'running');
    settle(d);
    notify(d, owner(d.s), 'seller_deadline_expired');
  },
  handed_off(d, e) {
    const id = newId(d.s, 'handoffs', 'handoff');
    const blocking = e.blocking ?? true;
    const dueAt = e.dueAt ?? null;
    d.s.handoffs.push({
      id,
      team: e.team,
      question: e.question,
      blocking,
      status: 'open',
      requestedBy: e.actor.userId,
      requestedAt: d.now,
      dueAt,
      outcome: null,
      answer: null,
      answeredBy: null,
      closedAt: null,
    });
    d.details.handoffId = id;
    d.details.team = e.team;
    d.details.blocking = blocking;
    d.effects.push({ type: 'start_handoff', handoff: { id, team: e.team, question: e.question, blocking, dueAt } });
    settle(d);
  },
  handoff_answered(d, e) {
    const handoff = d.s.handoffs.find((h) => h.id === e.handoffId) as Handoff;
    handoff.status = 'answered';
    handoff.outcome = e.outcome;
    handoff.answer = e.answer ?? null;
    handoff.answeredBy = e.actor.userId;
    handoff.closedAt = d.now;
    d.details.handoffId = handoff.id;
    d.details.outcome = e.outcome;
    settle(d);
    notify(d, owner(d.s), 'handoff_answered');
  },
  escalated(d, e) {
    d.reason = e.reason;
    d.details.breach = e.breach ?? null;
    if (e.breach) d.s.breaches[e.breach] = true;
    if (d.s.status === 'escalated_to_manager') {
      notify(d, { kind: 'managers', team: d.s.team as string }, 'sla_breached');
      return;
    }
    d.s.escalation = { reason: e.reason, by: e.actor.userId, at: d.now, breach: e.breach ?? null };
    d.s.counters.escalations += 1;
    d.s.status = 'escalated_to_manager';
    openTask(d, 'manager_review', 'cancelled');
    notify(d, { kind: 'managers', team: d.s.team as string }, 'case_escalated');
  },
  reassigned(d, e) {
    d.details.previousAssigneeId = d.s.assigneeId;
    d.details.assigneeId = e.assigneeId;
    if (e.team !== undefined && e.team !== d.s.team) {
      d.details.previousTeam = d.s.team;
      d.s.team = e.team;
    }
    d.s.assigneeId = e.assigneeId;
    d.s.assignedAt = d.now;
    d.s.counters.assignments += 1;
    d.s.escalation = null;
    d.s.status = waitingStatus(d.s) ?? 'assigned';
    d.reason = e.reason ?? null;
    openTask(d, 'work', 'cancelled');
    notify(d, { kind: 'user', userId: e.assigneeId }, 'case_assigned');
  },
  sla_extended(d, e) {
    d.s.counters.slaExtensions += 1;
    d.reason = e.reason;
    d.details.clock = e.clock;
    d.details.byMs = e.byMs;
    d.effects.push({ type: 'extend_clock', clock: e.clock, byMs: e.byMs, reason: e.reason });
  },
  resolved(d, e, ctx) {
    d.s.resolution = { code: e.resolutionCode, rootCause: e.rootCause, note: e.note ?? null, resolvedBy: e.actor.userId, resolvedAt: d.now };
    d.s.resolvedAt = d.now;
    d.s.status = 'resolved';
    d.reason = e.note ?? null;
    d.details.resolutionCode = e.resolutionCode;
    d.details.rootCause = e.rootCause;
    setClock(d, 'first_response', 'stopped');
    setClock(d, 'resolution', 'stopped');
    for (const h of openHandoffs(d.s)) {
      h.status = 'cancelled';
      h.closedAt = d.now;
      d.effects.push({ type: 'cancel_handoff', handoffId: h.id, reason: 'case resolved' });
    }
    closeTask(d, 'done');
    d.effects.push({ type: 'set_deadline', deadline: 'reopen_window', at: d.now + ctx.reopenWindowMs });
    notify(d, { kind: 'seller', sellerId: d.s.sellerId }, 'case_resolved');
  },
  reopened(d, e) {
    if (d.s.resolution) d.s.previousResolutions.push(d.s.resolution);
    d.s.resolution = null;
    d.s.resolvedAt = null;
    d.s.escalation = null;
    d.s.reopenCount += 1;
    d.reason = e.reason;
    d.effects.push({ type: 'clear_deadline', deadline: 'reopen_window' });
    setClock(d, 'resolution', 'running');
    if (d.s.assigneeId !== null) {
      d.s.status = 'reopened';
      openTask(d, 'work', 'cancelled');
      notify(d, { kind: 'user', userId: d.s.assigneeId }, 'case_reopened');
    } else {
      d.s.status = 'queued';
      openTask(d, 'queue', 'cancelled');
      notify(d, { kind: 'team', team: d.s.team as string }, 'case_queued');
    }
  },
  closed(d) {
    d.s.status = 'closed';
    d.s.closedAt = d.now;
  },
};

// ---------------------------------------------------------------------------------------------------
// API

/**
 * Apply one event. Checks, in order: the event is known and allowed from the current status; the actor
 * may send it (system or `authorize`); the payload and time guards. The input state is never mutated.
 */
export function transition(
  state: EscalationState,
  event: EscalationEvent,
  now: number,
  ctx: EscalationContext = DEFAULT_ESCALATION_CONTEXT,
): TransitionResult {
  if (!event || typeof event !== 'object' || !Object.prototype.hasOwnProperty.call(RULES, event.type)) {
    return fail('invalid_input', `unknown event ${String((event as { type?: unknown } | null)?.type)}`);
  }
  if (!isTime(now)) return fail('invalid_input', 'now must be a finite epoch-millisecond time');
  const actor = event.actor;
  if (!actor || !isText(actor.userId) || typeof actor.role !== 'string' || typeof actor.team !== 'string') {
    return fail('invalid_input', 'the event has no valid actor');
  }

  const byStatus = statusGuard(state, event.type);
  if (byStatus) return byStatus;

  let handoffTeam: HandoffTeam | undefined;
  if (event.type === 'handoff_answered') {
    const handoff = state.handoffs.find((h) => h.id === event.handoffId);
    if (!handoff) return fail('invalid_input', `the case has no handoff ${String(event.handoffId)}`);
    if (handoff.status !== 'open') return fail('invalid_transition', `handoff ${handoff.id} is already ${handoff.status}`);
    handoffTeam = handoff.team;
  }

  const byActor = actorGuard(state, event.type, actor, handoffTeam);
  if (byActor) return byActor;
  const byInput = inputGuard(state, event, now, ctx);
  if (byInput) return byInput;
  const byTime = timeGuard(state, event.type, now, ctx);
  if (byTime) return byTime;

  const from = state.status;
  const d: Draft = { s: JSON.parse(JSON.stringify(state)) as EscalationState, effects: [], now, reason: null, details: {} };
  (APPLY[event.type] as unknown as (d: Draft, e: EscalationEvent, ctx: EscalationContext) => void)(d, event, ctx);
  d.s.updatedAt = now;
  d.s.counters.transitions += 1;
  const audit: Effect = { type: 'record_event', action: event.type, from, to: d.s.status, actor, at: now, reason: d.reason, details: d.details };
  return { ok: true, state: d.s, effects: [audit, ...d.effects] };
}

/**
 * The events `actor` may send now, for a UI's buttons. Payload-independent: an event listed here can
 * still fail on its input (e.g. a deadline in the past). Time guards apply only when `now` is given.
 */
export function allowedActions(
  state: EscalationState,
  actor: Actor,
  options: { now?: number; ctx?: EscalationContext } = {},
): EscalationEventType[] {
  const ctx = options.ctx ?? DEFAULT_ESCALATION_CONTEXT;
  return EVENT_TYPES.filter((type) => {
    if (statusGuard(state, type)) return false;
    if (type === 'escalated' && state.status === 'escalated_to_manager' && !isSystemActor(actor)) return false;
    if (type === 'handoff_answered') {
      if (!openHandoffs(state).some((h) => actorGuard(state, type, actor, h.team) === null)) return false;
    } else if (actorGuard(state, type, actor)) {
      return false;
    }
    if (type === 'sla_extended' && !CLOCKS.some((c) => state.clocks[c] === 'running' || state.clocks[c] === 'paused')) return false;
    return options.now === undefined || timeGuard(state, type, options.now, ctx) === null;
  });
}

/** Problems with a new case's input, for the workflow to refuse it before building the state. */
export function validateNewEscalation(input: NewEscalation): string | null {
  for (const field of ['caseId', 'sellerId', 'marketplace', 'summary'] as const) {
    if (!isText(input[field])) return textProblem(field);
  }
  if (input.team !== undefined && !isText(input.team)) return textProblem('team');
  if (input.language !== undefined && !isText(input.language)) return textProblem('language');
  if (!input.createdBy || !isText(input.createdBy.userId)) return 'createdBy must be an actor';
  if (input.requestedAt !== undefined && !isTime(input.requestedAt)) return 'requestedAt must be an epoch-millisecond time';
  return null;
}
