/**
 * Which event may happen when, and who may send it: the escalation's transition table and its guards.
 * The machine (escalation.machine.ts) applies an event only after these pass; `allowedActions` asks the
 * same questions for a UI's buttons.
 */
import { authorize, isSystemActor, type CaseAction, type DenialCode } from '../common/access';
import { HANDOFF_TEAMS, type Actor, type HandoffTeam } from '../common/actor';
import { currentClock } from '../common/clock-book';
import type { SlaClock } from '../common/sla-clock';
import { isOptionalText, isText, isTime, oneOf, textProblem } from '../common/input-checks';
import type { RefusalCode } from '../common/runtime/case-kind';
import { HANDOFF_OUTCOMES } from '../handoff/handoff.contract';
import { DECISION_KINDS } from '../common/quality/decision-kinds';
import { qaOutcomeProblem } from '../qa-review/qa-plan';
import type { EscalationSettings } from './escalation.contract';
import { openHandoffs, type EscalationEvent, type EscalationEventType, type EscalationState } from './escalation.state';
import { SEVERITIES } from '../common/severity';
import { resolutionProblem, taxonomyOf } from './escalation.taxonomy';
import { CASE_CLOCKS, type CaseClock, type EscalationStatus } from './escalation.vocabulary';

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

export type Refusal = { ok: false; code: RefusalCode; reason: string; denial?: DenialCode; field?: string };

const WORKING = ['in_progress', 'waiting_on_seller', 'waiting_on_handoff'] as const;
const SETTLED = ['in_progress', 'waiting_on_seller', 'waiting_on_handoff', 'queued'] as const;
/** Statuses in which a case is open and its clocks may run. */
const OPEN = ['triage', 'queued', 'assigned', 'in_progress', 'waiting_on_seller', 'waiting_on_handoff', 'escalated_to_manager', 'qa_hold', 'reopened'] as const;
/**
 * Statuses in which a team clock can be running (the resolution clock is paused while waiting on the
 * seller; it keeps running through a QA hold, see the machine).
 */
const TEAM_CLOCKS_RUN = ['triage', 'queued', 'assigned', 'in_progress', 'waiting_on_handoff', 'escalated_to_manager', 'qa_hold', 'reopened'] as const;
/** Statuses in which the case's severity and category can be corrected. */
const RETRIAGEABLE = ['queued', 'assigned', 'in_progress', 'waiting_on_seller', 'waiting_on_handoff', 'escalated_to_manager', 'reopened'] as const;
/** Statuses from which a case can be escalated to its managers (by hand, or by a breach). */
export const ESCALATABLE = ['queued', 'assigned', 'in_progress', 'waiting_on_handoff', 'reopened'] as const;

export const TRANSITIONS: readonly TransitionRule[] = [
  { event: 'triage_started', from: ['new'], to: ['triage'], action: null, system: true,
    note: 'Starts both SLA clocks and asks the workflow to route the case.' },
  { event: 'assigned', from: ['triage', 'queued'], to: ['assigned'], action: 'reassign', system: true,
    note: 'Routing chose someone, or a manager assigns from the queue.' },
  { event: 'queued', from: ['triage'], to: ['queued'], action: null, system: true,
    note: 'Routing found no eligible member; the case waits in the team queue and the managers are told.' },
  { event: 'acknowledged', from: ['assigned', 'reopened'], to: ['in_progress'], action: 'acknowledge', system: false,
    note: 'The assignee takes it on; the first one stops the first-response clock.' },
  { event: 'claimed', from: ['queued'], to: ['in_progress'], action: 'claim', system: false,
    note: 'A specialist of the team takes it from the queue; counts as the first response.' },
  { event: 'released', from: ['assigned', 'in_progress', 'waiting_on_seller', 'waiting_on_handoff', 'reopened'],
    to: ['queued', 'waiting_on_seller', 'waiting_on_handoff'], action: 'release', system: false,
    note: 'Back to the queue (by the assignee or a manager, also for an out-of-office hand-back). While waiting, the case stays waiting without an assignee.' },
  { event: 'info_requested', from: ['in_progress', 'waiting_on_handoff'], to: ['waiting_on_seller'], action: 'request_info', system: false,
    note: "Asks the seller, with a deadline: pauses the resolution clock and starts the seller's own clock." },
  { event: 'seller_responded', from: ['waiting_on_seller'], to: SETTLED, action: 'record_seller_response', system: true,
    note: 'Resumes the resolution clock.' },
  { event: 'seller_deadline_expired', from: ['waiting_on_seller'], to: SETTLED, action: null, system: true,
    note: 'The deadline passed: resumes the resolution clock and leaves the assignee a note.' },
  { event: 'handed_off', from: [...WORKING, 'escalated_to_manager'], to: [...WORKING, 'escalated_to_manager'], action: 'hand_off', system: false,
    note: 'Asks legal, policy or customer trust; several may be open. On an escalated case only a manager hands off.' },
  { event: 'handoff_answered', from: [...WORKING, 'escalated_to_manager'], to: [...SETTLED, 'escalated_to_manager'], action: 'answer_handoff', system: true,
    note: 'Only the team the handoff is addressed to answers it.' },
  { event: 'escalated', from: ESCALATABLE, to: ['escalated_to_manager'], action: 'escalate', system: false,
    note: 'By hand: the assignee, or a senior specialist of the team.' },
  { event: 'reassigned', from: ['assigned', 'in_progress', 'waiting_on_seller', 'waiting_on_handoff', 'escalated_to_manager', 'reopened'],
    to: ['assigned', 'waiting_on_seller', 'waiting_on_handoff'], action: 'reassign', system: false,
    note: 'A manager of the team gives it to someone (possibly in another team); ends an escalation.' },
  { event: 'sla_extended', from: ['queued', 'assigned', 'in_progress', 'waiting_on_seller', 'waiting_on_handoff', 'escalated_to_manager', 'reopened'],
    to: ['queued', 'assigned', 'in_progress', 'waiting_on_seller', 'waiting_on_handoff', 'escalated_to_manager', 'reopened'],
    action: 'extend_sla', system: false,
    note: 'A manager gives a running or paused team clock more time.' },
  { event: 'resolved', from: ['in_progress', 'escalated_to_manager'], to: ['resolved', 'qa_hold'], action: 'resolve', system: false,
    note: 'With a resolution code and root cause; cancels open handoffs and opens the reopen window. An escalated case is resolved by a manager. A resolution sampled for pre-release QA is held (qa_hold) instead.' },
  { event: 'qa_released', from: ['qa_hold'], to: ['resolved'], action: null, system: true,
    note: "The held resolution's QA review ended: the maker's resolution (agreed) or the adjudicated one (overturned) takes effect." },
  { event: 'reopened', from: ['resolved'], to: ['reopened', 'queued'], action: 'reopen', system: true,
    note: 'Only within the reopen window; restarts the resolution clock.' },
  { event: 'closed', from: ['resolved'], to: ['closed'], action: null, system: true,
    note: 'Once the reopen window has ended.' },
  { event: 'clock_warned', from: OPEN, to: OPEN, action: null, system: true,
    note: "A clock reached its warning point: the holder (or the managers) is told; for the seller's clock, the seller is reminded." },
  { event: 'clock_breached', from: TEAM_CLOCKS_RUN, to: [...TEAM_CLOCKS_RUN, 'escalated_to_manager'], action: null, system: true,
    note: 'A team clock passed its deadline: the breach stays on record and the case is escalated to its managers where it can be; else the managers are told.' },
  { event: 'lease_expired', from: ['assigned', 'in_progress'], to: ['queued'], action: null, system: true,
    note: 'The holder did not act on a claim or assignment within the lease: the case returns to the queue.' },
  { event: 'lease_renewed', from: ['assigned', 'in_progress'], to: ['assigned', 'in_progress'], action: 'renew_lease', system: false,
    note: 'The holder keeps the case: the lease starts again.' },
  { event: 'retriaged', from: RETRIAGEABLE, to: RETRIAGEABLE, action: 'retriage', system: false,
    note: "The assignee or a manager corrects severity or category, with a reason; the team clocks move to the new severity's targets." },
];

const RULES = Object.fromEntries(TRANSITIONS.map((r) => [r.event, r])) as Record<EscalationEventType, TransitionRule>;
export const EVENT_TYPES: readonly EscalationEventType[] = TRANSITIONS.map((r) => r.event);

export function isKnownEvent(type: unknown): type is EscalationEventType {
  return typeof type === 'string' && Object.prototype.hasOwnProperty.call(RULES, type);
}

export const refuse = (code: RefusalCode, reason: string, denial?: DenialCode): Refusal =>
  denial ? { ok: false, code, reason, denial } : { ok: false, code, reason };

const iso = (ms: number) => new Date(ms).toISOString();

/** The phase of a team clock as the rules see it. */
export function clockPhase(state: EscalationState, name: string): 'not_started' | 'running' | 'paused' | 'breached' | 'stopped' {
  const clock = currentClock({ clocks: state.clocks }, name);
  if (!clock) return 'not_started';
  if (clock.stoppedAt !== undefined || clock.status === 'met' || clock.status === 'cancelled') return 'stopped';
  return clock.status;
}

/** A clock a manager can still give time to. */
export const isLive = (state: EscalationState, name: CaseClock) => ['running', 'paused'].includes(clockPhase(state, name));

/** Status-only guards: the table's `from`, plus what the status alone does not say. */
export function statusGuard(state: EscalationState, type: EscalationEventType): Refusal | null {
  const rule = RULES[type];
  if (!rule.from.includes(state.status)) {
    return refuse('invalid_transition', `${type} is not allowed while the case is ${state.status} (only from ${rule.from.join(', ')})`);
  }
  if (type === 'released' && state.assigneeId === null) return refuse('invalid_transition', 'the case has no assignee to release');
  if (type === 'handoff_answered' && openHandoffs(state).length === 0) return refuse('invalid_transition', 'the case has no open handoff');
  if (type === 'triage_started' || type === 'assigned' || type === 'queued') return null;
  if (state.team === null) return refuse('invalid_transition', 'the case has no team');
  return null;
}

export function actorGuard(state: EscalationState, type: EscalationEventType, actor: Actor, handoffTeam?: HandoffTeam): Refusal | null {
  const rule = RULES[type];
  if (isSystemActor(actor)) {
    return rule.system ? null : refuse('forbidden', `the system may not send ${type}; it takes a person with permission ${rule.action}`);
  }
  if (rule.action === null) return refuse('forbidden', `only the system sends ${type}`);
  const decision = authorize(actor, rule.action, {
    kind: 'escalation',
    team: state.team ?? undefined,
    assigneeId: state.assigneeId ?? undefined,
    handoffTeam,
  });
  if (!decision.allowed) return refuse('forbidden', decision.reason, decision.code);
  const managerOnly: Partial<Record<EscalationEventType, string>> = { resolved: 'resolve it', handed_off: 'hand it off', retriaged: 're-triage it' };
  if (state.status === 'escalated_to_manager' && managerOnly[type] && actor.role !== 'manager') {
    return refuse('forbidden', `the case is escalated to a manager: only a manager of team ${state.team} may ${managerOnly[type]}`);
  }
  return null;
}

/**
 * Guards on the clock; `allowedEvents` applies them only when given `now`. Without the event (asking
 * what could happen), a clock event is allowed when any clock it could name is due.
 */
export function timeGuard(
  state: EscalationState,
  type: EscalationEventType,
  now: number,
  ctx: Pick<EscalationSettings, 'reopenWindowMs'>,
  event?: EscalationEvent,
): Refusal | null {
  switch (type) {
    case 'clock_warned':
    case 'clock_breached': {
      const clockId = event && 'clockId' in event ? event.clockId : undefined;
      const candidates = state.clocks.filter((c) => (clockId === undefined ? true : c.id === clockId) && dueClockProblem(c, type, now) === null);
      if (candidates.length) return null;
      const named = state.clocks.find((c) => c.id === clockId);
      return refuse('invalid_transition', named ? (dueClockProblem(named, type, now) as string) : `no clock is due for ${type}`);
    }
    case 'seller_deadline_expired': {
      const deadline = state.openInfoRequest?.deadline;
      if (deadline !== undefined && now < deadline) return refuse('invalid_transition', `the seller's deadline ${iso(deadline)} has not passed`);
      return null;
    }
    case 'reopened':
    case 'closed': {
      const end = (state.resolvedAt ?? now) + ctx.reopenWindowMs;
      if (type === 'reopened' && now >= end) return refuse('invalid_transition', `the reopen window closed at ${iso(end)}`);
      if (type === 'closed' && now < end) return refuse('invalid_transition', `the reopen window is open until ${iso(end)}`);
      return null;
    }
    case 'lease_expired': {
      const lease = state.lease;
      if (!lease || lease.userId !== state.assigneeId) return refuse('invalid_transition', 'the case holds no lease');
      if (now < lease.expiresAt) return refuse('invalid_transition', `the lease runs until ${iso(lease.expiresAt)}`);
      return null;
    }
    default:
      return null;
  }
}

export function inputGuard(
  state: EscalationState,
  event: EscalationEvent,
  now: number,
  ctx: Pick<EscalationSettings, 'reopenWindowMs' | 'targetsBySeverity'>,
): Refusal | null {
  const bad = (reason: string, field?: string): Refusal => (field ? { ...refuse('invalid_input', reason), field } : refuse('invalid_input', reason));
  switch (event.type) {
    case 'triage_started':
      if (event.team !== undefined && !isText(event.team)) return bad(textProblem('team'), 'team');
      if (event.team === undefined && state.team === null) return bad('the case has no team: triage_started must name one');
      return null;
    case 'assigned':
      if (!isText(event.assigneeId)) return bad(textProblem('assigneeId'), 'assigneeId');
      return isOptionalText(event.reason) ? null : bad(textProblem('reason'), 'reason');
    case 'queued':
      return isText(event.reason) ? null : bad(textProblem('reason'), 'reason');
    case 'released':
      if (event.holder !== undefined && event.holder !== state.assigneeId) {
        return refuse('invalid_transition', `the case is now held by ${state.assigneeId ?? 'nobody'}, not ${String(event.holder)}`);
      }
      return isOptionalText(event.reason) ? null : bad(textProblem('reason'), 'reason');
    case 'info_requested':
      if (!isText(event.question)) return bad(textProblem('question'), 'question');
      if (!isTime(event.deadline) || event.deadline <= now) return bad('deadline must be a time in the future', 'deadline');
      return null;
    case 'seller_responded':
      return isOptionalText(event.summary) ? null : bad(textProblem('summary'), 'summary');
    case 'handed_off':
      if (!oneOf(HANDOFF_TEAMS, event.team)) return bad(`team must be one of ${HANDOFF_TEAMS.join(', ')}`, 'team');
      if (!isText(event.question)) return bad(textProblem('question'), 'question');
      if (event.blocking !== undefined && typeof event.blocking !== 'boolean') return bad('blocking must be true or false', 'blocking');
      return null;
    case 'handoff_answered':
      if (!oneOf(HANDOFF_OUTCOMES, event.outcome)) return bad(`outcome must be one of ${HANDOFF_OUTCOMES.join(', ')}`, 'outcome');
      return isOptionalText(event.answer) ? null : bad(textProblem('answer'), 'answer');
    case 'escalated':
      return isText(event.reason) ? null : bad(textProblem('reason'), 'reason');
    case 'reassigned':
      if (!isText(event.assigneeId)) return bad(textProblem('assigneeId'), 'assigneeId');
      if (event.team !== undefined && !isText(event.team)) return bad(textProblem('team'), 'team');
      if (!isOptionalText(event.reason)) return bad(textProblem('reason'), 'reason');
      if (event.assigneeId === state.assigneeId && (event.team ?? state.team) === state.team && state.status !== 'escalated_to_manager') {
        return bad(`the case is already assigned to ${event.assigneeId}`, 'assigneeId');
      }
      return null;
    case 'sla_extended':
      if (!oneOf(CASE_CLOCKS, event.clock)) return bad(`clock must be one of ${CASE_CLOCKS.join(', ')}`, 'clock');
      if (!isTime(event.byMs) || !Number.isSafeInteger(event.byMs) || event.byMs <= 0) return bad('byMs must be a positive whole number of milliseconds', 'byMs');
      if (!isText(event.reason)) return bad(textProblem('reason'), 'reason');
      if (!isLive(state, event.clock)) return bad(`the ${event.clock} clock is ${clockPhase(state, event.clock).replace('_', ' ')}`, 'clock');
      return null;
    case 'resolved': {
      const problem = resolutionProblem(taxonomyOf(state.taxonomyVersion), event.resolutionCode, event.rootCause, event.upstreamTeam);
      if (problem) return bad(problem.reason, problem.field);
      return isOptionalText(event.note) ? null : bad(textProblem('note'), 'note');
    }
    case 'retriaged': {
      if (!isText(event.reason)) return bad(textProblem('reason'), 'reason');
      if (event.severity === undefined && event.category === undefined) return bad('give a new severity, a new category, or both', 'severity');
      if (event.severity !== undefined && !oneOf(SEVERITIES, event.severity)) return bad(`severity must be one of ${SEVERITIES.join(', ')}`, 'severity');
      const categories = taxonomyOf(state.taxonomyVersion).categories;
      if (event.category !== undefined && !oneOf(categories, event.category)) return bad(`category must be one of ${categories.join(', ')}`, 'category');
      if ((event.severity ?? state.severity) === state.severity && (event.category ?? state.category) === state.category) {
        return bad(`the case is already ${state.severity} ${state.category}`, 'severity');
      }
      if (event.severity !== undefined && event.severity !== state.severity && !ctx.targetsBySeverity) {
        return refuse('invalid_transition', 'this case was opened before severity re-triage existed: only its category can be corrected');
      }
      return null;
    }
    case 'qa_released': {
      const problem = qaOutcomeProblem(state.qaHold, event.outcome, DECISION_KINDS.escalation_resolution.decisions);
      return problem ? bad(problem, 'outcome') : null;
    }
    case 'reopened':
      if (!isTime(ctx.reopenWindowMs) || ctx.reopenWindowMs < 0) return bad('reopenWindowMs must be a non-negative number');
      return isText(event.reason) ? null : bad(textProblem('reason'), 'reason');
    case 'closed':
      return !isTime(ctx.reopenWindowMs) || ctx.reopenWindowMs < 0 ? bad('reopenWindowMs must be a non-negative number') : null;
    case 'clock_warned':
    case 'clock_breached': {
      const clock = state.clocks.find((c) => c.id === event.clockId);
      if (!clock) return refuse('invalid_input', `the case has no clock ${String(event.clockId)}`);
      if (event.type === 'clock_breached' && !(CASE_CLOCKS as readonly string[]).includes(clock.kind)) {
        return refuse('invalid_input', `clock ${clock.id} is not a team clock`);
      }
      return null;
    }
    case 'acknowledged':
    case 'claimed':
    case 'seller_deadline_expired':
    case 'lease_expired':
    case 'lease_renewed':
      return null;
  }
}

/** Why this clock's warning (or, for a team clock, its breach) is not due at `now`; null when it is. */
function dueClockProblem(clock: SlaClock, type: 'clock_warned' | 'clock_breached', now: number): string | null {
  if (clock.status !== 'running') return `clock ${clock.id} is ${clock.status}`;
  if (type === 'clock_warned') {
    if (clock.warned) return `clock ${clock.id} was already warned`;
    return now < clock.warnAt ? `clock ${clock.id} warns at ${iso(clock.warnAt)}` : null;
  }
  if (!(CASE_CLOCKS as readonly string[]).includes(clock.kind)) return `clock ${clock.id} is not a team clock`;
  return now < clock.deadlineAt ? `clock ${clock.id} is due at ${iso(clock.deadlineAt)}` : null;
}

/**
 * The events `actor` may send now, for a UI's buttons. Payload-independent: an event listed here can
 * still fail on its input (e.g. a deadline in the past). Time guards apply only when `now` is given.
 */
export function allowedEvents(
  state: EscalationState,
  actor: Actor,
  options: { now?: number; ctx?: Pick<EscalationSettings, 'reopenWindowMs'> } = {},
): EscalationEventType[] {
  return EVENT_TYPES.filter((type) => {
    if (statusGuard(state, type)) return false;
    if (type === 'handoff_answered') {
      if (!openHandoffs(state).some((h) => actorGuard(state, type, actor, h.team) === null)) return false;
    } else if (actorGuard(state, type, actor)) {
      return false;
    }
    if (type === 'sla_extended' && !CASE_CLOCKS.some((c) => isLive(state, c))) return false;
    return options.now === undefined || options.ctx === undefined || timeGuard(state, type, options.now, options.ctx) === null;
  });
}
