import { ALWAYS_ON, type BusinessCalendar } from '../../workflows/common/business-calendar';
import {
  SlaClockError,
  applyClockEvent,
  consumedMsAt,
  dueClockEvents,
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
  type SlaClock,
} from '../../workflows/common/sla-clock';

// Berlin is UTC+1 in January: 09:00-17:00 local is 08:00Z-16:00Z. Instants below are worked out by hand.

const H = 3_600_000;
const M = 60_000;
const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

const EU: BusinessCalendar = {
  id: 'eu',
  timeZone: 'Europe/Berlin',
  workingHours: { 1: [['09:00', '17:00']], 2: [['09:00', '17:00']], 3: [['09:00', '17:00']], 4: [['09:00', '17:00']], 5: [['09:00', '17:00']] },
  holidays: [],
};

function start(calendar: BusinessCalendar, startIso: string, budgetMs: number, id = 'resolution'): SlaClock {
  return startClock({ id, kind: id, budgetMs, calendar, now: at(startIso) });
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof SlaClockError) return err.code;
    throw err;
  }
  return undefined;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.freeze(value);
    Object.values(value).forEach(deepFreeze);
  }
  return value;
}

describe('startClock', () => {
  it.each([
    ['in working hours', EU, '2026-01-12T08:00:00Z' /* Mon 09:00 */, 4 * H, '2026-01-12T12:00:00.000Z', '2026-01-12T11:00:00.000Z'],
    ['on a Saturday: counts from Monday 09:00', EU, '2026-01-17T11:00:00Z', 2 * H, '2026-01-19T10:00:00.000Z', '2026-01-19T09:30:00.000Z'],
    ['over the night', EU, '2026-01-12T14:00:00Z' /* Mon 15:00 */, 8 * H, '2026-01-13T14:00:00.000Z', '2026-01-13T12:00:00.000Z'],
    ['24x7', ALWAYS_ON, '2026-01-17T11:00:00Z', 2 * H, '2026-01-17T13:00:00.000Z', '2026-01-17T12:30:00.000Z'],
  ])('%s', (_name, calendar, startIso, budget, deadline, warn) => {
    const clock = start(calendar, startIso, budget);
    expect(clock).toMatchObject({ status: 'running', consumedMs: 0, runningSince: at(startIso), startedAt: at(startIso), warned: false, calendarId: calendar.id });
    expect(iso(clock.deadlineAt)).toBe(deadline);
    expect(iso(clock.warnAt)).toBe(warn);
  });

  it('is plain JSON data', () => {
    const clock = pauseClock(start(EU, '2026-01-12T08:00:00Z', 4 * H), EU, at('2026-01-12T09:00:00Z'), 'waiting_on_seller');
    const copy = JSON.parse(JSON.stringify(clock)) as SlaClock;
    expect(copy).toEqual(clock);
    expect(iso(resumeClock(copy, EU, at('2026-01-12T10:00:00Z')).deadlineAt)).toBe('2026-01-12T13:00:00.000Z');
  });
});

describe('pause and resume', () => {
  it.each([
    // name, calendar, start, budget, pause, resume, deadline before, deadline after
    ['paused 1.5h in the morning', EU, '2026-01-12T08:00:00Z', 4 * H, '2026-01-12T09:00:00Z', '2026-01-12T10:30:00Z', '2026-01-12T12:00:00.000Z', '2026-01-12T13:30:00.000Z'],
    // Paused Mon 16:00 to Tue 10:00 local: 2 business hours (16-17, 09-10), so 17:00 Mon becomes 11:00 Tue.
    ['paused overnight', EU, '2026-01-12T08:00:00Z', 8 * H, '2026-01-12T15:00:00Z', '2026-01-13T09:00:00Z', '2026-01-12T16:00:00.000Z', '2026-01-13T10:00:00.000Z'],
    // Paused Fri 13:00 to Mon 09:00 local: 4 business hours, so Mon 17:00 becomes Tue 13:00.
    ['paused over a weekend', EU, '2026-01-16T08:00:00Z', 16 * H, '2026-01-16T12:00:00Z', '2026-01-19T08:00:00Z', '2026-01-19T16:00:00.000Z', '2026-01-20T12:00:00.000Z'],
    // Paused Mon 18:00 to Tue 08:00 local: no business time, so the deadline does not move.
    ['paused outside working hours only', EU, '2026-01-12T14:00:00Z', 4 * H, '2026-01-12T17:00:00Z', '2026-01-13T07:00:00Z', '2026-01-13T10:00:00.000Z', '2026-01-13T10:00:00.000Z'],
    ['24x7: paused 36h across the DST change', ALWAYS_ON, '2026-03-28T12:00:00Z', 24 * H, '2026-03-28T18:00:00Z', '2026-03-30T06:00:00Z', '2026-03-29T12:00:00.000Z', '2026-03-31T00:00:00.000Z'],
  ])('%s moves the deadline by exactly the paused business time', (_name, calendar, startIso, budget, pauseIso, resumeIso, before, after) => {
    const running = start(calendar, startIso, budget);
    expect(iso(running.deadlineAt)).toBe(before);

    const paused = pauseClock(running, calendar, at(pauseIso), 'waiting_on_seller');
    expect(paused.status).toBe('paused');
    expect(paused.runningSince).toBeUndefined();
    expect(paused.pauses).toEqual([{ at: at(pauseIso), reason: 'waiting_on_seller' }]);
    // No time is consumed while paused, however long the pause.
    expect(remainingMs(paused, calendar, at(resumeIso))).toBe(remainingMs(paused, calendar, at(pauseIso)));

    const resumed = resumeClock(paused, calendar, at(resumeIso));
    expect(resumed.status).toBe('running');
    expect(resumed.runningSince).toBe(at(resumeIso));
    expect(resumed.pauses).toEqual([{ at: at(pauseIso), reason: 'waiting_on_seller', resumedAt: at(resumeIso) }]);
    expect(iso(resumed.deadlineAt)).toBe(after);
  });

  it('raises no events and sets no timer while paused, even past the old deadline', () => {
    const paused = pauseClock(start(EU, '2026-01-12T08:00:00Z', 4 * H), EU, at('2026-01-12T09:00:00Z'), 'waiting_on_seller');
    expect(dueClockEvents(paused, at('2026-01-20T00:00:00Z'))).toEqual([]);
    expect(nextWakeAt([paused])).toBeUndefined();
    expect(consumedMsAt(paused, EU, at('2026-01-20T00:00:00Z'))).toBe(1 * H);
    // Displayed deadline if resumed on Tuesday 10:00 local: 3h left, so 13:00 local.
    expect(iso(projectedDeadlineAt(paused, EU, at('2026-01-13T09:00:00Z')))).toBe('2026-01-13T12:00:00.000Z');
  });

  it('re-arms the warning from the consumed time when resuming', () => {
    // Budget 4h, warning at 3h consumed. Paused after 2h for one hour: warning at 04:00Z, deadline 05:00Z.
    const clock = start(ALWAYS_ON, '2026-01-12T00:00:00Z', 4 * H);
    const resumed = resumeClock(pauseClock(clock, ALWAYS_ON, at('2026-01-12T02:00:00Z'), 'seller'), ALWAYS_ON, at('2026-01-12T03:00:00Z'));
    expect(iso(resumed.warnAt)).toBe('2026-01-12T04:00:00.000Z');
    expect(iso(resumed.deadlineAt)).toBe('2026-01-12T05:00:00.000Z');
  });

  it('keeps every pause on record', () => {
    let clock = start(ALWAYS_ON, '2026-01-12T00:00:00Z', 10 * H);
    clock = pauseClock(clock, ALWAYS_ON, at('2026-01-12T01:00:00Z'), 'first');
    clock = resumeClock(clock, ALWAYS_ON, at('2026-01-12T02:00:00Z'));
    clock = pauseClock(clock, ALWAYS_ON, at('2026-01-12T03:00:00Z'), 'second');
    clock = resumeClock(clock, ALWAYS_ON, at('2026-01-12T05:00:00Z'));
    expect(clock.pauses.map((p) => [p.reason, iso(p.at), iso(p.resumedAt)])).toEqual([
      ['first', '2026-01-12T01:00:00.000Z', '2026-01-12T02:00:00.000Z'],
      ['second', '2026-01-12T03:00:00.000Z', '2026-01-12T05:00:00.000Z'],
    ]);
    expect(iso(clock.deadlineAt)).toBe('2026-01-12T13:00:00.000Z');
  });
});

describe('extendClock', () => {
  it('adds business time to a running clock and recomputes deadline and warning', () => {
    const clock = extendClock(start(EU, '2026-01-12T08:00:00Z', 4 * H), EU, at('2026-01-12T09:00:00Z'), 2 * H, 'u-lead', 'needs legal input');
    expect(clock.budgetMs).toBe(6 * H);
    expect(iso(clock.deadlineAt)).toBe('2026-01-12T14:00:00.000Z'); // 15:00 local
    expect(iso(clock.warnAt)).toBe('2026-01-12T12:30:00.000Z'); // 4.5h after 09:00 local
    expect(clock.extensions).toEqual([{ at: at('2026-01-12T09:00:00Z'), byUserId: 'u-lead', reason: 'needs legal input', addedMs: 2 * H }]);
  });

  it('extends a paused clock; the deadline is set on resume', () => {
    let clock = start(EU, '2026-01-12T08:00:00Z', 4 * H);
    clock = pauseClock(clock, EU, at('2026-01-12T09:00:00Z'), 'waiting_on_seller');
    clock = extendClock(clock, EU, at('2026-01-12T10:00:00Z'), 2 * H, 'u-lead', 'seller asked for time');
    clock = resumeClock(clock, EU, at('2026-01-12T11:00:00Z'));
    // 1h consumed, 5h left from 12:00 local: 17:00 local.
    expect(iso(clock.deadlineAt)).toBe('2026-01-12T16:00:00.000Z');
  });

  it.each([
    // Warned at 3h of 4h; +4h at 3.5h moves the threshold to 6h: warn again then.
    ['re-arms the warning when the new threshold is ahead', 4 * H, false, '2026-01-12T06:00:00.000Z', '2026-01-12T08:00:00.000Z'],
    // +30m moves the threshold to 3h22m30s, already consumed: stays warned.
    ['keeps the warning when the new threshold is already passed', 30 * M, true, '2026-01-12T03:22:30.000Z', '2026-01-12T04:30:00.000Z'],
  ])('%s', (_name, addMs, warned, warnAt, deadline) => {
    let clock = start(ALWAYS_ON, '2026-01-12T00:00:00Z', 4 * H);
    clock = applyClockEvent(clock, 'warning', at('2026-01-12T03:00:00Z'));
    clock = extendClock(clock, ALWAYS_ON, at('2026-01-12T03:30:00Z'), addMs, 'u-lead', 'more time');
    expect(clock.warned).toBe(warned);
    expect(clock.warnedAt === undefined).toBe(!warned);
    expect(iso(clock.warnAt)).toBe(warnAt);
    expect(iso(clock.deadlineAt)).toBe(deadline);
    expect(dueClockEvents(clock, at('2026-01-12T03:30:00Z'))).toEqual([]);
  });
});

describe('events: warning, then breach', () => {
  const clock = start(ALWAYS_ON, '2026-01-12T00:00:00Z', 4 * H); // warn 03:00Z, deadline 04:00Z

  it.each([
    ['2026-01-12T02:59:59.999Z', []],
    ['2026-01-12T03:00:00.000Z', ['warning']],
    ['2026-01-12T03:59:59.999Z', ['warning']],
    ['2026-01-12T04:00:00.000Z', ['warning', 'breach']],
  ])('due at %s: %p', (now, events) => {
    expect(dueClockEvents(clock, at(now))).toEqual(events);
  });

  it('applies the warning, then sets the timer for the breach, then breaches', () => {
    expect(iso(nextWakeAt([clock]))).toBe('2026-01-12T03:00:00.000Z');
    const warned = applyClockEvent(clock, 'warning', at('2026-01-12T03:00:00Z'));
    expect(warned).toMatchObject({ warned: true, warnedAt: at('2026-01-12T03:00:00Z'), status: 'running' });
    expect(dueClockEvents(warned, at('2026-01-12T03:30:00Z'))).toEqual([]);
    expect(iso(nextWakeAt([warned]))).toBe('2026-01-12T04:00:00.000Z');
    const breached = applyClockEvent(warned, 'breach', at('2026-01-12T04:00:00Z'));
    expect(breached).toMatchObject({ status: 'breached', breachedAt: at('2026-01-12T04:00:00Z') });
    expect(dueClockEvents(breached, at('2026-01-12T09:00:00Z'))).toEqual([]);
    expect(nextWakeAt([breached])).toBeUndefined();
  });

  it('after a late wake-up, settles both in order and dates the breach at the deadline', () => {
    const { clock: settled, events } = settleClock(clock, at('2026-01-12T05:00:00Z'));
    expect(events).toEqual(['warning', 'breach']);
    expect(settled).toMatchObject({ status: 'breached', warned: true, warnedAt: at('2026-01-12T05:00:00Z'), breachedAt: at('2026-01-12T04:00:00Z') });
    // Overdue business time shows as a negative remainder.
    expect(remainingMs(settled, ALWAYS_ON, at('2026-01-12T06:00:00Z'))).toBe(-2 * H);
  });

  it('measures overdue time in business time on a business calendar', () => {
    // Mon 09:00 local + 4h: due 13:00 local. At Tue 10:00 local it is 4h + 1h overdue.
    const { clock: breached } = settleClock(start(EU, '2026-01-12T08:00:00Z', 4 * H), at('2026-01-13T09:00:00Z'));
    expect(breached.status).toBe('breached');
    expect(remainingMs(breached, EU, at('2026-01-13T09:00:00Z'))).toBe(-5 * H);
  });
});

describe('retargetClock (re-triage)', () => {
  // Monday 2026-01-05, Berlin: 09:00-17:00 local is 08:00Z-16:00Z.
  const monday9 = '2026-01-05T08:00:00.000Z';

  it('keeps the business time consumed and runs the rest of the new budget from now, on the new calendar', () => {
    const c = start(EU, monday9, 16 * H);
    const now = at('2026-01-05T10:00:00.000Z'); // 2 business hours consumed
    const r = retargetClock(c, EU, ALWAYS_ON, now, { budgetMs: 4 * H, warningFraction: 0.5 }, 'max', 'now critical');
    expect(r).toMatchObject({ calendarId: 'always-on', budgetMs: 4 * H, consumedMs: 2 * H, runningSince: now, warningFraction: 0.5 });
    expect(iso(r.deadlineAt)).toBe('2026-01-05T12:00:00.000Z');
    // The new warning point (2 h) is already reached: due now.
    expect(r.warnAt).toBe(now);
    expect(r.retargets).toEqual([{ at: now, byUserId: 'max', reason: 'now critical', fromBudgetMs: 16 * H, toBudgetMs: 4 * H, fromCalendarId: 'eu', toCalendarId: 'always-on' }]);
    expect(dueClockEvents(r, now)).toEqual(['warning']);
  });

  it('is due to breach at once when the time consumed already exceeds the new budget', () => {
    const c = start(EU, monday9, 16 * H);
    const now = at('2026-01-05T13:00:00.000Z'); // 5 business hours consumed
    const r = retargetClock(c, EU, EU, now, { budgetMs: 4 * H, warningFraction: 0.75 }, 'max', 'critical after all');
    expect(r.deadlineAt).toBe(now);
    expect(dueClockEvents(r, now)).toEqual(['warning', 'breach']);
  });

  it('re-arms a warning a larger budget pushes back, and keeps manager extensions', () => {
    let c = start(EU, monday9, 4 * H);
    c = extendClock(c, EU, at('2026-01-05T09:00:00.000Z'), 1 * H, 'max', 'court order');
    c = settleClock(c, at('2026-01-05T12:00:00.000Z')).clock; // 4 of 5 h: warned
    expect(c.warned).toBe(true);
    const now = at('2026-01-05T12:00:00.000Z');
    const r = retargetClock(c, EU, EU, now, { budgetMs: 16 * H, warningFraction: 0.75 }, 'ana', 'lower severity');
    expect(r).toMatchObject({ budgetMs: 17 * H, warned: false });
    expect(r.warnedAt).toBeUndefined();
    // 17 h budget, 4 h used: 13 business hours left from Monday 12:00Z, i.e. Tuesday 17 h later... on the EU calendar.
    expect(remainingMs(r, EU, now)).toBe(13 * H);
  });

  it('retargets a paused clock without resuming it', () => {
    let c = start(ALWAYS_ON, monday9, 10 * H);
    c = pauseClock(c, ALWAYS_ON, at('2026-01-05T09:00:00.000Z'), 'waiting_on_seller');
    const r = retargetClock(c, ALWAYS_ON, ALWAYS_ON, at('2026-01-05T15:00:00.000Z'), { budgetMs: 2 * H, warningFraction: 0.75 }, 'ana', 'x');
    expect(r).toMatchObject({ status: 'paused', consumedMs: 1 * H, budgetMs: 2 * H });
    expect(r.runningSince).toBeUndefined();
  });

  it('refuses a stopped or breached clock, and a clock past its deadline', () => {
    const c = start(ALWAYS_ON, monday9, H);
    const t = { budgetMs: H, warningFraction: 0.75 };
    expect(codeOf(() => retargetClock(stopClock(c, ALWAYS_ON, at(monday9) + M, 'met'), ALWAYS_ON, ALWAYS_ON, at(monday9) + 2 * M, t, 'a', 'r'))).toBe('already_stopped');
    expect(codeOf(() => retargetClock(c, ALWAYS_ON, ALWAYS_ON, at(monday9) + 2 * H, t, 'a', 'r'))).toBe('breach_due');
  });
});

describe('stopClock', () => {
  it('records a met clock with the business time it used', () => {
    const met = stopClock(start(EU, '2026-01-12T08:00:00Z', 8 * H), EU, at('2026-01-12T15:00:00Z'), 'met');
    expect(met).toMatchObject({ status: 'met', metAt: at('2026-01-12T15:00:00Z'), stoppedAt: at('2026-01-12T15:00:00Z'), stopOutcome: 'met', consumedMs: 7 * H });
    expect(met.runningSince).toBeUndefined();
    expect(remainingMs(met, EU, at('2026-02-01T00:00:00Z'))).toBe(1 * H);
    expect(nextWakeAt([met])).toBeUndefined();
  });

  it('keeps a breach on record when the case is resolved later', () => {
    const breached = settleClock(start(ALWAYS_ON, '2026-01-12T00:00:00Z', 4 * H), at('2026-01-12T04:00:00Z')).clock;
    const stopped = stopClock(breached, ALWAYS_ON, at('2026-01-12T06:00:00Z'), 'met');
    expect(stopped).toMatchObject({ status: 'breached', breachedAt: at('2026-01-12T04:00:00Z'), stoppedAt: at('2026-01-12T06:00:00Z'), stopOutcome: 'met', consumedMs: 6 * H });
    expect(stopped.metAt).toBeUndefined();
  });

  it('cannot meet a deadline that passed before the breach was applied', () => {
    const stopped = stopClock(start(ALWAYS_ON, '2026-01-12T00:00:00Z', 4 * H), ALWAYS_ON, at('2026-01-12T04:00:00Z'), 'met');
    expect(stopped).toMatchObject({ status: 'breached', breachedAt: at('2026-01-12T04:00:00Z') });
  });

  it('meets a business-calendar deadline one millisecond before it', () => {
    const clock = start(EU, '2026-01-16T14:00:00Z' /* Fri 15:00 */, 4 * H); // due Mon 11:00 local
    expect(iso(clock.deadlineAt)).toBe('2026-01-19T10:00:00.000Z');
    expect(stopClock(clock, EU, at('2026-01-19T09:59:59.999Z'), 'met').status).toBe('met');
    expect(stopClock(clock, EU, at('2026-01-19T10:00:00.000Z'), 'met').status).toBe('breached');
  });

  it('cancels a paused clock and closes its pause', () => {
    const paused = pauseClock(start(ALWAYS_ON, '2026-01-12T00:00:00Z', 4 * H), ALWAYS_ON, at('2026-01-12T01:00:00Z'), 'seller');
    const cancelled = stopClock(paused, ALWAYS_ON, at('2026-01-20T00:00:00Z'), 'cancelled');
    expect(cancelled).toMatchObject({ status: 'cancelled', consumedMs: 1 * H, stopOutcome: 'cancelled' });
    expect(cancelled.pauses).toEqual([{ at: at('2026-01-12T01:00:00Z'), reason: 'seller', resumedAt: at('2026-01-20T00:00:00Z') }]);
  });
});

describe('invalid operations', () => {
  const t0 = '2026-01-12T00:00:00Z';
  const running = start(ALWAYS_ON, t0, 4 * H);
  const paused = pauseClock(running, ALWAYS_ON, at('2026-01-12T01:00:00Z'), 'seller');
  const met = stopClock(running, ALWAYS_ON, at('2026-01-12T01:00:00Z'), 'met');
  const cancelled = stopClock(running, ALWAYS_ON, at('2026-01-12T01:00:00Z'), 'cancelled');
  const breached = settleClock(running, at('2026-01-12T05:00:00Z')).clock;
  const breachedStopped = stopClock(breached, ALWAYS_ON, at('2026-01-12T06:00:00Z'), 'met');
  const later = at('2026-01-12T02:00:00Z');

  it.each<[string, () => unknown, string]>([
    ['pause a paused clock', () => pauseClock(paused, ALWAYS_ON, later, 'again'), 'not_running'],
    ['pause a met clock', () => pauseClock(met, ALWAYS_ON, later, 'x'), 'already_stopped'],
    ['pause a breached clock', () => pauseClock(breached, ALWAYS_ON, at('2026-01-12T06:00:00Z'), 'x'), 'clock_breached'],
    ['pause past the deadline before settling', () => pauseClock(running, ALWAYS_ON, at('2026-01-12T04:00:00Z'), 'x'), 'breach_due'],
    ['pause before the clock started', () => pauseClock(running, ALWAYS_ON, at('2026-01-11T23:00:00Z'), 'x'), 'invalid_argument'],
    ['pause without a reason', () => pauseClock(running, ALWAYS_ON, later, ' '), 'invalid_argument'],
    ['resume a running clock', () => resumeClock(running, ALWAYS_ON, later), 'not_paused'],
    ['resume a cancelled clock', () => resumeClock(cancelled, ALWAYS_ON, later), 'already_stopped'],
    ['resume before the pause began', () => resumeClock(paused, ALWAYS_ON, at('2026-01-12T00:30:00Z')), 'invalid_argument'],
    ['extend by zero', () => extendClock(running, ALWAYS_ON, later, 0, 'u', 'r'), 'invalid_argument'],
    ['extend by a negative amount', () => extendClock(running, ALWAYS_ON, later, -H, 'u', 'r'), 'invalid_argument'],
    ['extend by NaN', () => extendClock(running, ALWAYS_ON, later, Number.NaN, 'u', 'r'), 'invalid_argument'],
    ['extend by a fraction of a ms', () => extendClock(running, ALWAYS_ON, later, 0.5, 'u', 'r'), 'invalid_argument'],
    ['extend without a user', () => extendClock(running, ALWAYS_ON, later, H, '', 'r'), 'invalid_argument'],
    ['extend a met clock', () => extendClock(met, ALWAYS_ON, later, H, 'u', 'r'), 'already_stopped'],
    ['extend a cancelled clock', () => extendClock(cancelled, ALWAYS_ON, later, H, 'u', 'r'), 'already_stopped'],
    ['extend a breached clock', () => extendClock(breached, ALWAYS_ON, at('2026-01-12T06:00:00Z'), H, 'u', 'r'), 'clock_breached'],
    ['extend past the deadline before settling', () => extendClock(running, ALWAYS_ON, at('2026-01-12T04:00:00Z'), H, 'u', 'r'), 'breach_due'],
    ['stop a met clock', () => stopClock(met, ALWAYS_ON, later, 'met'), 'already_stopped'],
    ['stop a breached clock twice', () => stopClock(breachedStopped, ALWAYS_ON, at('2026-01-12T07:00:00Z'), 'cancelled'), 'already_stopped'],
    ['stop with an unknown outcome', () => stopClock(running, ALWAYS_ON, later, 'won' as 'met'), 'invalid_argument'],
    ['warn before the warning is due', () => applyClockEvent(running, 'warning', later), 'event_not_due'],
    ['breach before the deadline', () => applyClockEvent(running, 'breach', at('2026-01-12T03:59:59Z')), 'event_not_due'],
    ['warn twice', () => applyClockEvent(applyClockEvent(running, 'warning', at('2026-01-12T03:00:00Z')), 'warning', at('2026-01-12T03:01:00Z')), 'event_already_applied'],
    ['breach twice', () => applyClockEvent(breached, 'breach', at('2026-01-12T06:00:00Z')), 'event_already_applied'],
    ['breach a paused clock', () => applyClockEvent(paused, 'breach', at('2026-01-13T00:00:00Z')), 'not_running'],
    ['use another calendar', () => pauseClock(running, EU, later, 'x'), 'calendar_mismatch'],
    ['start with a zero budget', () => startClock({ id: 'x', kind: 'x', budgetMs: 0, calendar: EU, now: at(t0) }), 'invalid_argument'],
    ['start with a warning fraction above 1', () => startClock({ id: 'x', kind: 'x', budgetMs: H, warningFraction: 1.5, calendar: EU, now: at(t0) }), 'invalid_argument'],
    ['start at a non-integer instant', () => startClock({ id: 'x', kind: 'x', budgetMs: H, calendar: EU, now: 0.5 }), 'invalid_argument'],
  ])('%s', (_name, operation, code) => {
    expect(codeOf(operation)).toBe(code);
  });

  it('throws an Error subclass carrying the code', () => {
    expect(() => resumeClock(running, ALWAYS_ON, later)).toThrow(SlaClockError);
    expect(() => resumeClock(running, ALWAYS_ON, later)).toThrow(expect.objectContaining({ name: 'SlaClockError', code: 'not_paused' }));
  });
});

describe('nextWakeAt', () => {
  const t0 = '2026-01-12T00:00:00Z';
  const pendingWarning = start(ALWAYS_ON, t0, 8 * H, 'a'); // warn 06:00Z, deadline 08:00Z
  const pendingDeadline = applyClockEvent(start(ALWAYS_ON, t0, 2 * H, 'b'), 'warning', at('2026-01-12T01:30:00Z')); // deadline 02:00Z
  const paused = pauseClock(start(ALWAYS_ON, t0, 1 * H, 'c'), ALWAYS_ON, at('2026-01-12T00:10:00Z'), 'seller'); // stale deadline 01:00Z
  const met = stopClock(start(ALWAYS_ON, t0, 1 * H, 'd'), ALWAYS_ON, at('2026-01-12T00:10:00Z'), 'met');
  const breached = settleClock(start(ALWAYS_ON, t0, 1 * H, 'e'), at('2026-01-12T01:00:00Z')).clock;
  const onBusinessHours = start(EU, '2026-01-16T15:00:00Z' /* Fri 16:00 */, 2 * H, 'f'); // warn Mon 09:30, deadline Mon 10:00 local

  it.each<[string, SlaClock[], string | undefined]>([
    ['no clocks', [], undefined],
    ['only paused, stopped and breached clocks', [paused, met, breached], undefined],
    ['a pending warning', [pendingWarning, paused, met], '2026-01-12T06:00:00.000Z'],
    ['the deadline of a warned clock comes first', [pendingWarning, pendingDeadline, paused, met, breached], '2026-01-12T02:00:00.000Z'],
    ['a business-hours clock waits over the weekend', [onBusinessHours], '2026-01-19T08:30:00.000Z'],
  ])('%s', (_name, clocks, expected) => {
    expect(iso(nextWakeAt(clocks))).toBe(expected);
  });
});

describe('immutability', () => {
  it('never changes the clock it is given', () => {
    const running = deepFreeze(start(ALWAYS_ON, '2026-01-12T00:00:00Z', 4 * H));
    const paused = deepFreeze(pauseClock(running, ALWAYS_ON, at('2026-01-12T01:00:00Z'), 'seller'));
    const resumed = deepFreeze(resumeClock(paused, ALWAYS_ON, at('2026-01-12T02:00:00Z')));
    deepFreeze(extendClock(resumed, ALWAYS_ON, at('2026-01-12T02:30:00Z'), H, 'u', 'r'));
    deepFreeze(settleClock(resumed, at('2026-01-12T09:00:00Z')));
    deepFreeze(stopClock(paused, ALWAYS_ON, at('2026-01-12T03:00:00Z'), 'met'));
    expect(running.status).toBe('running');
    expect(paused.pauses).toHaveLength(1);
    expect(paused.pauses[0].resumedAt).toBeUndefined();
    expect(resumed.extensions).toHaveLength(0);
  });
});
