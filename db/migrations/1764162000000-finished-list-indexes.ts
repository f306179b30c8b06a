import { MigrationInterface, QueryRunner } from 'typeorm';
import { replaceIndex } from './support/replace-index';

/**
 * Two case lists that still missed issue 13's 25 ms at a million cases (`npm run bench:read`):
 *
 * - `?state=closed` walked `ix_cases_created_at` newest first past every open case (the newest 30 days
 *   of a team, about 50,000 rows at a million): the planner takes closed cases to be spread evenly over
 *   time, and it costs the heap reads of a multi-column index such as `ix_cases_team_state_created` as
 *   less ordered than those of a one-column index, so that index lost although it answers the page
 *   from 21 entries. `ix_cases_finished_created` holds only the cases in a state every kind ends in
 *   (`resolved`, `closed`), by creation: one column, so it is costed like `ix_cases_created_at` and
 *   wins by leaving out the open cases the planner expects the other walk to skip. A filter on either
 *   state (or both) implies its predicate; the keyset's `(created_at, id) <` bounds it by created_at.
 * - A created-at range (`?createdFrom=&createdTo=`) counted its matches (up to LIST_TOTAL_CAP) through
 *   `ix_cases_team_state_created`, the one team index with `kind`, reading each state's entries from
 *   the oldest to the range's start (a year of a team's cases skipped, 23 ms at a million).
 *   `ix_cases_team_created` with `kind` included answers the count from the range alone; it is rebuilt
 *   under a new name and then takes the old one's, so lists are never without it.
 *
 * Built CONCURRENTLY outside a transaction, like the other read-path indexes; a build interrupted
 * half-way leaves an invalid index, which the next run drops and builds again.
 */
const FINISHED = ['ix_cases_finished_created', `ON cases (created_at) WHERE state IN ('resolved', 'closed')`] as const;
const TEAM_CREATED = 'ix_cases_team_created';
const TEAM_CREATED_WITH_KIND = 'ON cases (team, created_at, id) INCLUDE (kind)';
const TEAM_CREATED_BEFORE = 'ON cases (team, created_at, id)';

export class FinishedListIndexes1764162000000 implements MigrationInterface {
  name = 'FinishedListIndexes1764162000000';
  // CREATE INDEX CONCURRENTLY cannot run inside a transaction.
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    const concurrently = q.isTransactionActive ? '' : 'CONCURRENTLY';
    await q.query(`DROP INDEX ${concurrently} IF EXISTS ${FINISHED[0]}`);
    await q.query(`CREATE INDEX ${concurrently} ${FINISHED[0]} ${FINISHED[1]}`);
    await replaceIndex(q, concurrently, TEAM_CREATED, TEAM_CREATED_WITH_KIND);
  }

  async down(q: QueryRunner): Promise<void> {
    const concurrently = q.isTransactionActive ? '' : 'CONCURRENTLY';
    await replaceIndex(q, concurrently, TEAM_CREATED, TEAM_CREATED_BEFORE);
    await q.query(`DROP INDEX ${concurrently} IF EXISTS ${FINISHED[0]}`);
  }
}
