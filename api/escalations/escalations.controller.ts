import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiExtraModels, ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CURRENT_TAXONOMY_VERSION, KNOWN_TAXONOMY_VERSIONS, taxonomyOf } from '../../workflows/escalation/escalation.taxonomy';
import { SeverityGuidanceResponse, TaxonomyResponse, taxonomyResponse } from './taxonomy.response';
import { ErrorResponse } from '../common/error.response';
import { UuidParam } from '../common/uuid-param';
import type { Actor } from '../../workflows/common/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { CreateEscalationDto } from './dto/create-escalation.dto';
import { ListEscalationsQuery } from './dto/list-escalations.query';
import { EscalationQueriesService } from './escalation-queries.service';
import { EscalationDetailResponse, EscalationPageResponse, EscalationResponse } from './escalation.response';
import { EscalationsService } from './escalations.service';
import { IdempotencyKey } from './idempotency';

@ApiTags('escalations')
@Controller('escalations')
export class EscalationsController {
  constructor(
    private readonly escalations: EscalationsService,
    private readonly queries: EscalationQueriesService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Open a case (specialists, senior specialists and managers of the owning team)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Replaying a key returns the case it created' })
  @ApiCreatedResponse({ type: EscalationResponse })
  create(
    @Body() dto: CreateEscalationDto,
    @CurrentActor() actor: Actor,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<EscalationResponse> {
    return this.escalations.create(dto, actor, idempotencyKey);
  }

  @Get()
  @ApiOperation({ summary: 'Cases the caller may view, newest first, filtered and paginated by cursor' })
  @ApiOkResponse({ type: EscalationPageResponse })
  list(@Query() query: ListEscalationsQuery, @CurrentActor() actor: Actor): Promise<EscalationPageResponse> {
    return this.queries.list(actor, query);
  }

  @Get('taxonomy')
  @ApiOperation({ summary: 'The escalation taxonomy: categories, sources, enforcement types, triggers, severity guidance, and which root causes go with which resolution (every version)' })
  @ApiExtraModels(SeverityGuidanceResponse)
  @ApiOkResponse({ type: TaxonomyResponse })
  @ApiResponse({ status: 401, type: ErrorResponse, description: 'No valid token' })
  taxonomy(): TaxonomyResponse {
    return { current: CURRENT_TAXONOMY_VERSION, versions: KNOWN_TAXONOMY_VERSIONS.map((v) => taxonomyResponse(taxonomyOf(v))) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One case with its SLA clocks, tasks, handoffs and audit timeline' })
  @ApiOkResponse({ type: EscalationDetailResponse })
  @ApiResponse({ status: 400, type: ErrorResponse, description: 'id is not a UUID' })
  @ApiResponse({ status: 401, type: ErrorResponse, description: 'No valid token' })
  @ApiResponse({ status: 403, type: ErrorResponse, description: 'The caller may not view the case: details.denial says why' })
  @ApiResponse({ status: 404, type: ErrorResponse, description: 'No such case' })
  get(
    @UuidParam('id') id: string,
    @CurrentActor() actor: Actor,
  ): Promise<EscalationDetailResponse> {
    return this.queries.detail(actor, id);
  }
}
