/**
 * The arithmetic every metric shares: shares of a whole and duration percentiles, each of which has no
 * value over nothing. An empty group answers `null` with a `reason` code instead of 0 or NaN, so a chart
 * can tell "none met" from "nothing to measure". Pure: no Nest, ORM or clock.
 */
import type { PeriodBucket } from './period';

/** Why a figure has no value. */
export const EMPTY_REASONS = {
  noClocksDecided: 'no_clocks_decided',
  noResponses: 'no_first_responses',
  noResolutions: 'no_resolutions',
  noCompletedCases: 'no_completed_cases',
  noAnsweredHandoffs: 'no_answered_handoffs',
  noOpenCases: 'no_open_cases',
} as const;
export type EmptyReason = (typeof EMPTY_REASONS)[keyof typeof EMPTY_REASONS];

/** part / whole, or null (with the reason) when the whole is 0. */
export function share(part: number, whole: number): number | null {
  if (!Number.isInteger(part) || !Number.isInteger(whole) || part < 0 || part > whole) {
    throw new RangeError(`a share needs whole counts with 0 <= part <= whole, got ${part} / ${whole}`);
  }
  return whole === 0 ? null : part / whole;
}

/** Durations of a group: how many, and their median and 90th percentile in whole milliseconds. */
export interface Durations {
  count: number;
  medianMs: number | null;
  p90Ms: number | null;
  reason: EmptyReason | null;
}

/** What the SQL computes per group: a count and percentile_cont(0.5) / (0.9) in milliseconds. */
export interface DurationRow {
  count: number;
  medianMs: number | null;
  p90Ms: number | null;
}

/** A group's durations; no rows, or a count of 0, is an empty group with its reason. */
export function durations(row: DurationRow | undefined, reason: EmptyReason): Durations {
  if (!row || row.count === 0) return { count: 0, medianMs: null, p90Ms: null, reason };
  return { count: row.count, medianMs: wholeMs(row.medianMs), p90Ms: wholeMs(row.p90Ms), reason: null };
}

function wholeMs(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms);
}

/**
 * Checks that every key a query returned is a bucket of the period. The repository maps each row's
 * bucket number to one of the period's own keys, so a stray key means the period and the rows were
 * built from different buckets, and no figure is safe.
 */
export function requireKnownBuckets(buckets: readonly PeriodBucket[], keys: Iterable<string | null>): void {
  const known = new Set(buckets.map((b) => b.key));
  for (const key of keys) {
    if (key !== null && !known.has(key)) throw new Error(`the database placed a row in bucket ${key}, which is not a bucket of the period`);
  }
}

/** Zero-filled counts per key, in the order of `known`, then any other keys the data has (sorted). */
export function countsByKey(known: readonly string[], entries: Iterable<readonly [string, number]>): Record<string, number> {
  const extra = new Map<string, number>();
  const out: Record<string, number> = Object.fromEntries(known.map((k) => [k, 0]));
  for (const [key, n] of entries) {
    if (key in out) out[key] += n;
    else extra.set(key, (extra.get(key) ?? 0) + n);
  }
  for (const key of [...extra.keys()].sort()) out[key] = extra.get(key)!;
  return out;
}

/** The keys to report a dimension under: the known ones, then any others the data has (sorted). */
export function keysOf(known: readonly string[], seen: Iterable<string>): string[] {
  const extra = new Set<string>();
  for (const key of seen) if (!known.includes(key)) extra.add(key);
  return [...known, ...[...extra].sort()];
}

/** Rows grouped by a key, in their order. */
export function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}
