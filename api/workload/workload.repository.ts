import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface TaskCounts {
  dueSoon: number;
  overdue: number;
}

export interface OpenCaseRow {
  id: string;
  kind: string;
  severity: string;
  team: string | null;
  createdAt: Date;
  clock: { status: string; deadlineAt: Date; calendarId: string; snapshot: unknown } | null;
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

  /** The team's unfinished cases, each with its open resolution clock if the workflow started one. */
  async openCases(team: string): Promise<OpenCaseRow[]> {
    const rows: Array<{
      id: string;
      kind: string;
      severity: string;
      team: string | null;
      created_at: Date;
      clock_status: string | null;
      deadline_at: Date | null;
      calendar_id: string | null;
      clock: unknown;
    }> = await this.dataSource.query(
      `SELECT c.id, c.kind, c.severity, c.team, c.created_at,
              k.status AS clock_status, k.deadline_at, k.calendar_id, k.clock
         FROM cases c
         LEFT JOIN LATERAL (
           SELECT s.status, s.deadline_at, s.calendar_id, s.clock FROM sla_clocks s
            WHERE s.case_id = c.id AND s.kind = 'resolution' AND s.stopped_at IS NULL
              AND s.status IN ('running', 'paused', 'breached')
            ORDER BY s.started_at DESC
            LIMIT 1
         ) k ON true
        WHERE c.team = $1 AND c.is_open
        ORDER BY c.created_at`,
      [team],
    );
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      severity: r.severity,
      team: r.team,
      createdAt: r.created_at,
      clock:
        r.clock_status !== null && r.deadline_at !== null && r.calendar_id !== null
          ? { status: r.clock_status, deadlineAt: r.deadline_at, calendarId: r.calendar_id, snapshot: r.clock }
          : null,
    }));
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
      `SELECT floor(extract(epoch FROM ($2::timestamptz - ${column})) / ${DAY_SECONDS})::int AS bucket, count(*)::int AS n
         FROM cases
        WHERE team = $1 AND ${column} > $2::timestamptz - make_interval(days => $3) AND ${column} <= $2::timestamptz
        GROUP BY bucket`,
      [team, now, days],
    );
    return new Map(rows.map((r) => [r.bucket, r.n]));
  }
}
