import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { encryptSecret, newWebhookSecret } from '../../platform/webhooks/webhook-secrets';
import { webhookSecretsKey } from '../../platform/webhooks/webhook-settings';
import { urlProblem } from '../../platform/webhooks/webhook-target';
import type { Actor } from '../../workflows/common/actor';
import { webhookDeliveryWorkflowId, webhookDispatcherWorkflowId } from '../../workflows/webhooks/webhook.contract';
import type { webhookDeliveryWorkflow } from '../../workflows/webhooks/webhook-delivery.workflow';
import type { webhookDispatcherWorkflow } from '../../workflows/webhooks/webhook-dispatcher.workflow';
import { AccessService } from '../auth/access.service';
import { DomainError, ErrorCode } from '../common/error-codes';
import { ApiSettings, TemporalClient } from '../common/runtime';
import type { OffsetPageQuery } from '../common/offset-page.query';
import type { CreateWebhookDto } from './dto/create-webhook.dto';
import type { CreatedWebhookResponse, ReplayStartedResponse, WebhookDeliveryListResponse, WebhookDeliveryResponse, WebhookListResponse, WebhookResponse } from './webhook.response';
import { WebhooksRepository, type DeliveryRow, type WebhookRow } from './webhooks.repository';

const toResponse = (r: WebhookRow): WebhookResponse => ({
  id: r.id, url: r.url, eventTypes: r.event_types, active: r.active, createdBy: r.created_by, createdAt: r.created_at.toISOString(),
});

const deliveryResponse = (d: DeliveryRow): WebhookDeliveryResponse => ({
  id: d.id,
  eventType: d.event_type,
  caseId: d.case_id,
  eventSeq: d.event_seq,
  status: d.status,
  attempts: d.attempts,
  replayOf: d.replay_of,
  createdAt: d.created_at.toISOString(),
  deliveredAt: d.delivered_at ? d.delivered_at.toISOString() : null,
  lastError: d.last_error,
  log: d.log.map((a) => ({ attempt: a.attempt, at: new Date(a.at).toISOString(), statusCode: a.status_code, error: a.error, durationMs: a.duration_ms })),
});

/** Webhook subscriptions (operators only): create with a secret shown once, list, deactivate, read the delivery log, replay a delivery. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly access: AccessService,
    private readonly repository: WebhooksRepository,
    private readonly temporal: TemporalClient,
    private readonly settings: ApiSettings,
  ) {}

  private allow(actor: Actor, id?: string): void {
    this.access.require(actor, 'webhooks.manage', { kind: 'webhooks' }, id);
  }

  async create(actor: Actor, dto: CreateWebhookDto): Promise<CreatedWebhookResponse> {
    this.allow(actor);
    const config = this.settings.config;
    const problem = urlProblem(dto.url, { allowedHosts: config.WEBHOOK_ALLOWED_HOSTS });
    if (problem) throw new DomainError(ErrorCode.ValidationFailed, `url ${problem}`, { fields: [{ field: 'url', problems: [problem] }] });
    const key = webhookSecretsKey(config);
    if (!key) throw new DomainError(ErrorCode.Conflict, 'webhooks need WEBHOOK_SECRETS_KEY (or ACTOR_PROOF_SECRET) to keep their secrets');
    const secret = newWebhookSecret();
    const row = await this.repository.create(randomUUID(), dto.url, dto.eventTypes, encryptSecret(key, secret), actor.userId);
    await this.temporal.client.workflow.start<typeof webhookDispatcherWorkflow>('webhookDispatcherWorkflow', {
      taskQueue: this.temporal.taskQueue,
      workflowId: webhookDispatcherWorkflowId(row.id),
      args: [{ subscriptionId: row.id, pollMs: config.WEBHOOK_POLL_MS }],
    });
    return { ...toResponse(row), secret };
  }

  async list(actor: Actor): Promise<WebhookListResponse> {
    this.allow(actor);
    return { items: (await this.repository.list()).map(toResponse) };
  }

  async get(actor: Actor, id: string): Promise<WebhookResponse> {
    this.allow(actor, id);
    return toResponse(await this.require(id));
  }

  /** Stops deliveries of new events (the dispatcher ends at its next look); the log stays. */
  async deactivate(actor: Actor, id: string): Promise<WebhookResponse> {
    this.allow(actor, id);
    await this.require(id);
    await this.repository.deactivate(id);
    return toResponse(await this.require(id));
  }

  async deliveries(actor: Actor, id: string, page: OffsetPageQuery): Promise<WebhookDeliveryListResponse> {
    this.allow(actor, id);
    await this.require(id);
    const { rows, total } = await this.repository.deliveryLog(id, page.limit ?? 20, page.offset ?? 0);
    return { items: rows.map(deliveryResponse), total };
  }

  /** Sends the same event again, signed afresh, as a new delivery with its own log. */
  async replay(actor: Actor, id: string, deliveryId: string): Promise<ReplayStartedResponse> {
    this.allow(actor, id);
    const sub = await this.require(id);
    const delivery = await this.repository.findDelivery(deliveryId);
    if (!delivery || delivery.subscription_id !== id) throw new DomainError(ErrorCode.NotFound, `No delivery ${deliveryId} of webhook ${id}`);
    if (!sub.active) throw new DomainError(ErrorCode.InvalidTransition, 'the webhook is deactivated: nothing is sent to it any more');
    const replayId = randomUUID();
    await this.repository.replay(delivery, replayId);
    await this.temporal.client.workflow.start<typeof webhookDeliveryWorkflow>('webhookDeliveryWorkflow', {
      taskQueue: this.temporal.taskQueue,
      workflowId: webhookDeliveryWorkflowId(replayId),
      args: [{ deliveryId: replayId }],
    });
    return { id: replayId, replayOf: deliveryId };
  }

  private async require(id: string): Promise<WebhookRow> {
    const row = await this.repository.find(id);
    if (!row) throw new DomainError(ErrorCode.NotFound, `No webhook with id ${id}`);
    return row;
  }
}
