import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../workflows/common/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ErrorResponse } from '../common/error.response';
import { WorkflowRunsResponse } from './runs.response';
import { RunsService } from './runs.service';

@ApiTags('history')
@Controller('escalations/:id/runs')
export class RunsController {
  constructor(private readonly runs: RunsService) {}

  @Get()
  @ApiOperation({ summary: "The case workflow's runs across continue-as-new, oldest first (managers of the team, operators)" })
  @ApiOkResponse({ type: WorkflowRunsResponse })
  @ApiResponse({ status: 400, type: ErrorResponse, description: 'id is not a UUID' })
  @ApiResponse({ status: 401, type: ErrorResponse, description: 'No valid token' })
  @ApiResponse({ status: 403, type: ErrorResponse, description: 'The caller may not view history (history.view): details.denial says why' })
  @ApiResponse({ status: 404, type: ErrorResponse, description: 'No such case' })
  @ApiResponse({ status: 503, type: ErrorResponse, description: 'Temporal is unreachable' })
  get(@Param('id', new ParseUUIDPipe({ version: undefined })) id: string, @CurrentActor() actor: Actor): Promise<WorkflowRunsResponse> {
    return this.runs.escalation(actor, id);
  }
}
