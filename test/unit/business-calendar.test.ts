import {
  ALWAYS_ON,
  InvalidCalendarError,
  addBusinessTime,
  businessTimeBetween,
  isWorkingInstant,
  nextWorkingInstant,
  validateCalendar,
  type BusinessCalendar,
} from '../../workflows/common/business-calendar';

// Expected instants are worked out by hand from the zone rules: Berlin is UTC+1 (CET) until
// 2026-03-29 02:00 and from 2026-10-25 03:00, UTC+2 (CEST) in between; New York is UTC-5 (EST) until
// 2026-03-08 02:00 and from 2026-11-01 02:00, UTC-4 (EDT) in between.

const H = 3_600_000;
const M = 60_000;
const at = (iso: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad test instant ${iso}`);
  return ms;
};
const iso = (ms: number): string => new Date(ms).toISOString();

const nineToFive = { 1: [['09:00', '17:00']], 2: [['09:00', '17:00']], 3: [['09:00', '17:00']], 4: [['09:00', '17:00']], 5: [['09:00', '17:00']] } as const;

const EU: BusinessCalendar = {
  id: 'eu',
  timeZone: 'Europe/Berlin',
  workingHours: nineToFive,
  holidays: ['2026-04-03', '2026-04-06', '2026-12-24', '2026-12-25', '2026-12-31', '2027-01-01'],
};
const US: BusinessCalendar = {
  id: 'us',
  timeZone: 'America/New_York',
  workingHours: nineToFive,
  holidays: ['2026-11-26', '2026-12-25'],
};
const LEGAL_WITH_LUNCH: BusinessCalendar = {
  id: 'legal',
  timeZone: 'Europe/Berlin',
  workingHours: { 1: [['09:00', '12:30'], ['13:30', '17:30']] },
  holidays: [],
};
const BERLIN_ALL_DAY: BusinessCalendar = {
  id: 'berlin-all-day',
  timeZone: 'Europe/Berlin',
  workingHours: { 1: [['00:00', '24:00']], 2: [['00:00', '24:00']], 3: [['00:00', '24:00']], 4: [['00:00', '24:00']], 5: [['00:00', '24:00']], 6: [['00:00', '24:00']], 7: [['00:00', '24:00']] },
  holidays: [],
};
/** Sunday night shift spanning the 02:00/03:00 change. */
const BERLIN_SUNDAY_NIGHT: BusinessCalendar = { id: 'berlin-night', timeZone: 'Europe/Berlin', workingHours: { 7: [['01:00', '04:00']] }, holidays: [] };
const NY_SUNDAY_NIGHT: BusinessCalendar = { id: 'ny-night', timeZone: 'America/New_York', workingHours: { 7: [['00:00', '06:00']] }, holidays: [] };
/** Boundaries that fall inside the skipped (spring) or repeated (fall) hour. */
const BERLIN_GAP_BOUNDARY: BusinessCalendar = { id: 'berlin-gap', timeZone: 'Europe/Berlin', workingHours: { 7: [['02:30', '05:00']] }, holidays: [] };
const NY_AMBIGUOUS_BOUNDARY: BusinessCalendar = { id: 'ny-ambiguous', timeZone: 'America/New_York', workingHours: { 7: [['01:30', '03:00']] }, holidays: [] };

describe('addBusinessTime', () => {
  it.each([
    ['within one day', EU, '2026-01-12T09:00:00Z' /* Mon 10:00 */, 2 * H, '2026-01-12T11:00:00.000Z'],
    ['carries over closing time to the next morning', EU, '2026-01-12T15:00:00Z' /* Mon 16:00 */, 2 * H, '2026-01-13T09:00:00.000Z'],
    ['ends exactly at closing time, not at the next opening', EU, '2026-01-12T14:00:00Z' /* Mon 15:00 */, 2 * H, '2026-01-12T16:00:00.000Z'],
    ['starts before opening: counts from 09:00', EU, '2026-01-13T06:00:00Z' /* Tue 07:00 */, 30 * M, '2026-01-13T08:30:00.000Z'],
    ['starts after closing: counts from the next opening', EU, '2026-01-13T17:00:00Z' /* Tue 18:00 */, 8 * H, '2026-01-14T16:00:00.000Z'],
    ['starts exactly at closing time', EU, '2026-01-13T16:00:00Z' /* Tue 17:00 */, 1 * H, '2026-01-14T09:00:00.000Z'],
    ['skips the weekend', EU, '2026-01-16T15:00:00Z' /* Fri 16:00 */, 2 * H, '2026-01-19T09:00:00.000Z'],
    ['starts on a Saturday', EU, '2026-01-17T11:00:00Z' /* Sat 12:00 */, 1 * H, '2026-01-19T09:00:00.000Z'],
    ['multi-day budget (5 business days)', EU, '2026-01-12T09:00:00Z' /* Mon 10:00 */, 40 * H, '2026-01-19T09:00:00.000Z'],
    ['skips Good Friday and Easter Monday', EU, '2026-04-02T14:00:00Z' /* Thu 16:00 CEST */, 2 * H, '2026-04-07T08:00:00.000Z'],
    ['starts on a holiday', EU, '2026-04-03T08:00:00Z' /* Good Friday 10:00 */, 1 * H, '2026-04-07T08:00:00.000Z'],
    ['spans Christmas and New Year holidays', EU, '2026-12-23T15:00:00Z' /* Wed 16:00 */, 34 * H, '2027-01-05T09:00:00.000Z'],
    ['Berlin spring forward over a weekend', EU, '2026-03-27T15:00:00Z' /* Fri 16:00 CET */, 2 * H, '2026-03-30T08:00:00.000Z'],
    ['Berlin fall back over a weekend', EU, '2026-10-23T14:00:00Z' /* Fri 16:00 CEST */, 3 * H, '2026-10-26T10:00:00.000Z'],
    ['New York spring forward over a weekend', US, '2026-03-06T21:00:00Z' /* Fri 16:00 EST */, 2 * H, '2026-03-09T14:00:00.000Z'],
    ['New York fall back over a weekend', US, '2026-10-30T20:00:00Z' /* Fri 16:00 EDT */, 2 * H, '2026-11-02T15:00:00.000Z'],
    ['skips Thanksgiving', US, '2026-11-25T21:00:00Z' /* Wed 16:00 EST */, 4 * H, '2026-11-27T17:00:00.000Z'],
    ['local date differs from the UTC date', US, '2026-01-13T03:00:00Z' /* Mon 22:00 EST */, 1 * H, '2026-01-13T15:00:00.000Z'],
    ['skips the lunch break', LEGAL_WITH_LUNCH, '2026-01-12T11:00:00Z' /* Mon 12:00 */, 1 * H, '2026-01-12T13:00:00.000Z'],
    ['ends exactly at the lunch break', LEGAL_WITH_LUNCH, '2026-01-12T11:00:00Z' /* Mon 12:00 */, 30 * M, '2026-01-12T11:30:00.000Z'],
    ['starts during the lunch break', LEGAL_WITH_LUNCH, '2026-01-12T11:45:00Z' /* Mon 12:45 */, 15 * M, '2026-01-12T12:45:00.000Z'],
    ['24h of working time over the 23-hour Berlin day', BERLIN_ALL_DAY, '2026-03-28T11:00:00Z' /* Sat 12:00 CET */, 24 * H, '2026-03-29T11:00:00.000Z'],
    ['24h of working time over the 25-hour Berlin day', BERLIN_ALL_DAY, '2026-10-24T10:00:00Z' /* Sat 12:00 CEST */, 24 * H, '2026-10-25T10:00:00.000Z'],
    ['Berlin night shift 01:00-04:00 lasts 2h on spring-forward night', BERLIN_SUNDAY_NIGHT, '2026-03-28T23:00:00Z', 2 * H, '2026-03-29T02:00:00.000Z'],
    ['...and the third hour falls on the next Sunday', BERLIN_SUNDAY_NIGHT, '2026-03-28T23:00:00Z', 3 * H, '2026-04-05T00:00:00.000Z'],
    ['Berlin night shift 01:00-04:00 lasts 4h on fall-back night', BERLIN_SUNDAY_NIGHT, '2026-10-24T22:00:00Z', 4 * H, '2026-10-25T03:00:00.000Z'],
    ['New York 00:00-06:00 lasts 5h on spring-forward night', NY_SUNDAY_NIGHT, '2026-03-08T05:00:00Z', 5 * H, '2026-03-08T10:00:00.000Z'],
    ['...and 30 more minutes fall on the next Sunday (EDT)', NY_SUNDAY_NIGHT, '2026-03-08T05:00:00Z', 5.5 * H, '2026-03-15T04:30:00.000Z'],
    ['New York 00:00-06:00 lasts 7h on fall-back night', NY_SUNDAY_NIGHT, '2026-11-01T04:00:00Z', 7 * H, '2026-11-01T11:00:00.000Z'],
    ['opening time skipped by spring forward opens when the clock jumps', BERLIN_GAP_BOUNDARY, '2026-03-28T23:00:00Z', 30 * M, '2026-03-29T01:30:00.000Z'],
    ['opening time repeated by fall back opens at its first occurrence', NY_AMBIGUOUS_BOUNDARY, '2026-11-01T04:00:00Z', 30 * M, '2026-11-01T06:00:00.000Z'],
    ['24x7 calendar ignores DST', ALWAYS_ON, '2026-03-28T11:00:00Z', 48 * H, '2026-03-30T11:00:00.000Z'],
    ['24x7 calendar ignores weekends', ALWAYS_ON, '2026-01-16T15:00:00Z', 90 * M, '2026-01-16T16:30:00.000Z'],
  ])('%s', (_name, calendar, start, duration, expected) => {
    expect(iso(addBusinessTime(calendar, at(start), duration))).toBe(expected);
  });

  it('returns the start itself for a zero duration, even outside working hours', () => {
    expect(iso(addBusinessTime(EU, at('2026-01-17T11:00:00Z'), 0))).toBe('2026-01-17T11:00:00.000Z');
  });

  it('is the inverse of businessTimeBetween', () => {
    const start = at('2026-03-25T13:17:00Z');
    for (const duration of [1, 59 * M, 7 * H, 8 * H, 8 * H + 1, 33 * H, 200 * H]) {
      expect(businessTimeBetween(EU, start, addBusinessTime(EU, start, duration))).toBe(duration);
    }
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('rejects duration %p', (duration) => {
    expect(() => addBusinessTime(EU, at('2026-01-12T09:00:00Z'), duration)).toThrow(RangeError);
  });

  it('stays fast for long budgets (steps by day, not by minute)', () => {
    // 260 full weeks from Monday 2026-01-05 09:00 EST end on Friday 2030-12-27 17:00; the two 2026
    // holidays push the end two working days on, to Tuesday 2030-12-31 17:00 EST. About 1,800 days walked.
    expect(iso(addBusinessTime(US, at('2026-01-05T14:00:00Z'), 260 * 40 * H))).toBe('2030-12-31T22:00:00.000Z');
  });
});

describe('businessTimeBetween', () => {
  it.each([
    ['a full working week', EU, '2026-01-11T23:00:00Z', '2026-01-18T23:00:00Z', 40 * H],
    ['Mon 10:00 to Tue 10:00', EU, '2026-01-12T09:00:00Z', '2026-01-13T09:00:00Z', 8 * H],
    ['a weekend', EU, '2026-01-16T16:00:00Z', '2026-01-19T08:00:00Z', 0],
    ['two weeks around Easter (two holidays)', EU, '2026-03-29T22:00:00Z', '2026-04-12T22:00:00Z', 64 * H],
    ['the 23-hour Berlin day', BERLIN_ALL_DAY, '2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z', 23 * H],
    ['the 25-hour Berlin day', BERLIN_ALL_DAY, '2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z', 25 * H],
    ['New York fall-back weekend', US, '2026-10-30T04:00:00Z', '2026-11-02T17:00:00Z', 11 * H],
    ['New York spring-forward night shift', NY_SUNDAY_NIGHT, '2026-03-07T00:00:00Z', '2026-03-09T00:00:00Z', 5 * H],
    ['Berlin spring-forward night shift', BERLIN_SUNDAY_NIGHT, '2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z', 2 * H],
    ['Berlin fall-back night shift', BERLIN_SUNDAY_NIGHT, '2026-10-24T00:00:00Z', '2026-10-26T00:00:00Z', 4 * H],
    ['shift opening inside the skipped hour: 03:00-05:00 CEST', BERLIN_GAP_BOUNDARY, '2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z', 2 * H],
    ['the same shift on an ordinary Sunday', BERLIN_GAP_BOUNDARY, '2026-03-21T00:00:00Z', '2026-03-23T00:00:00Z', 2.5 * H],
    ['shift opening in the repeated hour: 01:30 EDT to 03:00 EST', NY_AMBIGUOUS_BOUNDARY, '2026-10-31T00:00:00Z', '2026-11-02T00:00:00Z', 2.5 * H],
    ['the same shift on an ordinary Sunday', NY_AMBIGUOUS_BOUNDARY, '2026-11-07T00:00:00Z', '2026-11-09T00:00:00Z', 1.5 * H],
    ['24x7 across DST', ALWAYS_ON, '2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z', 48 * H],
    ['reversed range', EU, '2026-01-13T09:00:00Z', '2026-01-12T09:00:00Z', 0],
    ['empty range', EU, '2026-01-12T09:00:00Z', '2026-01-12T09:00:00Z', 0],
  ])('%s', (_name, calendar, from, to, expected) => {
    expect(businessTimeBetween(calendar, at(from), at(to))).toBe(expected);
  });
});

describe('isWorkingInstant', () => {
  it.each([
    ['opening instant', EU, '2026-01-12T08:00:00.000Z', true],
    ['last millisecond before closing', EU, '2026-01-12T15:59:59.999Z', true],
    ['closing instant', EU, '2026-01-12T16:00:00.000Z', false],
    ['before opening', EU, '2026-01-12T07:59:00.000Z', false],
    ['Saturday', EU, '2026-01-17T11:00:00.000Z', false],
    ['Good Friday', EU, '2026-04-03T08:00:00.000Z', false],
    ['New York 09:00 EST', US, '2026-01-12T14:00:00.000Z', true],
    ['New York 22:00 EST, already the next day in UTC', US, '2026-01-13T03:00:00.000Z', false],
    ['lunch break', LEGAL_WITH_LUNCH, '2026-01-12T12:00:00.000Z', false],
    ['24x7 on a Sunday night', ALWAYS_ON, '2026-01-18T03:00:00.000Z', true],
  ])('%s', (_name, calendar, instant, expected) => {
    expect(isWorkingInstant(calendar, at(instant))).toBe(expected);
  });
});

describe('nextWorkingInstant', () => {
  it.each([
    ['during working hours: itself', EU, '2026-01-12T10:00:00Z', '2026-01-12T10:00:00.000Z'],
    ['Friday evening: Monday 09:00', EU, '2026-01-16T18:00:00Z', '2026-01-19T08:00:00.000Z'],
    ['Thursday before Easter, after closing: Tuesday 09:00 CEST', EU, '2026-04-02T16:00:00Z', '2026-04-07T07:00:00.000Z'],
    ['lunch break: 13:30', LEGAL_WITH_LUNCH, '2026-01-12T11:45:00Z', '2026-01-12T12:30:00.000Z'],
  ])('%s', (_name, calendar, instant, expected) => {
    expect(iso(nextWorkingInstant(calendar, at(instant)))).toBe(expected);
  });
});

describe('validateCalendar', () => {
  const base = { id: 'x', timeZone: 'Europe/Berlin', workingHours: { 1: [['09:00', '17:00']] }, holidays: [] } as BusinessCalendar;

  it('accepts a well-formed calendar and the 24x7 calendar', () => {
    expect(validateCalendar(EU)).toEqual([]);
    expect(validateCalendar(LEGAL_WITH_LUNCH)).toEqual([]);
    expect(validateCalendar(BERLIN_ALL_DAY)).toEqual([]);
    expect(validateCalendar(ALWAYS_ON)).toEqual([]);
  });

  it.each([
    ['unknown zone', { ...base, timeZone: 'Europe/Atlantis' }, 'timeZone'],
    ['empty id', { ...base, id: '' }, 'id'],
    ['no working hours at all', { ...base, workingHours: {} }, 'no working hours'],
    ['only empty days', { ...base, workingHours: { 1: [] } }, 'no working hours'],
    ['start after end', { ...base, workingHours: { 1: [['17:00', '09:00']] } }, 'workingHours.1[0]'],
    ['start equals end', { ...base, workingHours: { 1: [['09:00', '09:00']] } }, 'workingHours.1[0]'],
    ['not HH:mm', { ...base, workingHours: { 1: [['9:00', '17:00']] } }, "start '9:00'"],
    ['24:00 as a start', { ...base, workingHours: { 1: [['24:00', '24:00']] } }, "start '24:00'"],
    ['overlapping intervals', { ...base, workingHours: { 1: [['09:00', '13:00'], ['12:00', '17:00']] } }, 'overlaps'],
    ['weekday out of range', { ...base, workingHours: { 8: [['09:00', '17:00']] } }, 'workingHours.8'],
    ['impossible holiday date', { ...base, holidays: ['2026-02-30'] }, 'holidays[0]'],
    ['holiday not YYYY-MM-DD', { ...base, holidays: ['03/04/2026'] }, 'holidays[0]'],
    ['24x7 with hours', { ...base, alwaysOn: true }, 'alwaysOn'],
  ])('reports %s', (_name, calendar, fragment) => {
    const problems = validateCalendar(calendar as BusinessCalendar);
    expect(problems.join('\n')).toContain(fragment);
  });

  it('makes the arithmetic throw a clear error instead of looping forever', () => {
    const closed = { ...base, workingHours: {} };
    expect(() => addBusinessTime(closed, at('2026-01-12T09:00:00Z'), H)).toThrow(InvalidCalendarError);
    expect(() => addBusinessTime(closed, at('2026-01-12T09:00:00Z'), H)).toThrow(/no working hours/);
    expect(() => businessTimeBetween({ ...base, timeZone: 'Nowhere/Land' }, 0, H)).toThrow(/timeZone/);
  });
});

describe('the memo of compiled calendars and their days', () => {
  it('a copy of a calendar answers as the original, and a calendar that differs only in its hours does not share its answers', () => {
    const start = at('2026-12-03T08:00:00Z');
    const copy: BusinessCalendar = JSON.parse(JSON.stringify(EU));
    expect(iso(addBusinessTime(copy, start, 4 * H))).toBe(iso(addBusinessTime(EU, start, 4 * H)));
    // Thursday 09:00 Berlin plus 4 h: 13:00 (12:00Z); with the same id but a 10-to-18 Thursday, 14:00 (13:00Z).
    const later: BusinessCalendar = { ...EU, workingHours: { ...nineToFive, 4: [['10:00', '18:00']] } };
    expect(iso(addBusinessTime(EU, start, 4 * H))).toBe('2026-12-03T12:00:00.000Z');
    expect(iso(addBusinessTime(later, start, 4 * H))).toBe('2026-12-03T13:00:00.000Z');
  });

  it('answers stay the same after the day memo has started over', () => {
    const cal: BusinessCalendar = JSON.parse(JSON.stringify(US));
    const first = at('2026-01-05T14:00:00Z');
    const before = [addBusinessTime(cal, first, 30 * H), businessTimeBetween(cal, first - 40 * 24 * H, first)];
    // Six years of days: more than the memo keeps (2,048), so it starts over at least once.
    for (let day = 0; day < 2200; day++) nextWorkingInstant(cal, first + day * 24 * H);
    expect([addBusinessTime(cal, first, 30 * H), businessTimeBetween(cal, first - 40 * 24 * H, first)]).toEqual(before);
    expect(iso(before[0])).toBe('2026-01-08T20:00:00.000Z');
  });

  it('an invalid calendar is refused every time, not remembered as valid', () => {
    const broken = { ...EU, timeZone: 'Mars/Olympus' };
    expect(() => addBusinessTime(broken, at('2026-12-03T10:00:00Z'), H)).toThrow(InvalidCalendarError);
    expect(() => addBusinessTime({ ...broken }, at('2026-12-03T10:00:00Z'), H)).toThrow(InvalidCalendarError);
  });
});
