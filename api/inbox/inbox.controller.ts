import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ErrorResponse } from '../common/error.response';
import type { Actor } from '../../workflows/common/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { InboxQuery } from './inbox.query';
import { InboxPageResponse } from './inbox.response';
import { InboxService } from './inbox.service';

@ApiTags('inbox')
@ApiResponse({ status: 400, type: ErrorResponse, description: 'Bad kind, limit or offset: details.fields names each' })
@ApiResponse({ status: 401, type: ErrorResponse, description: 'No valid token' })
@Controller('inbox')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  @ApiOperation({ summary: "The caller's open tasks, soonest due first" })
  @ApiOkResponse({ type: InboxPageResponse })
  mine(@Query() query: InboxQuery, @CurrentActor() actor: Actor): Promise<InboxPageResponse> {
    return this.inbox.mine(actor, query);
  }

  @Get('team')
  @ApiOperation({ summary: "The caller's team queue: its open tasks nobody holds yet, soonest due first" })
  @ApiOkResponse({ type: InboxPageResponse })
  team(@Query() query: InboxQuery, @CurrentActor() actor: Actor): Promise<InboxPageResponse> {
    return this.inbox.team(actor, query);
  }
}
