import { MigrationInterface, QueryRunner } from 'typeorm';
import { replaceIndex } from './support/replace-index';

/**
 * The workload and the staffing plan (`GET /workload`, `GET /metrics/staffing`) missed issue 13's 25 ms
 * at a million cases (p95 36 to 63 ms): for one team's 16,669 open cases they joined each case to its
 * live resolution clock in `sla_clocks` (the latest started, not stopped, running, paused or breached),
 * materialized the join and scanned it five times, and returned every running deadline to the API for
 * the plan's median (29 to 34 ms in PostgreSQL, 267 kB per response read back).
 *
 * Each case row now carries its live resolution clock's status and deadline
 * (`resolution_clock_status`, `resolution_deadline_at`; both null without one), and the open-backlog
 * index includes them, so the workload reads one index range of the team's open cases without a row
 * or a join, and PostgreSQL picks the middle of the sorted deadlines (workload.repository.ts).
 *
 * The copies are written by the projection with the case row, in the same statement, from the clocks
 * the workflow holds (activities/case-projection.activities.ts, `liveResolutionClock`), and kept by
 * the database whoever writes `sla_clocks`: a trigger after a resolution clock is written or deleted
 * recomputes its case's live clock from the table by the same rule and writes the case row only when
 * it differs (a no-op for the projection's own writes). After, not before: a BEFORE trigger would also
 * run for a late projection write the sequence guard then refuses.
 *
 * DDL and backfill run each on its own (the index is rebuilt CONCURRENTLY, outside a transaction; the
 * backfill in batches of 10,000 clocks by case); the trigger exists before the backfill, so a clock
 * written meanwhile is copied by one or the other. Every step can run again.
 */
const OPEN_BACKLOG = [
  'ix_cases_open_backlog',
  'ON cases (team) INCLUDE (kind, severity, state, created_at, breached, due_at, resolution_clock_status, resolution_deadline_at) WHERE is_open',
] as const;
const OPEN_BACKLOG_BEFORE = 'ON cases (team) INCLUDE (kind, severity, state, created_at, breached, due_at) WHERE is_open';

/**
 * A case's live resolution clock, as the workload has always defined it: its latest started resolution
 * clock that is not stopped and is running, paused or breached (the greater clock id, byte by byte, breaks a tie).
 */
export const liveResolutionClockWhere = (clock: string) =>
  `${clock}.kind = 'resolution' AND ${clock}.stopped_at IS NULL AND ${clock}.status IN ('running', 'paused', 'breached')`;

export class CaseResolutionClock1764169200000 implements MigrationInterface {
  name = 'CaseResolutionClock1764169200000';
  // CREATE INDEX CONCURRENTLY cannot run inside a transaction.
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    const concurrently = q.isTransactionActive ? '' : 'CONCURRENTLY';
    await q.query(`ALTER TABLE cases ADD COLUMN IF NOT EXISTS resolution_clock_status varchar(16), ADD COLUMN IF NOT EXISTS resolution_deadline_at timestamptz`);
    await q.query(`
      CREATE OR REPLACE FUNCTION sla_clocks_copy_resolution_clock() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        target uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.case_id ELSE NEW.case_id END;
        live_status varchar(16);
        live_deadline timestamptz;
      BEGIN
        SELECT s.status, s.deadline_at INTO live_status, live_deadline FROM sla_clocks s
         WHERE s.case_id = target AND ${liveResolutionClockWhere('s')}
         ORDER BY s.started_at DESC, s.clock_id COLLATE "C" DESC LIMIT 1;
        UPDATE cases SET resolution_clock_status = live_status, resolution_deadline_at = live_deadline
         WHERE id = target
           AND (resolution_clock_status IS DISTINCT FROM live_status OR resolution_deadline_at IS DISTINCT FROM live_deadline);
        RETURN NULL;
      END $$`);
    // Only resolution clocks, and only the columns the rule reads (the projection's upsert names them all);
    // two triggers, as a trigger's WHEN may not read NEW on a delete nor OLD on an insert.
    await q.query(`DROP TRIGGER IF EXISTS tr_sla_clocks_copy_resolution_clock ON sla_clocks`);
    await q.query(`
      CREATE TRIGGER tr_sla_clocks_copy_resolution_clock
        AFTER INSERT OR UPDATE OF status, started_at, deadline_at, stopped_at ON sla_clocks
        FOR EACH ROW WHEN (NEW.kind = 'resolution') EXECUTE FUNCTION sla_clocks_copy_resolution_clock()`);
    await q.query(`DROP TRIGGER IF EXISTS tr_sla_clocks_copy_resolution_clock_deleted ON sla_clocks`);
    await q.query(`
      CREATE TRIGGER tr_sla_clocks_copy_resolution_clock_deleted AFTER DELETE ON sla_clocks
        FOR EACH ROW WHEN (OLD.kind = 'resolution') EXECUTE FUNCTION sla_clocks_copy_resolution_clock()`);
    await backfill(q);
    await replaceIndex(q, concurrently, ...OPEN_BACKLOG);
  }

  async down(q: QueryRunner): Promise<void> {
    const concurrently = q.isTransactionActive ? '' : 'CONCURRENTLY';
    await replaceIndex(q, concurrently, OPEN_BACKLOG[0], OPEN_BACKLOG_BEFORE);
    await q.query(`DROP TRIGGER IF EXISTS tr_sla_clocks_copy_resolution_clock ON sla_clocks`);
    await q.query(`DROP TRIGGER IF EXISTS tr_sla_clocks_copy_resolution_clock_deleted ON sla_clocks`);
    await q.query(`DROP FUNCTION IF EXISTS sla_clocks_copy_resolution_clock()`);
    await q.query(`ALTER TABLE cases DROP COLUMN IF EXISTS resolution_clock_status, DROP COLUMN IF EXISTS resolution_deadline_at`);
  }
}

/** Clocks per backfill statement: each commits on its own, so a projection waits on one batch's row locks at most. */
const BACKFILL_BATCH = 10_000;

/**
 * Copies every case's live resolution clock to its case row, in batches of clocks by case id (the
 * primary key's order): each batch ends at the case id 10,000 clocks on, so a batch reads and sorts
 * at most that many clocks and a case's clocks are never split between two batches.
 */
async function backfill(q: QueryRunner): Promise<void> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const [{ upto }]: Array<{ upto: string | null }> = await q.query(
      `SELECT (SELECT case_id FROM (SELECT case_id FROM sla_clocks WHERE case_id > $1 ORDER BY case_id LIMIT ${BACKFILL_BATCH}) b ORDER BY case_id DESC LIMIT 1)::text AS upto`,
      [after],
    );
    if (upto === null) return;
    await q.query(
      `UPDATE cases c SET resolution_clock_status = k.status, resolution_deadline_at = k.deadline_at
         FROM (SELECT DISTINCT ON (s.case_id) s.case_id, s.status, s.deadline_at FROM sla_clocks s
                WHERE s.case_id > $1 AND s.case_id <= $2 AND ${liveResolutionClockWhere('s')}
                ORDER BY s.case_id, s.started_at DESC, s.clock_id COLLATE "C" DESC) k
        WHERE c.id = k.case_id
          AND (c.resolution_clock_status IS DISTINCT FROM k.status OR c.resolution_deadline_at IS DISTINCT FROM k.deadline_at)`,
      [after, upto],
    );
    after = upto;
  }
}
