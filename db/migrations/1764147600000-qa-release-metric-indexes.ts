import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Time to resolution counts a resolution when it takes effect: a `resolved` event that left the case
 * resolved, or the `qa_released` event of a resolution held for pre-release QA (api/metrics/response-times.ts).
 * The two partial indexes of the response-time queries (1764104400000) listed only the actions they
 * counted then; each is rebuilt with `qa_released` in its predicate, under a new name first, so the
 * metrics are never without it. CONCURRENTLY outside a transaction, like the indexes it replaces.
 */
const ACTIONS_BEFORE = `'acknowledged', 'claimed', 'resolved', 'reopened'`;
const ACTIONS = `'acknowledged', 'claimed', 'resolved', 'reopened', 'qa_released'`;
const INDEXES: ReadonlyArray<readonly [name: string, definition: (actions: string) => string]> = [
  ['ix_case_events_metric_actions', (a) => `ON case_events (action, occurred_at) INCLUDE (case_id, seq) WHERE action IN (${a})`],
  ['ix_case_events_case_actions', (a) => `ON case_events (case_id, action, seq) WHERE action IN (${a})`],
];

export class QaReleaseMetricIndexes1764147600000 implements MigrationInterface {
  name = 'QaReleaseMetricIndexes1764147600000';
  // CREATE INDEX CONCURRENTLY cannot run inside a transaction.
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    for (const [name, definition] of INDEXES) await replace(q, name, definition(ACTIONS));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [name, definition] of INDEXES) await replace(q, name, definition(ACTIONS_BEFORE));
  }
}

/** Builds `definition` under a temporary name, then drops `name` and gives the new index its name. */
async function replace(q: QueryRunner, name: string, definition: string): Promise<void> {
  const concurrently = q.isTransactionActive ? '' : 'CONCURRENTLY';
  const next = `${name}_next`;
  // A build interrupted half-way leaves an invalid index: drop it and build again.
  await q.query(`DROP INDEX ${concurrently} IF EXISTS ${next}`);
  await q.query(`CREATE INDEX ${concurrently} ${next} ${definition}`);
  await q.query(`DROP INDEX ${concurrently} IF EXISTS ${name}`);
  await q.query(`ALTER INDEX ${next} RENAME TO ${name}`);
}
