import { DAY_MS } from '../../workflows/common/time-units';
/**
 * How old an open case is, in the buckets the workload and the metrics both report. Pure: no Nest,
 * ORM or clock.
 */
export const AGE_BUCKETS = ['<1d', '1-3d', '3-7d', '>7d'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];

/** A day of 24 hours, as the workload counts its age buckets, flow windows and days remaining. */

/** Where each bucket ends (exclusive), in days since creation; the last one has no end. */
export const AGE_BUCKET_ENDS_DAYS: Readonly<Record<AgeBucket, number | null>> = { '<1d': 1, '1-3d': 3, '3-7d': 7, '>7d': null };

export function ageBucket(ageMs: number): AgeBucket {
  for (const bucket of AGE_BUCKETS) {
    const end = AGE_BUCKET_ENDS_DAYS[bucket];
    if (end === null || ageMs < end * DAY_MS) return bucket;
  }
  return AGE_BUCKETS[AGE_BUCKETS.length - 1];
}
