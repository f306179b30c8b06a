import { ActivityFailure, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { WEBHOOK_MAX_ATTEMPTS, type WebhookDeliveryInput } from './webhook.contract';

/** Each attempt is logged by the activity; Temporal's retry policy spaces them out (exponential backoff). */
const { sendWebhook } = proxyActivities<Pick<Activities, 'sendWebhook'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: WEBHOOK_MAX_ATTEMPTS },
});

const { markWebhookFailed } = proxyActivities<Pick<Activities, 'markWebhookFailed'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Sends one delivery until the receiver takes it (2xx); when the attempts run out, records it as failed (a replay can send it again). */
export async function webhookDeliveryWorkflow(input: WebhookDeliveryInput): Promise<void> {
  try {
    await sendWebhook(input.deliveryId);
  } catch (err) {
    const reason = err instanceof ActivityFailure && err.cause ? err.cause.message : String(err);
    await markWebhookFailed(input.deliveryId, reason);
  }
}
