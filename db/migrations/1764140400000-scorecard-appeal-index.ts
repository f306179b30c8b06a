import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A scorecard reads one member's appeal decisions in a period (`appeals.decided_by`, `decided_at`):
 * without this index every scorecard scans every appeal. Partial: only decided appeals have a decider.
 * Built CONCURRENTLY outside a transaction, as the other read indexes are, so appeals keep projecting.
 */
const NAME = 'ix_appeals_decided_by';

export class ScorecardAppealIndex1764140400000 implements MigrationInterface {
  name = 'ScorecardAppealIndex1764140400000';
  // CREATE INDEX CONCURRENTLY cannot run inside a transaction.
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    const concurrently = q.isTransactionActive ? '' : 'CONCURRENTLY';
    // A build interrupted half-way leaves an invalid index: drop it and build again.
    await q.query(`DROP INDEX ${concurrently} IF EXISTS ${NAME}`);
    await q.query(`CREATE INDEX ${concurrently} ${NAME} ON appeals (decided_by, decided_at) WHERE decided_by IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    const concurrently = q.isTransactionActive ? '' : 'CONCURRENTLY';
    await q.query(`DROP INDEX ${concurrently} IF EXISTS ${NAME}`);
  }
}
