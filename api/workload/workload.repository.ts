import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AGE_BUCKETS, AGE_BUCKET_ENDS_DAYS, type AgeBucket } from './age-buckets';
import type { OpenCaseClock } from './resolution-deadline';

export interface TaskCounts {
  dueSoon: number;
  overdue: number;
}

/** The open cases of a team, aggregated for the workload (see WorkloadRepository.openCases). */
export interface OpenCases {
  total: number;
  /** Per kind (in the order of each kind's oldest open case), the open cases per age bucket. */
  byKind: Array<{ kind: string; byAge: Map<AgeBucket, number> }>;
  /** Resolution deadlines (epoch ms) of the cases whose open clock is running or breached, as stored. */
  storedDeadlines: number[];
  /** Cases whose open clock is paused, grouped by what projecting the deadline reads. */
  paused: Array<{ clock: OpenCaseClock; n: number }>;
  /** Cases without an open resolution clock, grouped by what the policy estimate reads. */
  unclocked: Array<{ kind: string; severity: string; createdAt: number; n: number }>;
}

/** Counts per 24-hour bucket, bucket 0 being the last 24 hours before `now`. */
export type BucketCounts = Map<number, number>;

const DAY_SECONDS = 86_400;

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
   * The team's unfinished cases, each with its open resolution clock if the workflow started one (the
   * latest started), aggregated in the database: a response reads a few numbers per kind and age, the
   * stored deadlines as one array, and only for paused clocks and cases without a clock the few fields
   * the service's deadline arithmetic (resolution-deadline.ts) reads, grouped so equal inputs are
   * computed once. Times are truncated to milliseconds, as node-postgres reads them into a Date.
   */
  async openCases(team: string, now: Date): Promise<OpenCases> {
    const params: unknown[] = [team];
    // The age bucket's index in AGE_BUCKETS: the first whose end (exclusive) is past the age. With the
    // creation truncated to the millisecond, age < end exactly when created_at >= now - end + 1 ms.
    const bucket = `CASE ${AGE_BUCKETS.map((b, i) => {
      const end = AGE_BUCKET_ENDS_DAYS[b];
      if (end === null) return `ELSE ${i}`;
      params.push(new Date(now.getTime() - end * DAY_SECONDS * 1000 + 1));
      return `WHEN created_at >= $${params.length}::timestamptz THEN ${i}`;
    }).join(' ')} END`;
    // date_part (a double), not extract (numeric since PostgreSQL 14, slower per row); the values are whole milliseconds.
    const epochMs = (col: string) => `(date_part('epoch', ${col}) * 1000)::bigint`;
    const [row]: Array<{
      total: number;
      by_kind: Array<{ kind: string; bucket: number; n: number }> | null;
      stored: string[] | null;
      paused: Array<{ status: string; deadline_at: number; calendar_id: string; snapshot: unknown; n: number }> | null;
      unclocked: Array<{ kind: string; severity: string; created_at: number; n: number }> | null;
    }> = await this.dataSource.query(
      `WITH open AS MATERIALIZED (
         SELECT c.id, c.kind, c.severity, date_trunc('milliseconds', c.created_at) AS created_at,
                k.status, date_trunc('milliseconds', k.deadline_at) AS deadline_at, k.calendar_id, k.clock_id
           FROM cases c
           -- Per case its latest started clock: the team's clocks (each carries its case's team,
           -- migration 1764158400000) in one range, rather than one lookup per open case.
           LEFT JOIN (
             SELECT DISTINCT ON (s.case_id) s.case_id, s.status, s.deadline_at, s.calendar_id, s.clock_id FROM sla_clocks s
              WHERE s.case_team = $1 AND s.kind = 'resolution' AND s.stopped_at IS NULL
                AND s.status IN ('running', 'paused', 'breached')
              ORDER BY s.case_id, s.started_at DESC
           ) k ON k.case_id = c.id
          WHERE c.team = $1 AND c.is_open
       )
       SELECT (SELECT count(*)::int FROM open) AS total,
              (SELECT json_agg(json_build_object('kind', kind, 'bucket', bucket, 'n', n) ORDER BY oldest, kind, bucket) FROM (
                 SELECT kind, bucket, count(*)::int AS n, min(min(created_at)) OVER (PARTITION BY kind) AS oldest
                   FROM (SELECT kind, created_at, ${bucket} AS bucket FROM open) b
                  GROUP BY kind, bucket) g) AS by_kind,
              (SELECT array_agg(${epochMs('deadline_at')}) FROM open WHERE status IN ('running', 'breached')) AS stored,
              (SELECT json_agg(json_build_object('status', status, 'deadline_at', ${epochMs('deadline_at')}, 'calendar_id', calendar_id, 'snapshot', snapshot, 'n', n)) FROM (
                 -- Only what projectedDeadlineAt reads of the clock, so that clocks paused alike group together.
                 SELECT o.status, o.deadline_at, o.calendar_id, p.snapshot, count(*)::int AS n
                   FROM open o
                   JOIN sla_clocks s ON s.case_id = o.id AND s.clock_id = o.clock_id
                   CROSS JOIN LATERAL (
                     SELECT CASE WHEN jsonb_typeof(s.clock) = 'object'
                                 THEN (SELECT COALESCE(jsonb_object_agg(key, value), '{}'::jsonb) FROM jsonb_each(s.clock)
                                        WHERE key IN ('calendarId', 'status', 'stoppedAt', 'deadlineAt', 'budgetMs', 'consumedMs'))
                                 ELSE s.clock END AS snapshot
                   ) p
                  WHERE o.status = 'paused'
                  GROUP BY o.status, o.deadline_at, o.calendar_id, p.snapshot) g) AS paused,
              (SELECT json_agg(json_build_object('kind', kind, 'severity', severity, 'created_at', ${epochMs('created_at')}, 'n', n)) FROM (
                 SELECT kind, severity, created_at, count(*)::int AS n FROM open WHERE status IS NULL GROUP BY kind, severity, created_at) g) AS unclocked`,
      params,
    );
    const byKind = new Map<string, Map<AgeBucket, number>>();
    for (const r of row.by_kind ?? []) {
      let ages = byKind.get(r.kind);
      if (!ages) byKind.set(r.kind, (ages = new Map()));
      ages.set(AGE_BUCKETS[r.bucket], r.n);
    }
    return {
      total: row.total,
      byKind: [...byKind].map(([kind, byAge]) => ({ kind, byAge })),
      storedDeadlines: (row.stored ?? []).map(Number),
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
