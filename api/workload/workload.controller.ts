import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../workflows/common/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { WorkloadQuery } from './dto/workload.query';
import { WorkloadResponse } from './workload.response';
import { WorkloadService } from './workload.service';

@ApiTags('workload')
@ApiBearerAuth()
@Controller('workload')
export class WorkloadController {
  constructor(private readonly workload: WorkloadService) {}

  @Get()
  @ApiOperation({
    summary: "A team's workload: members' load, queue, backlog by kind and age, arrivals against completions, staffing plan with its arithmetic",
  })
  @ApiOkResponse({ type: WorkloadResponse })
  get(@Query() query: WorkloadQuery, @CurrentActor() actor: Actor): Promise<WorkloadResponse> {
    return this.workload.forTeam(actor, query);
  }
}
