import { IANAZone } from 'luxon';
import { isKnownTimeZone } from './time-zones';
import { DAY_MS, MINUTE_MS } from './time-units';

/**
 * Business-hours arithmetic for SLA clocks: pure functions over epoch milliseconds.
 * No Temporal, Node or ORM imports: this file is bundled into workflow code, and nothing here reads
 * the clock. Time zones and DST come from luxon's IANA zone offsets (Intl underneath).
 *
 * Semantics:
 * - Working time is real elapsed time inside the calendar's working intervals, so a working interval
 *   that spans a DST change lasts one hour more or less than its wall-clock length.
 * - An interval boundary 'HH:mm' on a date is the earliest instant of that date at which the local
 *   clock shows a time >= HH:mm. A wall time skipped by spring-forward therefore maps to the end of
 *   the gap, and a wall time repeated by fall-back maps to its first occurrence. '24:00' is the next
 *   local midnight.
 * - Calendars are treated as immutable values: they are validated once and cached by identity.
 */

export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export const WEEKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];

/** A working interval within one local day: ['09:00', '17:00']; the end may be '24:00'. */
export type WorkingInterval = readonly [start: string, end: string];

export interface BusinessCalendar {
  /** Stable id stored on every SLA clock, e.g. 'seller-risk-eu'. */
  readonly id: string;
  /** IANA zone the working hours and holidays are expressed in, e.g. 'Europe/Berlin'. */
  readonly timeZone: string;
  /** Per ISO weekday (1 = Monday .. 7 = Sunday), sorted, non-overlapping intervals. Missing = closed. */
  readonly workingHours: Readonly<Partial<Record<Weekday, readonly WorkingInterval[]>>>;
  /** Local dates 'YYYY-MM-DD' on which the team does not work at all. */
  readonly holidays: readonly string[];
  /** 24x7: every instant counts, no zone or hours involved. Such a calendar has no hours or holidays. */
  readonly alwaysOn?: boolean;
}

export const ALWAYS_ON_CALENDAR_ID = 'always-on';

/** 24x7 calendar: business time equals elapsed time, DST and holidays do not apply. */
export const ALWAYS_ON: BusinessCalendar = Object.freeze({
  id: ALWAYS_ON_CALENDAR_ID,
  timeZone: 'UTC',
  workingHours: Object.freeze({}),
  holidays: Object.freeze([]) as readonly string[],
  alwaysOn: true,
});

/** Thrown when a calendar cannot be used; `problems` lists every defect found. */
export class InvalidCalendarError extends Error {
  constructor(
    readonly calendarId: string,
    readonly problems: string[],
  ) {
    super(`Invalid business calendar '${calendarId}': ${problems.join('; ')}`);
    this.name = 'InvalidCalendarError';
  }
}

const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Every defect of a calendar, each naming the offending field; empty when the calendar is usable. */
export function validateCalendar(cal: BusinessCalendar): string[] {
  const problems: string[] = [];
  if (typeof cal !== 'object' || cal === null) return ['calendar must be an object'];
  if (typeof cal.id !== 'string' || cal.id.trim() === '') problems.push('id: must be a non-empty string');
  if (!isKnownTimeZone(cal.timeZone)) {
    problems.push(`timeZone: '${String(cal.timeZone)}' is not a known IANA time zone`);
  }
  const hours = (cal.workingHours ?? {}) as Record<string, unknown>;
  const holidays = (cal.holidays ?? []) as unknown;
  if (typeof hours !== 'object' || hours === null || Array.isArray(hours)) {
    problems.push('workingHours: must be an object keyed by weekday 1..7');
    return problems;
  }
  if (!Array.isArray(holidays)) {
    problems.push('holidays: must be a list of YYYY-MM-DD dates');
    return problems;
  }

  if (cal.alwaysOn) {
    if (Object.keys(hours).length > 0) problems.push('workingHours: must be empty on an alwaysOn calendar');
    if (holidays.length > 0) problems.push('holidays: must be empty on an alwaysOn calendar');
    return problems;
  }

  let totalMinutes = 0;
  for (const [key, intervals] of Object.entries(hours)) {
    const path = `workingHours.${key}`;
    if (!/^[1-7]$/.test(key)) {
      problems.push(`${path}: weekday must be 1 (Monday) .. 7 (Sunday)`);
      continue;
    }
    if (!Array.isArray(intervals)) {
      problems.push(`${path}: must be a list of ['HH:mm', 'HH:mm'] intervals`);
      continue;
    }
    let previousEnd = -1;
    intervals.forEach((interval: unknown, i: number) => {
      const at = `${path}[${i}]`;
      if (!Array.isArray(interval) || interval.length !== 2) {
        problems.push(`${at}: must be a pair ['HH:mm', 'HH:mm']`);
        return;
      }
      const start = parseClockTime(interval[0], false);
      const end = parseClockTime(interval[1], true);
      if (start === undefined) problems.push(`${at}: start '${String(interval[0])}' is not HH:mm (00:00..23:59)`);
      if (end === undefined) problems.push(`${at}: end '${String(interval[1])}' is not HH:mm (00:01..24:00)`);
      if (start === undefined || end === undefined) return;
      if (start >= end) {
        problems.push(`${at}: start ${interval[0]} must be before end ${interval[1]} (split overnight shifts at 24:00)`);
        return;
      }
      if (start < previousEnd) problems.push(`${at}: overlaps or precedes the previous interval; keep intervals sorted`);
      previousEnd = end;
      totalMinutes += end - start;
    });
  }
  if (totalMinutes === 0 && problems.length === 0) {
    problems.push('workingHours: the calendar has no working hours at all; use the alwaysOn calendar for 24x7');
  }

  holidays.forEach((h: unknown, i: number) => {
    if (parseIsoDate(h) === undefined) problems.push(`holidays[${i}]: '${String(h)}' is not a valid YYYY-MM-DD date`);
  });
  return problems;
}

/** Throws InvalidCalendarError unless the calendar is usable. */
export function assertValidCalendar(cal: BusinessCalendar): void {
  compile(cal);
}

/**
 * The instant at which `durationMs` of working time has elapsed after `startMs`: the earliest t with
 * businessTimeBetween(cal, startMs, t) === durationMs. Counting starts at the next opening when
 * `startMs` is outside working hours; a budget that runs out exactly at closing time ends at closing
 * time, not at the next opening. A zero duration returns `startMs`.
 */
export function addBusinessTime(cal: BusinessCalendar, startMs: number, durationMs: number): number {
  assertInstant('startMs', startMs);
  if (!Number.isFinite(durationMs) || durationMs < 0) {
    throw new RangeError(`durationMs must be a finite number >= 0, got ${durationMs}`);
  }
  const c = compile(cal);
  if (c.alwaysOn || durationMs === 0) return startMs + durationMs;

  let remaining = durationMs;
  let idleDays = 0;
  for (let day = localDay(c, startMs); ; day++) {
    let worked = false;
    for (const [open, close] of workingIntervalsOn(c, day)) {
      const from = Math.max(open, startMs);
      if (close <= from) continue;
      worked = true;
      const available = close - from;
      if (remaining <= available) return from + remaining;
      remaining -= available;
    }
    idleDays = worked ? 0 : idleDays + 1;
    if (idleDays > c.maxIdleDays) throw noWorkingTime(c, startMs);
  }
}

/** Working milliseconds in [fromMs, toMs); 0 when toMs <= fromMs. */
export function businessTimeBetween(cal: BusinessCalendar, fromMs: number, toMs: number): number {
  assertInstant('fromMs', fromMs);
  assertInstant('toMs', toMs);
  if (toMs <= fromMs) return 0;
  const c = compile(cal);
  if (c.alwaysOn) return toMs - fromMs;

  let total = 0;
  for (let day = localDay(c, fromMs); dayStart(c, day) < toMs; day++) {
    for (const [open, close] of workingIntervalsOn(c, day)) {
      const from = Math.max(open, fromMs);
      const to = Math.min(close, toMs);
      if (to > from) total += to - from;
    }
  }
  return total;
}

/** Whether `ms` lies inside a working interval (intervals are half-open: closing time is not working). */
export function isWorkingInstant(cal: BusinessCalendar, ms: number): boolean {
  assertInstant('ms', ms);
  const c = compile(cal);
  if (c.alwaysOn) return true;
  return workingIntervalsOn(c, localDay(c, ms)).some(([open, close]) => open <= ms && ms < close);
}

/** The earliest working instant >= `ms`: `ms` itself during working hours, else the next opening. */
export function nextWorkingInstant(cal: BusinessCalendar, ms: number): number {
  assertInstant('ms', ms);
  const c = compile(cal);
  if (c.alwaysOn) return ms;
  let idleDays = 0;
  for (let day = localDay(c, ms); ; day++) {
    for (const [open, close] of workingIntervalsOn(c, day)) {
      if (close > ms && close > open) return Math.max(open, ms);
    }
    if (++idleDays > c.maxIdleDays) throw noWorkingTime(c, ms);
  }
}

interface CompiledCalendar {
  id: string;
  alwaysOn: boolean;
  zone: IANAZone;
  /** Index 1..7: [openMinute, closeMinute] pairs of that weekday. */
  minutesByWeekday: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
  /** Holidays as days since 1970-01-01 (local calendar dates). */
  holidayDays: ReadonlySet<number>;
  /** Consecutive days without working time that prove the search cannot end (loop guard). */
  maxIdleDays: number;
  /**
   * Each local day's instants, computed once: a boundary costs three or more zone-offset lookups
   * (Intl underneath, tens of microseconds each), and a case's clocks ask for the same few days
   * again at every step. A day's instants depend on the calendar and the day alone.
   */
  days: Map<number, LocalDay>;
}

/** A local day's start (its midnight) and its working intervals, as absolute instants. */
interface LocalDay {
  start: number;
  intervals: ReadonlyArray<readonly [number, number]>;
}

/** Days kept per calendar: a few years of any clock's reach; the cache starts over when full. */
const DAYS_KEPT = 2048;

const compiled = new WeakMap<BusinessCalendar, CompiledCalendar>();

/**
 * Compiled calendars by content. Each case carries its calendars in its own input, so every case
 * holds its own copies of the same few calendars; sharing the compiled one (and its days) spares each
 * new case the validation and the first computation of the days its clocks ask about. A memo of a pure
 * function: what it returns does not depend on what it holds, so workflow code may share it.
 */
const compiledByContent = new Map<string, CompiledCalendar>();
const CALENDARS_KEPT = 256;

function compile(cal: BusinessCalendar): CompiledCalendar {
  const cached = compiled.get(cal);
  if (cached) return cached;
  const content = contentOf(cal);
  const same = content === undefined ? undefined : compiledByContent.get(content);
  if (same) {
    compiled.set(cal, same);
    return same;
  }
  const result = compileAnew(cal);
  compiled.set(cal, result);
  if (content !== undefined) {
    if (compiledByContent.size >= CALENDARS_KEPT) compiledByContent.clear();
    compiledByContent.set(content, result);
  }
  return result;
}

/** The calendar as JSON, or undefined for what is not a plain object (validation will say why). */
function contentOf(cal: BusinessCalendar): string | undefined {
  if (typeof cal !== 'object' || cal === null) return undefined;
  try {
    return JSON.stringify(cal);
  } catch {
    return undefined;
  }
}

function compileAnew(cal: BusinessCalendar): CompiledCalendar {
  const problems = validateCalendar(cal);
  if (problems.length > 0) throw new InvalidCalendarError(String(cal?.id), problems);

  const minutesByWeekday: Array<Array<readonly [number, number]>> = [[], [], [], [], [], [], [], []];
  for (const weekday of WEEKDAYS) {
    for (const [start, end] of cal.workingHours[weekday] ?? []) {
      minutesByWeekday[weekday].push([parseClockTime(start, false)!, parseClockTime(end, true)!]);
    }
  }
  const holidayDays = new Set(cal.holidays.map((h) => parseIsoDate(h)!));
  return {
    id: cal.id,
    alwaysOn: cal.alwaysOn === true,
    zone: IANAZone.create(cal.timeZone),
    minutesByWeekday,
    holidayDays,
    // A week always has a working day; each holiday can close at most one more. The slack covers
    // an interval that vanishes in a DST gap and the partly elapsed first day.
    maxIdleDays: 7 * (holidayDays.size + 2),
    days: new Map(),
  };
}

/** Absolute [open, close) instants of the working intervals on a local day (days since epoch). */
function workingIntervalsOn(c: CompiledCalendar, day: number): ReadonlyArray<readonly [number, number]> {
  return localDayOf(c, day).intervals;
}

/** The instant local `day` begins. */
function dayStart(c: CompiledCalendar, day: number): number {
  return localDayOf(c, day).start;
}

function localDayOf(c: CompiledCalendar, day: number): LocalDay {
  const known = c.days.get(day);
  if (known) return known;
  if (c.days.size >= DAYS_KEPT) c.days.clear();
  const intervals = c.holidayDays.has(day)
    ? []
    : c.minutesByWeekday[isoWeekday(day)].map(([open, close]) => [boundaryInstant(c, day, open), boundaryInstant(c, day, close)] as const);
  const computed: LocalDay = { start: boundaryInstant(c, day, 0), intervals };
  c.days.set(day, computed);
  return computed;
}

/** 1970-01-01 was a Thursday (ISO weekday 4). */
function isoWeekday(day: number): Weekday {
  return ((((day + 3) % 7) + 7) % 7 + 1) as Weekday;
}

/** The local calendar date of an instant, as days since 1970-01-01. */
function localDay(c: CompiledCalendar, ms: number): number {
  return Math.floor((ms + c.zone.offset(ms) * MINUTE_MS) / DAY_MS);
}

/** The earliest instant of local `day` at which the local clock reads >= `minute` (see file header). */
function boundaryInstant(c: CompiledCalendar, day: number, minute: number): number {
  const wall = day * DAY_MS + minute * MINUTE_MS;
  const offsetBefore = c.zone.offset(wall - DAY_MS);
  const offsetAfter = c.zone.offset(wall + DAY_MS);
  const candidates = [wall - offsetBefore * MINUTE_MS, wall - offsetAfter * MINUTE_MS].filter(
    (t) => t + c.zone.offset(t) * MINUTE_MS === wall,
  );
  if (candidates.length > 0) return Math.min(...candidates);

  // The wall time was skipped (spring forward): return the transition, found to the minute.
  let lo = wall - offsetAfter * MINUTE_MS; // before the transition, local clock still behind `wall`
  let hi = wall - offsetBefore * MINUTE_MS; // after it
  while (hi - lo > MINUTE_MS) {
    const mid = lo + Math.floor((hi - lo) / MINUTE_MS / 2) * MINUTE_MS;
    if (mid + c.zone.offset(mid) * MINUTE_MS >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}

function parseClockTime(value: unknown, allowEndOfDay: boolean): number | undefined {
  if (typeof value !== 'string') return undefined;
  if (value === '24:00') return allowEndOfDay ? 24 * 60 : undefined;
  const m = TIME_RE.exec(value);
  if (!m) return undefined;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes === 0 && allowEndOfDay ? undefined : minutes;
}

function parseIsoDate(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = DATE_RE.exec(value);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return undefined;
  return ms / DAY_MS;
}

function assertInstant(name: string, ms: number): void {
  if (!Number.isFinite(ms)) throw new RangeError(`${name} must be a finite epoch-ms number, got ${ms}`);
}

function noWorkingTime(c: CompiledCalendar, fromMs: number): Error {
  return new InvalidCalendarError(c.id, [
    `no working time within ${c.maxIdleDays} days after ${new Date(fromMs).toISOString()}`,
  ]);
}
