import { ALWAYS_ON, type BusinessCalendar } from './business-calendar';
import type { ClockTarget } from './sla-policy';
import {
  extendClock,
  nextWakeAt,
  pauseClock,
  projectedDeadlineAt,
  remainingMs,
  resumeClock,
  retargetClock,
  settleClock,
  startClock,
  stopClock,
  SlaClockError,
  type ClockEvent,
  type SlaClock,
  type StopOutcome,
} from './sla-clock';

/**
 * All the SLA clocks of one case, by name ('first_response', 'resolution', 'seller_response', ...).
 * A name can be started again (a reopened case gets a new resolution clock); earlier instances stay
 * on record with ids 'resolution', 'resolution#2', ... Pure and immutable: workflows hold the value
 * and replace it. Operations on a clock that already breached or stopped are no-ops, because a
 * breach stays on record whatever the case does next.
 */
export interface ClockBook {
  clocks: SlaClock[];
}

export interface DueClockEvent {
  clockId: string;
  name: string;
  event: ClockEvent;
  at: number;
}

export const emptyClockBook = (): ClockBook => ({ clocks: [] });

/** The newest instance of a named clock. */
export function currentClock(book: ClockBook, name: string): SlaClock | undefined {
  for (let i = book.clocks.length - 1; i >= 0; i--) if (book.clocks[i].kind === name) return book.clocks[i];
  return undefined;
}

function replace(book: ClockBook, clock: SlaClock): ClockBook {
  return { clocks: book.clocks.map((c) => (c.id === clock.id ? clock : c)) };
}

export function startNamed(book: ClockBook, name: string, target: ClockTarget, now: number): ClockBook {
  const count = book.clocks.filter((c) => c.kind === name).length;
  const id = count === 0 ? name : `${name}#${count + 1}`;
  const clock = startClock({ id, kind: name, budgetMs: target.budgetMs, warningFraction: target.warningFraction, calendar: target.calendar, now });
  return { clocks: [...book.clocks, clock] };
}

type Op = (clock: SlaClock, calendar: BusinessCalendar) => SlaClock;

/** Applies `op` to the named clock; a clock that is not in a state for it (breached, stopped) is left as is. */
function update(book: ClockBook, name: string, calendars: CalendarLookup, op: Op): ClockBook {
  const clock = currentClock(book, name);
  if (!clock) return book;
  try {
    return replace(book, op(clock, calendars(clock.calendarId)));
  } catch (err) {
    if (err instanceof SlaClockError) return book;
    throw err;
  }
}

export type CalendarLookup = (id: string) => BusinessCalendar;

export const pauseNamed = (b: ClockBook, name: string, cals: CalendarLookup, now: number, reason: string) =>
  update(b, name, cals, (c, cal) => pauseClock(c, cal, now, reason));

export const resumeNamed = (b: ClockBook, name: string, cals: CalendarLookup, now: number) =>
  update(b, name, cals, (c, cal) => resumeClock(c, cal, now));

export const stopNamed = (b: ClockBook, name: string, cals: CalendarLookup, now: number, outcome: StopOutcome) =>
  update(b, name, cals, (c, cal) => stopClock(c, cal, now, outcome));

export const extendNamed = (b: ClockBook, name: string, cals: CalendarLookup, now: number, addMs: number, by: string, reason: string) =>
  update(b, name, cals, (c, cal) => extendClock(c, cal, now, addMs, by, reason));

export const retargetNamed = (
  b: ClockBook,
  name: string,
  cals: CalendarLookup,
  now: number,
  target: ClockTarget,
  by: string,
  reason: string,
) => update(b, name, cals, (c, cal) => retargetClock(c, cal, cals(target.calendar.id), now, target, by, reason));

/** Applies every due warning and breach; returns them in time order for the workflow to act on. */
export function settleAll(book: ClockBook, now: number): { book: ClockBook; due: DueClockEvent[] } {
  const due: DueClockEvent[] = [];
  const clocks = book.clocks.map((c) => {
    const { clock, events } = settleClock(c, now);
    for (const event of events) {
      due.push({ clockId: c.id, name: c.kind, event, at: event === 'warning' ? c.warnAt : c.deadlineAt });
    }
    return clock;
  });
  due.sort((a, b) => a.at - b.at || (a.event === 'warning' ? -1 : 1));
  return { book: { clocks }, due };
}

export function nextClockWake(book: ClockBook): number | undefined {
  return nextWakeAt(book.clocks);
}

/** For display: remaining business time and the deadline as it stands now (a paused clock's if resumed now). */
export function describeClock(clock: SlaClock, cals: CalendarLookup, now: number) {
  const cal = cals(clock.calendarId);
  return {
    remainingMs: remainingMs(clock, cal, now),
    deadlineAt: projectedDeadlineAt(clock, cal, now) ?? clock.deadlineAt,
  };
}

/** A lookup over the calendars a case's settings carry, and the always-on calendar. */
export function calendarLookup(targets: ClockTarget[]): CalendarLookup {
  const byId = new Map([ALWAYS_ON, ...targets.map((t) => t.calendar)].map((c) => [c.id, c]));
  return (id) => {
    const cal = byId.get(id);
    if (!cal) throw new Error(`no calendar '${id}' in this case's settings`);
    return cal;
  };
}
