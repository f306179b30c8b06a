import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../workflows/common/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { NotificationPageResponse, NotificationResponse } from './notification.response';
import { NotificationsQuery } from './notifications.query';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: "The caller's notifications, newest first, with the unread count" })
  @ApiOkResponse({ type: NotificationPageResponse })
  list(@Query() query: NotificationsQuery, @CurrentActor() actor: Actor): Promise<NotificationPageResponse> {
    return this.notifications.list(actor, query);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Marks one of the caller’s notifications read (idempotent)' })
  @ApiOkResponse({ type: NotificationResponse })
  markRead(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<NotificationResponse> {
    return this.notifications.markRead(actor, id);
  }
}
