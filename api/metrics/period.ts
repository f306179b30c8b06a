/**
 * The period a metric covers and the buckets it is split into. Pure: no Nest, ORM or clock (`now` is
 * passed in). Boundaries are calendar boundaries in the request's IANA time zone: a day starts at local
 * midnight, a week on Monday at local midnight (ISO weeks), a month on its first day; so a bucket can be
 * 23 or 25 hours long around a daylight-saving change. `from` is inclusive, `to` exclusive. A bucket is
 * identified by the local date it starts on (`key`, YYYY-MM-DD). The SQL finds each row's bucket among
 * these buckets' starts (width_bucket), so one time-zone database, this one, decides the boundaries a
 * response lists and the bucket every instant is counted in; PostgreSQL's never sees the zone.
 */
import { DateTime } from 'luxon';
import { isKnownTimeZone } from '../../workflows/common/time-zones';

export const BUCKETS = ['day', 'week', 'month'] as const;
export type Bucket = (typeof BUCKETS)[number];

export const DEFAULT_BUCKET: Bucket = 'week';
export const DEFAULT_TIME_ZONE = 'UTC';
/** Without `from`, a period covers this many buckets, the last one ending at `to`. */
export const DEFAULT_BUCKET_COUNT = 12;
/** The longest series one request may ask for. */
export const MAX_BUCKETS = 366;

export interface PeriodInput {
  from?: string;
  to?: string;
  bucket?: Bucket;
  timeZone?: string;
}

export interface PeriodBucket {
  /** The local date the whole bucket starts on (YYYY-MM-DD), even when the period clips it. */
  key: string;
  /** The part of the bucket inside the period: [from, to), epoch milliseconds. */
  from: number;
  to: number;
}

export interface Period {
  from: number;
  to: number;
  bucket: Bucket;
  timeZone: string;
  buckets: PeriodBucket[];
}

export interface FieldProblem {
  field: string;
  problems: string[];
}

export type PeriodResult = { ok: true; period: Period } | { ok: false; problems: FieldProblem[] };

// A calendar date, or a date and time with an optional fraction and an optional offset.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Reads `from`, `to`, `bucket` and `timeZone` (every one optional) into a period and its buckets, or
 * the problems with each field. A date or a date-time without an offset is read in `timeZone`.
 * Defaults: `to` now; `from` the start of the bucket holding the last instant before `to`, less
 * DEFAULT_BUCKET_COUNT - 1 buckets.
 */
export function resolvePeriod(input: PeriodInput, now: number): PeriodResult {
  const problems: FieldProblem[] = [];
  const bucket = input.bucket ?? DEFAULT_BUCKET;
  if (!(BUCKETS as readonly string[]).includes(bucket)) problems.push({ field: 'bucket', problems: [`bucket must be one of ${BUCKETS.join(', ')}`] });
  const timeZone = input.timeZone ?? DEFAULT_TIME_ZONE;
  if (!isKnownTimeZone(timeZone)) {
    problems.push({ field: 'timeZone', problems: [`timeZone '${timeZone}' is not an IANA time zone such as UTC, Europe/Berlin or Asia/Tokyo`] });
  }
  if (problems.length) return { ok: false, problems };

  const to = input.to === undefined ? now : parseInstant('to', input.to, timeZone, problems);
  const from =
    input.from === undefined
      ? to === null
        ? null
        : startOfBucket(to - 1, bucket, timeZone).minus({ [`${bucket}s`]: DEFAULT_BUCKET_COUNT - 1 }).toMillis()
      : parseInstant('from', input.from, timeZone, problems);
  if (from === null || to === null) return { ok: false, problems };
  if (from >= to) {
    return { ok: false, problems: [{ field: input.to === undefined ? 'from' : 'to', problems: [`to (${iso(to, timeZone)}) must be after from (${iso(from, timeZone)})`] }] };
  }
  const first = startOfBucket(from, bucket, timeZone);
  const span = Math.ceil(DateTime.fromMillis(to, { zone: timeZone }).diff(first, `${bucket}s`).get(`${bucket}s`));
  if (span > MAX_BUCKETS) {
    return {
      ok: false,
      problems: [{ field: 'from', problems: [`the period spans ${span} ${bucket}s; at most ${MAX_BUCKETS} buckets: choose a longer bucket or a shorter period`] }],
    };
  }

  const buckets: PeriodBucket[] = [];
  for (let start = first; start.toMillis() < to; ) {
    const next = start.plus({ [`${bucket}s`]: 1 });
    buckets.push({ key: start.toISODate()!, from: Math.max(start.toMillis(), from), to: Math.min(next.toMillis(), to) });
    start = next;
  }
  return { ok: true, period: { from, to, bucket, timeZone, buckets } };
}

/** A bucket as responses show it: its key and its part of the period, in the period's time zone. */
export interface BucketRange {
  key: string;
  from: string;
  to: string;
}

export function rangeOf(bucket: PeriodBucket, timeZone: string): BucketRange {
  return { key: bucket.key, from: iso(bucket.from, timeZone), to: iso(bucket.to, timeZone) };
}

/** The key (local start date) of the bucket an instant falls in. */
export function bucketKeyOf(instant: number, bucket: Bucket, timeZone: string): string {
  return startOfBucket(instant, bucket, timeZone).toISODate()!;
}

/** An instant as ISO 8601 with the time zone's offset at that instant (2026-03-02T00:00:00.000+01:00). */
export function iso(instant: number, timeZone: string): string {
  return DateTime.fromMillis(instant, { zone: timeZone }).toISO()!;
}

function startOfBucket(instant: number, bucket: Bucket, timeZone: string): DateTime {
  return DateTime.fromMillis(instant, { zone: timeZone }).startOf(bucket);
}

function parseInstant(field: 'from' | 'to', text: string, timeZone: string, problems: FieldProblem[]): number | null {
  const parsed = ISO_INSTANT.test(text) ? DateTime.fromISO(text, { zone: timeZone }) : null;
  if (!parsed?.isValid) {
    problems.push({
      field,
      problems: [`${field} must be an ISO 8601 date (2026-03-01, read in timeZone) or date-time (2026-03-01T09:00:00Z), got '${text}'`],
    });
    return null;
  }
  return parsed.toMillis();
}
