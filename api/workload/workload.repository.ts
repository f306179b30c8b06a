import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { liveResolutionClockWhere } from '../../db/migrations/1764169200000-case-resolution-clock';
import { AGE_BUCKETS, AGE_BUCKET_ENDS_DAYS, type AgeBucket } from './age-buckets';
import type { OpenCaseClock } from './resolution-deadline';
import { DAY_MS } from '../../workflows/common/time-units';

export interface TaskCounts {
  dueSoon: number;
  overdue: number;
}

/** The open cases of a team, aggregated for the workload (see WorkloadRepository.openCases). */
export interface OpenCases {
  total: number;
  /** Per kind (in the order of each kind's oldest open case), the open cases per age bucket. */
  byKind: Array<{ kind: string; byAge: Map<AgeBucket, number> }>;
  /**
   * The stored resolution deadlines (epoch ms) of the cases whose live clock is running or breached:
   * only those that can be the staffing plan's median once the paused and clockless cases' deadlines
   * are added (`middle`, sorted), and how many lie before them (`below`) and after them (`above`).
   */
  storedDeadlines: { below: number; middle: number[]; above: number };
  /** Cases whose open clock is paused, grouped by what projecting the deadline reads. */
  paused: Array<{ clock: OpenCaseClock; n: number }>;
  /** Cases without an open resolution clock, grouped by what the policy estimate reads. */
  unclocked: Array<{ kind: string; severity: string; createdAt: number; n: number }>;
}

/** Counts per 24-hour bucket, bucket 0 being the last 24 hours before `now`. */
export type BucketCounts = Map<number, number>;

/** Seconds in a 24-hour bucket (the SQL divides epoch seconds). */
const DAY_SECONDS = DAY_MS / 1000;

/**
 * `middle`: from `counted` (the stored deadlines sorted, and how many cases have a paused clock or
 * none: `estimated`), the part of the sorted list the median of all deadlines can be. With S stored
 * and at most E more computed by the service, the median's positions in the whole list are between
 * (S - 1) / 2 and (S + E) / 2, and a stored deadline at position p there is at position p - E to p
 * among the stored ones: so the stored positions from (S - 1) / 2 - E to (S + E) / 2 (0-based, integer
 * division), clipped to the list, are enough (staffing-plan.ts, medianOf, says why the rest may be
 * known by count alone). Without paused or clockless cases that is the one or two middle deadlines.
 */
const MIDDLE_OF_STORED = `middle AS (
         SELECT total, stored, estimated, paused, lo AS below, COALESCE(sorted[lo + 1 : least(stored - 1, (stored + estimated) / 2) + 1], '{}') AS middle
           FROM (SELECT *, greatest(0, (stored - 1) / 2 - estimated) AS lo FROM counted) c
       )`;

/**
 * Read-only queries for the workload view, in raw SQL against the tables the migrations define (the
 * read model is written by the workflows' projection activities). `now` is passed in so that every
 * query of one response uses the same instant.
 */
@Injectable()
export class WorkloadRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Unfinished cases assigned to each of these users (any team, any kind). */
  async activeCasesByAssignee(userIds: readonly string[]): Promise<Map<string, number>> {
    const rows: Array<{ assignee_id: string; n: number }> = await this.dataSource.query(
      `SELECT assignee_id, count(*)::int AS n FROM cases
        WHERE assignee_id = ANY($1::text[]) AND is_open
        GROUP BY assignee_id`,
      [[...userIds]],
    );
    return new Map(rows.map((r) => [r.assignee_id, r.n]));
  }

  /** Open tasks of each user: overdue (due before now) and due soon (due in [now, dueSoonUntil)). */
  async openTasksByAssignee(userIds: readonly string[], now: Date, dueSoonUntil: Date): Promise<Map<string, TaskCounts>> {
    const rows: Array<{ assignee_id: string; due_soon: number; overdue: number }> = await this.dataSource.query(
      `SELECT assignee_id,
              count(*) FILTER (WHERE due_at >= $2 AND due_at < $3)::int AS due_soon,
              count(*) FILTER (WHERE due_at < $2)::int AS overdue
         FROM tasks
        WHERE status = 'open' AND assignee_id = ANY($1::text[])
        GROUP BY assignee_id`,
      [[...userIds], now, dueSoonUntil],
    );
    return new Map(rows.map((r) => [r.assignee_id, { dueSoon: r.due_soon, overdue: r.overdue }]));
  }

  /** The team's open tasks nobody holds yet (its queue). */
  async openQueueTasks(team: string, now: Date, dueSoonUntil: Date): Promise<TaskCounts & { open: number }> {
    const [row]: Array<{ open: number; due_soon: number; overdue: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS open,
              count(*) FILTER (WHERE due_at >= $2 AND due_at < $3)::int AS due_soon,
              count(*) FILTER (WHERE due_at < $2)::int AS overdue
         FROM tasks
        WHERE status = 'open' AND team = $1 AND assignee_id IS NULL`,
      [team, now, dueSoonUntil],
    );
    return { open: row.open, dueSoon: row.due_soon, overdue: row.overdue };
  }

  /**
   * The team's unfinished cases, aggregated in the database from one index range of the open cases
   * (`ix_cases_open_backlog`), each row carrying its live resolution clock's status and deadline
   * (migration 1764169200000): counts per kind and age, and of the running or breached deadlines only
   * the middle the staffing plan's median can fall in (see `MIDDLE_OF_STORED`). Only for paused clocks
   * and cases without a clock, which are counted first and read only when there are some, the few
   * fields the service's deadline arithmetic (resolution-deadline.ts) reads, grouped so equal inputs
   * are computed once. Times are truncated to milliseconds, as node-postgres reads them into a Date.
   */
  async openCases(team: string, now: Date): Promise<OpenCases> {
    const params: unknown[] = [team];
    // Per age bucket the cases created since its start (exclusive end in days, AGE_BUCKET_ENDS_DAYS) and
    // before the previous one's: with the creation truncated to the millisecond, age < end exactly when
    // created_at >= now - end + 1 ms.
    const starts = AGE_BUCKETS.map((b) => {
      const end = AGE_BUCKET_ENDS_DAYS[b];
      if (end === null) return null;
      params.push(new Date(now.getTime() - end * DAY_SECONDS * 1000 + 1));
      return `$${params.length}::timestamptz`;
    });
    const ageCounts = AGE_BUCKETS.map((_, i) => {
      const conditions = [...(starts[i] === null ? [] : [`created_at >= ${starts[i]}`]), ...(i > 0 && starts[i - 1] !== null ? [`created_at < ${starts[i - 1]}`] : [])];
      return `count(*) FILTER (WHERE ${conditions.join(' AND ') || 'true'})::int`;
    });
    // date_part (a double), not extract (numeric since PostgreSQL 14, slower per row); the values are whole milliseconds.
    const epochMs = (col: string) => `(date_part('epoch', date_trunc('milliseconds', ${col})) * 1000)::bigint`;
    const [row]: Array<{
      total: number;
      below: number;
      above: number;
      middle: string[] | null;
      by_kind: Array<{ kind: string; counts: number[] }> | null;
      paused: Array<{ status: string; deadline_at: number; calendar_id: string; snapshot: unknown; n: number }> | null;
      unclocked: Array<{ kind: string; severity: string; created_at: number; n: number }> | null;
    }> = await this.dataSource.query(
      `WITH open AS NOT MATERIALIZED (
         SELECT kind, severity, created_at, resolution_clock_status AS status, resolution_deadline_at AS deadline_at
           FROM cases WHERE team = $1 AND is_open
       ),
       counted AS (
         SELECT count(*)::int AS total,
                count(*) FILTER (WHERE status IN ('running', 'breached'))::int AS stored,
                count(*) FILTER (WHERE status = 'paused' OR status IS NULL)::int AS estimated,
                count(*) FILTER (WHERE status = 'paused')::int AS paused,
                array_agg(deadline_at ORDER BY deadline_at) FILTER (WHERE status IN ('running', 'breached')) AS sorted
           FROM open
       ),
       ${MIDDLE_OF_STORED}
       SELECT m.total, m.below, m.stored - m.below - cardinality(m.middle) AS above,
              (SELECT array_agg(${epochMs('d')} ORDER BY i) FROM unnest(m.middle) WITH ORDINALITY AS x(d, i)) AS middle,
              (SELECT json_agg(json_build_object('kind', kind, 'counts', json_build_array(${AGE_BUCKETS.map((_, i) => `b${i}`).join(', ')})) ORDER BY oldest, kind) FROM (
                 SELECT kind, min(created_at) AS oldest, ${ageCounts.map((c, i) => `${c} AS b${i}`).join(', ')}
                   FROM open GROUP BY kind) g) AS by_kind,
              CASE WHEN m.paused > 0 THEN (SELECT json_agg(json_build_object('status', status, 'deadline_at', ${epochMs('deadline_at')}, 'calendar_id', calendar_id, 'snapshot', snapshot, 'n', n)) FROM (
                 -- Only what projectedDeadlineAt reads of the clock, so that clocks paused alike group together.
                 -- From the team's live resolution clocks that are paused (ix_sla_clocks_team_live_resolution), each
                 -- its open case's latest (none started later), rather than from every open case's row.
                 SELECT s.status, s.deadline_at, s.calendar_id, p.snapshot, count(*)::int AS n
                   FROM sla_clocks s
                   JOIN cases c ON c.id = s.case_id
                   CROSS JOIN LATERAL (
                     SELECT CASE WHEN jsonb_typeof(s.clock) = 'object'
                                 THEN (SELECT COALESCE(jsonb_object_agg(key, value), '{}'::jsonb) FROM jsonb_each(s.clock)
                                        WHERE key IN ('calendarId', 'status', 'stoppedAt', 'deadlineAt', 'budgetMs', 'consumedMs'))
                                 ELSE s.clock END AS snapshot
                   ) p
                  WHERE s.case_team = $1 AND ${liveResolutionClockWhere('s')} AND s.status = 'paused'
                    AND c.team = $1 AND c.is_open AND c.resolution_clock_status = 'paused'
                    AND NOT EXISTS (
                      SELECT 1 FROM sla_clocks l
                       WHERE l.case_team = $1 AND l.case_id = s.case_id AND ${liveResolutionClockWhere('l')}
                         AND (l.started_at > s.started_at OR (l.started_at = s.started_at AND l.clock_id COLLATE "C" > s.clock_id COLLATE "C")))
                  GROUP BY s.status, s.deadline_at, s.calendar_id, p.snapshot) g) END AS paused,
              CASE WHEN m.estimated > m.paused THEN (SELECT json_agg(json_build_object('kind', kind, 'severity', severity, 'created_at', ${epochMs('created_at')}, 'n', n)) FROM (
                 SELECT kind, severity, date_trunc('milliseconds', created_at) AS created_at, count(*)::int AS n
                   FROM open WHERE status IS NULL GROUP BY 1, 2, 3) g) END AS unclocked
         FROM middle m`,
      params,
    );
    return {
      total: row.total,
      byKind: (row.by_kind ?? []).map((r) => ({ kind: r.kind, byAge: new Map(AGE_BUCKETS.map((b, i) => [b, r.counts[i]])) })),
      storedDeadlines: { below: row.below, middle: (row.middle ?? []).map(Number), above: row.above },
      paused: (row.paused ?? []).map((r) => ({ clock: { status: r.status, deadlineAt: Number(r.deadline_at), calendarId: r.calendar_id, snapshot: r.snapshot }, n: r.n })),
      unclocked: (row.unclocked ?? []).map((r) => ({ kind: r.kind, severity: r.severity, createdAt: Number(r.created_at), n: r.n })),
    };
  }

  /** Cases of the team created in each of the last `days` 24-hour buckets before `now`. */
  arrivals(team: string, now: Date, days: number): Promise<BucketCounts> {
    return this.bucketed(`created_at`, team, now, days);
  }

  /** Cases of the team finished (resolved, or closed without a resolution time) in each bucket. */
  completions(team: string, now: Date, days: number): Promise<BucketCounts> {
    return this.bucketed(`COALESCE(resolved_at, closed_at)`, team, now, days);
  }

  private async bucketed(column: string, team: string, now: Date, days: number): Promise<BucketCounts> {
    const rows: Array<{ bucket: number; n: number }> = await this.dataSource.query(
      `SELECT floor(date_part('epoch', $2::timestamptz - ${column}) / ${DAY_SECONDS})::int AS bucket, count(*)::int AS n
         FROM cases
        WHERE team = $1 AND ${column} > $2::timestamptz - make_interval(days => $3) AND ${column} <= $2::timestamptz
        GROUP BY bucket`,
      [team, now, days],
    );
    return new Map(rows.map((r) => [r.bucket, r.n]));
  }
}
