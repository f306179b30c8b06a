import {
  addDays,
  isDate,
  isTimeZone,
  metricsQueries,
  mondayOf,
  presetRange,
  rangeOf,
  readChoice,
  todayIn,
  writeChoice,
  type DashboardChoice,
} from '../../console/src/lib/dashboard-period';
import {
  backlogAgeChart,
  breakdownChart,
  bucketLabels,
  durationChart,
  durationUnit,
  handoffLateChart,
  handoffTurnaroundChart,
  noValue,
  ratesChart,
  reasonWords,
  slaByClockChart,
  slaBySeverityChart,
} from '../../console/src/lib/metric-series';
import { SERIES_STYLES } from '../../console/src/components/chart-styles';
import type { BacklogMetrics, BreachMetrics, HandoffMetrics, SlaMetrics } from '../../console/src/lib/metrics-types';

/** The dashboard's pure helpers: period presets, the URL's state, and the API's answers as charts and tables. */

const H = 3_600_000;
const ctx = { browserZone: 'Europe/Berlin', kinds: ['escalation'] };
const week = (key: string, from = `${key}T00:00:00.000+01:00`, to = `${addDays(key, 7)}T00:00:00.000+01:00`) => ({ key, from, to });
const head = { generatedAt: '2026-03-23T10:00:00Z', scope: { team: 't', kind: null }, period: { from: '', to: '', bucket: 'week', timeZone: 'Europe/Berlin' } };

describe('dashboard period: calendar dates', () => {
  it('knows real dates, Mondays and the day after', () => {
    expect(isDate('2026-02-28')).toBe(true);
    expect(isDate('2028-02-29')).toBe(true);
    expect(isDate('2026-02-30')).toBe(false);
    expect(isDate('2026-2-3')).toBe(false);
    expect(isDate('')).toBe(false);
    expect(mondayOf('2026-05-20')).toBe('2026-05-18');
    expect(mondayOf('2026-05-18')).toBe('2026-05-18');
    expect(mondayOf('2026-05-24')).toBe('2026-05-18');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it("takes today's date in the chosen zone, not the browser's", () => {
    const now = Date.parse('2026-03-01T23:30:00Z');
    expect(todayIn('Europe/Berlin', now)).toBe('2026-03-02');
    expect(todayIn('UTC', now)).toBe('2026-03-01');
    expect(todayIn('Asia/Tokyo', now)).toBe('2026-03-02');
    expect(todayIn('America/Los_Angeles', now)).toBe('2026-03-01');
  });

  it('accepts IANA zones only', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});

describe('dashboard period: presets', () => {
  // Wednesday 20 May 2026.
  const today = '2026-05-20';
  it.each([
    ['last-7-days', '2026-05-14', '2026-05-20', '2026-05-21'],
    ['last-30-days', '2026-04-21', '2026-05-20', '2026-05-21'],
    ['last-12-weeks', '2026-03-02', '2026-05-20', '2026-05-21'],
    ['last-6-months', '2025-12-01', '2026-05-20', '2026-05-21'],
    ['this-quarter', '2026-04-01', '2026-05-20', '2026-05-21'],
    ['last-quarter', '2026-01-01', '2026-03-31', '2026-04-01'],
    ['this-year', '2026-01-01', '2026-05-20', '2026-05-21'],
  ] as const)('%s is %s through %s (the API gets to=%s, excluded)', (id, from, through, to) => {
    expect(presetRange(id, today)).toEqual({ from, through, to });
  });

  it('crosses the year: the last quarter of 2025 and 12 ISO weeks back from the first days of 2026', () => {
    expect(presetRange('last-quarter', '2026-01-02')).toEqual({ from: '2025-10-01', through: '2025-12-31', to: '2026-01-01' });
    expect(presetRange('last-12-weeks', '2026-01-02')).toEqual({ from: '2025-10-13', through: '2026-01-02', to: '2026-01-03' });
  });

  it('a custom range is its own days, the last one included', () => {
    const choice: DashboardChoice = { range: 'custom', from: '2026-01-05', through: '2026-01-31', bucket: 'week', timeZone: 'UTC', kind: null, team: null };
    expect(rangeOf(choice, '2026-05-20')).toEqual({ from: '2026-01-05', through: '2026-01-31', to: '2026-02-01' });
  });
});

describe('dashboard period: the URL', () => {
  it('defaults to the last 12 weeks by week, in the browser zone, every kind', () => {
    expect(readChoice({}, ctx)).toEqual({
      choice: { range: 'last-12-weeks', from: null, through: null, bucket: 'week', timeZone: 'Europe/Berlin', kind: null, team: null },
      problems: [],
    });
  });

  it("gives a preset its usual bucket unless the link names one", () => {
    expect(readChoice({ range: 'last-30-days' }, ctx).choice.bucket).toBe('day');
    expect(readChoice({ range: 'last-30-days', bucket: 'week' }, ctx).choice.bucket).toBe('week');
    expect(readChoice({ range: 'this-year' }, ctx).choice.bucket).toBe('month');
  });

  it('reads a custom range, a zone, a kind and a team', () => {
    const { choice, problems } = readChoice(
      { range: 'custom', from: '2026-01-05', through: '2026-02-01', bucket: 'day', timeZone: 'America/New_York', kind: 'escalation', team: 'seller-risk-us' },
      ctx,
    );
    expect(problems).toEqual([]);
    expect(choice).toEqual({ range: 'custom', from: '2026-01-05', through: '2026-02-01', bucket: 'day', timeZone: 'America/New_York', kind: 'escalation', team: 'seller-risk-us' });
  });

  it('sets aside what it cannot show, saying so for each value', () => {
    const { choice, problems } = readChoice({ range: 'custom', from: '2026-02-10', through: '2026-02-01', bucket: 'hour', timeZone: 'Mars/Olympus', kind: 'appeal' }, ctx);
    expect(choice).toEqual({ range: 'last-12-weeks', from: null, through: null, bucket: 'week', timeZone: 'Europe/Berlin', kind: null, team: null });
    expect(problems).toEqual([
      "The link's dates (from 2026-02-10 through 2026-02-01) are not a range of days; showing the last 12 weeks.",
      "The link's bucket 'hour' is not day, week or month; showing weeks.",
      "The link's time zone 'Mars/Olympus' is not an IANA time zone; showing Europe/Berlin.",
      "The link's case kind 'appeal' is not one Riskdesk runs; showing every kind.",
    ]);
    expect(readChoice({ range: 'forever' }, ctx).problems).toEqual(["The link's range 'forever' is not one the dashboard offers; showing the last 12 weeks."]);
  });

  it('writes every value, so a shared link shows the same period in any zone, and reads back what it wrote', () => {
    const choice: DashboardChoice = { range: 'custom', from: '2026-01-05', through: '2026-02-01', bucket: 'day', timeZone: 'Asia/Tokyo', kind: 'escalation', team: 'seller-risk-apac' };
    const written = writeChoice(choice);
    expect(written).toBe('range=custom&from=2026-01-05&through=2026-02-01&bucket=day&timeZone=Asia%2FTokyo&kind=escalation&team=seller-risk-apac');
    expect(readChoice(Object.fromEntries(new URLSearchParams(written)), ctx).choice).toEqual(choice);
    const preset: DashboardChoice = { range: 'this-quarter', from: null, through: null, bucket: 'week', timeZone: 'UTC', kind: null, team: null };
    expect(writeChoice(preset)).toBe('range=this-quarter&bucket=week&timeZone=UTC');
    expect(readChoice(Object.fromEntries(new URLSearchParams(writeChoice(preset))), ctx).choice).toEqual(preset);
  });

  it("asks the API for the range's days (to excluded), the bucket, the zone and the filters; the backlog for the filters only", () => {
    const { choice } = readChoice({ range: 'last-30-days', kind: 'escalation' }, ctx);
    expect(metricsQueries(choice, 'seller-risk-eu', '2026-05-20')).toEqual({
      period: 'team=seller-risk-eu&kind=escalation&from=2026-04-21&to=2026-05-21&bucket=day&timeZone=Europe%2FBerlin',
      now: 'team=seller-risk-eu&kind=escalation',
    });
  });
});

describe('dashboard charts: buckets', () => {
  it('labels whole buckets, and says which part of a bucket the period cuts', () => {
    const ranges = [week('2026-03-02', '2026-03-04T00:00:00.000+01:00'), week('2026-03-09'), week('2026-03-16', undefined, '2026-03-19T00:00:00.000+01:00')];
    expect(bucketLabels(ranges, 'week', 'en-US')).toEqual([
      { key: '2026-03-02', short: 'Mar 2', long: 'Week of Mar 2, 2026 (partial: Mar 4 to Mar 8)' },
      { key: '2026-03-09', short: 'Mar 9', long: 'Week of Mar 9, 2026' },
      { key: '2026-03-16', short: 'Mar 16', long: 'Week of Mar 16, 2026 (partial: Mar 16 to Mar 18)' },
    ]);
    expect(bucketLabels([{ key: '2026-03-01', from: '2026-03-01T00:00:00.000+01:00', to: '2026-04-01T00:00:00.000+02:00' }], 'month', 'en-US')).toEqual([
      { key: '2026-03-01', short: 'Mar 26', long: 'March 2026' },
    ]);
    expect(bucketLabels([{ key: '2026-03-29', from: '2026-03-29T00:00:00.000+01:00', to: '2026-03-30T00:00:00.000+02:00' }], 'day', 'en-US')[0].long).toBe('Mar 29, 2026');
    // A period that ends at an instant other than midnight (the API's default `to` is now).
    expect(bucketLabels([week('2026-03-16', undefined, '2026-03-18T10:15:00.000+01:00')], 'week', 'en-US')[0].long).toBe('Week of Mar 16, 2026 (partial)');
  });
});

describe('dashboard charts: figures and their words', () => {
  const a = (met: number, missed: number) => ({ met, missed, decided: met + missed, attainment: met + missed ? met / (met + missed) : null, reason: met + missed ? null : 'no_clocks_decided' });
  const sla: SlaMetrics = {
    ...head,
    totals: a(5, 2),
    byClock: [{ clock: 'first_response', ...a(3, 1) }, { clock: 'resolution', ...a(2, 1) }],
    bySeverity: ['low', 'high'].map((severity) => ({ severity, ...a(1, 0) })),
    excluded: { sellerClock: 1, cancelled: 0 },
    series: [
      { ...week('2026-03-02'), ...a(4, 1), byClock: [{ clock: 'first_response', ...a(3, 0) }, { clock: 'resolution', ...a(1, 1) }], bySeverity: [{ severity: 'low', ...a(1, 0) }, { severity: 'high', ...a(3, 1) }] },
      { ...week('2026-03-09'), ...a(0, 0), byClock: [{ clock: 'first_response', ...a(0, 0) }, { clock: 'resolution', ...a(0, 0) }], bySeverity: [{ severity: 'low', ...a(0, 0) }, { severity: 'high', ...a(0, 0) }] },
    ],
  };

  it('draws attainment per bucket overall and per clock; a bucket with nothing decided is a gap, and the table says why', () => {
    const chart = slaByClockChart(sla, 'week', 'en-US');
    expect(chart.y).toEqual({ kind: 'share' });
    expect(chart.series).toEqual([
      { label: 'All clocks', values: [0.8, null] },
      { label: 'First response', values: [1, null] },
      { label: 'Resolution', values: [0.5, null] },
    ]);
    expect(chart.table.columns).toEqual(['All clocks', 'First response', 'Resolution']);
    expect(chart.table.rows[0].cells).toEqual([
      { text: '80.0% (4 of 5 met)', value: 0.8 },
      { text: '100.0% (3 of 3 met)', value: 1 },
      { text: '50.0% (1 of 2 met)', value: 0.5 },
    ]);
    expect(chart.table.rows[1].cells.map((c) => [c.text, c.value])).toEqual(Array(3).fill(['No value: no SLA clock was met or missed', null]));
  });

  it('draws attainment per bucket by severity', () => {
    const chart = slaBySeverityChart(sla, 'week', 'en-US');
    expect(chart.series).toEqual([
      { label: 'Low', values: [1, null] },
      { label: 'High', values: [0.75, null] },
    ]);
    expect(chart.table.rows[0].cells[1].text).toBe('75.0% (3 of 4 met)');
  });

  it('shows durations in a unit that fits, and every figure as a duration in the table', () => {
    expect(durationUnit([null, 90 * 60_000])).toBe('minutes');
    expect(durationUnit([2 * H, null])).toBe('hours');
    expect(durationUnit([72 * H])).toBe('days');
    expect(durationUnit([null])).toBe('minutes');
    const chart = durationChart(
      {
        totals: { count: 3, medianMs: 2 * H, p90Ms: 30 * H, reason: null },
        series: [
          { ...week('2026-03-02'), count: 3, medianMs: 2 * H, p90Ms: 30 * H, reason: null },
          { ...week('2026-03-09'), count: 0, medianMs: null, p90Ms: null, reason: 'no_first_responses' },
        ],
      },
      'week',
      'en-US',
    );
    expect(chart.y).toEqual({ kind: 'duration', unit: 'hours' });
    expect(chart.series).toEqual([
      { label: 'Median', values: [2, null] },
      { label: '90th percentile', values: [30, null] },
    ]);
    expect(chart.table.columns).toEqual(['Median', '90th percentile', 'Cases']);
    expect(chart.table.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['2h 00m', '1d 6h', '3'],
      ['No value: no case got its first response', 'No value: no case got its first response', '0'],
    ]);
  });

  it('draws the five labels with most cases and one line for the rest; the table lists every label with a case', () => {
    const ranges = [week('2026-03-02'), week('2026-03-09')];
    const counts = [
      { a: 5, b: 4, c: 3, d: 2, e: 1, f: 1, g: 1, unused: 0 },
      { a: 0, b: 0, c: 0, d: 0, e: 0, f: 0, g: 2, unused: 0 },
    ];
    const chart = breakdownChart(ranges, counts, 'week', 'none', 'en-US');
    expect(chart.series.map((s) => [s.label, s.values])).toEqual([
      ['A', [5, 0]],
      ['B', [4, 0]],
      // C and G have 3 each: the API's order breaks the tie.
      ['C', [3, 0]],
      ['G', [1, 2]],
      ['D', [2, 0]],
      ['Other (2)', [2, 0]],
    ]);
    expect(chart.table.columns).toEqual(['A', 'B', 'C', 'G', 'D', 'E', 'F', 'Total']);
    expect(chart.table.rows[1].cells.map((c) => c.value)).toEqual([0, 0, 0, 2, 0, 0, 0, 2]);
    expect(chart.empty).toBeUndefined();
    // Six labels: each its own line (an Other of one label would only hide a name).
    expect(breakdownChart(ranges, [{ a: 1, b: 1, c: 1, d: 1, e: 1, f: 1 }, {}], 'week', 'none').series).toHaveLength(6);
    const empty = breakdownChart(ranges, [{ a: 0 }, { a: 0 }], 'week', 'No escalation was created in this period.');
    expect(empty.empty).toBe('No escalation was created in this period.');
    expect(empty.series).toEqual([]);
  });

  it('gives breach and escalation rates with their counts, or the reason', () => {
    const r = (completed: number, breached: number, escalated: number) => ({
      completed, breached, escalated,
      breachRate: completed ? breached / completed : null,
      escalationRate: completed ? escalated / completed : null,
      reason: completed ? null : 'no_completed_cases',
    });
    const breaches: BreachMetrics = { ...head, totals: r(4, 1, 2), series: [{ ...week('2026-03-02'), ...r(4, 1, 2) }, { ...week('2026-03-09'), ...r(0, 0, 0) }] };
    const chart = ratesChart(breaches, 'week', 'en-US');
    expect(chart.series.map((s) => s.values)).toEqual([[0.25, null], [0.5, null]]);
    expect(chart.table.rows.map((row) => row.cells.map((c) => c.text))).toEqual([
      ['25.0% (1 of 4 breached)', '50.0% (2 of 4 escalated)'],
      ['No value: no case was completed', 'No value: no case was completed'],
    ]);
  });

  it('draws handoffs by the teams that answered in the period, the others left out', () => {
    const t = (team: string, answered: number, breached: number, medianMs: number | null, p90Ms: number | null) => ({
      team, answered, breached, breachRate: answered ? breached / answered : null, medianMs, p90Ms, reason: answered ? null : 'no_answered_handoffs',
    });
    const handoffs: HandoffMetrics = {
      ...head,
      totals: { ...t('x', 3, 1, 26 * H, 30 * H) },
      byHandoffTeam: [t('legal', 2, 1, 26 * H, 30 * H), t('policy', 0, 0, null, null), t('customer_trust', 1, 0, 96 * H, 96 * H)],
      series: [
        { ...week('2026-03-02'), ...t('x', 2, 1, 26 * H, 30 * H), byHandoffTeam: [t('legal', 2, 1, 26 * H, 30 * H), t('policy', 0, 0, null, null), t('customer_trust', 0, 0, null, null)] },
        { ...week('2026-03-09'), ...t('x', 1, 0, 96 * H, 96 * H), byHandoffTeam: [t('legal', 0, 0, null, null), t('policy', 0, 0, null, null), t('customer_trust', 1, 0, 96 * H, 96 * H)] },
      ],
    };
    const turnaround = handoffTurnaroundChart(handoffs, 'week', 'en-US');
    expect(turnaround.y).toEqual({ kind: 'duration', unit: 'days' });
    expect(turnaround.series).toEqual([
      { label: 'Legal', values: [1.08, null] },
      { label: 'Customer trust', values: [null, 4] },
    ]);
    expect(turnaround.table.rows[0].cells.map((c) => c.text)).toEqual(['1d 2h (90th percentile 1d 6h; 2 answered)', 'No value: no handoff was answered']);
    const late = handoffLateChart(handoffs, 'week', 'en-US');
    expect(late.series.map((s) => s.values)).toEqual([[0.5, null], [null, 0]]);
    expect(late.table.rows[1].cells.map((c) => c.text)).toEqual(['No value: no handoff was answered', '0.0% (0 of 1 late)']);
    const none = handoffTurnaroundChart({ ...handoffs, byHandoffTeam: handoffs.byHandoffTeam.map((x) => ({ ...x, answered: 0 })) }, 'week');
    expect(none.empty).toMatch(/No handoff/);
  });

  it('counts the backlog by age, per kind with a total when there is more than one kind', () => {
    const f = (open: number, byAge: number[]) => ({
      open, byAge: { '<1d': byAge[0], '1-3d': byAge[1], '3-7d': byAge[2], '>7d': byAge[3] }, medianAgeMs: null, p90AgeMs: null, oldestAgeMs: null, breached: 0, overdue: 0, reason: null,
    });
    const one: BacklogMetrics = { generatedAt: '', scope: { team: 't', kind: null }, totals: f(3, [1, 1, 1, 0]), byKind: [{ kind: 'escalation', ...f(3, [1, 1, 1, 0]) }], bySeverity: [], byState: {} };
    const chart = backlogAgeChart(one);
    expect(chart.categories).toEqual(['<1d', '1-3d', '3-7d', '>7d']);
    expect(chart.series).toEqual([{ label: 'Escalation', values: [1, 1, 1, 0] }]);
    expect(chart.table.columns).toEqual(['Escalation']);
    const two: BacklogMetrics = { ...one, totals: f(5, [2, 1, 1, 1]), byKind: [{ kind: 'escalation', ...f(3, [1, 1, 1, 0]) }, { kind: 'strategic_review', ...f(2, [1, 0, 0, 1]) }] };
    const both = backlogAgeChart(two);
    expect(both.table.columns).toEqual(['Escalation', 'Strategic review', 'Total']);
    expect(both.table.rows[3].cells.map((c) => c.value)).toEqual([0, 1, 1]);
  });

  it('puts a reason the console does not know yet into words rather than showing a code or a zero', () => {
    expect(reasonWords('no_open_cases')).toBe('no case is open');
    expect(reasonWords('no_decisions_yet')).toBe('no decisions yet');
    expect(noValue('no_resolutions')).toBe('No value: no case was resolved');
  });
});

describe('dashboard charts: series told apart without colour', () => {
  it('gives each of the six series a chart can draw its own dash, marker and bar fill', () => {
    expect(SERIES_STYLES).toHaveLength(6);
    for (const part of ['marker', 'fill', 'color'] as const) expect(new Set(SERIES_STYLES.map((s) => s[part])).size).toBe(6);
    expect(new Set(SERIES_STYLES.map((s) => s.dash.join(','))).size).toBe(6);
  });
});
