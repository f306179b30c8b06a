import { backlogReport, type BacklogGroup } from '../../api/metrics/backlog-age';
import { breachReport, ratesOf } from '../../api/metrics/breach-rate';
import { countsByKey, durations, share } from '../../api/metrics/figures';
import { handoffReport, type HandoffGroup } from '../../api/metrics/handoff-turnaround';
import { resolvePeriod, type Period } from '../../api/metrics/period';
import { responseTimesReport, type DurationGroup } from '../../api/metrics/response-times';
import { clockOutcome, slaAttainment, type ClockCount } from '../../api/metrics/sla-attainment';
import { volumeReport, type CaseCount } from '../../api/metrics/volume';

/**
 * Every metric's arithmetic on small data sets computed by hand: two weeks in Berlin, the second one
 * empty, so each metric shows both a figure and the explicit null (with its reason) of a period with
 * nothing to measure.
 */
const period: Period = (() => {
  const r = resolvePeriod({ from: '2026-03-02', to: '2026-03-16', bucket: 'week', timeZone: 'Europe/Berlin' }, Date.parse('2026-04-01T00:00:00Z'));
  if (!r.ok) throw new Error('bad period');
  return r.period;
})();
const W1 = '2026-03-02';
const W2 = '2026-03-09';
const KINDS = ['escalation', 'strategic_review', 'reinstatement'];
const SEVERITIES = ['low', 'medium', 'high', 'critical'];

describe('shared arithmetic', () => {
  it('gives a share, or null over nothing, and refuses impossible counts', () => {
    expect(share(3, 4)).toBe(0.75);
    expect(share(0, 0)).toBeNull();
    expect(() => share(5, 4)).toThrow(RangeError);
    expect(() => share(-1, 4)).toThrow(RangeError);
    expect(() => share(0.5, 4)).toThrow(RangeError);
  });

  it('rounds percentiles to whole milliseconds, and an empty group has none, with the reason', () => {
    expect(durations({ count: 2, medianMs: 1500.4999, p90Ms: 1899.5 }, 'no_first_responses')).toEqual({
      count: 2, medianMs: 1500, p90Ms: 1900, reason: null,
    });
    expect(durations(undefined, 'no_resolutions')).toEqual({ count: 0, medianMs: null, p90Ms: null, reason: 'no_resolutions' });
  });

  it('zero-fills known keys in order and keeps unknown ones (a new category) after them, sorted', () => {
    expect(countsByKey(['b', 'a'], [['a', 1], ['z', 2], ['a', 3], ['c', 1]])).toEqual({ b: 0, a: 4, c: 1, z: 2 });
    expect(Object.keys(countsByKey(['b', 'a'], [['z', 1], ['c', 1]]))).toEqual(['b', 'a', 'c', 'z']);
  });
});

describe('SLA attainment', () => {
  it.each([
    ['first_response', 'met', { counts: true, outcome: 'met' }],
    ['resolution', 'breached', { counts: true, outcome: 'missed' }],
    ['resolution', 'cancelled', { counts: false, excludedAs: 'cancelled' }],
    ['resolution', 'paused', { counts: false, excludedAs: 'undecided' }],
    ['resolution', 'running', { counts: false, excludedAs: 'undecided' }],
    ['seller_response', 'met', { counts: false, excludedAs: 'seller_clock' }],
    ['seller_response', 'breached', { counts: false, excludedAs: 'seller_clock' }],
  ])('a %s clock %s counts as %j', (clock, status, outcome) => {
    expect(clockOutcome(clock, status)).toEqual(outcome);
  });

  // Week 1: 3 first responses met; 2 resolution clocks of a reopened case (the first met, the second
  // `resolution#2` breached and later stopped: missed); a critical reinstatement resolution met;
  // a cancelled clock, two seller deadlines and a paused clock that do not count. Week 2: nothing.
  const rows: ClockCount[] = [
    { bucket: W1, caseKind: 'escalation', severity: 'high', clock: 'first_response', status: 'met', count: 3 },
    { bucket: W1, caseKind: 'escalation', severity: 'high', clock: 'resolution', status: 'met', count: 1 },
    { bucket: W1, caseKind: 'escalation', severity: 'high', clock: 'resolution', status: 'breached', count: 1 },
    { bucket: W1, caseKind: 'reinstatement', severity: 'critical', clock: 'resolution', status: 'met', count: 1 },
    { bucket: W1, caseKind: 'escalation', severity: 'low', clock: 'resolution', status: 'cancelled', count: 1 },
    { bucket: W1, caseKind: 'escalation', severity: 'high', clock: 'seller_response', status: 'met', count: 2 },
    { bucket: W1, caseKind: 'escalation', severity: 'high', clock: 'resolution', status: 'paused', count: 1 },
  ];
  const report = slaAttainment(rows, period, { kinds: KINDS, severities: SEVERITIES, clocks: ['first_response', 'resolution'] });

  it('counts met over met + missed: 5 / 6', () => {
    expect(report.totals).toEqual({ met: 5, missed: 1, decided: 6, attainment: 5 / 6, reason: null });
    expect(report.excluded).toEqual({ sellerClock: 2, cancelled: 1 });
  });

  it('splits by clock, kind and severity, with null and a reason where nothing was decided', () => {
    expect(report.byClock).toEqual([
      { clock: 'first_response', met: 3, missed: 0, decided: 3, attainment: 1, reason: null },
      { clock: 'resolution', met: 2, missed: 1, decided: 3, attainment: 2 / 3, reason: null },
    ]);
    expect(report.byKind.map((k) => [k.kind, k.attainment, k.reason])).toEqual([
      ['escalation', 4 / 5, null],
      ['strategic_review', null, 'no_clocks_decided'],
      ['reinstatement', 1, null],
    ]);
    expect(report.bySeverity.map((s) => [s.severity, s.decided])).toEqual([['low', 0], ['medium', 0], ['high', 5], ['critical', 1]]);
  });

  it('gives every bucket of the period, an empty week as null with its reason', () => {
    expect(report.series.map((b) => [b.key, b.from, b.to])).toEqual([
      [W1, '2026-03-02T00:00:00.000+01:00', '2026-03-09T00:00:00.000+01:00'],
      [W2, '2026-03-09T00:00:00.000+01:00', '2026-03-16T00:00:00.000+01:00'],
    ]);
    expect(report.series[0]).toMatchObject({ met: 5, missed: 1, attainment: 5 / 6 });
    expect(report.series[1]).toMatchObject({ met: 0, missed: 0, decided: 0, attainment: null, reason: 'no_clocks_decided' });
    expect(report.series[1].byClock.every((c) => c.attainment === null && c.reason === 'no_clocks_decided')).toBe(true);
    expect(report.series[0].bySeverity.map((s) => [s.severity, s.met, s.missed, s.attainment, s.reason])).toEqual([
      ['low', 0, 0, null, 'no_clocks_decided'],
      ['medium', 0, 0, null, 'no_clocks_decided'],
      ['high', 4, 1, 4 / 5, null],
      ['critical', 1, 0, 1, null],
    ]);
    expect(report.series[1].bySeverity.every((s) => s.attainment === null && s.reason === 'no_clocks_decided')).toBe(true);
  });

  it('reports a clock kind it does not know (a new case kind) after the known ones', () => {
    const more = slaAttainment([{ bucket: W2, caseKind: 'strategic_review', severity: 'low', clock: 'review', status: 'breached', count: 2 }], period, {
      kinds: KINDS, severities: SEVERITIES, clocks: ['first_response', 'resolution'],
    });
    expect(more.byClock.map((c) => [c.clock, c.missed])).toEqual([['first_response', 0], ['resolution', 0], ['review', 2]]);
    expect(more.totals.attainment).toBe(0);
  });

  it('refuses a row outside the period buckets (the database and the period disagree)', () => {
    expect(() => slaAttainment([{ ...rows[0], bucket: '2026-03-03' }], period, { kinds: KINDS, severities: SEVERITIES, clocks: [] })).toThrow(
      /not a bucket of the period/,
    );
  });
});

describe('response times', () => {
  // First responses: 4 cases in week 1 (1 h, 2 h, 3 h, 10 h: median 2.5 h, p90 = 3 + 0.7 × 7 = 7.9 h),
  // all escalations; resolutions: one in week 2; one reopening in week 2.
  const H = 3_600_000;
  const firsts: DurationGroup[] = [
    { bucket: null, kind: null, count: 4, medianMs: 2.5 * H, p90Ms: 7.9 * H },
    { bucket: W1, kind: null, count: 4, medianMs: 2.5 * H, p90Ms: 7.9 * H },
    { bucket: null, kind: 'escalation', count: 4, medianMs: 2.5 * H, p90Ms: 7.9 * H },
  ];
  const resolutions: DurationGroup[] = [
    { bucket: null, kind: null, count: 1, medianMs: 50 * H, p90Ms: 50 * H },
    { bucket: W2, kind: null, count: 1, medianMs: 50 * H, p90Ms: 50 * H },
    { bucket: null, kind: 'escalation', count: 1, medianMs: 50 * H, p90Ms: 50 * H },
  ];
  const report = responseTimesReport(firsts, resolutions, new Map([[W2, 1]]), period, KINDS);

  it('gives the totals, each kind and each bucket, empty ones with their reason', () => {
    expect(report.firstResponse.totals).toEqual({ count: 4, medianMs: 2.5 * H, p90Ms: 7.9 * H, reason: null });
    expect(report.firstResponse.series.map((b) => [b.key, b.count, b.medianMs, b.reason])).toEqual([
      [W1, 4, 2.5 * H, null],
      [W2, 0, null, 'no_first_responses'],
    ]);
    expect(report.firstResponse.byKind.map((k) => [k.kind, k.count, k.reason])).toEqual([
      ['escalation', 4, null],
      ['strategic_review', 0, 'no_first_responses'],
      ['reinstatement', 0, 'no_first_responses'],
    ]);
    expect(report.resolution.series.map((b) => [b.key, b.count, b.reason])).toEqual([
      [W1, 0, 'no_resolutions'],
      [W2, 1, null],
    ]);
  });

  it('counts reopenings per bucket beside the resolutions they do not change', () => {
    expect(report.reopened).toEqual({
      total: 1,
      series: [
        { key: W1, from: '2026-03-02T00:00:00.000+01:00', to: '2026-03-09T00:00:00.000+01:00', count: 0 },
        { key: W2, from: '2026-03-09T00:00:00.000+01:00', to: '2026-03-16T00:00:00.000+01:00', count: 1 },
      ],
    });
  });

  it('answers an empty period with zero counts and reasons, never NaN', () => {
    const empty = responseTimesReport([], [], new Map(), period, ['escalation']);
    expect(empty.firstResponse.totals).toEqual({ count: 0, medianMs: null, p90Ms: null, reason: 'no_first_responses' });
    expect(empty.resolution.byKind).toEqual([{ kind: 'escalation', count: 0, medianMs: null, p90Ms: null, reason: 'no_resolutions' }]);
    expect(empty.reopened.total).toBe(0);
  });
});

describe('volume', () => {
  const created: CaseCount[] = [
    { bucket: W1, kind: 'escalation', label: 'counterfeit', count: 3 },
    { bucket: W1, kind: 'escalation', label: 'fraud', count: 1 },
    { bucket: W2, kind: 'escalation', label: 'counterfeit', count: 2 },
    { bucket: W2, kind: 'escalation', label: 'marketplace_abuse', count: 1 },
    { bucket: W2, kind: 'reinstatement', label: null, count: 4 },
  ];
  const completed: CaseCount[] = [
    { bucket: W2, kind: 'escalation', label: 'seller_error', count: 2 },
    { bucket: W2, kind: 'escalation', label: null, count: 1 },
    { bucket: W2, kind: 'reinstatement', label: null, count: 1 },
  ];
  const report = volumeReport(created, completed, period, { kinds: KINDS, categories: ['counterfeit', 'fraud', 'other'], rootCauses: ['seller_error', 'system_defect'] });

  it('counts created cases by kind, and escalations by category (a new category after the known ones)', () => {
    expect(report.created.total).toBe(11);
    expect(report.created.byKind).toEqual({ escalation: 7, strategic_review: 0, reinstatement: 4 });
    expect(report.created.byCategory).toEqual({ counterfeit: 5, fraud: 1, other: 0, marketplace_abuse: 1 });
    expect(report.created.series.map((b) => [b.key, b.total, b.byCategory])).toEqual([
      [W1, 4, { counterfeit: 3, fraud: 1, other: 0 }],
      [W2, 7, { counterfeit: 2, fraud: 0, other: 0, marketplace_abuse: 1 }],
    ]);
  });

  it('counts completed cases by root cause: escalations only, one without a root cause as unrecorded', () => {
    expect(report.completed.total).toBe(4);
    expect(report.completed.byRootCause).toEqual({ seller_error: 2, system_defect: 0, unrecorded: 1 });
    expect(report.completed.series[0]).toMatchObject({ key: W1, total: 0, byRootCause: { seller_error: 0, system_defect: 0 } });
  });
});

describe('breach and escalation rates', () => {
  it('divides by the completed cases, and has no rate over none', () => {
    expect(ratesOf([{ completed: 4, breached: 1, escalated: 2 }])).toEqual({
      completed: 4, breached: 1, escalated: 2, breachRate: 0.25, escalationRate: 0.5, reason: null,
    });
    expect(ratesOf([])).toEqual({ completed: 0, breached: 0, escalated: 0, breachRate: null, escalationRate: null, reason: 'no_completed_cases' });
  });

  it('splits by kind, severity and bucket', () => {
    const report = breachReport(
      [
        { bucket: W1, kind: 'escalation', severity: 'high', completed: 3, breached: 1, escalated: 1 },
        { bucket: W1, kind: 'escalation', severity: 'critical', completed: 1, breached: 1, escalated: 1 },
      ],
      period,
      { kinds: ['escalation'], severities: ['high', 'critical'] },
    );
    expect(report.totals).toMatchObject({ completed: 4, breachRate: 0.5, escalationRate: 0.5 });
    expect(report.bySeverity.map((s) => [s.severity, s.breachRate])).toEqual([['high', 1 / 3], ['critical', 1]]);
    expect(report.series.map((b) => [b.key, b.breachRate, b.reason])).toEqual([[W1, 0.5, null], [W2, null, 'no_completed_cases']]);
  });
});

describe('handoff turnaround', () => {
  const H = 3_600_000;
  // Legal answered 3 handoffs in week 1 (2 h, 4 h, 30 h: one after its deadline), Policy none.
  const groups: HandoffGroup[] = [
    { bucket: null, team: null, count: 3, breached: 1, medianMs: 4 * H, p90Ms: 24.8 * H },
    { bucket: null, team: 'legal', count: 3, breached: 1, medianMs: 4 * H, p90Ms: 24.8 * H },
    { bucket: W1, team: null, count: 3, breached: 1, medianMs: 4 * H, p90Ms: 24.8 * H },
    { bucket: W1, team: 'legal', count: 3, breached: 1, medianMs: 4 * H, p90Ms: 24.8 * H },
  ];
  const report = handoffReport(groups, period, ['legal', 'policy']);

  it('gives each addressed team its turnaround and breach rate, empty ones with their reason', () => {
    expect(report.totals).toEqual({ answered: 3, breached: 1, breachRate: 1 / 3, medianMs: 4 * H, p90Ms: 24.8 * H, reason: null });
    expect(report.byHandoffTeam.map((t) => [t.team, t.answered, t.breachRate, t.reason])).toEqual([
      ['legal', 3, 1 / 3, null],
      ['policy', 0, null, 'no_answered_handoffs'],
    ]);
    expect(report.series[1]).toMatchObject({ key: W2, answered: 0, medianMs: null, reason: 'no_answered_handoffs' });
    expect(report.series[1].byHandoffTeam).toHaveLength(2);
  });
});

describe('backlog age', () => {
  const DAY = 86_400_000;
  const group = (g: Partial<BacklogGroup>): BacklogGroup => ({
    kind: null, severity: null, state: null, open: 0, byAge: { '<1d': 0, '1-3d': 0, '3-7d': 0, '>7d': 0 },
    breached: 0, overdue: 0, medianAgeMs: null, p90AgeMs: null, oldestAgeMs: null, ...g,
  });
  // Three open cases, 0.5, 2 and 10 days old; the oldest breached and overdue.
  const all = { open: 3, byAge: { '<1d': 1, '1-3d': 1, '3-7d': 0, '>7d': 1 }, breached: 1, overdue: 1, medianAgeMs: 2 * DAY, p90AgeMs: 8.4 * DAY, oldestAgeMs: 10 * DAY };

  it('reports ages, breached and overdue cases, by kind, severity and state', () => {
    const report = backlogReport(
      [
        group(all),
        group({ ...all, kind: 'escalation' }),
        group({ ...all, severity: 'high' }),
        group({ state: 'in_progress', open: 2 }),
        group({ state: 'waiting_on_seller', open: 1 }),
      ],
      { kinds: ['escalation', 'reinstatement'], severities: ['high', 'low'], states: ['queued', 'in_progress', 'waiting_on_seller'] },
    );
    expect(report.totals).toEqual({ ...all, reason: null });
    expect(report.byKind[1]).toMatchObject({ kind: 'reinstatement', open: 0, medianAgeMs: null, reason: 'no_open_cases' });
    expect(report.bySeverity[0]).toMatchObject({ severity: 'high', open: 3 });
    expect(report.byState).toEqual({ queued: 0, in_progress: 2, waiting_on_seller: 1 });
  });

  it('has no ages without open cases, and refuses age buckets that do not add up', () => {
    expect(backlogReport([], { kinds: [], severities: [], states: [] }).totals).toMatchObject({ open: 0, medianAgeMs: null, reason: 'no_open_cases' });
    expect(() => backlogReport([group({ ...all, open: 4 })], { kinds: [], severities: [], states: [] })).toThrow(/age buckets hold 3 cases, not the 4/);
  });
});
