/**
 * Backlog age: the open cases now (`cases.is_open`: every state but the kind's finished ones, so a
 * case waiting on the seller or on a handoff is open) and how long since each was created:
 *
 *   age = now - created_at     (calendar time; a reopened case counts from its creation)
 *
 * in the workload's age buckets (<1d, 1-3d, 3-7d, >7d: lower bound included), with the median, the
 * 90th percentile and the oldest; `breached`: open cases that have breached a team SLA; `overdue`: open
 * cases whose soonest running team deadline (`cases.due_at`) has passed. A snapshot at one instant, so
 * it takes no period. Pure: the SQL counts the open cases per kind, severity and state and takes the
 * age percentiles over every case, each kind and each severity (GROUPING SETS ((), (kind), (severity)));
 * backlogGroups adds the counts up into the groups the report shows.
 */
import { AGE_BUCKETS, type AgeBucket } from '../workload/age-buckets';
import { durations, EMPTY_REASONS, keysOf, type EmptyReason } from './figures';

/** The open cases of one kind, severity and state (from the SQL). */
export interface BacklogCount {
  kind: string;
  severity: string;
  state: string;
  open: number;
  byAge: Record<AgeBucket, number>;
  breached: number;
  overdue: number;
  oldestAgeMs: number;
}

/** The age percentiles of every open case (kind and severity null), of one kind, or of one severity (from the SQL). */
export interface BacklogAges {
  kind: string | null;
  severity: string | null;
  medianAgeMs: number | null;
  p90AgeMs: number | null;
}

/**
 * One group of the report: every open case (kind, severity and state null), one kind, one severity or
 * one state. A state's group has no percentiles (null): the report shows only its count.
 */
export interface BacklogGroup {
  kind: string | null;
  severity: string | null;
  state: string | null;
  open: number;
  byAge: Record<AgeBucket, number>;
  breached: number;
  overdue: number;
  medianAgeMs: number | null;
  p90AgeMs: number | null;
  oldestAgeMs: number | null;
}

export interface BacklogFigures {
  open: number;
  byAge: Record<AgeBucket, number>;
  medianAgeMs: number | null;
  p90AgeMs: number | null;
  oldestAgeMs: number | null;
  breached: number;
  overdue: number;
  reason: EmptyReason | null;
}

export interface BacklogReport {
  totals: BacklogFigures;
  byKind: Array<{ kind: string } & BacklogFigures>;
  bySeverity: Array<{ severity: string } & BacklogFigures>;
  byState: Record<string, number>;
}

/**
 * The report's groups from the counts per kind, severity and state: counts and age buckets add up,
 * the oldest is the oldest of the parts; the percentiles, which do not add up, come from `ages`.
 */
export function backlogGroups(counts: readonly BacklogCount[], ages: readonly BacklogAges[]): BacklogGroup[] {
  const percentiles = (kind: string | null, severity: string | null) => {
    const found = ages.find((a) => a.kind === kind && a.severity === severity);
    return { medianAgeMs: found?.medianAgeMs ?? null, p90AgeMs: found?.p90AgeMs ?? null };
  };
  const sum = (parts: readonly BacklogCount[], key: Pick<BacklogGroup, 'kind' | 'severity' | 'state'>, withPercentiles: boolean): BacklogGroup => ({
    ...key,
    open: parts.reduce((n, c) => n + c.open, 0),
    byAge: Object.fromEntries(AGE_BUCKETS.map((b) => [b, parts.reduce((n, c) => n + c.byAge[b], 0)])) as Record<AgeBucket, number>,
    breached: parts.reduce((n, c) => n + c.breached, 0),
    overdue: parts.reduce((n, c) => n + c.overdue, 0),
    ...(withPercentiles ? percentiles(key.kind, key.severity) : { medianAgeMs: null, p90AgeMs: null }),
    oldestAgeMs: parts.length === 0 ? null : Math.max(...parts.map((c) => c.oldestAgeMs)),
  });
  const none = { kind: null, severity: null, state: null };
  const distinct = (pick: (c: BacklogCount) => string) => [...new Set(counts.map(pick))];
  return [
    ...(counts.length === 0 ? [] : [sum(counts, none, true)]),
    ...distinct((c) => c.kind).map((kind) => sum(counts.filter((c) => c.kind === kind), { ...none, kind }, true)),
    ...distinct((c) => c.severity).map((severity) => sum(counts.filter((c) => c.severity === severity), { ...none, severity }, true)),
    ...distinct((c) => c.state).map((state) => sum(counts.filter((c) => c.state === state), { ...none, state }, false)),
  ];
}

export function backlogFigures(group: BacklogGroup | undefined): BacklogFigures {
  const d = durations(group && { count: group.open, medianMs: group.medianAgeMs, p90Ms: group.p90AgeMs }, EMPTY_REASONS.noOpenCases);
  if (!group || d.count === 0) {
    const byAge = Object.fromEntries(AGE_BUCKETS.map((b) => [b, 0])) as Record<AgeBucket, number>;
    return { open: 0, byAge, medianAgeMs: null, p90AgeMs: null, oldestAgeMs: null, breached: 0, overdue: 0, reason: d.reason };
  }
  const inBuckets = AGE_BUCKETS.reduce((n, b) => n + group.byAge[b], 0);
  if (inBuckets !== group.open) throw new Error(`the age buckets hold ${inBuckets} cases, not the ${group.open} open`);
  return {
    open: group.open,
    byAge: group.byAge,
    medianAgeMs: d.medianMs,
    p90AgeMs: d.p90Ms,
    oldestAgeMs: group.oldestAgeMs === null ? null : Math.round(group.oldestAgeMs),
    breached: group.breached,
    overdue: group.overdue,
    reason: null,
  };
}

export function backlogReport(groups: readonly BacklogGroup[], dims: { kinds: readonly string[]; severities: readonly string[]; states: readonly string[] }): BacklogReport {
  const total = groups.find((g) => g.kind === null && g.severity === null && g.state === null);
  const perKind = groups.filter((g) => g.kind !== null);
  const perSeverity = groups.filter((g) => g.severity !== null);
  const perState = groups.filter((g) => g.state !== null);
  const states = keysOf(dims.states, perState.map((g) => g.state!));
  return {
    totals: backlogFigures(total),
    byKind: keysOf(dims.kinds, perKind.map((g) => g.kind!)).map((kind) => ({ kind, ...backlogFigures(perKind.find((g) => g.kind === kind)) })),
    bySeverity: keysOf(dims.severities, perSeverity.map((g) => g.severity!)).map((severity) => ({
      severity,
      ...backlogFigures(perSeverity.find((g) => g.severity === severity)),
    })),
    byState: Object.fromEntries(states.map((state) => [state, perState.find((g) => g.state === state)?.open ?? 0])),
  };
}
