/**
 * Time to first response and time to resolution: wall-clock time from a case's creation to the event,
 * summarised by the median and the 90th percentile (percentile_cont: linear interpolation between the
 * two nearest values), per bucket of the event's instant.
 *
 * - First response: the case's first `acknowledged` or `claimed` event (the assignee accepting the
 *   case, or a specialist taking it from the queue). Later ones (after a reassignment or a reopening)
 *   are not first responses.
 * - Resolution: the case's first resolution that took effect: a `resolved` event that left the case
 *   resolved, or the `qa_released` event of a resolution held for pre-release QA (the maker's `resolved`
 *   then left it in `qa_hold`, and the seller had no answer yet). A reopened case keeps the time of its
 *   first resolution, so a reopening never changes a figure already reported; reopenings are counted
 *   separately (`reopened`: `reopened` events in the bucket).
 *
 * Calendar time, not business time: this is how long the seller waited. Whether the team met its
 * business-hours targets is SLA attainment. Pure: the SQL computes counts and percentiles per group;
 * this file turns them into the answer, with a reason wherever a group is empty.
 */
import { durations, EMPTY_REASONS, keysOf, requireKnownBuckets, type DurationRow, type Durations } from './figures';
import { rangeOf, type BucketRange, type Period } from './period';

/** Audit actions that are a case's first response, whichever comes first. */
export const FIRST_RESPONSE_ACTIONS = ['acknowledged', 'claimed'] as const;
/** The audit actions that can put a resolution in effect, and the state such an event leaves the case in. */
export const RESOLUTION_EVENTS = { actions: ['resolved', 'qa_released'], toState: 'resolved' } as const;
/** The audit action that reopens a resolved case. */
export const REOPEN_ACTION = 'reopened';

/** One group of the SQL's GROUPING SETS ((), (bucket), (kind)): bucket and kind both null is the total. */
export interface DurationGroup extends DurationRow {
  bucket: string | null;
  kind: string | null;
}

export interface DurationReport {
  totals: Durations;
  byKind: Array<{ kind: string } & Durations>;
  series: Array<BucketRange & Durations>;
}

export interface ResponseTimesReport {
  firstResponse: DurationReport;
  resolution: DurationReport;
  reopened: { total: number; series: Array<BucketRange & { count: number }> };
}

export function durationReport(
  groups: readonly DurationGroup[],
  period: Period,
  kinds: readonly string[],
  reason: typeof EMPTY_REASONS.noResponses | typeof EMPTY_REASONS.noResolutions,
): DurationReport {
  requireKnownBuckets(period.buckets, groups.map((g) => g.bucket));
  const total = groups.find((g) => g.bucket === null && g.kind === null);
  const perKind = groups.filter((g) => g.bucket === null && g.kind !== null);
  const perBucket = groups.filter((g) => g.bucket !== null && g.kind === null);
  return {
    totals: durations(total, reason),
    byKind: keysOf(kinds, perKind.map((g) => g.kind!)).map((kind) => ({ kind, ...durations(perKind.find((g) => g.kind === kind), reason) })),
    series: period.buckets.map((b) => ({ ...rangeOf(b, period.timeZone), ...durations(perBucket.find((g) => g.bucket === b.key), reason) })),
  };
}

export function responseTimesReport(
  firstResponses: readonly DurationGroup[],
  resolutions: readonly DurationGroup[],
  reopens: ReadonlyMap<string, number>,
  period: Period,
  kinds: readonly string[],
): ResponseTimesReport {
  requireKnownBuckets(period.buckets, reopens.keys());
  const series = period.buckets.map((b) => ({ ...rangeOf(b, period.timeZone), count: reopens.get(b.key) ?? 0 }));
  return {
    firstResponse: durationReport(firstResponses, period, kinds, EMPTY_REASONS.noResponses),
    resolution: durationReport(resolutions, period, kinds, EMPTY_REASONS.noResolutions),
    reopened: { total: series.reduce((n, b) => n + b.count, 0), series },
  };
}
