import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the read routes at a million cases (issue 13, `npm run bench:read`; the plans it printed
 * before and after are in the README's Performance section). Each one replaces a sequential or bitmap
 * scan over one team's share of the table with an index range in the order the route reads:
 *
 * - a team's cases newest first (case lists under a team scope, the workload's arrivals), also by state;
 * - a team's finished cases by completion (the workload's completions ran a sequential scan);
 * - a team's open cases oldest first, covering what the workload reads before it joins the clocks;
 * - a team's unassigned open tasks in queue order (the team queue and the workload's queue counts).
 *
 * Built CONCURRENTLY outside a transaction, as the metrics indexes are (1764104400000), so a large
 * read model keeps projecting while they build.
 */
const INDEXES: ReadonlyArray<readonly [name: string, definition: string]> = [
  ['ix_cases_team_created', `ON cases (team, created_at, id)`],
  // A state filter (`?state=closed`) newest first: the newest cases are mostly open, so the index above skips them all.
  ['ix_cases_team_state_created', `ON cases (team, state, created_at, id)`],
  ['ix_cases_team_completed', `ON cases (team, (COALESCE(resolved_at, closed_at))) WHERE COALESCE(resolved_at, closed_at) IS NOT NULL`],
  ['ix_cases_team_open_created', `ON cases (team, created_at) INCLUDE (id, kind, severity) WHERE is_open`],
  ['ix_tasks_team_queue', `ON tasks (team, due_at, created_at, id) WHERE status = 'open' AND assignee_id IS NULL`],
];

export class ReadPathIndexes1764126000000 implements MigrationInterface {
  name = 'ReadPathIndexes1764126000000';
  // CREATE INDEX CONCURRENTLY cannot run inside a transaction.
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    const concurrently = q.isTransactionActive ? '' : 'CONCURRENTLY';
    for (const [name, definition] of INDEXES) {
      // A build interrupted half-way leaves an invalid index: drop it and build again.
      await q.query(`DROP INDEX ${concurrently} IF EXISTS ${name}`);
      await q.query(`CREATE INDEX ${concurrently} ${name} ${definition}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    const concurrently = q.isTransactionActive ? '' : 'CONCURRENTLY';
    for (const [name] of [...INDEXES].reverse()) await q.query(`DROP INDEX ${concurrently} IF EXISTS ${name}`);
  }
}
