/**
 * SLA attainment: of the team's SLA clocks decided in a bucket, the share that were met.
 *
 *   attainment = met / (met + missed)
 *
 * A clock is decided when it stops as met (at its stop) or breaches (at its breach). A breached clock
 * is missed even if the case was resolved afterwards (a breach stays on record; the clock keeps status
 * `breached`), and it is decided at the breach, not at the later stop. Running and paused clocks are
 * not decided (a pause only stops the clock counting time; the clock is judged when it stops or
 * breaches). Cancelled clocks and the seller's own deadline (`seller_response`, what the seller owes,
 * never the team's SLA) do not count; they are reported under `excluded`. A reopened case gets a new
 * resolution clock (`resolution#2`), decided on its own. Pure: the SQL counts clocks by bucket, case
 * kind, severity, clock kind and status; this file decides what each count means.
 */
import { EMPTY_REASONS, groupBy, keysOf, requireKnownBuckets, share, type EmptyReason } from './figures';
import { rangeOf, type BucketRange, type Period } from './period';

/** Clocks that measure what the seller owes, never the team. */
export const SELLER_CLOCKS: readonly string[] = ['seller_response'];

/** Decided clocks of one bucket, case kind, severity, clock kind and status (from the SQL). */
export interface ClockCount {
  bucket: string;
  caseKind: string;
  severity: string;
  clock: string;
  status: string;
  count: number;
}

export type ClockOutcome =
  | { counts: true; outcome: 'met' | 'missed' }
  | { counts: false; excludedAs: 'seller_clock' | 'cancelled' | 'undecided' };

/** What one clock means for attainment, from its kind and status alone. */
export function clockOutcome(clock: string, status: string): ClockOutcome {
  if (SELLER_CLOCKS.includes(clock)) return { counts: false, excludedAs: 'seller_clock' };
  switch (status) {
    case 'met':
      return { counts: true, outcome: 'met' };
    case 'breached':
      return { counts: true, outcome: 'missed' };
    case 'cancelled':
      return { counts: false, excludedAs: 'cancelled' };
    default:
      return { counts: false, excludedAs: 'undecided' };
  }
}

export interface Attainment {
  met: number;
  missed: number;
  /** met + missed */
  decided: number;
  /** met / decided; null when nothing was decided */
  attainment: number | null;
  reason: EmptyReason | null;
}

export interface SlaAttainmentReport {
  totals: Attainment;
  byKind: Array<{ kind: string } & Attainment>;
  bySeverity: Array<{ severity: string } & Attainment>;
  byClock: Array<{ clock: string } & Attainment>;
  /** Clocks decided in the period that do not count, and why. */
  excluded: { sellerClock: number; cancelled: number };
  series: Array<BucketRange & Attainment & { byClock: Array<{ clock: string } & Attainment>; bySeverity: Array<{ severity: string } & Attainment> }>;
}

export interface SlaDimensions {
  kinds: readonly string[];
  severities: readonly string[];
  clocks: readonly string[];
}

interface Tally {
  met: number;
  missed: number;
}

export function slaAttainment(rows: readonly ClockCount[], period: Period, dims: SlaDimensions): SlaAttainmentReport {
  requireKnownBuckets(period.buckets, rows.map((r) => r.bucket));
  const excluded = { sellerClock: 0, cancelled: 0 };
  const counted: Array<ClockCount & { outcome: 'met' | 'missed' }> = [];
  for (const row of rows) {
    const o = clockOutcome(row.clock, row.status);
    if (o.counts) counted.push({ ...row, outcome: o.outcome });
    else if (o.excludedAs === 'seller_clock') excluded.sellerClock += row.count;
    else if (o.excludedAs === 'cancelled') excluded.cancelled += row.count;
  }

  type Counted = (typeof counted)[number];
  const tally = (subset: readonly Counted[]): Attainment => {
    const t: Tally = { met: 0, missed: 0 };
    for (const r of subset) t[r.outcome] += r.count;
    return attainmentOf(t);
  };
  const clocks = keysOf(dims.clocks, counted.map((r) => r.clock));
  const byClock = (subset: readonly Counted[]) => {
    const groups = groupBy(subset, (r) => r.clock);
    return clocks.map((clock) => ({ clock, ...tally(groups.get(clock) ?? []) }));
  };
  const severities = keysOf(dims.severities, counted.map((r) => r.severity));
  const bySeverity = (subset: readonly Counted[]) => {
    const groups = groupBy(subset, (r) => r.severity);
    return severities.map((severity) => ({ severity, ...tally(groups.get(severity) ?? []) }));
  };
  const byKind = groupBy(counted, (r) => r.caseKind);
  const byBucket = groupBy(counted, (r) => r.bucket);

  return {
    totals: tally(counted),
    byKind: keysOf(dims.kinds, byKind.keys()).map((kind) => ({ kind, ...tally(byKind.get(kind) ?? []) })),
    bySeverity: bySeverity(counted),
    byClock: byClock(counted),
    excluded,
    series: period.buckets.map((b) => {
      const inBucket = byBucket.get(b.key) ?? [];
      return { ...rangeOf(b, period.timeZone), ...tally(inBucket), byClock: byClock(inBucket), bySeverity: bySeverity(inBucket) };
    }),
  };
}

export function attainmentOf({ met, missed }: Tally): Attainment {
  const decided = met + missed;
  const attainment = share(met, decided);
  return { met, missed, decided, attainment, reason: attainment === null ? EMPTY_REASONS.noClocksDecided : null };
}
