import { ApplicationFailure } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import { decryptSecret } from '../platform/webhooks/webhook-secrets';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signPayload } from '../platform/webhooks/webhook-signature';
import { postWebhook } from '../platform/webhooks/webhook-http';
import type { TargetPolicy } from '../platform/webhooks/webhook-target';
import type { CollectedEvents } from '../workflows/webhooks/webhook.contract';
import { classified } from './failures';

export interface WebhookSettings extends TargetPolicy {
  /** WEBHOOK_SECRETS_KEY (or ACTOR_PROOF_SECRET): unseals the subscriptions' signing secrets. */
  secretsKey: string;
  timeoutMs?: number;
}

export interface WebhookDeps {
  dataSource: DataSource;
  webhooks?: WebhookSettings;
}

const BATCH = 100;
/** Events recorded longer ago than this are taken as committed: the cursor moves only past them. */
const SETTLE = `interval '30 seconds'`;
const MATCHES = `('*' = ANY(s.event_types) OR e.action = ANY(s.event_types))`;
const UNDELIVERED = `NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.subscription_id = s.id AND d.case_id = e.case_id AND d.event_seq = e.seq AND d.replay_of IS NULL)`;

/** The webhooks' side effects: collecting a subscription's new events into deliveries, sending one delivery, recording a failure. */
export function createWebhookActivities({ dataSource, webhooks }: WebhookDeps) {
  return {
    collectWebhookEvents: (subscriptionId: string): Promise<CollectedEvents> =>
      classified(() =>
        dataSource.transaction(async (tx) => {
          const [sub] = await tx.query(`SELECT active FROM webhook_subscriptions WHERE id = $1 FOR UPDATE`, [subscriptionId]);
          if (!sub?.active) return { active: false, deliveryIds: [] };
          const inserted: Array<{ id: string }> = await tx.query(
            `INSERT INTO webhook_deliveries (id, subscription_id, case_id, event_seq, event_type, payload)
             SELECT gen_random_uuid(), s.id, e.case_id, e.seq, e.action, jsonb_build_object(
               'id', e.case_id || ':' || e.seq, 'type', e.action, 'occurredAt', e.occurred_at,
               'case', jsonb_build_object('id', c.id, 'kind', c.kind, 'sellerId', c.seller_id, 'team', c.team, 'state', c.state),
               'event', jsonb_build_object('seq', e.seq, 'actor', jsonb_build_object('id', e.actor_id, 'role', e.actor_role),
                 'fromState', e.from_state, 'toState', e.to_state, 'reason', e.reason, 'details', e.details))
             FROM webhook_subscriptions s
             JOIN case_events e ON e.feed_id > s.feed_cursor
             JOIN cases c ON c.id = e.case_id
             WHERE s.id = $1 AND ${MATCHES} AND ${UNDELIVERED}
             ORDER BY e.feed_id LIMIT ${BATCH}
             ON CONFLICT DO NOTHING
             RETURNING id`,
            [subscriptionId],
          );
          await tx.query(
            `UPDATE webhook_subscriptions s SET feed_cursor = GREATEST(s.feed_cursor, LEAST(
               (SELECT max(e.feed_id) FROM case_events e WHERE e.feed_id > s.feed_cursor AND e.recorded_at < now() - ${SETTLE}),
               (SELECT min(e.feed_id) - 1 FROM case_events e WHERE e.feed_id > s.feed_cursor AND ${MATCHES} AND ${UNDELIVERED})))
             WHERE s.id = $1`,
            [subscriptionId],
          );
          return { active: true, deliveryIds: inserted.map((r) => r.id) };
        }),
      ),

    /** One attempt, logged; a 2xx marks the delivery delivered, anything else throws so Temporal retries with backoff. */
    async sendWebhook(deliveryId: string): Promise<void> {
      if (!webhooks) throw ApplicationFailure.nonRetryable('this worker has no webhook settings (WEBHOOK_SECRETS_KEY)', 'webhooks_unconfigured');
      const [row] = await classified(() =>
        dataSource.query(
          `SELECT d.status, d.event_type, d.payload, s.url, s.secret_sealed FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id WHERE d.id = $1`,
          [deliveryId],
        ),
      );
      if (!row) throw ApplicationFailure.nonRetryable(`no webhook delivery ${deliveryId}`, 'not_found');
      if (row.status === 'delivered') return;
      const body = JSON.stringify(row.payload);
      const signature = signPayload(decryptSecret(webhooks.secretsKey, row.secret_sealed), body, Math.floor(Date.now() / 1000));
      const at = new Date();
      const outcome = await postWebhook(row.url, body, { [SIGNATURE_HEADER]: signature, [DELIVERY_HEADER]: deliveryId, [EVENT_HEADER]: row.event_type }, webhooks, webhooks.timeoutMs ?? 10_000);
      const ok = outcome.status !== null && outcome.status >= 200 && outcome.status < 300;
      const error = ok ? null : (outcome.error ?? `the receiver answered ${outcome.status}`);
      await classified(() =>
        dataSource.transaction(async (tx) => {
          // TypeORM answers an UPDATE with [rows, count].
          const [[{ attempts }]] = await tx.query(
            `UPDATE webhook_deliveries SET attempts = attempts + 1, status = CASE WHEN $2 THEN 'delivered' ELSE status END,
               delivered_at = CASE WHEN $2 THEN now() ELSE delivered_at END, last_error = $3 WHERE id = $1 RETURNING attempts`,
            [deliveryId, ok, error],
          );
          await tx.query(`INSERT INTO webhook_attempts (delivery_id, attempt, at, status_code, error, duration_ms) VALUES ($1, $2, $3, $4, $5, $6)`, [
            deliveryId, attempts, at.toISOString(), outcome.status, error, outcome.durationMs,
          ]);
        }),
      );
      if (ok) return;
      if (outcome.error?.startsWith('refused target')) throw ApplicationFailure.nonRetryable(error!, 'unsafe_target');
      throw ApplicationFailure.retryable(error!, 'webhook_not_accepted');
    },

    markWebhookFailed: (deliveryId: string, reason: string): Promise<void> =>
      classified(async () => {
        await dataSource.query(`UPDATE webhook_deliveries SET status = 'failed', last_error = $2 WHERE id = $1 AND status = 'pending'`, [deliveryId, reason.slice(0, 2000)]);
      }),
  };
}
