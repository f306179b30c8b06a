import { CASE_KINDS } from '../../workflows/common/actor';
import { SEVERITIES } from '../../workflows/common/severity';
import { ALWAYS_ON, validateCalendar } from '../../workflows/common/business-calendar';
import { startClock } from '../../workflows/common/sla-clock';
import { buildTeamCalendar } from '../../api/teams/team-calendar';
import { SEED_TEAMS } from '../../db/seed/teams';
import {
  DEFAULT_SLA_POLICY,
  TEAM_CALENDAR,
  caseSlaTargets,
  handoffSlaTarget,
  parseSlaPolicy,
  parseSlaPolicyJson,
  resolveCalendar,
  sellerResponseSlaTarget,
  type SlaPolicy,
} from '../../workflows/common/sla-policy';

const H = 3_600_000;
/** The seeded teams' calendars for 2026 (holidays from the library), as the API would build them. */
const seeded = (id: string) => buildTeamCalendar(SEED_TEAMS.find((t) => t.id === id)!, { from: 2025, to: 2027 });
const EU = seeded('seller-risk-eu');
const US = seeded('seller-risk-us');
const LEGAL = seeded('legal');
const SINGAPORE_WEEK = { id: 'apac-week', timeZone: 'Asia/Singapore', workingHours: { 1: [['09:00', '18:00']] }, holidays: [] };
const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number): string => new Date(ms).toISOString();

function parsed(override: unknown): SlaPolicy {
  const result = parseSlaPolicy(override);
  if (!result.ok) throw new Error(`expected a valid policy, got:\n${result.errors.join('\n')}`);
  return result.policy;
}

function errorsOf(override: unknown): string[] {
  const result = parseSlaPolicy(override);
  if (result.ok) throw new Error('expected the override to be rejected');
  return result.errors;
}

describe('DEFAULT_SLA_POLICY', () => {
  it('passes its own validation, as an empty override and as a full policy', () => {
    expect(parsed({})).toEqual(DEFAULT_SLA_POLICY);
    expect(parsed(JSON.parse(JSON.stringify(DEFAULT_SLA_POLICY)))).toEqual(DEFAULT_SLA_POLICY);
  });

  it.each(SEED_TEAMS.map((t) => t.id))('the seeded calendar of %s is valid', (id) => {
    expect(validateCalendar(seeded(id))).toEqual([]);
  });

  it('names no team and holds no holiday list: team calendars come from the teams table', () => {
    expect(DEFAULT_SLA_POLICY.calendars).toEqual({});
    for (const target of Object.values(DEFAULT_SLA_POLICY.handoffs)) expect(target.calendarId).toBe(TEAM_CALENDAR);
  });

  it('is frozen, so a workflow cannot change it by accident', () => {
    expect(Object.isFrozen(DEFAULT_SLA_POLICY.cases.escalation.high)).toBe(true);
    expect(Object.isFrozen(DEFAULT_SLA_POLICY.handoffs.legal)).toBe(true);
  });

  it.each(CASE_KINDS.flatMap((kind) => SEVERITIES.map((severity) => [kind, severity] as const)))(
    '%s/%s: critical runs 24x7, the rest on the team calendar',
    (kind, severity) => {
      const target = DEFAULT_SLA_POLICY.cases[kind][severity];
      expect(target.calendarId).toBe(severity === 'critical' ? 'always-on' : TEAM_CALENDAR);
      expect(target.firstResponseMs).toBeLessThanOrEqual(target.resolutionMs);
    },
  );
});

describe('caseSlaTargets', () => {
  it.each([
    ['escalation', 'critical', EU, 'always-on', 1 * H, 24 * H],
    ['escalation', 'high', US, 'seller-risk-us', 2 * H, 16 * H],
    ['escalation', 'low', EU, 'seller-risk-eu', 8 * H, 40 * H],
    ['escalation', 'medium', EU, 'seller-risk-eu', 4 * H, 24 * H],
  ] as const)('%s/%s on a team calendar counts on %s', (kind, severity, team, calendarId, firstResponseMs, resolutionMs) => {
    const { firstResponse, resolution } = caseSlaTargets(DEFAULT_SLA_POLICY, kind, severity, team);
    expect(firstResponse).toMatchObject({ kind: 'first_response', budgetMs: firstResponseMs, warningFraction: 0.75 });
    expect(resolution).toMatchObject({ kind: 'resolution', budgetMs: resolutionMs, warningFraction: 0.75 });
    expect(firstResponse.calendar.id).toBe(calendarId);
    expect(resolution.calendar).toBe(firstResponse.calendar);
  });

  it.each([
    // Thu 2026-04-02 16:00 CEST + 2 business hours skips Good Friday, the weekend and Easter Monday.
    ['EU high over Easter', 'high', EU, '2026-04-02T14:00:00Z', '2026-04-07T08:00:00.000Z'],
    // Wed 2026-11-25 16:00 EST + 4 business hours skips Thanksgiving.
    ['US medium over Thanksgiving', 'medium', US, '2026-11-25T21:00:00Z', '2026-11-27T17:00:00.000Z'],
    // Critical: one wall-clock hour, through the Berlin DST night.
    ['critical on a Saturday night', 'critical', EU, '2026-03-28T23:30:00Z', '2026-03-29T00:30:00.000Z'],
  ] as const)('first-response deadline: %s', (_name, severity, team, createdAt, deadline) => {
    const { firstResponse } = caseSlaTargets(DEFAULT_SLA_POLICY, 'escalation', severity, team);
    const clock = startClock({ id: 'first_response', ...firstResponse, now: at(createdAt) });
    expect(iso(clock.deadlineAt)).toBe(deadline);
  });
});

describe('handoff and seller-response targets', () => {
  it('legal: 16 business hours with a lunch break, reminder at half', () => {
    // Mon 2026-01-12 12:00 CET: Mon 5h (12:00-12:30, 13:30-18:00), Tue 8h, Wed 3h until 12:00.
    // Reminder at 8h: Mon 5h, Tue 3h until 12:00.
    const clock = startClock({ id: 'handoff:h1', ...handoffSlaTarget(DEFAULT_SLA_POLICY, 'legal', LEGAL), now: at('2026-01-12T11:00:00Z') });
    expect(clock.kind).toBe('handoff');
    expect(clock.calendarId).toBe('legal');
    expect(iso(clock.deadlineAt)).toBe('2026-01-14T11:00:00.000Z');
    expect(iso(clock.warnAt)).toBe('2026-01-13T11:00:00.000Z');
  });

  it('seller response: five calendar days, reminder after three', () => {
    const clock = startClock({ id: 'seller_info:r1', ...sellerResponseSlaTarget(DEFAULT_SLA_POLICY), now: at('2026-03-27T10:00:00Z') });
    expect(clock.kind).toBe('seller_response');
    expect(iso(clock.deadlineAt)).toBe('2026-04-01T10:00:00.000Z');
    expect(iso(clock.warnAt)).toBe('2026-03-30T10:00:00.000Z');
  });
});

describe('resolveCalendar', () => {
  it('finds the built-in, the team and named calendars and rejects unknown ids', () => {
    expect(resolveCalendar(DEFAULT_SLA_POLICY, 'always-on')).toBe(ALWAYS_ON);
    expect(resolveCalendar(DEFAULT_SLA_POLICY, TEAM_CALENDAR, LEGAL)).toBe(LEGAL);
    expect(() => resolveCalendar(DEFAULT_SLA_POLICY, TEAM_CALENDAR)).toThrow(/team calendar, and none was given/);
    expect(resolveCalendar(parsed({ calendars: { 'apac-week': SINGAPORE_WEEK } }), 'apac-week').timeZone).toBe('Asia/Singapore');
    expect(() => resolveCalendar(DEFAULT_SLA_POLICY, 'nope')).toThrow("SLA policy has no calendar 'nope'");
    expect(() => resolveCalendar(DEFAULT_SLA_POLICY, 'toString')).toThrow(/no calendar/);
  });
});

describe('parseSlaPolicy overrides', () => {
  it('changes one budget and keeps the rest', () => {
    const policy = parsed({ cases: { escalation: { high: { resolutionMs: 'PT12H' } } } });
    expect(policy.cases.escalation.high).toEqual({ ...DEFAULT_SLA_POLICY.cases.escalation.high, resolutionMs: 12 * H });
    expect(policy.cases.escalation.medium).toEqual(DEFAULT_SLA_POLICY.cases.escalation.medium);
    expect(policy.handoffs).toEqual(DEFAULT_SLA_POLICY.handoffs);
  });

  it.each([
    [259_200_000, 72 * H],
    ['P3D', 72 * H],
    ['P1W', 168 * H],
    ['PT90M', 1.5 * H],
    ['P1DT12H', 36 * H],
  ])('accepts duration %p', (value, ms) => {
    expect(parsed({ sellerResponse: { budgetMs: value } }).sellerResponse.budgetMs).toBe(ms);
  });

  it('adds a named calendar that a target counts on instead of the team calendar', () => {
    const policy = parsed({ calendars: { 'apac-week': SINGAPORE_WEEK }, cases: { escalation: { low: { calendarId: 'apac-week' } } } });
    const { firstResponse } = caseSlaTargets(policy, 'escalation', 'low', EU);
    // Singapore is UTC+8 all year: Mon 09:00 local is 01:00Z, + 8h = 17:00 local.
    const clock = startClock({ id: 'first_response', ...firstResponse, now: at('2026-01-12T01:00:00Z') });
    expect(iso(clock.deadlineAt)).toBe('2026-01-12T09:00:00.000Z');
    expect(caseSlaTargets(policy, 'escalation', 'medium', EU).firstResponse.calendar.id).toBe('seller-risk-eu');
  });

  it("replaces a named calendar's holiday list as a whole", () => {
    const policy = parsed({ calendars: { 'apac-week': { ...SINGAPORE_WEEK, holidays: ['2026-12-24'] } } });
    const again = parseSlaPolicy({ calendars: { 'apac-week': { holidays: ['2026-12-31'] } } }, policy);
    expect(policy.calendars['apac-week'].holidays).toEqual(['2026-12-24']);
    expect(again.ok && again.policy.calendars['apac-week']).toEqual({ ...SINGAPORE_WEEK, holidays: ['2026-12-31'] });
  });

  it('does not change the default policy', () => {
    parsed({ cases: { escalation: { high: { resolutionMs: 'PT1H', firstResponseMs: 'PT1H' } } } });
    expect(DEFAULT_SLA_POLICY.cases.escalation.high.resolutionMs).toBe(16 * H);
  });

  it.each<[string, unknown, string]>([
    ['an array', [], '(root): the SLA policy override must be a JSON object'],
    ['null', null, '(root): the SLA policy override must be a JSON object'],
    ['a budget that is not a duration', { cases: { escalation: { high: { resolutionMs: 'soon' } } } }, 'cases.escalation.high.resolutionMs: must be a positive whole number'],
    ['a negative budget', { cases: { escalation: { high: { resolutionMs: -5 } } } }, 'cases.escalation.high.resolutionMs: must be a positive'],
    ['a budget in months', { sellerResponse: { budgetMs: 'P1M' } }, 'sellerResponse.budgetMs: must be a positive'],
    ['an unknown severity', { cases: { escalation: { urgent: {} } } }, 'cases.escalation'],
    ['an unknown case kind', { cases: { fraud: {} } }, 'cases'],
    ['a misspelt field', { sellerResponse: { budget: 'P3D' } }, 'sellerResponse: Unrecognized key: "budget"'],
    ['a prototype key', JSON.parse('{"__proto__": {"x": 1}}'), '(root): Unrecognized key: "__proto__"'],
    ['a fraction of zero', { handoffs: { legal: { reminderFraction: 0 } } }, 'handoffs.legal.reminderFraction'],
    ['an unknown handoff calendar', { handoffs: { legal: { calendarId: 'nope' } } }, "handoffs.legal.calendarId: unknown calendar 'nope'"],
    ['team calendars in the policy', { teamCalendars: { 'seller-risk-apac': 'x' } }, 'teamCalendars: team calendars are configured in the teams table (PATCH /teams/:id)'],
    ['a default team calendar', { defaultTeamCalendarId: 'x' }, 'defaultTeamCalendarId: team calendars are configured in the teams table'],
    ["the seller's clock on the team calendar", { sellerResponse: { calendarId: 'team' } }, "sellerResponse.calendarId: the seller's deadline does not depend on the team"],
    ['an unknown case calendar', { cases: { escalation: { low: { calendarId: 'nope' } } } }, "cases.escalation.low.calendarId: unknown calendar 'nope'"],
    ['a kind Riskdesk does not run', { cases: { reinstatement: { low: { calendarId: 'team' } } } }, 'cases: Unrecognized key: "reinstatement"'],
    ['first response longer than resolution', { cases: { escalation: { low: { firstResponseMs: 'PT50H' } } } }, 'cases.escalation.low.firstResponseMs: must not exceed resolutionMs'],
    ['a bad time zone', { calendars: { 'apac-week': { ...SINGAPORE_WEEK, timeZone: 'Mars/Olympus' } } }, "calendars.apac-week.timeZone: 'Mars/Olympus' is not a known IANA time zone"],
    ['a reversed interval', { calendars: { 'apac-week': { ...SINGAPORE_WEEK, workingHours: { 1: [['17:00', '09:00']] } } } }, 'calendars.apac-week.workingHours.1[0]: start 17:00 must be before end 09:00'],
    ['a bad holiday', { calendars: { 'apac-week': { ...SINGAPORE_WEEK, holidays: ['2026-13-01'] } } }, "calendars.apac-week.holidays[0]: '2026-13-01' is not a valid YYYY-MM-DD date"],
    ['a weekday 0', { calendars: { 'apac-week': { ...SINGAPORE_WEEK, workingHours: { 0: [['09:00', '17:00']] } } } }, 'calendars.apac-week.workingHours'],
    ['a calendar whose id differs from its key', { calendars: { x: SINGAPORE_WEEK } }, "calendars.x.id: must equal its key 'x', got 'apac-week'"],
    ['redefining always-on', { calendars: { 'always-on': { ...ALWAYS_ON } } }, "calendars.always-on: 'always-on' is built in"],
    ['redefining the team calendar', { calendars: { team: { ...SINGAPORE_WEEK, id: 'team' } } }, "calendars.team: 'team' is built in"],
    ['a calendar with no hours', { calendars: { 'apac-week': { ...SINGAPORE_WEEK, workingHours: { 1: [], 2: [] } } } }, 'calendars.apac-week.workingHours: the calendar has no working hours at all'],
  ])('rejects %s, naming the path', (_name, override, expected) => {
    expect(errorsOf(override).join('\n')).toContain(expected);
  });
});

describe('parseSlaPolicyJson', () => {
  it.each([undefined, '', '   '])('uses the default policy for %p', (text) => {
    expect(parseSlaPolicyJson(text)).toEqual({ ok: true, policy: DEFAULT_SLA_POLICY });
  });

  it('parses JSON text', () => {
    const result = parseSlaPolicyJson('{"handoffs":{"policy":{"answerMs":"PT4H"}}}');
    expect(result.ok && result.policy.handoffs.policy.answerMs).toBe(4 * H);
  });

  it('reports malformed JSON', () => {
    const result = parseSlaPolicyJson('{"handoffs":');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]).toMatch(/^\(root\): not valid JSON/);
  });
});
