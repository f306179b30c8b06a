/**
 * Handoff turnaround: how long Legal, Policy, Customer Trust (and account managers, for consultations)
 * take to answer the questions a team's cases hand them, per bucket of the answer's instant:
 *
 *   turnaround = answered_at - requested_at     (calendar time; median and 90th percentile)
 *   breachRate = breached / answered            (answered after the handoff's own SLA deadline)
 *
 * Only answered handoffs count; cancelled ones (the case was resolved first) have no answer, and open
 * ones are not done yet. Pure: the SQL computes the groups (GROUPING SETS ((), (team), (bucket),
 * (bucket, team))); this file turns them into the answer, with a reason wherever a group is empty.
 */
import { durations, EMPTY_REASONS, keysOf, requireKnownBuckets, share, type DurationRow, type EmptyReason } from './figures';
import { rangeOf, type BucketRange, type Period } from './period';

export interface HandoffGroup extends DurationRow {
  bucket: string | null;
  team: string | null;
  breached: number;
}

export interface Turnaround {
  answered: number;
  breached: number;
  breachRate: number | null;
  medianMs: number | null;
  p90Ms: number | null;
  reason: EmptyReason | null;
}

export interface HandoffReport {
  totals: Turnaround;
  byHandoffTeam: Array<{ team: string } & Turnaround>;
  series: Array<BucketRange & Turnaround & { byHandoffTeam: Array<{ team: string } & Turnaround> }>;
}

export function turnaroundOf(group: HandoffGroup | undefined): Turnaround {
  const d = durations(group, EMPTY_REASONS.noAnsweredHandoffs);
  const breached = d.count === 0 ? 0 : group!.breached;
  return { answered: d.count, breached, breachRate: share(breached, d.count), medianMs: d.medianMs, p90Ms: d.p90Ms, reason: d.reason };
}

export function handoffReport(groups: readonly HandoffGroup[], period: Period, teams: readonly string[]): HandoffReport {
  requireKnownBuckets(period.buckets, groups.map((g) => g.bucket));
  const find = (bucket: string | null, team: string | null) => groups.find((g) => g.bucket === bucket && g.team === team);
  const allTeams = keysOf(teams, groups.filter((g) => g.team !== null).map((g) => g.team!));
  const byTeam = (bucket: string | null) => allTeams.map((team) => ({ team, ...turnaroundOf(find(bucket, team)) }));
  return {
    totals: turnaroundOf(find(null, null)),
    byHandoffTeam: byTeam(null),
    series: period.buckets.map((b) => ({ ...rangeOf(b, period.timeZone), ...turnaroundOf(find(b.key, null)), byHandoffTeam: byTeam(b.key) })),
  };
}
