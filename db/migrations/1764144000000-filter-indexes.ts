import { MigrationInterface, QueryRunner } from 'typeorm';
import { replaceIndex } from './support/replace-index';

/**
 * Case lists filtered by a column that is rare among a team's newest cases (issue 13, `npm run bench:read`).
 * Both the page and the capped count (LIST_TOTAL_CAP) of such a list read only `cases`; with `kind` in the
 * index they become index-only scans over the matching entries:
 *
 * - `?severity=critical` walked the team's cases newest first past every other severity, and its count
 *   filtered an index of every case (on 600,000 synthetic cases: 217 ms for the count, 2.5 ms for the page);
 *   a team's cases by severity, newest first, answers both (0.9 ms and 0.03 ms);
 * - `?state=closed` paged through `ix_cases_team_state_created` (1764126000000), but its count read the table
 *   for `kind` (40 ms for 10,001 rows); the same index with `kind` included counts them in 3 ms.
 *
 * Built CONCURRENTLY outside a transaction, like the earlier read-path indexes; the state index is rebuilt
 * under a new name and then takes the old one's, so lists are never without it.
 */
const SEVERITY = ['ix_cases_team_severity_created', 'ON cases (team, severity, created_at, id) INCLUDE (kind)'] as const;
const STATE = 'ix_cases_team_state_created';
const STATE_WITH_KIND = 'ON cases (team, state, created_at, id) INCLUDE (kind)';
const STATE_BEFORE = 'ON cases (team, state, created_at, id)';

export class FilterIndexes1764144000000 implements MigrationInterface {
  name = 'FilterIndexes1764144000000';
  // CREATE INDEX CONCURRENTLY cannot run inside a transaction.
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    const concurrently = q.isTransactionActive ? '' : 'CONCURRENTLY';
    // A build interrupted half-way leaves an invalid index: drop it and build again.
    await q.query(`DROP INDEX ${concurrently} IF EXISTS ${SEVERITY[0]}`);
    await q.query(`CREATE INDEX ${concurrently} ${SEVERITY[0]} ${SEVERITY[1]}`);
    await replaceIndex(q, concurrently, STATE, STATE_WITH_KIND);
  }

  async down(q: QueryRunner): Promise<void> {
    const concurrently = q.isTransactionActive ? '' : 'CONCURRENTLY';
    await replaceIndex(q, concurrently, STATE, STATE_BEFORE);
    await q.query(`DROP INDEX ${concurrently} IF EXISTS ${SEVERITY[0]}`);
  }
}
