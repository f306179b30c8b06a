import { addBusinessTime, businessTimeBetween, type BusinessCalendar } from './business-calendar';

/**
 * SLA clocks as plain, JSON-serialisable data plus pure transitions. A workflow keeps its clocks in
 * state, waits with `condition(..., nextWakeAt(clocks) - now)`, and on every wake-up or message first
 * settles due events (`settleClock`), then applies the transition the message asks for.
 * Nothing here reads the clock: `now` is always passed in (the workflow clock inside a workflow).
 * Transitions never mutate their input; they return a new clock or throw SlaClockError.
 *
 * Lifecycle: running <-> paused, running -> breached (deadline passed), and a stop (met / cancelled)
 * from running, paused or breached. A breached clock never becomes met: stopping it records
 * `stoppedAt` and `stopOutcome` but leaves status 'breached' and `breachedAt` in place.
 */

export const CLOCK_STATUSES = ['running', 'paused', 'met', 'breached', 'cancelled'] as const;
export type ClockStatus = (typeof CLOCK_STATUSES)[number];
export type ClockEvent = 'warning' | 'breach';
export type StopOutcome = 'met' | 'cancelled';

export const DEFAULT_WARNING_FRACTION = 0.75;

export interface ClockPause {
  /** When the pause began. */
  readonly at: number;
  /** Why, e.g. 'waiting_on_seller'. */
  readonly reason: string;
  /** When the pause ended: on resume, or when the clock was stopped while paused. */
  readonly resumedAt?: number;
}

export interface ClockExtension {
  readonly at: number;
  readonly byUserId: string;
  readonly reason: string;
  /** Business time added to the budget. */
  readonly addedMs: number;
}

/** A new target after a re-triage: the budget and calendar the clock counted on before. */
export interface ClockRetarget {
  readonly at: number;
  readonly byUserId: string;
  readonly reason: string;
  readonly fromBudgetMs: number;
  readonly toBudgetMs: number;
  readonly fromCalendarId: string;
  readonly toCalendarId: string;
}

export interface SlaClock {
  /** Unique within a workflow: 'first_response', 'resolution', 'handoff:<id>', 'seller_info:<id>'. */
  readonly id: string;
  /** What the clock measures: 'first_response' | 'resolution' | 'handoff' | 'seller_response' | ... */
  readonly kind: string;
  /** The business calendar that counts time; every transition checks it is given this calendar. */
  readonly calendarId: string;
  readonly status: ClockStatus;
  /** Business-time budget, extensions included. */
  readonly budgetMs: number;
  /** Business time consumed before `runningSince`; after a stop, the final total. */
  readonly consumedMs: number;
  /** Start of the current running segment: set while running and while breached-but-not-stopped. */
  readonly runningSince?: number;
  readonly startedAt: number;
  /**
   * Instant of breach for the current running segment. Recomputed on resume and extension; while
   * paused it keeps the value from before the pause (use `projectedDeadlineAt` for display); after a
   * breach it is the instant the breach happened.
   */
  readonly deadlineAt: number;
  /** Instant at which consumed time reaches `warningFraction` of the budget (same rules as deadlineAt). */
  readonly warnAt: number;
  /** Fraction of the budget at which the warning is due, in (0, 1]. */
  readonly warningFraction: number;
  /** The warning for the current budget was applied; an extension that moves the threshold clears it. */
  readonly warned: boolean;
  /** When the warning was applied (the workflow's `now`, which may be later than warnAt). */
  readonly warnedAt?: number;
  /** When the deadline passed: equals deadlineAt at the breach, even if noticed later. */
  readonly breachedAt?: number;
  /** When the clock was stopped as met (only on clocks that did not breach). */
  readonly metAt?: number;
  /** When the clock was stopped, whatever the outcome. */
  readonly stoppedAt?: number;
  /** What the stop asked for; on a breached clock it tells a late resolution from a cancellation. */
  readonly stopOutcome?: StopOutcome;
  readonly pauses: readonly ClockPause[];
  readonly extensions: readonly ClockExtension[];
  /** Re-triages that changed the clock's target (absent on clocks never retargeted). */
  readonly retargets?: readonly ClockRetarget[];
}

export const SlaClockErrorCode = {
  InvalidArgument: 'invalid_argument',
  CalendarMismatch: 'calendar_mismatch',
  NotRunning: 'not_running',
  NotPaused: 'not_paused',
  AlreadyStopped: 'already_stopped',
  /** The clock has breached; it cannot be extended, paused or resumed. */
  Breached: 'clock_breached',
  /** The deadline has passed but the breach was not applied yet: settle the clock first. */
  BreachDue: 'breach_due',
  EventNotDue: 'event_not_due',
  EventAlreadyApplied: 'event_already_applied',
} as const;
export type SlaClockErrorCode = (typeof SlaClockErrorCode)[keyof typeof SlaClockErrorCode];

/** An operation the clock's state does not allow; workflows turn it into a refusal using `code`. */
export class SlaClockError extends Error {
  constructor(
    readonly code: SlaClockErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SlaClockError';
  }
}

export interface StartClockInput {
  id: string;
  kind: string;
  budgetMs: number;
  /** Defaults to DEFAULT_WARNING_FRACTION. */
  warningFraction?: number;
  calendar: BusinessCalendar;
  now: number;
}

export function startClock(input: StartClockInput): SlaClock {
  const { id, kind, budgetMs, calendar, now } = input;
  const warningFraction = input.warningFraction ?? DEFAULT_WARNING_FRACTION;
  requireText('id', id);
  requireText('kind', kind);
  requireInstant(now);
  requirePositiveMs('budgetMs', budgetMs);
  if (!(warningFraction > 0 && warningFraction <= 1)) {
    throw invalid(`warningFraction must be in (0, 1], got ${warningFraction}`);
  }
  return {
    id,
    kind,
    calendarId: calendar.id,
    status: 'running',
    budgetMs,
    consumedMs: 0,
    runningSince: now,
    startedAt: now,
    ...schedule(calendar, now, 0, budgetMs, warningFraction),
    warningFraction,
    warned: false,
    pauses: [],
    extensions: [],
  };
}

/** Stops consuming time, e.g. while waiting on the seller. */
export function pauseClock(clock: SlaClock, calendar: BusinessCalendar, now: number, reason: string): SlaClock {
  checkCalendar(clock, calendar);
  requireText('reason', reason);
  requireRunning(clock, now, 'pause');
  const { runningSince, ...rest } = clock;
  return {
    ...rest,
    status: 'paused',
    consumedMs: clock.consumedMs + businessTimeBetween(calendar, runningSince!, now),
    pauses: [...clock.pauses, { at: now, reason }],
  };
}

/** Starts consuming time again; the deadline moves by exactly the business time spent paused. */
export function resumeClock(clock: SlaClock, calendar: BusinessCalendar, now: number): SlaClock {
  checkCalendar(clock, calendar);
  requireInstant(now);
  if (clock.status !== 'paused') throw stateError(clock, 'resume', SlaClockErrorCode.NotPaused);
  const openPause = clock.pauses[clock.pauses.length - 1];
  if (now < openPause.at) throw invalid(`now (${iso(now)}) is before the pause began (${iso(openPause.at)})`);
  return {
    ...clock,
    status: 'running',
    runningSince: now,
    ...schedule(calendar, now, clock.consumedMs, clock.budgetMs, clock.warningFraction),
    pauses: [...clock.pauses.slice(0, -1), { ...openPause, resumedAt: now }],
  };
}

/**
 * Adds business time to the budget of a running or paused clock. If the new warning threshold lies
 * ahead of the time consumed so far, the warning is re-armed for the new budget.
 */
export function extendClock(
  clock: SlaClock,
  calendar: BusinessCalendar,
  now: number,
  addMs: number,
  byUserId: string,
  reason: string,
): SlaClock {
  checkCalendar(clock, calendar);
  requireInstant(now);
  requirePositiveMs('addMs', addMs);
  requireText('byUserId', byUserId);
  requireText('reason', reason);
  if (clock.status === 'running') requireRunning(clock, now, 'extend');
  else if (clock.status !== 'paused') throw stateError(clock, 'extend');

  const budgetMs = clock.budgetMs + addMs;
  let next: SlaClock = {
    ...clock,
    budgetMs,
    extensions: [...clock.extensions, { at: now, byUserId, reason, addedMs: addMs }],
  };
  if (clock.warned && consumedMsAt(clock, calendar, now) < warningThreshold(budgetMs, clock.warningFraction)) {
    const { warnedAt: _previousWarning, ...unwarned } = next;
    next = { ...unwarned, warned: false };
  }
  if (next.status !== 'running') return next;
  return { ...next, ...schedule(calendar, next.runningSince!, next.consumedMs, budgetMs, next.warningFraction) };
}

/**
 * Gives a running or paused clock a new target (a case re-triaged to another severity): the business
 * time already consumed counts as it was measured, and what is left of the new budget (extensions kept)
 * runs on the new calendar from `now`. A clock that has already consumed the new budget is due to breach
 * at once; a warning threshold the consumed time has not reached is re-armed.
 */
export function retargetClock(
  clock: SlaClock,
  from: BusinessCalendar,
  to: BusinessCalendar,
  now: number,
  target: { budgetMs: number; warningFraction: number },
  byUserId: string,
  reason: string,
): SlaClock {
  checkCalendar(clock, from);
  requireInstant(now);
  requirePositiveMs('budgetMs', target.budgetMs);
  requireText('byUserId', byUserId);
  requireText('reason', reason);
  if (!(target.warningFraction > 0 && target.warningFraction <= 1)) throw invalid(`warningFraction must be in (0, 1], got ${target.warningFraction}`);
  if (clock.status === 'running') requireRunning(clock, now, 'retarget');
  else if (clock.status !== 'paused') throw stateError(clock, 'retarget');

  const extensionsMs = clock.extensions.reduce((sum, e) => sum + e.addedMs, 0);
  const budgetMs = target.budgetMs + extensionsMs;
  const consumedMs = consumedMsAt(clock, from, now);
  const retarget: ClockRetarget = { at: now, byUserId, reason, fromBudgetMs: clock.budgetMs, toBudgetMs: budgetMs, fromCalendarId: clock.calendarId, toCalendarId: to.id };
  const { warnedAt: _warnedAt, ...rest } = clock;
  const rearm = consumedMs < warningThreshold(budgetMs, target.warningFraction);
  const base = {
    ...(rearm ? rest : clock),
    calendarId: to.id,
    budgetMs,
    warningFraction: target.warningFraction,
    warned: rearm ? false : clock.warned,
    retargets: [...(clock.retargets ?? []), retarget],
  };
  // Past its new budget already: due to breach now (the runtime settles it at once).
  const due = (ms: number) => (ms <= 0 ? now : addBusinessTime(to, now, ms));
  const times = {
    deadlineAt: due(budgetMs - consumedMs),
    warnAt: due(warningThreshold(budgetMs, target.warningFraction) - consumedMs),
  };
  if (clock.status === 'paused') return { ...base, ...times };
  return { ...base, consumedMs, runningSince: now, ...times };
}

/**
 * Stops the clock for good. A running clock whose deadline has passed is recorded as breached at
 * its deadline even if the breach event was never applied: an SLA cannot be met after its deadline.
 */
export function stopClock(clock: SlaClock, calendar: BusinessCalendar, now: number, outcome: StopOutcome): SlaClock {
  checkCalendar(clock, calendar);
  requireInstant(now);
  if (outcome !== 'met' && outcome !== 'cancelled') throw invalid(`outcome must be 'met' or 'cancelled'`);
  if (clock.stoppedAt !== undefined || clock.status === 'met' || clock.status === 'cancelled') {
    throw stateError(clock, 'stop', SlaClockErrorCode.AlreadyStopped);
  }
  if (clock.runningSince !== undefined && now < clock.runningSince) {
    throw invalid(`now (${iso(now)}) is before the clock last started running (${iso(clock.runningSince)})`);
  }

  const { runningSince: _running, ...rest } = clock;
  const stopped = {
    ...rest,
    consumedMs: consumedMsAt(clock, calendar, now),
    stoppedAt: now,
    stopOutcome: outcome,
    pauses:
      clock.status === 'paused'
        ? [...clock.pauses.slice(0, -1), { ...clock.pauses[clock.pauses.length - 1], resumedAt: now }]
        : clock.pauses,
  };
  const breached = clock.status === 'breached' || (clock.status === 'running' && now >= clock.deadlineAt);
  if (breached) return { ...stopped, status: 'breached', breachedAt: clock.breachedAt ?? clock.deadlineAt };
  if (outcome === 'met') return { ...stopped, status: 'met', metAt: now };
  return { ...stopped, status: 'cancelled' };
}

/** Events due at `now` and not yet applied, in the order to apply them (warning before breach). */
export function dueClockEvents(clock: SlaClock, now: number): ClockEvent[] {
  if (clock.status !== 'running') return [];
  const events: ClockEvent[] = [];
  if (!clock.warned && now >= clock.warnAt) events.push('warning');
  if (now >= clock.deadlineAt) events.push('breach');
  return events;
}

/** Marks a due event as applied: 'warning' sets warned, 'breach' moves the clock to breached. */
export function applyClockEvent(clock: SlaClock, event: ClockEvent, now: number): SlaClock {
  requireInstant(now);
  if (event === 'warning') {
    if (clock.warned) throw new SlaClockError(SlaClockErrorCode.EventAlreadyApplied, `clock '${clock.id}' was already warned`);
    if (clock.status !== 'running') throw stateError(clock, 'warn', SlaClockErrorCode.NotRunning);
    if (now < clock.warnAt) throw notDue(clock, event, clock.warnAt, now);
    return { ...clock, warned: true, warnedAt: now };
  }
  if (event === 'breach') {
    if (clock.status === 'breached') {
      throw new SlaClockError(SlaClockErrorCode.EventAlreadyApplied, `clock '${clock.id}' has already breached`);
    }
    if (clock.status !== 'running') throw stateError(clock, 'breach', SlaClockErrorCode.NotRunning);
    if (now < clock.deadlineAt) throw notDue(clock, event, clock.deadlineAt, now);
    return { ...clock, status: 'breached', breachedAt: clock.deadlineAt };
  }
  throw invalid(`unknown clock event '${String(event)}'`);
}

/** Applies every due event; `events` says which, so the caller can emit their effects. */
export function settleClock(clock: SlaClock, now: number): { clock: SlaClock; events: ClockEvent[] } {
  const events = dueClockEvents(clock, now);
  return { clock: events.reduce((c, e) => applyClockEvent(c, e, now), clock), events };
}

/**
 * The earliest pending warning or deadline among running clocks: the instant the workflow timer must
 * wake at. It may lie in the past (an event is already due); undefined when nothing is pending.
 */
export function nextWakeAt(clocks: readonly SlaClock[]): number | undefined {
  let earliest: number | undefined;
  for (const clock of clocks) {
    if (clock.status !== 'running') continue;
    const at = clock.warned ? clock.deadlineAt : Math.min(clock.warnAt, clock.deadlineAt);
    if (earliest === undefined || at < earliest) earliest = at;
  }
  return earliest;
}

/** Business time consumed up to `now` (frozen while paused, final once stopped). */
export function consumedMsAt(clock: SlaClock, calendar: BusinessCalendar, now: number): number {
  checkCalendar(clock, calendar);
  if (clock.runningSince === undefined) return clock.consumedMs;
  return clock.consumedMs + businessTimeBetween(calendar, clock.runningSince, now);
}

/** Business time left at `now`; negative once overdue (the business time since the deadline). */
export function remainingMs(clock: SlaClock, calendar: BusinessCalendar, now: number): number {
  return clock.budgetMs - consumedMsAt(clock, calendar, now);
}

/**
 * For display: the deadline of a running or breached clock, or for a paused clock the deadline it
 * would have if resumed at `now`. Undefined once stopped.
 */
export function projectedDeadlineAt(clock: SlaClock, calendar: BusinessCalendar, now: number): number | undefined {
  checkCalendar(clock, calendar);
  if (clock.stoppedAt !== undefined || clock.status === 'met' || clock.status === 'cancelled') return undefined;
  if (clock.status !== 'paused') return clock.deadlineAt;
  return addBusinessTime(calendar, now, clock.budgetMs - clock.consumedMs);
}

function schedule(
  calendar: BusinessCalendar,
  runningSince: number,
  consumedMs: number,
  budgetMs: number,
  warningFraction: number,
): { deadlineAt: number; warnAt: number } {
  const warnLeft = Math.max(0, warningThreshold(budgetMs, warningFraction) - consumedMs);
  return {
    deadlineAt: addBusinessTime(calendar, runningSince, budgetMs - consumedMs),
    warnAt: addBusinessTime(calendar, runningSince, warnLeft),
  };
}

function warningThreshold(budgetMs: number, fraction: number): number {
  return Math.round(budgetMs * fraction);
}

/** Running and not yet past its deadline: the precondition of pause and extend. */
function requireRunning(clock: SlaClock, now: number, action: string): void {
  requireInstant(now);
  if (clock.status !== 'running') throw stateError(clock, action, SlaClockErrorCode.NotRunning);
  if (now < clock.runningSince!) {
    throw invalid(`now (${iso(now)}) is before the clock last started running (${iso(clock.runningSince!)})`);
  }
  if (now >= clock.deadlineAt) {
    throw new SlaClockError(
      SlaClockErrorCode.BreachDue,
      `cannot ${action} clock '${clock.id}': its deadline ${iso(clock.deadlineAt)} has passed; settle it first`,
    );
  }
}

function stateError(clock: SlaClock, action: string, fallback?: SlaClockErrorCode): SlaClockError {
  const stopped = clock.stoppedAt !== undefined || clock.status === 'met' || clock.status === 'cancelled';
  const code = stopped
    ? SlaClockErrorCode.AlreadyStopped
    : clock.status === 'breached'
      ? SlaClockErrorCode.Breached
      : (fallback ?? SlaClockErrorCode.NotRunning);
  return new SlaClockError(code, `cannot ${action} clock '${clock.id}' while it is ${clock.status}${stopped ? ' (stopped)' : ''}`);
}

function notDue(clock: SlaClock, event: ClockEvent, dueAt: number, now: number): SlaClockError {
  return new SlaClockError(
    SlaClockErrorCode.EventNotDue,
    `${event} of clock '${clock.id}' is due at ${iso(dueAt)}, not at ${iso(now)}`,
  );
}

function checkCalendar(clock: SlaClock, calendar: BusinessCalendar): void {
  if (calendar?.id !== clock.calendarId) {
    throw new SlaClockError(
      SlaClockErrorCode.CalendarMismatch,
      `clock '${clock.id}' counts on calendar '${clock.calendarId}', was given '${String(calendar?.id)}'`,
    );
  }
}

function requireInstant(now: number): void {
  if (!Number.isSafeInteger(now)) throw invalid(`now must be an integer epoch-ms instant, got ${now}`);
}

function requirePositiveMs(name: string, ms: number): void {
  if (!Number.isSafeInteger(ms) || ms <= 0) throw invalid(`${name} must be a positive integer number of ms, got ${ms}`);
}

function requireText(name: string, value: string): void {
  if (typeof value !== 'string' || value.trim() === '') throw invalid(`${name} must be a non-empty string`);
}

function invalid(message: string): SlaClockError {
  return new SlaClockError(SlaClockErrorCode.InvalidArgument, message);
}

function iso(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : String(ms);
}
