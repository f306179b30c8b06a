/**
 * Breach and escalation rates, over the cases completed in a bucket (resolved, or closed without a
 * resolution, at their latest completion: the same cases `volume` counts as completed):
 *
 *   breachRate     = breached / completed    breached: a team SLA clock of the case breached at any
 *                                            time (`cases.breached`: the breach stays on record after
 *                                            the case is resolved, and through a reopening)
 *   escalationRate = escalated / completed   escalated: the case was escalated to a manager at least
 *                                            once (by hand or by an SLA breach)
 *
 * Counting completed cases, not created ones, gives each case its final word: a case still open may
 * yet breach. Pure: the SQL counts completed, breached and escalated cases by bucket, kind and severity.
 */
import { EMPTY_REASONS, groupBy, keysOf, requireKnownBuckets, share, type EmptyReason } from './figures';
import { rangeOf, type BucketRange, type Period } from './period';

/** A state that means "escalated to a manager"; an event into it escalates the case. */
export const ESCALATED_STATES: readonly string[] = ['escalated_to_manager'];

export interface CompletionCount {
  bucket: string;
  kind: string;
  severity: string;
  completed: number;
  breached: number;
  escalated: number;
}

export interface Rates {
  completed: number;
  breached: number;
  escalated: number;
  breachRate: number | null;
  escalationRate: number | null;
  reason: EmptyReason | null;
}

export interface BreachReport {
  totals: Rates;
  byKind: Array<{ kind: string } & Rates>;
  bySeverity: Array<{ severity: string } & Rates>;
  series: Array<BucketRange & Rates>;
}

export function ratesOf(rows: readonly Pick<CompletionCount, 'completed' | 'breached' | 'escalated'>[]): Rates {
  let completed = 0;
  let breached = 0;
  let escalated = 0;
  for (const r of rows) {
    completed += r.completed;
    breached += r.breached;
    escalated += r.escalated;
  }
  const breachRate = share(breached, completed);
  return {
    completed,
    breached,
    escalated,
    breachRate,
    escalationRate: share(escalated, completed),
    reason: breachRate === null ? EMPTY_REASONS.noCompletedCases : null,
  };
}

export function breachReport(rows: readonly CompletionCount[], period: Period, dims: { kinds: readonly string[]; severities: readonly string[] }): BreachReport {
  requireKnownBuckets(period.buckets, rows.map((r) => r.bucket));
  const byKind = groupBy(rows, (r) => r.kind);
  const bySeverity = groupBy(rows, (r) => r.severity);
  const byBucket = groupBy(rows, (r) => r.bucket);
  return {
    totals: ratesOf(rows),
    byKind: keysOf(dims.kinds, byKind.keys()).map((kind) => ({ kind, ...ratesOf(byKind.get(kind) ?? []) })),
    bySeverity: keysOf(dims.severities, bySeverity.keys()).map((severity) => ({ severity, ...ratesOf(bySeverity.get(severity) ?? []) })),
    series: period.buckets.map((b) => ({ ...rangeOf(b, period.timeZone), ...ratesOf(byBucket.get(b.key) ?? []) })),
  };
}
