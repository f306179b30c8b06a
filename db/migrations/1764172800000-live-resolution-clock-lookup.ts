import { MigrationInterface, QueryRunner } from 'typeorm';
import { liveResolutionClockWhere } from './1764169200000-case-resolution-clock';

/**
 * The trigger that keeps each case row's live resolution clock (migration 1764169200000) found the
 * case's clocks by `case_id` alone. PostgreSQL planned that as a scan of the whole partial index of live
 * resolution clocks, `ix_sla_clocks_team_live_resolution` (team, case, started): the index matches
 * the query's other conditions, and `case_id` is only its second column. So every write of a
 * resolution clock read every open case's clock. The trigger runs on each projection that carries one
 * (a case's start, and each warning and breach after it), so the cost grew with the number of open
 * cases. `npm run bench:scale -- --open=20000` (6 December 2026, with pg_stat_statements) showed the
 * lookup reading 39 buffers per call at about 2,000 open cases, 99 at 6,000 and 135 at 10,000.
 *
 * Now the lookup also names the clock's team, `case_team` (copied from the case by the trigger
 * `tr_sla_clocks_case_dimensions`, and changed for every clock of a case together when the case
 * changes team). With the team and the case, the lookup reads one range of that index, a few buffers
 * however many cases are open. A clock whose case has no team is in the index too, under a null
 * team, and is found the same way. The down ('case') restores migration 1764169200000's function as
 * it was, without the team.
 */
const COPY_LIVE_RESOLUTION_CLOCK = (lookup: 'case' | 'team-and-case') => `
  CREATE OR REPLACE FUNCTION sla_clocks_copy_resolution_clock() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    target uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.case_id ELSE NEW.case_id END;${lookup === 'case' ? '' : `
    target_team varchar(64) := CASE WHEN TG_OP = 'DELETE' THEN OLD.case_team ELSE NEW.case_team END;`}
    live_status varchar(16);
    live_deadline timestamptz;
  BEGIN
    ${lookup === 'case' ? liveClockOf('s.case_id = target') : `
    IF target_team IS NULL THEN
      ${liveClockOf('s.case_team IS NULL AND s.case_id = target')}
    ELSE
      ${liveClockOf('s.case_team = target_team AND s.case_id = target')}
    END IF;`}
    UPDATE cases SET resolution_clock_status = live_status, resolution_deadline_at = live_deadline
     WHERE id = target
       AND (resolution_clock_status IS DISTINCT FROM live_status OR resolution_deadline_at IS DISTINCT FROM live_deadline);
    RETURN NULL;
  END $$`;

/** The case's live resolution clock, into `live_status` and `live_deadline` (null, null without one). */
const liveClockOf = (which: string) => `
      SELECT s.status, s.deadline_at INTO live_status, live_deadline FROM sla_clocks s
       WHERE ${which} AND ${liveResolutionClockWhere('s')}
       ORDER BY s.started_at DESC, s.clock_id COLLATE "C" DESC LIMIT 1;`;

export class LiveResolutionClockLookup1764172800000 implements MigrationInterface {
  name = 'LiveResolutionClockLookup1764172800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(COPY_LIVE_RESOLUTION_CLOCK('team-and-case'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(COPY_LIVE_RESOLUTION_CLOCK('case'));
  }
}
