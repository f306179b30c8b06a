import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An index for the metric routes at a million cases (issue 13):
 *
 * - `ix_cases_open_backlog`: the metrics backlog (`GET /metrics/backlog`) counts a team's open cases by
 *   kind, severity, state, age, breach and due time; from this partial index of open cases it reads no
 *   wide case row (a bitmap heap scan of the rows before). Only open cases are in it.
 *
 * Built CONCURRENTLY outside a transaction, like the other read-path indexes; a build interrupted
 * half-way leaves an invalid index, which the next run drops and builds again.
 */
const INDEXES: ReadonlyArray<readonly [name: string, definition: string]> = [
  ['ix_cases_open_backlog', 'ON cases (team) INCLUDE (kind, severity, state, created_at, breached, due_at) WHERE is_open'],
];

export class WorkloadMetricReadIndexes1764154800000 implements MigrationInterface {
  name = 'WorkloadMetricReadIndexes1764154800000';
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
