import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ErrorResponse } from '../common/error.response';
import { UuidParam } from '../common/uuid-param';
import type { Actor } from '../../workflows/common/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { CaseHistoryQuery, EscalationHistoryQuery } from './history.query';
import { CaseHistoryResponse, EscalationHistoryResponse } from './history.response';
import { HistoryService } from './history.service';

@ApiTags('history')
@Controller('escalations/:id/history')
export class HistoryController {
  constructor(private readonly history: HistoryService) {}

  @Get()
  @ApiOperation({ summary: "The case workflow's event history, decoded, with the audit trail (managers of the team, operators)" })
  @ApiOkResponse({ type: EscalationHistoryResponse })
  @ApiResponse({ status: 400, type: ErrorResponse, description: 'id is not a UUID, or a bad handoffs, compact or runId: details.fields names it' })
  @ApiResponse({ status: 401, type: ErrorResponse, description: 'No valid token' })
  @ApiResponse({ status: 403, type: ErrorResponse, description: 'The caller may not view history (history.view): details.denial says why' })
  @ApiResponse({ status: 404, type: ErrorResponse, description: 'No such case, or no such run of its workflow (runId)' })
  @ApiResponse({ status: 503, type: ErrorResponse, description: 'Temporal is unreachable' })
  get(
    @UuidParam('id') id: string,
    @Query() query: EscalationHistoryQuery,
    @CurrentActor() actor: Actor,
  ): Promise<EscalationHistoryResponse> {
    return this.history.escalation(actor, id, query);
  }
}

@ApiTags('history')
@Controller('cases/:id/history')
export class CaseHistoryController {
  constructor(private readonly history: HistoryService) {}

  @Get()
  @ApiOperation({ summary: "Any case's workflow history, decoded, with the audit trail and, on request, its child workflows (managers of the team, operators)" })
  @ApiOkResponse({ type: CaseHistoryResponse })
  @ApiResponse({ status: 400, type: ErrorResponse, description: 'id is not a UUID, or a bad children, compact or runId: details.fields names it' })
  @ApiResponse({ status: 401, type: ErrorResponse, description: 'No valid token' })
  @ApiResponse({ status: 403, type: ErrorResponse, description: 'The caller may not view history (history.view): details.denial says why' })
  @ApiResponse({ status: 404, type: ErrorResponse, description: 'No such case, or no such run of its workflow (runId)' })
  @ApiResponse({ status: 503, type: ErrorResponse, description: 'Temporal or PostgreSQL is unreachable' })
  get(
    @UuidParam('id') id: string,
    @Query() query: CaseHistoryQuery,
    @CurrentActor() actor: Actor,
  ): Promise<CaseHistoryResponse> {
    return this.history.case(actor, id, query);
  }
}
