import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which request each Idempotency-Key was first used for (caller, method, path, a hash of the body), so
 * that a key reused for a different request is refused (422) instead of silently answering with the
 * first request's result.
 */
export class IdempotencyKeys1764108000000 implements MigrationInterface {
  name = 'IdempotencyKeys1764108000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_keys (
        user_id varchar(100) NOT NULL,
        key varchar(200) NOT NULL,
        method varchar(10) NOT NULL,
        path varchar(2000) NOT NULL,
        body_hash char(64) NOT NULL CONSTRAINT ck_idempotency_keys_body_hash CHECK (body_hash ~ '^[0-9a-f]{64}$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_idempotency_keys PRIMARY KEY (user_id, key)
      )`);
    await q.query(`CREATE INDEX ix_idempotency_keys_created_at ON idempotency_keys (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys`);
  }
}
