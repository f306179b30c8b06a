import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The SLA attainment metric of one team (`GET /metrics/sla`) joined every clock decided in the period,
 * of every team, to its case for the case's team, kind and severity (24,288 index lookups for 8,098
 * clocks of one team at 200,000 cases; five times that at a million), and the handoff turnaround of
 * one team hashed all of the team's cases to find its answered handoffs. Each clock now carries its
 * case's team, kind and severity (`case_team`, `case_kind`, `case_severity`) and each handoff its
 * case's team (`case_team`; it already had the kind), so one team's decided clocks and answered
 * handoffs are one range of `ix_sla_clocks_team_decided` and `ix_handoffs_team_answered`, and the
 * workload reads the live resolution clocks of one team's open cases from one range of
 * `ix_sla_clocks_team_live_resolution` instead of looking each case's up.
 *
 * The copies are kept by the database, whoever writes: a clock or a handoff takes its case's values
 * when inserted (the case row exists first: the foreign key), and a change of a case's team, kind or
 * severity is copied to its clocks and handoffs in the same statement. A handoff is written by the
 * handoff workflow in a transaction of its own, so it reads its case FOR SHARE: a concurrent change of
 * the case's team either commits first (and is read) or waits for the handoff (and then copies to it). The projection writes the case and its clocks in one
 * transaction and the case row only moves forward (projection_seq), so a retried or late write leaves
 * the clocks with the values of the case row as it stands, never the stale ones of the late write.
 * Existing clocks are backfilled here.
 *
 * Response times (`GET /metrics/response-times`) looked, for every first-response or resolution event of
 * every team in the period, for an earlier one of the same case (the first counts) and for its case.
 * `case_first_events` keeps, per case and metric, the case's first qualifying event (lowest `seq`) with
 * the case's team, kind and creation: a trigger on `case_events` records each qualifying event as it is
 * inserted and keeps the lower seq when one arrives late (a retried projection write inserts the events
 * it missed, in any order), and the case trigger above copies a change of team or kind. Which events
 * qualify is FIRST_EVENT_METRICS below, the definitions of api/metrics/response-times.ts as of this
 * migration (a unit test holds them equal); a change to them needs a migration that rebuilds the table.
 */

/** Per metric, the audit actions that qualify and the state the event must leave the case in (null: any). */
export const FIRST_EVENT_METRICS = {
  first_response: { actions: ['acknowledged', 'claimed'], toState: null },
  resolution: { actions: ['resolved', 'qa_released'], toState: 'resolved' },
} as const;
export type FirstEventMetric = keyof typeof FIRST_EVENT_METRICS;

const quoted = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
/** The metric an event row (`e`) qualifies for, or NULL. */
const metricOf = (e: string) =>
  `CASE ${Object.entries(FIRST_EVENT_METRICS)
    .map(([metric, d]) => `WHEN ${e}.action IN (${quoted(d.actions)})${d.toState === null ? '' : ` AND ${e}.to_state = '${d.toState}'`} THEN '${metric}'`)
    .join(' ')} END`;
const ACTIONS = quoted(Object.values(FIRST_EVENT_METRICS).flatMap((d) => d.actions));
export class MetricCaseDimensions1764158400000 implements MigrationInterface {
  name = 'MetricCaseDimensions1764158400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sla_clocks ADD COLUMN case_team varchar(64), ADD COLUMN case_kind varchar(32), ADD COLUMN case_severity varchar(16)`);
    await q.query(`UPDATE sla_clocks s SET case_team = c.team, case_kind = c.kind, case_severity = c.severity FROM cases c WHERE c.id = s.case_id`);
    await q.query(`
      CREATE FUNCTION sla_clocks_take_case_dimensions() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT c.team, c.kind, c.severity INTO NEW.case_team, NEW.case_kind, NEW.case_severity FROM cases c WHERE c.id = NEW.case_id;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_sla_clocks_case_dimensions BEFORE INSERT OR UPDATE OF case_id, case_team, case_kind, case_severity ON sla_clocks
        FOR EACH ROW EXECUTE FUNCTION sla_clocks_take_case_dimensions()`);
    await q.query(`ALTER TABLE handoffs ADD COLUMN case_team varchar(64)`);
    await q.query(`UPDATE handoffs h SET case_team = c.team FROM cases c WHERE c.id = h.case_id`);
    await q.query(`
      CREATE FUNCTION handoffs_take_case_team() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT c.team INTO NEW.case_team FROM cases c WHERE c.id = NEW.case_id FOR SHARE;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_handoffs_case_team BEFORE INSERT OR UPDATE OF case_id, case_team ON handoffs
        FOR EACH ROW EXECUTE FUNCTION handoffs_take_case_team()`);
    await q.query(`
      CREATE TABLE case_first_events (
        case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        metric varchar(32) NOT NULL,
        seq integer NOT NULL,
        occurred_at timestamptz NOT NULL,
        case_team varchar(64),
        case_kind varchar(32) NOT NULL,
        case_created_at timestamptz NOT NULL,
        CONSTRAINT pk_case_first_events PRIMARY KEY (case_id, metric)
      )`);
    await q.query(`
      INSERT INTO case_first_events (case_id, metric, seq, occurred_at, case_team, case_kind, case_created_at)
      SELECT DISTINCT ON (e.case_id, m.metric) e.case_id, m.metric, e.seq, e.occurred_at, c.team, c.kind, c.created_at
        FROM case_events e
        CROSS JOIN LATERAL (SELECT ${metricOf('e')} AS metric) m
        JOIN cases c ON c.id = e.case_id
       WHERE e.action IN (${ACTIONS}) AND m.metric IS NOT NULL
       ORDER BY e.case_id, m.metric, e.seq`);
    await q.query(`
      CREATE FUNCTION case_events_record_first() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        m text := ${metricOf('NEW')};
        c record;
      BEGIN
        IF m IS NULL THEN RETURN NULL; END IF;
        -- No FOR SHARE: audit events are written only by the projection, with their case, in one transaction.
        SELECT team, kind, created_at INTO c FROM cases WHERE id = NEW.case_id;
        INSERT INTO case_first_events (case_id, metric, seq, occurred_at, case_team, case_kind, case_created_at)
        VALUES (NEW.case_id, m, NEW.seq, NEW.occurred_at, c.team, c.kind, c.created_at)
        ON CONFLICT (case_id, metric) DO UPDATE SET seq = EXCLUDED.seq, occurred_at = EXCLUDED.occurred_at
         WHERE EXCLUDED.seq < case_first_events.seq;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_case_events_record_first AFTER INSERT ON case_events
        FOR EACH ROW WHEN (NEW.action IN (${ACTIONS})) EXECUTE FUNCTION case_events_record_first()`);
    // One team's first events of a metric by when they happened.
    await q.query(`CREATE INDEX ix_case_first_events_team ON case_first_events (case_team, metric, occurred_at) INCLUDE (case_kind, case_created_at)`);
    await q.query(`
      CREATE FUNCTION cases_copy_dimensions() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE sla_clocks SET case_team = NEW.team, case_kind = NEW.kind, case_severity = NEW.severity WHERE case_id = NEW.id;
        IF OLD.team IS DISTINCT FROM NEW.team OR OLD.kind IS DISTINCT FROM NEW.kind THEN
          UPDATE handoffs SET case_team = NEW.team WHERE case_id = NEW.id;
          UPDATE case_first_events SET case_team = NEW.team, case_kind = NEW.kind WHERE case_id = NEW.id;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_cases_copy_dimensions AFTER UPDATE OF team, kind, severity ON cases
        FOR EACH ROW WHEN (OLD.team IS DISTINCT FROM NEW.team OR OLD.kind IS DISTINCT FROM NEW.kind OR OLD.severity IS DISTINCT FROM NEW.severity)
        EXECUTE FUNCTION cases_copy_dimensions()`);
    // One team's clocks by the instant they were decided, as ix_sla_clocks_decided holds every team's;
    // breached_at and stopped_at included, or the planner cannot answer the query's COALESCE of them
    // from the index alone (it read 8,102 clock rows from the table for one team at 200,000 cases).
    await q.query(
      `CREATE INDEX ix_sla_clocks_team_decided ON sla_clocks (case_team, (COALESCE(breached_at, stopped_at)))
         INCLUDE (case_kind, case_severity, kind, status, breached_at, stopped_at)
        WHERE status IN ('met', 'breached', 'cancelled')`,
    );
    // The workload: the resolution clocks still counting of one team's cases (a small partial index: only
    // unstopped resolution clocks), by case and latest started first, read without the clocks' rows.
    await q.query(
      `CREATE INDEX ix_sla_clocks_team_live_resolution ON sla_clocks (case_team, case_id, started_at DESC)
         INCLUDE (status, deadline_at, calendar_id, clock_id)
        WHERE kind = 'resolution' AND stopped_at IS NULL AND status IN ('running', 'paused', 'breached')`,
    );
    // One team's answered handoffs by when they were answered, as ix_handoffs_answered holds every team's.
    await q.query(
      `CREATE INDEX ix_handoffs_team_answered ON handoffs (case_team, answered_at) INCLUDE (team, requested_at, breached) WHERE status = 'answered'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER tr_case_events_record_first ON case_events`);
    await q.query(`DROP FUNCTION case_events_record_first()`);
    await q.query(`DROP TABLE case_first_events`);
    await q.query(`DROP INDEX ix_handoffs_team_answered`);
    await q.query(`DROP INDEX ix_sla_clocks_team_live_resolution`);
    await q.query(`DROP INDEX ix_sla_clocks_team_decided`);
    await q.query(`DROP TRIGGER tr_cases_copy_dimensions ON cases`);
    await q.query(`DROP FUNCTION cases_copy_dimensions()`);
    await q.query(`DROP TRIGGER tr_handoffs_case_team ON handoffs`);
    await q.query(`DROP FUNCTION handoffs_take_case_team()`);
    await q.query(`ALTER TABLE handoffs DROP COLUMN case_team`);
    await q.query(`DROP TRIGGER tr_sla_clocks_case_dimensions ON sla_clocks`);
    await q.query(`DROP FUNCTION sla_clocks_take_case_dimensions()`);
    await q.query(`ALTER TABLE sla_clocks DROP COLUMN case_team, DROP COLUMN case_kind, DROP COLUMN case_severity`);
  }
}
