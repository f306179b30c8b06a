import { MigrationInterface, QueryRunner } from 'typeorm';
import { replaceIndex } from './support/replace-index';

/**
 * The volume metric (`GET /metrics/volume`) missed issue 13's 25 ms at a million cases by the most of
 * any route (p95 123 and 136 ms): it counts one team's cases created in the period by escalation
 * category (31,756 cases, each looking its category up in `escalation_cases`: 109 ms in PostgreSQL)
 * and completed by root cause (15,087, joined to `escalation_cases` the same way: 37 ms).
 *
 * Each case row now carries its escalation's category and root cause (`escalation_category`,
 * `escalation_root_cause`; null for the other kinds), and the indexes the two counts range over
 * include them, so each count is one index range read without a row:
 *
 * - `ix_cases_team_created` (a team's cases by creation, with the kind: lists and the created count) and
 *   `ix_cases_created_dimensions` (every team's) also include the category;
 * - `ix_cases_team_completed` (a team's finished cases by completion: the workload, and now the volume
 *   and breach metrics) includes the kind, severity, breach, open flag and root cause, which the
 *   completed count and the breach rate read, and `resolved_at` and `closed_at`: the planner answers
 *   `COALESCE(resolved_at, closed_at)` from an index alone only when it holds the columns themselves;
 *   `ix_cases_completed` (every team's) includes the root cause.
 * - `st_cases_completed_at`: statistics on the completion instant. Both completion indexes are partial,
 *   and the planner takes no statistics from a partial index's expression, so it guessed a range of
 *   completions at 0.5% of the table (17 rows for 3,600 in a test, and chose every team's index over
 *   the team's for it).
 *
 * The copies are written by the projection with the case row, in the same statement (no second write
 * of the wide case row), and kept by the database whoever else writes an escalation: a trigger after a
 * change of `escalation_cases.category` or `root_cause` copies it to the case row when it differs (a
 * no-op for the projection's own writes). Only after: a BEFORE trigger would also fire for a late
 * projection write the sequence guard then refuses, and copy its stale values.
 *
 * DDL and backfill run each on its own (the indexes are built CONCURRENTLY, outside a transaction; the
 * backfill in batches of 5,000 cases); the trigger exists before the backfill, so an escalation
 * written meanwhile is copied by one or the other.
 * Every step can run again: an interrupted migration is run again from the start.
 */
const CREATED_WITH_CATEGORY = ['ix_cases_team_created', 'ON cases (team, created_at, id) INCLUDE (kind, escalation_category)'] as const;
const CREATED_BEFORE = 'ON cases (team, created_at, id) INCLUDE (kind)';
const ALL_CREATED = ['ix_cases_created_dimensions', 'ON cases (created_at) INCLUDE (id, team, kind, escalation_category)'] as const;
const ALL_CREATED_BEFORE = 'ON cases (created_at) INCLUDE (id, team, kind)';
const COMPLETED_WHERE = 'WHERE COALESCE(resolved_at, closed_at) IS NOT NULL';
const TEAM_COMPLETED = [
  'ix_cases_team_completed',
  `ON cases (team, (COALESCE(resolved_at, closed_at))) INCLUDE (kind, severity, breached, is_open, resolved_at, closed_at, escalation_root_cause) ${COMPLETED_WHERE}`,
] as const;
const TEAM_COMPLETED_BEFORE = `ON cases (team, (COALESCE(resolved_at, closed_at))) ${COMPLETED_WHERE}`;
const ALL_COMPLETED = [
  'ix_cases_completed',
  `ON cases ((COALESCE(resolved_at, closed_at))) INCLUDE (id, team, kind, severity, breached, resolved_at, closed_at, escalation_root_cause) WHERE NOT is_open`,
] as const;
const ALL_COMPLETED_BEFORE = `ON cases ((COALESCE(resolved_at, closed_at))) INCLUDE (id, team, kind, severity, breached, resolved_at, closed_at) WHERE NOT is_open`;
const INDEXES = [CREATED_WITH_CATEGORY, ALL_CREATED, TEAM_COMPLETED, ALL_COMPLETED] as const;
const BEFORE: Record<(typeof INDEXES)[number][0], string> = {
  ix_cases_team_created: CREATED_BEFORE,
  ix_cases_created_dimensions: ALL_CREATED_BEFORE,
  ix_cases_team_completed: TEAM_COMPLETED_BEFORE,
  ix_cases_completed: ALL_COMPLETED_BEFORE,
};

export class VolumeCaseLabels1764165600000 implements MigrationInterface {
  name = 'VolumeCaseLabels1764165600000';
  // CREATE INDEX CONCURRENTLY cannot run inside a transaction.
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    const concurrently = q.isTransactionActive ? '' : 'CONCURRENTLY';
    await q.query(`ALTER TABLE cases ADD COLUMN IF NOT EXISTS escalation_category varchar(64), ADD COLUMN IF NOT EXISTS escalation_root_cause varchar(64)`);
    await q.query(`
      CREATE OR REPLACE FUNCTION escalation_cases_copy_labels() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE cases SET escalation_category = NEW.category, escalation_root_cause = NEW.root_cause
         WHERE id = NEW.case_id
           AND (escalation_category IS DISTINCT FROM NEW.category OR escalation_root_cause IS DISTINCT FROM NEW.root_cause);
        RETURN NULL;
      END $$`);
    await q.query(`DROP TRIGGER IF EXISTS tr_escalation_cases_copy_labels ON escalation_cases`);
    await q.query(`
      CREATE TRIGGER tr_escalation_cases_copy_labels AFTER INSERT OR UPDATE OF category, root_cause ON escalation_cases
        FOR EACH ROW EXECUTE FUNCTION escalation_cases_copy_labels()`);
    await backfill(q);
    for (const [name, definition] of INDEXES) await replaceIndex(q, concurrently, name, definition);
    await q.query(`CREATE STATISTICS IF NOT EXISTS st_cases_completed_at ON (COALESCE(resolved_at, closed_at)) FROM cases`);
    // From a sample of the table (seconds at a million cases), so the new statistics count from now on.
    await q.query(`ANALYZE cases`);
  }

  async down(q: QueryRunner): Promise<void> {
    const concurrently = q.isTransactionActive ? '' : 'CONCURRENTLY';
    await q.query(`DROP STATISTICS IF EXISTS st_cases_completed_at`);
    for (const [name] of [...INDEXES].reverse()) await replaceIndex(q, concurrently, name, BEFORE[name]);
    await q.query(`DROP TRIGGER IF EXISTS tr_escalation_cases_copy_labels ON escalation_cases`);
    await q.query(`DROP FUNCTION IF EXISTS escalation_cases_copy_labels()`);
    await q.query(`ALTER TABLE cases DROP COLUMN IF EXISTS escalation_category, DROP COLUMN IF EXISTS escalation_root_cause`);
  }
}

/** Escalations per backfill statement: each commits on its own, so a projection waits on one batch's row locks at most. */
const BACKFILL_BATCH = 5_000;

/**
 * Copies every escalation's category and root cause to its case row, in batches by case id: one
 * statement for a million cases rewrote every wide case row under one transaction (minutes), and a
 * projection writing any of those cases meanwhile waited for all of it.
 */
async function backfill(q: QueryRunner): Promise<void> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const [{ last }]: Array<{ last: string | null }> = await q.query(
      `WITH batch AS (SELECT case_id, category, root_cause FROM escalation_cases WHERE case_id > $1 ORDER BY case_id LIMIT ${BACKFILL_BATCH}),
            copied AS (
              UPDATE cases c SET escalation_category = e.category, escalation_root_cause = e.root_cause
                FROM batch e
               WHERE c.id = e.case_id AND (c.escalation_category IS DISTINCT FROM e.category OR c.escalation_root_cause IS DISTINCT FROM e.root_cause)
              RETURNING 1)
       SELECT (SELECT case_id FROM batch ORDER BY case_id DESC LIMIT 1) AS last`,
      [after],
    );
    if (last === null) return;
    after = last;
  }
}
