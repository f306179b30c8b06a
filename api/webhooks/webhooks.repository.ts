import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface WebhookRow {
  id: string;
  url: string;
  event_types: string[];
  active: boolean;
  created_by: string;
  created_at: Date;
}

export interface DeliveryRow {
  id: string;
  subscription_id: string;
  event_type: string;
  case_id: string;
  event_seq: number;
  status: string;
  attempts: number;
  replay_of: string | null;
  created_at: Date;
  delivered_at: Date | null;
  last_error: string | null;
  log: Array<{ attempt: number; at: string; status_code: number | null; error: string | null; duration_ms: number }>;
}

const COLUMNS = `id, url, event_types, active, created_by, created_at`;

/** Subscriptions and their delivery log. No rules here. */
@Injectable()
export class WebhooksRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Starts at the end of the event feed: a new subscription receives events recorded after it. */
  async create(id: string, url: string, eventTypes: string[], sealed: string, createdBy: string): Promise<WebhookRow> {
    const [row] = await this.dataSource.query(
      `INSERT INTO webhook_subscriptions (id, url, event_types, secret_sealed, created_by, feed_cursor)
       VALUES ($1, $2, $3, $4, $5, (SELECT COALESCE(max(feed_id), 0) FROM case_events)) RETURNING ${COLUMNS}`,
      [id, url, eventTypes, sealed, createdBy],
    );
    return row;
  }

  async find(id: string): Promise<WebhookRow | null> {
    const [row] = await this.dataSource.query(`SELECT ${COLUMNS} FROM webhook_subscriptions WHERE id = $1`, [id]);
    return row ?? null;
  }

  list(): Promise<WebhookRow[]> {
    return this.dataSource.query(`SELECT ${COLUMNS} FROM webhook_subscriptions ORDER BY created_at DESC, id DESC LIMIT 500`);
  }

  async deactivate(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE webhook_subscriptions SET active = false, deactivated_at = now() WHERE id = $1 AND active`, [id]);
  }

  private deliveries(where: string) {
    return `SELECT d.id, d.subscription_id, d.event_type, d.case_id, d.event_seq, d.status, d.attempts, d.replay_of, d.created_at, d.delivered_at, d.last_error,
      COALESCE((SELECT jsonb_agg(jsonb_build_object('attempt', a.attempt, 'at', a.at, 'status_code', a.status_code, 'error', a.error, 'duration_ms', a.duration_ms) ORDER BY a.attempt)
                FROM webhook_attempts a WHERE a.delivery_id = d.id), '[]'::jsonb) AS log
      FROM webhook_deliveries d WHERE ${where}`;
  }

  async deliveryLog(subscriptionId: string, limit: number, offset: number): Promise<{ rows: DeliveryRow[]; total: number }> {
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(`${this.deliveries('d.subscription_id = $1')} ORDER BY d.created_at DESC, d.id DESC LIMIT $2 OFFSET $3`, [subscriptionId, limit, offset]),
      this.dataSource.query(`SELECT count(*)::int AS total FROM webhook_deliveries WHERE subscription_id = $1`, [subscriptionId]),
    ]);
    return { rows, total };
  }

  async findDelivery(id: string): Promise<DeliveryRow | null> {
    const [row] = await this.dataSource.query(this.deliveries('d.id = $1'), [id]);
    return row ?? null;
  }

  /** A new delivery of the same event with the same payload. */
  async replay(of: DeliveryRow, id: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO webhook_deliveries (id, subscription_id, case_id, event_seq, event_type, payload, replay_of)
       SELECT $2, subscription_id, case_id, event_seq, event_type, payload, id FROM webhook_deliveries WHERE id = $1`,
      [of.id, id],
    );
  }
}
