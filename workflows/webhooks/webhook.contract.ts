/**
 * Outgoing webhooks: one dispatcher workflow per subscription collects the case events after its
 * cursor into deliveries and starts one delivery workflow per delivery, which sends it (signed) and
 * retries with exponential backoff until the receiver answers 2xx or the attempts run out. Wire names
 * are in recorded histories: never rename one.
 */

export const WEBHOOK_DISPATCHER_WORKFLOW_TYPE = 'webhookDispatcherWorkflow';
export const WEBHOOK_DELIVERY_WORKFLOW_TYPE = 'webhookDeliveryWorkflow';

export function webhookDispatcherWorkflowId(subscriptionId: string): string {
  return `webhook-dispatcher-${subscriptionId}`;
}

export function webhookDeliveryWorkflowId(deliveryId: string): string {
  return `webhook-delivery-${deliveryId}`;
}

/** How often a dispatcher looks for new events when the last look found none. */
export const DEFAULT_WEBHOOK_POLL_MS = 5_000;
/** Looks a dispatcher run makes before it continues as new. */
export const WEBHOOK_POLLS_PER_RUN = 200;
/** Attempts per delivery: 1 s, 2 s, 4 s ... capped at 10 minutes between attempts (about an hour and a half in all). */
export const WEBHOOK_MAX_ATTEMPTS = 15;

export interface WebhookDispatcherInput {
  subscriptionId: string;
  pollMs: number;
}

export interface WebhookDeliveryInput {
  deliveryId: string;
}

/** What one look at the event feed found. */
export interface CollectedEvents {
  /** False once the subscription is deactivated: the dispatcher ends. */
  active: boolean;
  deliveryIds: string[];
}
