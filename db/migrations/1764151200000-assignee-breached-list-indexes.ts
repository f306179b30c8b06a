import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two more case lists that walked a team's newest cases past most of them (issue 13, at 100,000 cases):
 *
 * - `?assigneeId=` read and sorted every case the person ever held (829 rows for one page): a person's
 *   cases newest first, with the team and kind the scope and the count check, answer the page and the
 *   capped count from the index;
 * - `?breached=true` scanned past the unbreached (1,818 rows for one page): a partial index of breached
 *   cases, by team and newest first, holds only them.
 *
 * Built CONCURRENTLY outside a transaction, like the other read-path indexes; a build interrupted
 * half-way leaves an invalid index, which the next run drops and builds again.
 */
const INDEXES: ReadonlyArray<readonly [name: string, definition: string]> = [
  ['ix_cases_assignee_created', 'ON cases (assignee_id, created_at, id) INCLUDE (team, kind) WHERE assignee_id IS NOT NULL'],
  ['ix_cases_team_breached_created', 'ON cases (team, created_at, id) INCLUDE (kind) WHERE breached'],
];

export class AssigneeBreachedListIndexes1764151200000 implements MigrationInterface {
  name = 'AssigneeBreachedListIndexes1764151200000';
  // CREATE INDEX CONCURRENTLY cannot run inside a transaction.
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    const concurrently = q.isTransactionActive ? '' : 'CONCURRENTLY';
    for (const [name, definition] of INDEXES) {
      await q.query(`DROP INDEX ${concurrently} IF EXISTS ${name}`);
      await q.query(`CREATE INDEX ${concurrently} ${name} ${definition}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    const concurrently = q.isTransactionActive ? '' : 'CONCURRENTLY';
    for (const [name] of [...INDEXES].reverse()) await q.query(`DROP INDEX ${concurrently} IF EXISTS ${name}`);
  }
}
