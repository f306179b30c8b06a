import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../workflows/common/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { OffsetPageQuery } from '../common/offset-page.query';
import { UuidParam } from '../common/uuid-param';
import { CreateWebhookDto } from './dto/create-webhook.dto';
import { CreatedWebhookResponse, ReplayStartedResponse, WebhookDeliveryListResponse, WebhookListResponse, WebhookResponse } from './webhook.response';
import { WebhooksService } from './webhooks.service';

/** Outgoing webhooks for case events (operators only). */
@ApiTags('webhooks')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiOperation({ summary: 'Subscribe a URL to case events; the answer shows the signing secret once' })
  @ApiCreatedResponse({ type: CreatedWebhookResponse })
  create(@Body() dto: CreateWebhookDto, @CurrentActor() actor: Actor): Promise<CreatedWebhookResponse> {
    return this.webhooks.create(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Webhook subscriptions, newest first (never their secrets)' })
  @ApiOkResponse({ type: WebhookListResponse })
  list(@CurrentActor() actor: Actor): Promise<WebhookListResponse> {
    return this.webhooks.list(actor);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One webhook subscription' })
  @ApiOkResponse({ type: WebhookResponse })
  get(@UuidParam('id') id: string, @CurrentActor() actor: Actor): Promise<WebhookResponse> {
    return this.webhooks.get(actor, id);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stop sending new events to this URL (the delivery log stays)' })
  @ApiOkResponse({ type: WebhookResponse })
  deactivate(@UuidParam('id') id: string, @CurrentActor() actor: Actor): Promise<WebhookResponse> {
    return this.webhooks.deactivate(actor, id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'The delivery log: each delivery, newest first, with every attempt (status code or error, duration)' })
  @ApiOkResponse({ type: WebhookDeliveryListResponse })
  deliveries(@UuidParam('id') id: string, @Query() page: OffsetPageQuery, @CurrentActor() actor: Actor): Promise<WebhookDeliveryListResponse> {
    return this.webhooks.deliveries(actor, id, page);
  }

  @Post(':id/deliveries/:deliveryId/replay')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a delivery again (a new delivery with the same event and payload, signed afresh)' })
  @ApiAcceptedResponse({ type: ReplayStartedResponse })
  replay(@UuidParam('id') id: string, @UuidParam('deliveryId') deliveryId: string, @CurrentActor() actor: Actor): Promise<ReplayStartedResponse> {
    return this.webhooks.replay(actor, id, deliveryId);
  }
}
