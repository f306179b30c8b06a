import { Controller, Get, Query } from '@nestjs/common';
import { UuidParam } from '../common/uuid-param';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CASE_KINDS, type Actor } from '../../workflows/common/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { CaseQueriesService } from './case-queries.service';
import { CaseDetailResponse, CasePageResponse } from './case.response';
import { ListCasesQuery } from './dto/list-cases.query';

/** Cases of every kind, as one list and one generic case view; each kind's own routes add what is particular to it. */
@ApiTags('cases')
@Controller('cases')
export class CasesController {
  constructor(private readonly queries: CaseQueriesService) {}

  @Get()
  @ApiOperation({ summary: 'Cases of every kind the caller may view, newest first, filtered and paginated by cursor' })
  @ApiOkResponse({ type: CasePageResponse })
  list(@Query() query: ListCasesQuery, @CurrentActor() actor: Actor): Promise<CasePageResponse> {
    return this.queries.list(actor, query, CASE_KINDS);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One case of any kind with its SLA clocks, tasks, handoffs and audit timeline' })
  @ApiOkResponse({ type: CaseDetailResponse })
  get(@UuidParam('id') id: string, @CurrentActor() actor: Actor): Promise<CaseDetailResponse> {
    return this.queries.detail(actor, id);
  }
}
