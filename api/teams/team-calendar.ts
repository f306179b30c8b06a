import Holidays from 'date-holidays';
import type { HolidayAddition, WorkingWeek } from '../../db/entities/team.entity';
import type { CaseCalendars } from '../escalations/escalation-settings';
import { WEEKDAY_NAMES } from '../../db/entities/team.entity';
import { HANDOFF_TEAMS, type HandoffTeam } from '../../workflows/common/actor';
import { validateCalendar, type BusinessCalendar, type Weekday, type WorkingInterval } from '../../workflows/common/business-calendar';
import { DAY_MS } from '../../workflows/common/time-units';

/**
 * A team's business calendar, built from its row: working hours and time zone as configured, public
 * holidays from the date-holidays library (by country and optional region), then the team's own
 * additions and removals. The library is used here, outside workflows/: a case's calendars are
 * resolved once when the API creates it and travel in its workflow input, so a later change of the
 * row or of the library never moves a running case's deadlines.
 */

/** Which of the library's holiday types close a team: public holidays only (not bank, school, optional or observance days). */
export const COUNTED_HOLIDAY_TYPES = ['public'] as const;

/**
 * The years a new case's calendars cover: the year before its creation (a case created on 1 January
 * UTC may still be on 31 December in its team's zone) through five years after. The longest default
 * budget is 80 business hours, an extension adds at most 30 business days, a seller deadline is at
 * most 30 days away and a resolved case closes after its reopen window, so deadlines fall within
 * weeks or months of creation; five years leaves room for many extensions and reopenings. Past the
 * window a holiday would count as a working day.
 */
export const CALENDAR_YEARS_BEFORE = 1;
export const CALENDAR_YEARS_AFTER = 5;

export interface CalendarYears {
  from: number;
  to: number;
}

export function calendarYearsAround(nowMs: number): CalendarYears {
  const year = new Date(nowMs).getUTCFullYear();
  return { from: year - CALENDAR_YEARS_BEFORE, to: year + CALENDAR_YEARS_AFTER };
}

/** The calendar-relevant fields of a team row (or of its seed / API configuration). */
export interface TeamCalendarConfig {
  id: string;
  timeZone: string;
  workingHours: WorkingWeek;
  holidayCountry: string | null;
  holidayRegion: string | null;
  holidayAdditions: readonly HolidayAddition[];
  holidayRemovals: readonly string[];
}

export interface TeamHoliday {
  date: string;
  name: string;
  /** `library`: a public holiday of the team's country/region; `team`: one of the team's additions. */
  source: 'library' | 'team';
}

export interface TeamHolidayYear {
  holidays: TeamHoliday[];
  /** Library holidays the team works anyway (its removals), for the calendar preview. */
  removed: TeamHoliday[];
}

const YEARLY = /^(\d{2})-(\d{2})$/;
const ONCE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `spec` ('YYYY-MM-DD' once, or 'MM-DD' every year) names this date. */
function matches(spec: string, date: string): boolean {
  return ONCE.test(spec) ? spec === date : YEARLY.test(spec) && date.slice(5) === spec;
}

/** The date `spec` names in `year`, if any ('02-29' only in leap years). */
function dateIn(spec: string, year: number): string | undefined {
  if (ONCE.test(spec)) return spec.startsWith(`${year}-`) ? spec : undefined;
  const m = YEARLY.exec(spec);
  if (!m) return undefined;
  const date = `${year}-${m[1]}-${m[2]}`;
  return isRealDate(date) ? date : undefined;
}

export function isRealDate(date: string): boolean {
  const m = ONCE.exec(date);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** A 'YYYY-MM-DD' or 'MM-DD' day spec, as additions and removals take them. */
export function isDaySpec(spec: string): boolean {
  if (ONCE.test(spec)) return isRealDate(spec);
  const m = YEARLY.exec(spec);
  return m !== null && isRealDate(`2000-${m[1]}-${m[2]}`);
}

const instances = new Map<string, Holidays>();
const yearCache = new Map<string, ReadonlyArray<Omit<TeamHoliday, 'source'>>>();

function library(country: string, region: string | null): Holidays {
  const key = `${country}/${region ?? ''}`;
  let hd = instances.get(key);
  if (!hd) {
    hd = region ? new Holidays(country, region, { types: [...COUNTED_HOLIDAY_TYPES] }) : new Holidays(country, { types: [...COUNTED_HOLIDAY_TYPES] });
    instances.set(key, hd);
  }
  return hd;
}

/**
 * The library's public holidays of one year, one entry per local date (a three-day holiday gives
 * three dates; two holidays on one date are joined). Memoised: the data only changes with the package.
 */
export function libraryHolidays(country: string, region: string | null, year: number): ReadonlyArray<Omit<TeamHoliday, 'source'>> {
  const key = `${country}/${region ?? ''}/${year}`;
  const cached = yearCache.get(key);
  if (cached) return cached;
  const byDate = new Map<string, string[]>();
  for (const h of library(country, region).getHolidays(year, 'en')) {
    if (!(COUNTED_HOLIDAY_TYPES as readonly string[]).includes(h.type)) continue;
    const first = Date.parse(`${h.date.slice(0, 10)}T00:00:00Z`);
    const days = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / DAY_MS));
    for (let i = 0; i < days; i++) {
      const date = new Date(first + i * DAY_MS).toISOString().slice(0, 10);
      if (!date.startsWith(`${year}-`)) continue;
      byDate.set(date, [...(byDate.get(date) ?? []), h.name]);
    }
  }
  const result = [...byDate.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, names]) => ({ date, name: [...new Set(names)].join(' / ') }));
  yearCache.set(key, result);
  return result;
}

/** The team's days off in one year: library holidays minus removals, plus additions, by date. */
export function teamHolidaysIn(team: TeamCalendarConfig, year: number): TeamHolidayYear {
  const fromLibrary = team.holidayCountry ? libraryHolidays(team.holidayCountry, team.holidayRegion, year) : [];
  const removedSpec = (date: string) => team.holidayRemovals.some((spec) => matches(spec, date));
  const holidays = new Map<string, TeamHoliday>();
  const removed: TeamHoliday[] = [];
  for (const h of fromLibrary) {
    if (removedSpec(h.date)) removed.push({ ...h, source: 'library' });
    else holidays.set(h.date, { ...h, source: 'library' });
  }
  for (const addition of team.holidayAdditions) {
    const date = dateIn(addition.date, year);
    if (date && !holidays.has(date)) holidays.set(date, { date, name: addition.name, source: 'team' });
  }
  return { holidays: [...holidays.values()].sort((a, b) => a.date.localeCompare(b.date)), removed };
}

/** The business-calendar form of the working week (ISO weekday numbers). */
export function toCalendarHours(week: WorkingWeek): BusinessCalendar['workingHours'] {
  const hours: Partial<Record<Weekday, readonly WorkingInterval[]>> = {};
  WEEKDAY_NAMES.forEach((name, i) => {
    const intervals = week[name];
    if (intervals && intervals.length > 0) hours[(i + 1) as Weekday] = intervals.map(([a, b]) => [a, b] as const);
  });
  return hours;
}

/** The team's calendar over `years` (id = the team id), as a case's clocks count on it. */
export function buildTeamCalendar(team: TeamCalendarConfig, years: CalendarYears): BusinessCalendar {
  const holidays: string[] = [];
  for (let year = years.from; year <= years.to; year++) holidays.push(...teamHolidaysIn(team, year).holidays.map((h) => h.date));
  return { id: team.id, timeZone: team.timeZone, workingHours: toCalendarHours(team.workingHours), holidays };
}

// ---- Validation, shared by the API's DTOs and the seed test ----

/** Problems of a working week, each naming the day and interval, e.g. `mon[0]: start 17:00 must be before end 09:00`. */
export function workingWeekProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [`must be an object keyed by ${WEEKDAY_NAMES.join(', ')}`];
  }
  const unknownDays = Object.keys(value).filter((k) => !(WEEKDAY_NAMES as readonly string[]).includes(k));
  if (unknownDays.length > 0) return unknownDays.map((k) => `${k}: not a day; use ${WEEKDAY_NAMES.join(', ')}`);
  const numbered: Record<string, unknown> = {};
  WEEKDAY_NAMES.forEach((name, i) => {
    const day = (value as Record<string, unknown>)[name];
    if (day !== undefined) numbered[String(i + 1)] = day;
  });
  const probe = { id: 'probe', timeZone: 'UTC', workingHours: numbered, holidays: [] } as unknown as BusinessCalendar;
  return validateCalendar(probe).map((problem) =>
    problem.replace(/^workingHours\.([1-7])/, (_m, n: string) => WEEKDAY_NAMES[Number(n) - 1]).replace(/^workingHours: /, ''),
  );
}

/** Problems of a holiday country and region, by field, as the library knows them. */
export function holidaySourceProblems(country: string | null, region: string | null): Array<{ field: string; problems: string[] }> {
  if (country === null) {
    return region === null ? [] : [{ field: 'holidayRegion', problems: ['holidayRegion needs a holidayCountry'] }];
  }
  const countries = new Holidays().getCountries();
  if (!Object.prototype.hasOwnProperty.call(countries, country)) {
    return [{ field: 'holidayCountry', problems: [`holidayCountry '${country}' is not a country the holiday library knows`] }];
  }
  if (region === null) return [];
  const regions = new Holidays().getStates(country) ?? {};
  if (!Object.prototype.hasOwnProperty.call(regions, region)) {
    const known = Object.keys(regions);
    return [
      {
        field: 'holidayRegion',
        problems: [
          known.length
            ? `holidayRegion '${region}' is not a region of ${country}; known: ${known.join(', ')}`
            : `${country} has no regions in the holiday library`,
        ],
      },
    ];
  }
  return [];
}

/**
 * The calendars a new case owned by `teamId` counts on: that team's and each handoff team's, over
 * the years around `now`. Throws when one of those teams is missing from `teams`.
 */
export function caseCalendars(teams: readonly TeamCalendarConfig[], teamId: string, now: number): CaseCalendars {
  const years = calendarYearsAround(now);
  const calendarOf = (id: string) => {
    const team = teams.find((t) => t.id === id);
    if (!team) throw new Error(`no active team '${id}'`);
    return buildTeamCalendar(team, years);
  };
  const handoffs = Object.fromEntries(HANDOFF_TEAMS.map((t) => [t, calendarOf(t)])) as Record<HandoffTeam, BusinessCalendar>;
  return { team: calendarOf(teamId), handoffs };
}
