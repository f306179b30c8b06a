import { resolutionDeadline } from '../../api/workload/resolution-deadline';
import { medianOf, planStaffing, STAFFING_FORMULA, type StaffingInput, type StaffingStatus } from '../../api/workload/staffing-plan';
import { pauseClock, startClock } from '../../workflows/common/sla-clock';
import { buildTeamCalendar } from '../../api/teams/team-calendar';
import { SEED_TEAMS } from '../../db/seed/teams';
import { DEFAULT_SLA_POLICY, resolveCalendar } from '../../workflows/common/sla-policy';

const base: StaffingInput = { backlog: 4, completions: 7, windowDays: 14, caseWorkers: 2, availableCaseWorkers: 1, remainingDays: [1, 2, 3, 4] };

interface Row {
  name: string;
  input: Partial<StaffingInput>;
  status: StaffingStatus;
  throughput: number | null;
  horizon: number | null;
  needed: number | null;
  additional: number | null;
  note?: RegExp;
}

describe('planStaffing', () => {
  const rows: Row[] = [
    {
      // 7 / (2 × 14) = 0.25 per person per day; median of [1,2,3,4] = 2.5; 4 / (0.25 × 2.5) = 6.4 -> 7; 7 - 1 = 6.
      name: 'rounds people up and subtracts only those available now',
      input: {},
      status: 'ok', throughput: 0.25, horizon: 2.5, needed: 7, additional: 6,
    },
    {
      // 28 / (2 × 14) = 1; 10 / (1 × 5) = 2 exactly.
      name: 'an exact division needs no rounding',
      input: { backlog: 10, completions: 28, availableCaseWorkers: 2, remainingDays: [5] },
      status: 'ok', throughput: 1, horizon: 5, needed: 2, additional: 0,
    },
    {
      // 14 / (3 × 14) = 1/3; 1 / (1/3 × 10) = 0.3 -> 1; max(0, 1 - 3) = 0.
      name: 'never asks for a negative number of people',
      input: { backlog: 1, completions: 14, caseWorkers: 3, availableCaseWorkers: 3, remainingDays: [10] },
      status: 'ok', throughput: 1 / 3, horizon: 10, needed: 1, additional: 0,
    },
    {
      // Median -1 day (already late) -> the 1-day minimum; 14 / (2 × 7) = 1; 3 / (1 × 1) = 3; 3 - 2 = 1.
      name: 'plans a late backlog over the minimum horizon, and says so',
      input: { backlog: 3, completions: 14, windowDays: 7, availableCaseWorkers: 2, remainingDays: [-2, -1, 0.5] },
      status: 'ok', throughput: 1, horizon: 1, needed: 3, additional: 1, note: /1 days past its resolution deadline/,
    },
    {
      name: 'honours a custom minimum horizon',
      input: { backlog: 3, completions: 14, windowDays: 7, availableCaseWorkers: 2, remainingDays: [0.5], minimumHorizonDays: 2 },
      status: 'ok', throughput: 1, horizon: 2, needed: 2, additional: 0, note: /only 0.5 days left/,
    },
    {
      name: 'needs nobody without a backlog',
      input: { backlog: 0, remainingDays: [] },
      status: 'no_backlog', throughput: 0.25, horizon: null, needed: 0, additional: 0, note: /no open cases/,
    },
    {
      name: 'needs nobody without a backlog even with nobody on the team',
      input: { backlog: 0, caseWorkers: 0, availableCaseWorkers: 0, remainingDays: [] },
      status: 'no_backlog', throughput: null, horizon: null, needed: 0, additional: 0,
    },
    {
      name: 'does not divide by zero members',
      input: { caseWorkers: 0, availableCaseWorkers: 0 },
      status: 'no_case_workers', throughput: null, horizon: 2.5, needed: null, additional: null, note: /7 \/ 0\) cannot be measured/,
    },
    {
      name: 'has no finite answer at zero throughput',
      input: { completions: 0 },
      status: 'no_throughput', throughput: 0, horizon: 2.5, needed: null, additional: null, note: /no case was completed in the last 14 days/,
    },
    {
      name: 'has no answer when no open case has a deadline',
      input: { remainingDays: [] },
      status: 'no_deadlines', throughput: 0.25, horizon: null, needed: null, additional: null, note: /no open case has a resolution deadline/,
    },
  ];

  it.each(rows)('$name', (row) => {
    const plan = planStaffing({ ...base, ...row.input });
    expect(plan.status).toBe(row.status);
    expect(plan.peopleNeeded).toBe(row.needed);
    expect(plan.additionalPeople).toBe(row.additional);
    expect(plan.arithmetic.peopleNeeded).toBe(row.needed);
    expect(plan.arithmetic.additionalPeople).toBe(row.additional);
    if (row.throughput === null) expect(plan.arithmetic.throughputPerPersonPerDay).toBeNull();
    else expect(plan.arithmetic.throughputPerPersonPerDay).toBeCloseTo(row.throughput, 10);
    if (row.horizon === null) expect(plan.arithmetic.horizonDays).toBeNull();
    else expect(plan.arithmetic.horizonDays).toBeCloseTo(row.horizon, 10);
    expect(plan.arithmetic.formula).toBe(STAFFING_FORMULA);
    if (row.note) expect(plan.notes.join(' | ')).toMatch(row.note);
    else if (row.status === 'ok') expect(plan.notes).toEqual([]);
  });

  it('returns every input and intermediate number, and the formula worked with them', () => {
    const plan = planStaffing(base);
    expect(plan.arithmetic).toEqual({
      backlog: 4,
      completions: 7,
      windowDays: 14,
      caseWorkers: 2,
      availableCaseWorkers: 1,
      casesWithDeadline: 4,
      throughputPerPersonPerDay: 0.25,
      medianRemainingDays: 2.5,
      minimumHorizonDays: 1,
      horizonDays: 2.5,
      casesPerPersonInHorizon: 0.625,
      peopleNeeded: 7,
      additionalPeople: 6,
      formula: STAFFING_FORMULA,
      worked:
        'throughputPerPersonPerDay = 7 / (2 × 14) = 0.25; horizonDays = max(2.5, 1) = 2.5; ' +
        'peopleNeeded = ceil(4 / (0.25 × 2.5)) = ceil(6.4) = 7; additionalPeople = max(0, 7 − 1) = 6',
    });
  });

  it('says where a division by zero was avoided', () => {
    expect(planStaffing({ ...base, caseWorkers: 0, availableCaseWorkers: 0 }).arithmetic.worked).toMatch(
      /throughputPerPersonPerDay = 7 \/ \(0 × 14\) = undefined \(division by 0\)/,
    );
  });

  it.each([
    ['a negative backlog', { backlog: -1 }, /backlog/],
    ['a fractional completion count', { completions: 1.5 }, /completions/],
    ['a zero window', { windowDays: 0 }, /windowDays/],
    ['more available than on the team', { availableCaseWorkers: 3 }, /exceeds caseWorkers/],
    ['a non-finite remaining time', { remainingDays: [Number.NaN] }, /remainingDays/],
    ['a zero minimum horizon', { minimumHorizonDays: 0 }, /minimumHorizonDays/],
  ])('refuses %s', (_name, patch, message) => {
    expect(() => planStaffing({ ...base, ...patch })).toThrow(message);
  });

  it.each([
    [[], null],
    [[3], 3],
    [[5, 1, 3], 3],
    [[4, 1, 3, 2], 2.5],
  ])('median of %j is %s', (values, median) => {
    expect(medianOf(values)).toBe(median);
  });

  // The workload's shape (workload.repository.ts): of S stored deadlines sorted, the database sends the
  // positions (S - 1) / 2 - E to (S + E) / 2 (clipped), E being the cases whose deadline the service
  // computes, of which only some get one. The median of that part with the counts is the whole's.
  it('of the middle of a sorted list with counts below and above, plus values added in any order, is the median of everything', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 2_000; round++) {
      const stored = Array.from({ length: Math.floor(random() * 40) }, () => Math.round(random() * 60 - 20)).sort((a, b) => a - b);
      const estimated = Math.floor(random() * 12);
      const added = Array.from({ length: Math.floor(random() * (estimated + 1)) }, () => Math.round(random() * 80 - 30));
      const lo = Math.max(0, Math.trunc((stored.length - 1) / 2) - estimated);
      const hi = Math.min(stored.length - 1, Math.trunc((stored.length + estimated) / 2));
      const middle = stored.slice(lo, hi + 1);
      const part = { values: [...middle, ...added], below: lo, above: stored.length - lo - middle.length };
      expect(medianOf(part)).toBe(medianOf([...stored, ...added]));
      expect(planStaffing({ ...base, remainingDays: part }).arithmetic.casesWithDeadline).toBe(stored.length + added.length);
    }
  });

  it('refuses a part that does not reach the middle, and counts that are not whole numbers', () => {
    expect(() => medianOf({ values: [1, 2], below: 5, above: 0 })).toThrow(RangeError);
    expect(() => planStaffing({ ...base, remainingDays: { values: [1], below: -1, above: 2 } })).toThrow(/below and .above/);
  });
});

describe('resolutionDeadline', () => {
  const HOUR = 3_600_000;
  const t0 = Date.parse('2026-03-02T10:00:00Z'); // a Monday
  const always = resolveCalendar(DEFAULT_SLA_POLICY, 'always-on');
  const eu = buildTeamCalendar(SEED_TEAMS.find((t) => t.id === 'seller-risk-eu')!, { from: 2026, to: 2026 });

  it("uses a running clock's deadline", () => {
    const clock = startClock({ id: 'resolution', kind: 'resolution', budgetMs: 16 * HOUR, calendar: always, now: t0 });
    const d = resolutionDeadline(
      { kind: 'escalation', severity: 'high', team: 'seller-risk-eu', createdAt: t0, clock: { status: 'running', deadlineAt: clock.deadlineAt, calendarId: clock.calendarId, snapshot: clock } },
      DEFAULT_SLA_POLICY,
      eu,
      t0 + HOUR,
    );
    expect(d).toEqual({ deadlineAt: t0 + 16 * HOUR, source: 'sla_clock' });
  });

  it('projects a paused clock as if it resumed now', () => {
    const started = startClock({ id: 'resolution', kind: 'resolution', budgetMs: 10 * HOUR, calendar: always, now: t0 });
    const paused = pauseClock(started, always, t0 + 4 * HOUR, 'waiting_on_seller');
    const now = t0 + 30 * HOUR;
    const d = resolutionDeadline(
      { kind: 'escalation', severity: 'high', team: null, createdAt: t0, clock: { status: 'paused', deadlineAt: paused.deadlineAt, calendarId: paused.calendarId, snapshot: paused } },
      DEFAULT_SLA_POLICY,
      null,
      now,
    );
    expect(d).toEqual({ deadlineAt: now + 6 * HOUR, source: 'sla_clock' });
  });

  it('estimates a case without a clock from the policy (critical: 24 wall-clock hours)', () => {
    expect(resolutionDeadline({ kind: 'escalation', severity: 'critical', team: 'seller-risk-eu', createdAt: t0, clock: null }, DEFAULT_SLA_POLICY, eu, t0)).toEqual({
      deadlineAt: t0 + 24 * HOUR,
      source: 'policy_estimate',
    });
  });

  it("estimates on the team's business calendar otherwise (16 business hours from Monday 11:00 Berlin)", () => {
    // Monday 11:00-17:00 (6h), Tuesday 09:00-17:00 (8h), Wednesday 09:00-11:00 (2h), Berlin (UTC+1 in March).
    expect(resolutionDeadline({ kind: 'escalation', severity: 'high', team: 'seller-risk-eu', createdAt: t0, clock: null }, DEFAULT_SLA_POLICY, eu, t0)).toEqual({
      deadlineAt: Date.parse('2026-03-04T10:00:00Z'),
      source: 'policy_estimate',
    });
  });

  it('gives no deadline for a kind or severity the policy does not know', () => {
    expect(resolutionDeadline({ kind: 'mystery', severity: 'high', team: null, createdAt: t0, clock: null }, DEFAULT_SLA_POLICY, eu, t0)).toBeNull();
  });

  it('gives a team without a calendar (no row in the teams table) an estimate only off the team calendar', () => {
    expect(resolutionDeadline({ kind: 'escalation', severity: 'high', team: 'ghost', createdAt: t0, clock: null }, DEFAULT_SLA_POLICY, null, t0)).toBeNull();
    expect(resolutionDeadline({ kind: 'escalation', severity: 'critical', team: 'ghost', createdAt: t0, clock: null }, DEFAULT_SLA_POLICY, null, t0)).toEqual({
      deadlineAt: t0 + 24 * HOUR,
      source: 'policy_estimate',
    });
  });
});
