import { Controller, Get, Query } from '@nestjs/common';
import { UuidParam } from '../common/uuid-param';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../workflows/common/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { HistoryQuery } from './history.query';
import { EscalationHistoryResponse } from './history.response';
import { HistoryService } from './history.service';

@ApiTags('history')
@Controller('escalations/:id/history')
export class HistoryController {
  constructor(private readonly history: HistoryService) {}

  @Get()
  @ApiOperation({ summary: "The case workflow's event history, decoded, with the audit trail (managers of the team, operators)" })
  @ApiOkResponse({ type: EscalationHistoryResponse })
  get(
    @UuidParam('id') id: string,
    @Query() query: HistoryQuery,
    @CurrentActor() actor: Actor,
  ): Promise<EscalationHistoryResponse> {
    return this.history.escalation(actor, id, query);
  }
}
