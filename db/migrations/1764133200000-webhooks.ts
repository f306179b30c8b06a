import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outgoing webhooks. case_events gets a feed position (feed_id, in insertion order) and the time it was
 * recorded, so a dispatcher can find the events after its cursor; subscriptions keep their secret
 * sealed (AES-GCM) and a cursor; a delivery is one event sent to one subscription (or the replay of
 * one), and every attempt is logged.
 */
export class Webhooks1764133200000 implements MigrationInterface {
  name = 'Webhooks1764133200000';

  async up(q: QueryRunner): Promise<void> {
    // Adding columns rewrites no row through UPDATE: the append-only triggers are not involved.
    await q.query(`ALTER TABLE case_events ADD COLUMN feed_id bigint GENERATED ALWAYS AS IDENTITY`);
    await q.query(`ALTER TABLE case_events ADD COLUMN recorded_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`CREATE UNIQUE INDEX ux_case_events_feed ON case_events (feed_id)`);
    await q.query(`
      CREATE TABLE webhook_subscriptions (
        id uuid NOT NULL CONSTRAINT pk_webhook_subscriptions PRIMARY KEY,
        url varchar(2000) NOT NULL,
        event_types varchar(64)[] NOT NULL CONSTRAINT ck_webhook_subscriptions_types CHECK (cardinality(event_types) BETWEEN 1 AND 50),
        secret_sealed text NOT NULL,
        created_by varchar(100) NOT NULL,
        active boolean NOT NULL DEFAULT true,
        feed_cursor bigint NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        deactivated_at timestamptz NULL
      )`);
    await q.query(`
      CREATE TABLE webhook_deliveries (
        id uuid NOT NULL CONSTRAINT pk_webhook_deliveries PRIMARY KEY,
        subscription_id uuid NOT NULL CONSTRAINT fk_webhook_deliveries_subscription REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
        case_id uuid NOT NULL,
        event_seq integer NOT NULL,
        event_type varchar(64) NOT NULL,
        payload jsonb NOT NULL,
        status varchar(12) NOT NULL DEFAULT 'pending' CONSTRAINT ck_webhook_deliveries_status CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        replay_of uuid NULL CONSTRAINT fk_webhook_deliveries_replay REFERENCES webhook_deliveries (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz NULL,
        last_error text NULL
      )`);
    // One original delivery per event and subscription; replays are extra rows.
    await q.query(`CREATE UNIQUE INDEX ux_webhook_deliveries_event ON webhook_deliveries (subscription_id, case_id, event_seq) WHERE replay_of IS NULL`);
    await q.query(`CREATE INDEX ix_webhook_deliveries_subscription ON webhook_deliveries (subscription_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE webhook_attempts (
        delivery_id uuid NOT NULL CONSTRAINT fk_webhook_attempts_delivery REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
        attempt integer NOT NULL,
        at timestamptz NOT NULL,
        status_code integer NULL,
        error text NULL,
        duration_ms integer NOT NULL,
        CONSTRAINT pk_webhook_attempts PRIMARY KEY (delivery_id, attempt)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_attempts`);
    await q.query(`DROP TABLE webhook_deliveries`);
    await q.query(`DROP TABLE webhook_subscriptions`);
    await q.query(`DROP INDEX ux_case_events_feed`);
    await q.query(`ALTER TABLE case_events DROP COLUMN recorded_at`);
    await q.query(`ALTER TABLE case_events DROP COLUMN feed_id`);
  }
}
