/**
 * The metrics API's answers turned into what a chart draws and what its data table says. Pure (no
 * DOM, no uPlot), so unit tests check every figure's words: a null figure shows its reason, never 0.
 */
import { nextBucket, addDays, type Bucket } from './dashboard-period';
import { capitalized, duration } from './format';
import type {
  Attainment,
  BacklogMetrics,
  BreachMetrics,
  BucketRange,
  DurationReport,
  HandoffMetrics,
  Rates,
  SlaMetrics,
  Turnaround,
  VolumeMetrics,
} from './metrics-types';
import type { Workload } from './types';

export interface TableCell {
  text: string;
  /** The API's number behind the text (null: the API's null). */
  value: number | null;
}

export interface TableRow {
  key: string;
  label: string;
  cells: TableCell[];
}

export type DurationUnit = 'minutes' | 'hours' | 'days';

export interface ChartData {
  /** Short labels on the x axis, one per point. */
  categories: string[];
  series: Array<{ label: string; values: Array<number | null> }>;
  /** How the y axis reads: shares (0 to 1), counts, or durations in a unit. */
  y: { kind: 'share' } | { kind: 'count' } | { kind: 'duration'; unit: DurationUnit };
  /** The numbers, in words, for the data table (it may hold more columns than the chart draws). */
  table: { rowHeader: string; columns: string[]; rows: TableRow[] };
  /** Set when there is nothing to draw: says why, in place of the chart. */
  empty?: string;
}

// ---- words -----------------------------------------------------------------------------------------

/** The API's reasons for a null figure, in words. */
export const REASON_WORDS: Record<string, string> = {
  no_clocks_decided: 'no SLA clock was met or missed',
  no_first_responses: 'no case got its first response',
  no_resolutions: 'no case was resolved',
  no_completed_cases: 'no case was completed',
  no_answered_handoffs: 'no handoff was answered',
  no_open_cases: 'no case is open',
};

export function reasonWords(reason: string | null): string {
  return reason ? (REASON_WORDS[reason] ?? reason.replace(/_/g, ' ')) : 'no value';
}

export function noValue(reason: string | null): string {
  return `No value: ${reasonWords(reason)}`;
}

export function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** `customer_trust` → `Customer trust`. */
export const label = (value: string): string => capitalized(value);

// ---- buckets ---------------------------------------------------------------------------------------

export interface BucketLabel {
  key: string;
  /** On the axis: `Mar 2`, or `Mar 26` for a month. */
  short: string;
  /** In the table: `Week of Mar 2, 2026`, with the part shown when the period cuts the bucket. */
  long: string;
}

const MIDNIGHT = 'T00:00:00.000';

/** Labels for the buckets of an answer's series, in the bucket's own calendar (no time zone shift). */
export function bucketLabels(ranges: readonly BucketRange[], bucket: Bucket, locale?: string): BucketLabel[] {
  const fmt = (opts: Intl.DateTimeFormatOptions) => {
    const f = new Intl.DateTimeFormat(locale, { ...opts, timeZone: 'UTC' });
    return (date: string) => f.format(new Date(`${date}T00:00:00Z`));
  };
  const dayMonth = fmt({ month: 'short', day: 'numeric' });
  const fullDay = fmt({ year: 'numeric', month: 'short', day: 'numeric' });
  const monthShort = fmt({ month: 'short', year: '2-digit' });
  const monthLong = fmt({ month: 'long', year: 'numeric' });
  return ranges.map((r) => {
    const short = bucket === 'month' ? monthShort(r.key) : dayMonth(r.key);
    const whole = bucket === 'day' ? fullDay(r.key) : bucket === 'week' ? `Week of ${fullDay(r.key)}` : monthLong(r.key);
    const start = r.from.slice(0, 10);
    const end = r.to.slice(0, 10);
    const atMidnight = r.from.slice(10, 23) === MIDNIGHT && r.to.slice(10, 23) === MIDNIGHT;
    if (start === r.key && end === nextBucket(r.key, bucket) && atMidnight) return { key: r.key, short, long: whole };
    const part = atMidnight ? `: ${dayMonth(start)} to ${dayMonth(addDays(end, -1))}` : '';
    return { key: r.key, short, long: `${whole} (partial${part})` };
  });
}

const ROW_HEADER: Record<Bucket, string> = { day: 'Day', week: 'Week', month: 'Month' };

function bucketRows(labels: BucketLabel[], cells: (i: number) => TableCell[]): TableRow[] {
  return labels.map((l, i) => ({ key: l.key, label: l.long, cells: cells(i) }));
}

// ---- SLA attainment ------------------------------------------------------------------------------

function attainmentCell(a: Attainment): TableCell {
  return a.attainment === null ? { text: noValue(a.reason), value: null } : { text: `${percent(a.attainment)} (${a.met} of ${a.decided} met)`, value: a.attainment };
}

/** Attainment per bucket: overall, then each clock. */
export function slaByClockChart(sla: SlaMetrics, bucket: Bucket, locale?: string): ChartData {
  const labels = bucketLabels(sla.series, bucket, locale);
  const clocks = sla.byClock.map((c) => c.clock);
  const columns = ['All clocks', ...clocks.map(label)];
  const groups = sla.series.map((b) => [b as Attainment, ...clocks.map((c) => b.byClock.find((x) => x.clock === c)!)]);
  return {
    categories: labels.map((l) => l.short),
    series: columns.map((name, s) => ({ label: name, values: groups.map((g) => g[s].attainment) })),
    y: { kind: 'share' },
    table: { rowHeader: ROW_HEADER[bucket], columns, rows: bucketRows(labels, (i) => groups[i].map(attainmentCell)) },
  };
}

/** Attainment per bucket, a line per severity. */
export function slaBySeverityChart(sla: SlaMetrics, bucket: Bucket, locale?: string): ChartData {
  const labels = bucketLabels(sla.series, bucket, locale);
  const severities = sla.bySeverity.map((s) => s.severity);
  const groups = sla.series.map((b) => severities.map((s) => b.bySeverity.find((x) => x.severity === s)!));
  return {
    categories: labels.map((l) => l.short),
    series: severities.map((s, i) => ({ label: label(s), values: groups.map((g) => g[i].attainment) })),
    y: { kind: 'share' },
    table: { rowHeader: ROW_HEADER[bucket], columns: severities.map(label), rows: bucketRows(labels, (i) => groups[i].map(attainmentCell)) },
  };
}

/** A share in a few words: `80.0%`, or `no value (no SLA clock was met or missed)`. */
export function attainmentShort(a: Attainment): string {
  return a.attainment === null ? `no value (${reasonWords(a.reason)})` : percent(a.attainment);
}

export function attainmentSummary(a: Attainment): string {
  return a.attainment === null ? noValue(a.reason) : `${percent(a.attainment)}: ${a.met} of ${a.decided} clocks met`;
}

// ---- durations -----------------------------------------------------------------------------------

const UNIT_MS: Record<DurationUnit, number> = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

/** The unit that keeps a chart's largest duration readable: minutes under 2 hours, days from 3 days. */
export function durationUnit(values: ReadonlyArray<number | null>): DurationUnit {
  const max = Math.max(0, ...values.filter((v): v is number => v !== null));
  return max >= 3 * UNIT_MS.days ? 'days' : max >= 2 * UNIT_MS.hours ? 'hours' : 'minutes';
}

export function inUnit(ms: number | null, unit: DurationUnit): number | null {
  return ms === null ? null : Math.round((ms / UNIT_MS[unit]) * 100) / 100;
}

const durationCell = (ms: number | null, reason: string | null): TableCell => (ms === null ? { text: noValue(reason), value: null } : { text: duration(ms), value: ms });

/** Median and 90th percentile per bucket, with how many cases each is over. */
export function durationChart(report: DurationReport, bucket: Bucket, locale?: string): ChartData {
  const labels = bucketLabels(report.series, bucket, locale);
  const unit = durationUnit(report.series.flatMap((b) => [b.medianMs, b.p90Ms]));
  return {
    categories: labels.map((l) => l.short),
    series: [
      { label: 'Median', values: report.series.map((b) => inUnit(b.medianMs, unit)) },
      { label: '90th percentile', values: report.series.map((b) => inUnit(b.p90Ms, unit)) },
    ],
    y: { kind: 'duration', unit },
    table: {
      rowHeader: ROW_HEADER[bucket],
      columns: ['Median', '90th percentile', 'Cases'],
      rows: bucketRows(labels, (i) => {
        const b = report.series[i];
        return [durationCell(b.medianMs, b.reason), durationCell(b.p90Ms, b.reason), { text: String(b.count), value: b.count }];
      }),
    },
  };
}

export function durationSummary(report: DurationReport): string {
  const t = report.totals;
  if (t.medianMs === null) return `Over the period: ${noValue(t.reason).toLowerCase()}.`;
  return `Over the period: median ${duration(t.medianMs)}, 90th percentile ${t.p90Ms === null ? '—' : duration(t.p90Ms)}, over ${t.count} case${t.count === 1 ? '' : 's'}.`;
}

// ---- volume --------------------------------------------------------------------------------------

const countCell = (n: number): TableCell => ({ text: String(n), value: n });

/** Cases created and completed per bucket. */
export function volumeChart(volume: VolumeMetrics, bucket: Bucket, locale?: string): ChartData {
  const labels = bucketLabels(volume.created.series, bucket, locale);
  const created = volume.created.series.map((b) => b.total);
  const completed = volume.completed.series.map((b) => b.total);
  return {
    categories: labels.map((l) => l.short),
    series: [
      { label: 'Created', values: created },
      { label: 'Completed', values: completed },
    ],
    y: { kind: 'count' },
    table: { rowHeader: ROW_HEADER[bucket], columns: ['Created', 'Completed'], rows: bucketRows(labels, (i) => [countCell(created[i]), countCell(completed[i])]) },
  };
}

/** How many lines a breakdown draws; the rest are summed as Other (the table has each). */
export const BREAKDOWN_LINES = 5;

/**
 * A count per label per bucket (escalations by category, or by root cause) as a trend: the labels with
 * the most cases over the period each get a line, the others one line together; the table lists every
 * label with a case, and the bucket's total.
 */
export function breakdownChart(
  ranges: readonly BucketRange[],
  perBucket: ReadonlyArray<Record<string, number>>,
  bucket: Bucket,
  emptyText: string,
  locale?: string,
): ChartData {
  const labels = bucketLabels(ranges, bucket, locale);
  const totals = new Map<string, number>();
  for (const counts of perBucket) for (const [k, n] of Object.entries(counts)) totals.set(k, (totals.get(k) ?? 0) + n);
  // Most cases first; equal totals keep the API's order (the vocabulary's).
  const ranked = [...totals.entries()].filter(([, n]) => n > 0).map(([k]) => k);
  ranked.sort((a, b) => totals.get(b)! - totals.get(a)!);
  const drawn = ranked.length <= BREAKDOWN_LINES + 1 ? ranked : ranked.slice(0, BREAKDOWN_LINES);
  const rest = ranked.slice(drawn.length);
  const series = drawn.map((k) => ({ label: label(k), values: perBucket.map((c) => c[k] ?? 0) }));
  if (rest.length) series.push({ label: `Other (${rest.length})`, values: perBucket.map((c) => rest.reduce((n, k) => n + (c[k] ?? 0), 0)) });
  return {
    categories: labels.map((l) => l.short),
    series,
    y: { kind: 'count' },
    table: {
      rowHeader: ROW_HEADER[bucket],
      columns: [...ranked.map(label), 'Total'],
      rows: bucketRows(labels, (i) => [...ranked.map((k) => countCell(perBucket[i][k] ?? 0)), countCell(Object.values(perBucket[i]).reduce((a, b) => a + b, 0))]),
    },
    empty: ranked.length ? undefined : emptyText,
  };
}

export function categoryChart(volume: VolumeMetrics, bucket: Bucket, locale?: string): ChartData {
  const s = volume.created.series;
  return breakdownChart(s, s.map((b) => b.byCategory), bucket, 'No escalation was created in this period.', locale);
}

export function rootCauseChart(volume: VolumeMetrics, bucket: Bucket, locale?: string): ChartData {
  const s = volume.completed.series;
  return breakdownChart(s, s.map((b) => b.byRootCause), bucket, 'No escalation was completed in this period.', locale);
}

// ---- breach and escalation rates -----------------------------------------------------------------

function rateCell(rate: number | null, part: number, r: Rates, what: string): TableCell {
  return rate === null ? { text: noValue(r.reason), value: null } : { text: `${percent(rate)} (${part} of ${r.completed} ${what})`, value: rate };
}

export function ratesChart(breaches: BreachMetrics, bucket: Bucket, locale?: string): ChartData {
  const labels = bucketLabels(breaches.series, bucket, locale);
  return {
    categories: labels.map((l) => l.short),
    series: [
      { label: 'Breach rate', values: breaches.series.map((b) => b.breachRate) },
      { label: 'Escalation rate', values: breaches.series.map((b) => b.escalationRate) },
    ],
    y: { kind: 'share' },
    table: {
      rowHeader: ROW_HEADER[bucket],
      columns: ['Breach rate', 'Escalation rate'],
      rows: bucketRows(labels, (i) => {
        const b = breaches.series[i];
        return [rateCell(b.breachRate, b.breached, b, 'breached'), rateCell(b.escalationRate, b.escalated, b, 'escalated')];
      }),
    },
  };
}

export function ratesSummary(r: Rates): string {
  if (r.breachRate === null) return `Over the period: ${noValue(r.reason).toLowerCase()}.`;
  return `Over the period: ${percent(r.breachRate)} breached (${r.breached} of ${r.completed} completed), ${percent(r.escalationRate!)} escalated to a manager (${r.escalated}).`;
}

// ---- handoffs ------------------------------------------------------------------------------------

/** The answering teams that answered anything in the period, in the API's order. */
function answeringTeams(handoffs: HandoffMetrics): string[] {
  return handoffs.byHandoffTeam.filter((t) => t.answered > 0).map((t) => t.team);
}

const NO_HANDOFFS = 'No handoff of the team’s cases was answered in this period.';

/** Median turnaround per bucket, a line per answering team. */
export function handoffTurnaroundChart(handoffs: HandoffMetrics, bucket: Bucket, locale?: string): ChartData {
  const labels = bucketLabels(handoffs.series, bucket, locale);
  const teams = answeringTeams(handoffs);
  const groups = handoffs.series.map((b) => teams.map((t) => b.byHandoffTeam.find((x) => x.team === t)!));
  const unit = durationUnit(groups.flat().map((g) => g.medianMs));
  const cell = (g: Turnaround): TableCell =>
    g.medianMs === null ? { text: noValue(g.reason), value: null } : { text: `${duration(g.medianMs)} (90th percentile ${duration(g.p90Ms ?? g.medianMs)}; ${g.answered} answered)`, value: g.medianMs };
  return {
    categories: labels.map((l) => l.short),
    series: teams.map((t, i) => ({ label: label(t), values: groups.map((g) => inUnit(g[i].medianMs, unit)) })),
    y: { kind: 'duration', unit },
    table: { rowHeader: ROW_HEADER[bucket], columns: teams.map(label), rows: bucketRows(labels, (i) => groups[i].map(cell)) },
    empty: teams.length ? undefined : NO_HANDOFFS,
  };
}

/** Share answered after the handoff's deadline per bucket, a line per answering team. */
export function handoffLateChart(handoffs: HandoffMetrics, bucket: Bucket, locale?: string): ChartData {
  const labels = bucketLabels(handoffs.series, bucket, locale);
  const teams = answeringTeams(handoffs);
  const groups = handoffs.series.map((b) => teams.map((t) => b.byHandoffTeam.find((x) => x.team === t)!));
  const cell = (g: Turnaround): TableCell =>
    g.breachRate === null ? { text: noValue(g.reason), value: null } : { text: `${percent(g.breachRate)} (${g.breached} of ${g.answered} late)`, value: g.breachRate };
  return {
    categories: labels.map((l) => l.short),
    series: teams.map((t, i) => ({ label: label(t), values: groups.map((g) => g[i].breachRate) })),
    y: { kind: 'share' },
    table: { rowHeader: ROW_HEADER[bucket], columns: teams.map(label), rows: bucketRows(labels, (i) => groups[i].map(cell)) },
    empty: teams.length ? undefined : NO_HANDOFFS,
  };
}

/** Each answering team over the whole period, in words. */
export function handoffSummary(handoffs: HandoffMetrics): string {
  const teams = handoffs.byHandoffTeam.filter((t) => t.answered > 0);
  if (!teams.length) return `Over the period: ${noValue(handoffs.totals.reason).toLowerCase()}.`;
  return `Over the period: ${teams.map((t) => `${label(t.team)} median ${duration(t.medianMs!)}, ${percent(t.breachRate!)} late (${t.breached} of ${t.answered})`).join('; ')}.`;
}

// ---- backlog -------------------------------------------------------------------------------------

/** Open cases per age bucket, a bar per case kind. */
export function backlogAgeChart(backlog: BacklogMetrics): ChartData {
  const ages = Object.keys(backlog.totals.byAge);
  const kinds = backlog.byKind.length > 1 ? backlog.byKind.filter((k) => k.open > 0) : backlog.byKind;
  const groups = kinds.length ? kinds : [{ ...backlog.totals, kind: 'open cases' }];
  const columns = groups.map((k) => label(k.kind));
  if (groups.length > 1) columns.push('Total');
  return {
    categories: ages,
    series: groups.map((k) => ({ label: label(k.kind), values: ages.map((a) => k.byAge[a]) })),
    y: { kind: 'count' },
    table: {
      rowHeader: 'Age',
      columns,
      rows: ages.map((a) => ({
        key: a,
        label: a,
        cells: [...groups.map((k) => countCell(k.byAge[a])), ...(groups.length > 1 ? [countCell(backlog.totals.byAge[a])] : [])],
      })),
    },
  };
}

export function backlogSummary(backlog: BacklogMetrics): string {
  const t = backlog.totals;
  if (t.open === 0) return `${noValue(t.reason)}.`;
  const age = t.medianAgeMs === null ? '' : `; median age ${duration(t.medianAgeMs)}, oldest ${duration(t.oldestAgeMs ?? t.medianAgeMs)}`;
  return `${t.open} open, ${t.breached} breached an SLA, ${t.overdue} past a deadline${age}.`;
}

/** A count per name (state or severity) with its share of the largest, for a bar in a table. */
export function countBars(counts: ReadonlyArray<[string, number]>): Array<{ key: string; label: string; count: number; width: number }> {
  const max = Math.max(1, ...counts.map(([, n]) => n));
  return counts.map(([key, n]) => ({ key, label: label(key), count: n, width: n / max }));
}

// ---- staffing ------------------------------------------------------------------------------------

/** Each case worker's active cases against their capacity (from the workload). */
export function loadChart(workload: Workload): ChartData {
  const workers = workload.members.filter((m) => m.capacity > 0 || m.activeCases > 0);
  return {
    categories: workers.map((m) => m.displayName.split(' ')[0]),
    series: [
      { label: 'Active cases', values: workers.map((m) => m.activeCases) },
      { label: 'Capacity', values: workers.map((m) => m.capacity) },
    ],
    y: { kind: 'count' },
    table: {
      rowHeader: 'Member',
      columns: ['Active cases', 'Capacity'],
      rows: workers.map((m) => ({ key: m.userId, label: m.displayName, cells: [countCell(m.activeCases), countCell(m.capacity)] })),
    },
    empty: workers.length ? undefined : 'Nobody on the team takes cases.',
  };
}
