import { continueAsNew, ParentClosePolicy, proxyActivities, sleep, startChild } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { WEBHOOK_POLLS_PER_RUN, webhookDeliveryWorkflowId, type WebhookDispatcherInput } from './webhook.contract';
import { webhookDeliveryWorkflow } from './webhook-delivery.workflow';

const { collectWebhookEvents } = proxyActivities<Pick<Activities, 'collectWebhookEvents'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * Turns a subscription's new case events into deliveries and starts one delivery workflow each
 * (abandoned, so a slow receiver never holds the feed up); waits when nothing is new; ends when the
 * subscription is deactivated; continues as new after WEBHOOK_POLLS_PER_RUN looks.
 */
export async function webhookDispatcherWorkflow(input: WebhookDispatcherInput): Promise<void> {
  for (let polls = 0; polls < WEBHOOK_POLLS_PER_RUN; polls++) {
    const found = await collectWebhookEvents(input.subscriptionId);
    if (!found.active) return;
    for (const deliveryId of found.deliveryIds) {
      await startChild(webhookDeliveryWorkflow, {
        workflowId: webhookDeliveryWorkflowId(deliveryId),
        args: [{ deliveryId }],
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
    }
    if (found.deliveryIds.length === 0) await sleep(input.pollMs);
  }
  await continueAsNew<typeof webhookDispatcherWorkflow>(input);
}
