/**
 * Volume: how many cases arrive, by kind and by escalation category, and how many are completed, by
 * root cause: the trend the team uses to fix causes upstream.
 *
 * - created: cases whose creation falls in the bucket.
 * - completed: cases whose completion falls in the bucket: resolved (its latest resolution, for a case
 *   resolved again after a reopening), or closed without a resolution. A reopened case that is open
 *   again is not completed, and counts when it is resolved again, under the root cause of that
 *   resolution.
 * - byCategory / byRootCause: escalations only (other kinds have neither); they sum to the
 *   escalations among the cases counted. An escalation completed without a root cause counts under
 *   `unrecorded`.
 *
 * Pure: the SQL counts cases by bucket, kind and category (or root cause).
 */
import { countsByKey, groupBy, requireKnownBuckets } from './figures';
import { rangeOf, type BucketRange, type Period } from './period';

/** The kind whose cases have a category and, once resolved, a root cause. */
export const CATEGORISED_KIND = 'escalation';
export const UNRECORDED = 'unrecorded';

/** Cases of one bucket, kind and category or root cause (null for kinds that have none). */
export interface CaseCount {
  bucket: string;
  kind: string;
  label: string | null;
  count: number;
}

interface Side {
  total: number;
  byKind: Record<string, number>;
  byLabel: Record<string, number>;
  series: Array<BucketRange & { total: number; byLabel: Record<string, number> }>;
}

export interface VolumeReport {
  created: {
    total: number;
    byKind: Record<string, number>;
    byCategory: Record<string, number>;
    series: Array<BucketRange & { total: number; byCategory: Record<string, number> }>;
  };
  completed: {
    total: number;
    byKind: Record<string, number>;
    byRootCause: Record<string, number>;
    series: Array<BucketRange & { total: number; byRootCause: Record<string, number> }>;
  };
}

export function volumeReport(
  created: readonly CaseCount[],
  completed: readonly CaseCount[],
  period: Period,
  vocabulary: { kinds: readonly string[]; categories: readonly string[]; rootCauses: readonly string[] },
): VolumeReport {
  const c = side(created, period, vocabulary.kinds, vocabulary.categories);
  const d = side(completed, period, vocabulary.kinds, vocabulary.rootCauses);
  return {
    created: { total: c.total, byKind: c.byKind, byCategory: c.byLabel, series: c.series.map(({ byLabel, ...b }) => ({ ...b, byCategory: byLabel })) },
    completed: { total: d.total, byKind: d.byKind, byRootCause: d.byLabel, series: d.series.map(({ byLabel, ...b }) => ({ ...b, byRootCause: byLabel })) },
  };
}

function side(rows: readonly CaseCount[], period: Period, kinds: readonly string[], labels: readonly string[]): Side {
  requireKnownBuckets(period.buckets, rows.map((r) => r.bucket));
  const labelled = (subset: readonly CaseCount[]) =>
    countsByKey(
      labels,
      subset.filter((r) => r.kind === CATEGORISED_KIND).map((r) => [r.label ?? UNRECORDED, r.count] as const),
    );
  const sum = (subset: readonly CaseCount[]) => subset.reduce((n, r) => n + r.count, 0);
  const byBucket = groupBy(rows, (r) => r.bucket);
  return {
    total: sum(rows),
    byKind: countsByKey(kinds, rows.map((r) => [r.kind, r.count] as const)),
    byLabel: labelled(rows),
    series: period.buckets.map((b) => {
      const inBucket = byBucket.get(b.key) ?? [];
      return { ...rangeOf(b, period.timeZone), total: sum(inBucket), byLabel: labelled(inBucket) };
    }),
  };
}
