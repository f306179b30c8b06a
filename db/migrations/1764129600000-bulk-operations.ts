import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bulk operations as the batch workflow records them: one row per batch (status and counts, newest
 * snapshot wins by version) and one per case it answered (done or refused with the case's reason).
 * They outlive the workflow's history in Temporal, like the rest of the read model.
 */
export class BulkOperations1764129600000 implements MigrationInterface {
  name = 'BulkOperations1764129600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE bulk_operations (
        id uuid NOT NULL CONSTRAINT pk_bulk_operations PRIMARY KEY,
        team varchar(64) NOT NULL,
        started_by varchar(100) NOT NULL,
        action_type varchar(20) NOT NULL CONSTRAINT ck_bulk_operations_action_type CHECK (action_type IN ('reassign', 'close', 'extend_sla', 'retriage')),
        action jsonb NOT NULL,
        filter jsonb NOT NULL,
        status varchar(12) NOT NULL CONSTRAINT ck_bulk_operations_status CHECK (status IN ('running', 'paused', 'cancelled', 'completed')),
        total integer NOT NULL CONSTRAINT ck_bulk_operations_total CHECK (total >= 0),
        done integer NOT NULL,
        refused integer NOT NULL,
        remaining integer NOT NULL,
        version integer NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        finished_at timestamptz NULL,
        CONSTRAINT ck_bulk_operations_counts CHECK (done >= 0 AND refused >= 0 AND remaining >= 0 AND done + refused + remaining = total)
      )`);
    await q.query(`CREATE INDEX ix_bulk_operations_team_created ON bulk_operations (team, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_bulk_operations_created ON bulk_operations (created_at DESC, id DESC)`);
    await q.query(`
      CREATE TABLE bulk_operation_results (
        operation_id uuid NOT NULL CONSTRAINT fk_bulk_operation_results_operation REFERENCES bulk_operations (id) ON DELETE CASCADE,
        case_id uuid NOT NULL,
        kind varchar(32) NOT NULL,
        outcome varchar(10) NOT NULL CONSTRAINT ck_bulk_operation_results_outcome CHECK (outcome IN ('done', 'refused')),
        code varchar(40) NULL,
        reason text NULL,
        state varchar(40) NULL,
        at timestamptz NOT NULL,
        CONSTRAINT pk_bulk_operation_results PRIMARY KEY (operation_id, case_id),
        CONSTRAINT ck_bulk_operation_results_reason CHECK (outcome = 'done' OR reason IS NOT NULL)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE bulk_operation_results`);
    await q.query(`DROP TABLE bulk_operations`);
  }
}
