import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import { readOnlyTransaction } from '../../db/read-only-transaction';
import { FIRST_EVENT_METRICS, type FirstEventMetric } from '../../db/migrations/1764158400000-metric-case-dimensions';
import { ApiSettings } from '../common/runtime';
import type { SurveyCount } from './satisfaction';
import { DAY_MS } from '../../workflows/common/time-units';
import { AGE_BUCKETS, AGE_BUCKET_ENDS_DAYS, type AgeBucket } from '../workload/age-buckets';
import type { BacklogAges, BacklogCount } from './backlog-age';
import type { CompletionCount } from './breach-rate';
import type { HandoffGroup } from './handoff-turnaround';
import type { Period, PeriodBucket } from './period';
import type { DurationGroup } from './response-times';
import type { ClockCount } from './sla-attainment';
import type { CaseCount } from './volume';

/** Which cases a metric looks at: the owning team and the kind (null: every one). */
export interface CaseFilter {
  team: string | null;
  kind: string | null;
}

/**
 * The instants of a period and its buckets, as period.ts computed them in the request's time zone:
 * each row's bucket is found among these boundaries (width_bucket), so the API's time-zone database
 * alone decides both the buckets a response lists and which bucket each instant falls in.
 */
export interface PeriodWindow {
  from: Date;
  to: Date;
  buckets: readonly PeriodBucket[];
}

/** The window of a resolved period. */
export function periodWindow(period: Period): PeriodWindow {
  return { from: new Date(period.from), to: new Date(period.to), buckets: period.buckets };
}

/** A metric query ran past its statement timeout. */
export class MetricQueryTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`the metric query took longer than ${timeoutMs} ms`);
    this.name = 'MetricQueryTimeout';
  }
}

/** Numbered parameters for one statement, so optional filters can be appended in any order. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

// `epoch` of an interval is in seconds (with microseconds): milliseconds as a double. date_part, not
// extract: extract returns numeric (PostgreSQL 14 on), whose arithmetic per row and cast to double for
// percentile_cont took a third of the backlog's time at a million cases (27.9 -> 19.0 ms p50).
const ms = (interval: string) => `date_part('epoch', ${interval}) * 1000`;

/**
 * The metric queries: raw SQL against the read model, aggregated in the database (counts with FILTER,
 * percentile_cont, GROUPING SETS, buckets by width_bucket over the period's bucket starts), so a response
 * reads a few hundred rows however many cases there are. Each query's range condition is on the
 * column an index of the metrics migration (1764104400000-metrics-indexes) leads with. What each
 * count means is decided in the pure files beside this one; the README defines every metric.
 */
@Injectable()
export class MetricsRepository {
  private readonly timeoutMs: number;

  constructor(
    private readonly dataSource: DataSource,
    settings: ApiSettings,
  ) {
    this.timeoutMs = settings.config.METRICS_QUERY_TIMEOUT_MS;
  }

  /** Whether anything knows this team: the teams table or the roster. */
  async teamExists(team: string): Promise<boolean> {
    const [row]: Array<{ known: boolean }> = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM teams WHERE id = $1) OR EXISTS (SELECT 1 FROM roster_members WHERE team = $1) AS known`,
      [team],
    );
    return row.known;
  }

  /**
   * SLA clocks decided in the window (met at their stop, breached at their breach, cancelled at their
   * stop). For one team, from the case's team, kind and severity each clock carries (the database
   * keeps them equal to the case's: migration 1764158400000), without joining every team's clocks to
   * their cases; for every team, joined as before.
   */
  async decidedClocks(filter: CaseFilter, window: PeriodWindow): Promise<ClockCount[]> {
    const p = new Params();
    const decidedAt = 'COALESCE(s.breached_at, s.stopped_at)';
    const source =
      filter.team === null
        ? `SELECT ${bucketStart(p, window, decidedAt)} AS bucket_start, c.kind AS case_kind, c.severity, s.kind AS clock, s.status
             FROM sla_clocks s
             JOIN cases c ON c.id = s.case_id
            WHERE ${decidedAt} >= ${p.add(window.from)} AND ${decidedAt} < ${p.add(window.to)}
              AND s.status IN ('met', 'breached', 'cancelled')${caseConditions(p, filter)}`
        : `SELECT ${bucketStart(p, window, decidedAt)} AS bucket_start, s.case_kind, s.case_severity AS severity, s.kind AS clock, s.status
             FROM sla_clocks s
            WHERE s.case_team = ${p.add(filter.team)} AND ${decidedAt} >= ${p.add(window.from)} AND ${decidedAt} < ${p.add(window.to)}
              AND s.status IN ('met', 'breached', 'cancelled')${filter.kind === null ? '' : ` AND s.case_kind = ${p.add(filter.kind)}`}`;
    const rows: Array<{ bucket: number; case_kind: string; severity: string; clock: string; status: string; n: number }> = await this.run(
      `SELECT ${KEY}, case_kind, severity, clock, status, count(*)::int AS n
         FROM (${source}) decided
        GROUP BY bucket_start, case_kind, severity, clock, status`,
      p,
    );
    return rows.map((r) => ({ bucket: keyOf(window, r.bucket), caseKind: r.case_kind, severity: r.severity, clock: r.clock, status: r.status, count: r.n }));
  }

  /**
   * Per group, how long after its creation each case had its first event among `actions` (its first
   * ever, not its first in the window), for the cases whose first such event falls in the window. For
   * one team, when `actions` and `toState` are a metric `case_first_events` keeps (migration
   * 1764158400000), from that table: each case's first event with its case's team, kind and creation.
   */
  async timesToFirst(actions: readonly string[], filter: CaseFilter, window: PeriodWindow, toState?: string): Promise<DurationGroup[]> {
    const p = new Params();
    const kept = filter.team === null ? undefined : keptMetric(actions, toState);
    let source: string;
    if (kept !== undefined) {
      source = `SELECT ${bucketStart(p, window, 'f.occurred_at')} AS bucket_start, f.case_kind AS kind, ${ms('f.occurred_at - f.case_created_at')} AS elapsed_ms
             FROM case_first_events f
            WHERE f.case_team = ${p.add(filter.team)} AND f.metric = ${p.add(kept)}
              AND f.occurred_at >= ${p.add(window.from)} AND f.occurred_at < ${p.add(window.to)}${filter.kind === null ? '' : ` AND f.case_kind = ${p.add(filter.kind)}`}`;
    } else {
      const list = p.add([...actions]);
      // Only events that left the case in `toState`, when given (a resolution held for QA does not count until released).
      const landed = (alias: string) => (toState === undefined ? '' : ` AND ${alias}.to_state = ${p.add(toState)}`);
      source = `SELECT ${bucketStart(p, window, 'e.occurred_at')} AS bucket_start, c.kind, ${ms('e.occurred_at - c.created_at')} AS elapsed_ms
             FROM case_events e
             JOIN cases c ON c.id = e.case_id
            WHERE e.action = ANY(${list}::text[])${landed('e')}
              AND e.occurred_at >= ${p.add(window.from)} AND e.occurred_at < ${p.add(window.to)}
              AND NOT EXISTS (SELECT 1 FROM case_events earlier
                               WHERE earlier.case_id = e.case_id AND earlier.action = ANY(${list}::text[])${landed('earlier')} AND earlier.seq < e.seq)${caseConditions(p, filter)}`;
    }
    const rows: Array<{ bucket: number | null; kind: string | null; n: number; median_ms: number | null; p90_ms: number | null }> = await this.run(
      `SELECT ${KEY}, kind, count(*)::int AS n,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY elapsed_ms) AS median_ms,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY elapsed_ms) AS p90_ms
         FROM (${source}) firsts
        GROUP BY GROUPING SETS ((), (bucket_start), (kind))`,
      p,
    );
    return rows.map((r) => ({ bucket: keyOf(window, r.bucket), kind: r.kind, count: r.n, medianMs: num(r.median_ms), p90Ms: num(r.p90_ms) }));
  }

  /** Events of one action in the window, per bucket. */
  async eventsPerBucket(action: string, filter: CaseFilter, window: PeriodWindow): Promise<Map<string, number>> {
    const p = new Params();
    const rows: Array<{ bucket: number; n: number }> = await this.run(
      `SELECT ${KEY}, count(*)::int AS n
         FROM (
           SELECT ${bucketStart(p, window, 'e.occurred_at')} AS bucket_start
             FROM case_events e
             JOIN cases c ON c.id = e.case_id
            WHERE e.action = ${p.add(action)} AND e.occurred_at >= ${p.add(window.from)} AND e.occurred_at < ${p.add(window.to)}${caseConditions(p, filter)}
         ) events
        GROUP BY bucket_start`,
      p,
    );
    return new Map(rows.map((r) => [keyOf(window, r.bucket), r.n]));
  }

  /** Cases created in the window, per bucket, kind and escalation category. */
  async createdCases(filter: CaseFilter, window: PeriodWindow): Promise<CaseCount[]> {
    const p = new Params();
    const rows: Array<{ bucket: number; kind: string; label: string | null; n: number }> = await this.run(
      `SELECT ${KEY}, kind, label, count(*)::int AS n
         FROM (
           -- The category from the case row's copy (migration 1764165600000), which the creation indexes include.
           SELECT ${bucketStart(p, window, 'c.created_at')} AS bucket_start, c.kind, c.escalation_category AS label
             FROM cases c
            WHERE c.created_at >= ${p.add(window.from)} AND c.created_at < ${p.add(window.to)}${caseConditions(p, filter)}
         ) created
        GROUP BY bucket_start, kind, label`,
      p,
    );
    return rows.map((r) => ({ bucket: keyOf(window, r.bucket), kind: r.kind, label: r.label, count: r.n }));
  }

  /** Cases completed in the window (see COMPLETED_AT), per bucket, kind and escalation root cause. */
  async completedCases(filter: CaseFilter, window: PeriodWindow): Promise<CaseCount[]> {
    const p = new Params();
    const rows: Array<{ bucket: number; kind: string; label: string | null; n: number }> = await this.run(
      `SELECT ${KEY}, kind, label, count(*)::int AS n
         FROM (
           -- The root cause from the case row's copy (migration 1764165600000), which the completion indexes include.
           SELECT ${bucketStart(p, window, COMPLETED_AT)} AS bucket_start, c.kind, c.escalation_root_cause AS label
             FROM cases c
            WHERE ${completedIn(p, window)}${caseConditions(p, filter)}
         ) completed
        GROUP BY bucket_start, kind, label`,
      p,
    );
    return rows.map((r) => ({ bucket: keyOf(window, r.bucket), kind: r.kind, label: r.label, count: r.n }));
  }

  /** Cases completed in the window, with how many breached and how many were escalated to a manager. */
  async completionOutcomes(escalatedStates: readonly string[], filter: CaseFilter, window: PeriodWindow): Promise<CompletionCount[]> {
    const p = new Params();
    const rows: Array<{ bucket: number; kind: string; severity: string; completed: number; breached: number; escalated: number }> = await this.run(
      `SELECT ${KEY}, kind, severity, count(*)::int AS completed,
              count(*) FILTER (WHERE breached)::int AS breached, count(*) FILTER (WHERE escalated)::int AS escalated
         FROM (
           SELECT ${bucketStart(p, window, COMPLETED_AT)} AS bucket_start, c.kind, c.severity, c.breached,
                  EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.to_state = ANY(${p.add([...escalatedStates])}::text[])) AS escalated
             FROM cases c
            WHERE ${completedIn(p, window)}${caseConditions(p, filter)}
         ) completed
        GROUP BY bucket_start, kind, severity`,
      p,
    );
    return rows.map((r) => ({ bucket: keyOf(window, r.bucket), kind: r.kind, severity: r.severity, completed: r.completed, breached: r.breached, escalated: r.escalated }));
  }

  /**
   * Handoffs of the filtered cases answered in the window, grouped by bucket and addressed team. For
   * one team (any kind), from the case's team each handoff carries (migration 1764158400000), without
   * joining every team's handoffs to their cases.
   */
  async answeredHandoffs(filter: CaseFilter, window: PeriodWindow): Promise<HandoffGroup[]> {
    const p = new Params();
    const oneTeam = filter.team !== null && filter.kind === null;
    const source = `SELECT ${bucketStart(p, window, 'h.answered_at')} AS bucket_start, h.team, h.breached, ${ms('h.answered_at - h.requested_at')} AS elapsed_ms
               FROM handoffs h${oneTeam ? '' : `
               JOIN cases c ON c.id = h.case_id`}
              WHERE h.status = 'answered' AND h.answered_at >= ${p.add(window.from)} AND h.answered_at < ${p.add(window.to)}${
                oneTeam ? ` AND h.case_team = ${p.add(filter.team)}` : caseConditions(p, filter)
              }`;
    const rows: Array<{ bucket: number | null; team: string | null; n: number; breached: number; median_ms: number | null; p90_ms: number | null }> =
      await this.run(
        `SELECT ${KEY}, team, count(*)::int AS n, count(*) FILTER (WHERE breached)::int AS breached,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY elapsed_ms) AS median_ms,
                percentile_cont(0.9) WITHIN GROUP (ORDER BY elapsed_ms) AS p90_ms
           FROM (${source}) answered
          GROUP BY GROUPING SETS ((), (team), (bucket_start), (bucket_start, team))`,
        p,
      );
    return rows.map((r) => ({ bucket: keyOf(window, r.bucket), team: r.team, count: r.n, breached: r.breached, medianMs: num(r.median_ms), p90Ms: num(r.p90_ms) }));
  }

  /**
   * The open cases at `now`: counted per kind, severity and state, and their age percentiles over all
   * of them, each kind and each severity. Two statements, run concurrently: the counts hash one group
   * per kind, severity and state (the sums are the service's, backlogGroups), and only the percentiles,
   * which do not add up, sort. The age buckets compare `created_at` with instants (`now` less the
   * bucket's days, each day 24 hours, as an interval comparison counts them) rather than computing each
   * case's age as an interval, and the oldest is taken once per group: at a million cases the single
   * statement with every aggregate over four grouping sets took 31 ms, these two 8 and 17.
   */
  async openCases(filter: CaseFilter, now: Date): Promise<{ counts: BacklogCount[]; ages: BacklogAges[] }> {
    const [counts, ages] = await Promise.all([this.openCounts(filter, now), this.openAges(filter, now)]);
    return { counts, ages };
  }

  private async openCounts(filter: CaseFilter, now: Date): Promise<BacklogCount[]> {
    const p = new Params();
    const at = p.add(now);
    const ageCounts = AGE_BUCKETS.map((bucket, i) => {
      const after = i === 0 ? null : AGE_BUCKET_ENDS_DAYS[AGE_BUCKETS[i - 1]];
      const before = AGE_BUCKET_ENDS_DAYS[bucket];
      const conditions = [
        // age >= after days: created at or before now - after days.
        ...(after === null ? [] : [`c.created_at <= ${p.add(daysBefore(now, after))}::timestamptz`]),
        // age < before days: created after now - before days.
        ...(before === null ? [] : [`c.created_at > ${p.add(daysBefore(now, before))}::timestamptz`]),
      ];
      return `count(*) FILTER (WHERE ${conditions.join(' AND ') || 'true'})::int AS "${bucket}"`;
    });
    const rows: Array<Record<AgeBucket, number> & { kind: string; severity: string; state: string; n: number; breached: number; overdue: number; oldest_ms: number }> =
      await this.run(
        `SELECT c.kind, c.severity, c.state, count(*)::int AS n, ${ageCounts.join(', ')},
                count(*) FILTER (WHERE c.breached)::int AS breached,
                count(*) FILTER (WHERE c.due_at < ${at})::int AS overdue,
                ${ms(`${at}::timestamptz - min(c.created_at)`)} AS oldest_ms
           FROM cases c
          WHERE c.is_open${caseConditions(p, filter)}
          GROUP BY c.kind, c.severity, c.state`,
        p,
      );
    return rows.map((r) => ({
      kind: r.kind,
      severity: r.severity,
      state: r.state,
      open: r.n,
      byAge: Object.fromEntries(AGE_BUCKETS.map((b) => [b, r[b]])) as Record<AgeBucket, number>,
      breached: r.breached,
      overdue: r.overdue,
      oldestAgeMs: Number(r.oldest_ms),
    }));
  }

  private async openAges(filter: CaseFilter, now: Date): Promise<BacklogAges[]> {
    const p = new Params();
    const at = p.add(now);
    const rows: Array<{ kind: string | null; severity: string | null; p: number[] | null }> = await this.run(
      `SELECT o.kind, o.severity, percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY o.age_ms) AS p
         FROM (
           SELECT c.kind, c.severity, ${ms(`${at}::timestamptz - c.created_at`)} AS age_ms
             FROM cases c
            WHERE c.is_open${caseConditions(p, filter)}
         ) o
        GROUP BY GROUPING SETS ((), (o.kind), (o.severity))`,
      p,
    );
    return rows.map((r) => ({ kind: r.kind, severity: r.severity, medianAgeMs: r.p === null ? null : num(r.p[0]), p90AgeMs: r.p === null ? null : num(r.p[1]) }));
  }

  /** Seller survey answers given in the window, counted by kind, team, decision and score. */
  async surveyAnswers(filter: CaseFilter, window: PeriodWindow): Promise<SurveyCount[]> {
    const p = new Params();
    const rows: Array<{ kind: string; team: string | null; decision: string; score: number; n: number }> = await this.run(
      `SELECT case_kind AS kind, team, decision, score, count(*)::int AS n FROM seller_surveys
        WHERE answered_at >= ${p.add(window.from)} AND answered_at < ${p.add(window.to)}` +
        (filter.team === null ? '' : ` AND team = ${p.add(filter.team)}`) +
        (filter.kind === null ? '' : ` AND case_kind = ${p.add(filter.kind)}`) +
        ` GROUP BY case_kind, team, decision, score`,
      p,
    );
    return rows.map((r) => ({ kind: r.kind, team: r.team, decision: r.decision, score: r.score, count: r.n }));
  }

  /**
   * One read-only statement under a statement timeout, so a metric over a huge range fails with a
   * clear answer instead of holding a connection.
   */
  private async run<T>(sql: string, p: Params): Promise<T[]> {
    try {
      return await readOnlyTransaction(this.dataSource, this.timeoutMs, (query) => query<T>(sql, p.values));
    } catch (err) {
      const code = err instanceof QueryFailedError ? (err.driverError as { code?: string }).code : undefined;
      if (code === '57014') throw new MetricQueryTimeout(this.timeoutMs);
      throw err;
    }
  }
}

/** The metric of case_first_events whose definition is exactly these actions and target state, if any. */
function keptMetric(actions: readonly string[], toState: string | undefined): FirstEventMetric | undefined {
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().every((v, i) => v === [...b].sort()[i]);
  return (Object.keys(FIRST_EVENT_METRICS) as FirstEventMetric[]).find((m) => {
    const d = FIRST_EVENT_METRICS[m];
    return same(d.actions, actions) && (d.toState ?? undefined) === toState;
  });
}

/** When a case was completed: resolved (its latest resolution), or closed without a resolution. */
const COMPLETED_AT = 'COALESCE(c.resolved_at, c.closed_at)';

/** Completed cases in the window; `NOT c.is_open` lets the planner use the partial index on COMPLETED_AT. */
function completedIn(p: Params, window: PeriodWindow): string {
  return `NOT c.is_open AND ${COMPLETED_AT} >= ${p.add(window.from)} AND ${COMPLETED_AT} < ${p.add(window.to)}`;
}

/**
 * The number (1 to n) of the period's bucket holding `instant`: width_bucket finds it among the
 * buckets' starts by binary search, where date_trunc in the request's time zone converted every row's
 * instant to local time first (a quarter of the SLA metric's time at a million cases). Every row is
 * inside the period, so inside one bucket.
 */
function bucketStart(p: Params, window: PeriodWindow, instant: string): string {
  return `width_bucket(${instant}, ${p.add(window.buckets.map((b) => new Date(b.from)))}::timestamptz[])`;
}

const KEY = `bucket_start AS bucket`;

/** The key (the local date it starts on) of the bucket numbered `n` by bucketStart; null stays null (a grouping set's total). */
function keyOf(window: PeriodWindow, n: number): string;
function keyOf(window: PeriodWindow, n: number | null): string | null;
function keyOf(window: PeriodWindow, n: number | null): string | null {
  if (n === null) return null;
  const bucket = window.buckets[n - 1];
  if (bucket === undefined) throw new Error(`a row fell in bucket ${n} of a period of ${window.buckets.length}`);
  return bucket.key;
}

/** `days` days of 24 hours before `now`. */
function daysBefore(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

function caseConditions(p: Params, filter: CaseFilter): string {
  return (filter.team === null ? '' : ` AND c.team = ${p.add(filter.team)}`) + (filter.kind === null ? '' : ` AND c.kind = ${p.add(filter.kind)}`);
}

// percentile_cont returns double precision, which node-postgres already parses; keep null as null.
function num(v: number | string | null): number | null {
  return v === null ? null : Number(v);
}
