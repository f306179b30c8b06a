import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the metrics (api/metrics/metrics.repository.ts) and the Prometheus gauges
 * (api/prometheus/read-model-gauges.ts). Each metric query ranges over one instant (a clock's
 * decision, an audit event, a case's completion or creation, a handoff's answer), so each gets an
 * index led by that instant, partial where the metric counts only some rows, and covering the columns
 * the query reads: `cases` rows carry the case snapshot and are wide, so a query that had to visit
 * them for a team or a kind would read most of the table. The queries' plans were checked with
 * EXPLAIN ANALYZE on a million cases (see the README's Metrics section).
 *
 * Built CONCURRENTLY, outside a transaction, so a deployment with a large read model keeps projecting
 * while they build; a build interrupted half-way leaves an invalid index, which the next run drops and
 * builds again.
 */
const INDEXES: ReadonlyArray<readonly [name: string, definition: string]> = [
  // SLA attainment: clocks by the instant they were decided (a breach at the breach, a stop otherwise).
  [
    'ix_sla_clocks_decided',
    `ON sla_clocks ((COALESCE(breached_at, stopped_at))) INCLUDE (case_id, kind, status, breached_at, stopped_at)
     WHERE status IN ('met', 'breached', 'cancelled')`,
  ],
  // Prometheus: clocks not stopped yet (running, paused, breached and still open), by kind and status,
  // and open cases that breached (a partial index: the breached cases of the past are most of them).
  ['ix_sla_clocks_unstopped', `ON sla_clocks (kind, status) INCLUDE (deadline_at) WHERE stopped_at IS NULL`],
  ['ix_cases_open_breached', `ON cases (kind) WHERE is_open AND breached`],
  // Response times: first responses, resolutions and reopenings by when they happened...
  [
    'ix_case_events_metric_actions',
    `ON case_events (action, occurred_at) INCLUDE (case_id, seq) WHERE action IN ('acknowledged', 'claimed', 'resolved', 'reopened')`,
  ],
  // ... and, per case, whether an earlier one exists (only the first counts).
  ['ix_case_events_case_actions', `ON case_events (case_id, action, seq) WHERE action IN ('acknowledged', 'claimed', 'resolved', 'reopened')`],
  // Escalation rate: whether a case was ever escalated to a manager.
  ['ix_case_events_escalated', `ON case_events (case_id) WHERE to_state = 'escalated_to_manager'`],
  // The case's team, kind, severity and creation for a clock, an event or a handoff, without the wide row.
  ['ix_cases_metric_dimensions', `ON cases (id) INCLUDE (team, kind, severity, created_at)`],
  // Volume: cases by creation.
  ['ix_cases_created_dimensions', `ON cases (created_at) INCLUDE (id, team, kind)`],
  // Volume, breach and escalation rates: finished cases by when they were completed.
  [
    'ix_cases_completed',
    `ON cases ((COALESCE(resolved_at, closed_at))) INCLUDE (id, team, kind, severity, breached, resolved_at, closed_at) WHERE NOT is_open`,
  ],
  // Handoff turnaround: answered handoffs by when they were answered.
  ['ix_handoffs_answered', `ON handoffs (answered_at) INCLUDE (case_id, team, requested_at, breached) WHERE status = 'answered'`],
];

export class MetricsIndexes1764104400000 implements MigrationInterface {
  name = 'MetricsIndexes1764104400000';
  // CREATE INDEX CONCURRENTLY cannot run inside a transaction.
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    const concurrently = concurrentlyIfPossible(q);
    for (const [name, definition] of INDEXES) {
      await q.query(`DROP INDEX ${concurrently} IF EXISTS ${name}`);
      await q.query(`CREATE INDEX ${concurrently} ${name} ${definition}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    const concurrently = concurrentlyIfPossible(q);
    for (const [name] of [...INDEXES].reverse()) await q.query(`DROP INDEX ${concurrently} IF EXISTS ${name}`);
  }
}

/**
 * TypeORM honours `transaction = false` when it applies migrations, but undoes every migration inside
 * a transaction; there (and under any caller that opened one) the plain, locking forms are the ones
 * PostgreSQL accepts.
 */
function concurrentlyIfPossible(q: QueryRunner): string {
  return q.isTransactionActive ? '' : 'CONCURRENTLY';
}
