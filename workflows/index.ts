/** The worker's workflow bundle entry: every workflow type Riskdesk runs. */
export { escalationWorkflow } from './escalation/escalation.workflow';
export { handoffWorkflow } from './handoff/handoff.workflow';
export { handBackWorkflow } from './hand-back/hand-back.workflow';
export { strategicReviewWorkflow } from './strategic-review/review.workflow';
export { enforcementWorkflow } from './enforcement/enforcement.workflow';
export { appealWorkflow } from './appeal/appeal.workflow';
export { qaReviewWorkflow } from './qa-review/qa-review.workflow';
export { bulkOperationWorkflow } from './bulk-operation/bulk-operation.workflow';
export { webhookDispatcherWorkflow } from './webhooks/webhook-dispatcher.workflow';
export { webhookDeliveryWorkflow } from './webhooks/webhook-delivery.workflow';
