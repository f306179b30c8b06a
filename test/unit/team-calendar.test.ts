import {
  buildTeamCalendar,
  calendarYearsAround,
  caseCalendars,
  holidaySourceProblems,
  isDaySpec,
  teamHolidaysIn,
  workingWeekProblems,
  type TeamCalendarConfig,
} from '../../api/teams/team-calendar';
import { SEED_TEAMS } from '../../db/seed/teams';
import { addBusinessTime, validateCalendar } from '../../workflows/common/business-calendar';
import { isKnownTimeZone } from '../../workflows/common/time-zones';

const H = 3_600_000;
const seed = (id: string) => SEED_TEAMS.find((t) => t.id === id)!;
const dates = (team: TeamCalendarConfig, year: number) => teamHolidaysIn(team, year).holidays.map((h) => h.date);
const BERLIN: TeamCalendarConfig = { ...seed('seller-risk-eu') };
const iso = (ms: number) => new Date(ms).toISOString();

describe('holidays from the library, by year, with no list in the code', () => {
  it.each([
    // Easter moves: Good Friday and Easter Monday in 2029 and 2031.
    ['seller-risk-eu', 2029, ['2029-01-01', '2029-03-30', '2029-04-02', '2029-05-01', '2029-05-10', '2029-05-21', '2029-10-03', '2029-12-25', '2029-12-26']],
    ['seller-risk-eu', 2031, ['2031-01-01', '2031-04-11', '2031-04-14', '2031-05-01', '2031-05-22', '2031-06-02', '2031-10-03', '2031-12-25', '2031-12-26']],
  ])('%s keeps the German public holidays of %d', (id, year, expected) => {
    expect(dates(seed(id), year)).toEqual(expected);
  });

  it('picks up US holidays on their observed dates (2031: Independence Day on a Friday, Thanksgiving on the 27th)', () => {
    const us = dates(seed('seller-risk-us'), 2031);
    expect(us).toEqual(expect.arrayContaining(['2031-01-01', '2031-07-04', '2031-11-27', '2031-12-25']));
    // 2029: July 4th is a Wednesday; 2027's Christmas falls on a Saturday and is observed on Friday the 24th.
    expect(dates(seed('seller-risk-us'), 2029)).toEqual(expect.arrayContaining(['2029-07-04', '2029-11-22']));
    expect(dates(seed('seller-risk-us'), 2027)).toEqual(expect.arrayContaining(['2027-12-24']));
  });

  it("picks up Singapore's lunar holidays for the APAC team (Chinese New Year 2029 and 2031)", () => {
    expect(dates(seed('seller-risk-apac'), 2029)).toEqual(expect.arrayContaining(['2029-02-13', '2029-02-14']));
    expect(dates(seed('seller-risk-apac'), 2031)).toEqual(expect.arrayContaining(['2031-01-23', '2031-01-24']));
  });

  it('counts public holidays only: no observances (Valentine’s Day), no optional days (Christmas Eve in the US)', () => {
    const us = dates(seed('seller-risk-us'), 2031);
    expect(us).not.toContain('2031-02-14');
    expect(us).not.toContain('2031-12-24');
  });

  it('adds a region’s holidays: Bavaria keeps Epiphany and Corpus Christi, the nation does not', () => {
    const bavaria = { ...BERLIN, holidayRegion: 'BY' };
    expect(dates(bavaria, 2031)).toEqual(expect.arrayContaining(['2031-01-06', '2031-06-12', '2031-11-01']));
    expect(dates(BERLIN, 2031)).not.toContain('2031-01-06');
  });

  it('applies additions (once or every year) and removals (every year), and says where each day comes from', () => {
    const team: TeamCalendarConfig = {
      ...BERLIN,
      holidayAdditions: [
        { date: '12-24', name: 'Christmas Eve' },
        { date: '2031-12-31', name: 'Year-end closure' },
      ],
      holidayRemovals: ['12-26', '2031-05-01'],
    };
    const y2031 = teamHolidaysIn(team, 2031);
    expect(y2031.holidays).toEqual(
      expect.arrayContaining([
        { date: '2031-12-24', name: 'Christmas Eve', source: 'team' },
        { date: '2031-12-31', name: 'Year-end closure', source: 'team' },
        { date: '2031-12-25', name: 'Christmas Day', source: 'library' },
      ]),
    );
    expect(y2031.removed.map((h) => h.date)).toEqual(['2031-05-01', '2031-12-26']);
    // The one-off addition and removal belong to 2031 only; the yearly ones to every year.
    expect(dates(team, 2030)).toEqual(expect.arrayContaining(['2030-12-24', '2030-05-01']));
    expect(dates(team, 2030)).not.toContain('2030-12-26');
    expect(dates(team, 2030)).not.toContain('2030-12-31');
  });

  it("keeps a team with no holiday country open on every public holiday (Customer Trust)", () => {
    expect(dates(seed('customer_trust'), 2031)).toEqual([]);
  });

  it('places a yearly 29 February only in leap years', () => {
    const team = { ...BERLIN, holidayCountry: null, holidayAdditions: [{ date: '02-29', name: 'Leap day' }] };
    expect(dates(team, 2028)).toEqual(['2028-02-29']);
    expect(dates(team, 2029)).toEqual([]);
  });
});

describe('calendars for a new case', () => {
  it('cover the year before its creation through five years after', () => {
    expect(calendarYearsAround(Date.parse('2026-07-01T00:00:00Z'))).toEqual({ from: 2025, to: 2031 });
  });

  it('built in 2026, count 2031 holidays: a deadline across Good Friday 2031 skips the long weekend', () => {
    const { team } = caseCalendars(SEED_TEAMS, 'seller-risk-eu', Date.parse('2026-07-01T00:00:00Z'));
    expect(validateCalendar(team)).toEqual([]);
    expect(team.holidays).toEqual(expect.arrayContaining(['2025-12-25', '2029-03-30', '2031-04-11', '2031-04-14']));
    expect(team.holidays.some((d) => d.startsWith('2024-') || d.startsWith('2032-'))).toBe(false);
    // Thu 2031-04-10 16:00 Berlin (UTC+2) + 2 business hours: Fri and Mon are holidays -> Tue 10:00.
    expect(iso(addBusinessTime(team, Date.parse('2031-04-10T14:00:00Z'), 2 * H))).toBe('2031-04-15T08:00:00.000Z');
  });

  it("give each handoff team its own calendar and the owning team's zone and hours", () => {
    const calendars = caseCalendars(SEED_TEAMS, 'seller-risk-apac', Date.parse('2029-01-10T00:00:00Z'));
    expect(calendars.team).toMatchObject({ id: 'seller-risk-apac', timeZone: 'Asia/Singapore' });
    expect(calendars.team.workingHours[1]).toEqual([['09:00', '18:00']]);
    expect(Object.keys(calendars.handoffs).sort()).toEqual(['customer_trust', 'legal', 'policy']);
    expect(calendars.handoffs.policy).toMatchObject({ id: 'policy', timeZone: 'America/New_York' });
    expect(calendars.handoffs.legal.holidays).toContain('2029-03-30');
    // Singapore, Wed 2029-02-14 is the second day of Chinese New Year: Tue 17:00 + 2h -> Thu 10:00 local.
    expect(iso(addBusinessTime(calendars.team, Date.parse('2029-02-12T09:00:00Z'), 2 * H))).toBe('2029-02-15T02:00:00.000Z');
  });

  it('refuse to build without a handoff team', () => {
    expect(() => caseCalendars(SEED_TEAMS.filter((t) => t.id !== 'legal'), 'seller-risk-eu', Date.now())).toThrow("no active team 'legal'");
  });

  it.each(SEED_TEAMS.map((t) => t.id))('seed team %s has a valid zone, week and holiday source', (id) => {
    const t = seed(id);
    expect(isKnownTimeZone(t.timeZone)).toBe(true);
    expect(workingWeekProblems(t.workingHours)).toEqual([]);
    expect(holidaySourceProblems(t.holidayCountry, t.holidayRegion)).toEqual([]);
    expect(validateCalendar(buildTeamCalendar(t, { from: 2030, to: 2031 }))).toEqual([]);
  });
});

describe('validation helpers', () => {
  it.each<[unknown, string]>([
    [{ mon: [['17:00', '09:00']] }, 'mon[0]: start 17:00 must be before end 09:00'],
    [{ monday: [['09:00', '17:00']] }, 'monday: not a day'],
    [{ tue: [['9am', '17:00']] }, "tue[0]: start '9am' is not HH:mm"],
    [{ wed: [['09:00', '13:00'], ['12:00', '17:00']] }, 'wed[1]: overlaps'],
    [{}, 'the calendar has no working hours at all'],
    [[], 'must be an object keyed by mon'],
  ])('a working week %j: %s', (week, problem) => {
    expect(workingWeekProblems(week).join('; ')).toContain(problem);
  });

  it('knows countries and regions from the library', () => {
    expect(holidaySourceProblems('JP', null)).toEqual([]);
    expect(holidaySourceProblems('AU', 'NSW')).toEqual([]);
    expect(holidaySourceProblems('XX', null)).toEqual([{ field: 'holidayCountry', problems: [expect.stringContaining("'XX' is not a country")] }]);
    expect(holidaySourceProblems('DE', 'ZZ')[0]).toMatchObject({ field: 'holidayRegion', problems: [expect.stringContaining('known: BB, BE')] });
    expect(holidaySourceProblems(null, 'BY')).toEqual([{ field: 'holidayRegion', problems: ['holidayRegion needs a holidayCountry'] }]);
  });

  it.each([
    ['2031-12-24', true],
    ['12-24', true],
    ['02-29', true],
    ['2031-02-29', false],
    ['13-01', false],
    ['24.12.', false],
  ])('day spec %s -> %s', (spec, ok) => {
    expect(isDaySpec(spec)).toBe(ok);
  });
});
