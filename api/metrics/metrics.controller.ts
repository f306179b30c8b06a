import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Actor } from '../../workflows/common/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ErrorResponse } from '../common/error.response';
import { MetricsFilterQuery } from './dto/metrics-filter.query';
import { MetricsPeriodQuery } from './dto/metrics-period.query';
import { StaffingQuery } from './dto/staffing.query';
import {
  BacklogResponse,
  BreachesResponse,
  HandoffsResponse,
  ResponseTimesResponse,
  SatisfactionResponse,
  SlaMetricsResponse,
  StaffingResponse,
  VolumeResponse,
} from './metrics.response';
import { MetricsService } from './metrics.service';

const BAD_REQUEST = { type: ErrorResponse, description: 'validation_failed: details.fields names each bad field (team, kind, from, to, bucket, timeZone)' };
const UNAUTHORIZED = { type: ErrorResponse, description: 'unauthenticated: missing, malformed or expired token, or not an active roster member' };
const FORBIDDEN = {
  type: ErrorResponse,
  description: 'forbidden (details.denial): role_not_permitted (only senior specialists, managers and operators), wrong_team (another team)',
};
const NOT_FOUND = { type: ErrorResponse, description: 'not_found: no such team' };
const UNAVAILABLE = { type: ErrorResponse, description: 'unavailable: the query ran past its time limit (ask for a shorter period or one team)' };

/**
 * The team's performance over time, computed from the read model. Every metric is defined in the
 * README (Metrics): what counts, the formula, the time zone of its buckets.
 */
@ApiTags('metrics')
@ApiBearerAuth()
@ApiUnauthorizedResponse(UNAUTHORIZED)
@ApiForbiddenResponse(FORBIDDEN)
@ApiBadRequestResponse(BAD_REQUEST)
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get('satisfaction')
  @ApiOperation({ summary: "Seller satisfaction: the one-question survey's answers after appeal decisions and escalation resolutions, by kind, team and decision" })
  @ApiOkResponse({ type: SatisfactionResponse })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiServiceUnavailableResponse(UNAVAILABLE)
  satisfaction(@Query() query: MetricsPeriodQuery, @CurrentActor() actor: Actor): Promise<SatisfactionResponse> {
    return this.metrics.satisfaction(actor, query);
  }

  @Get('sla')
  @ApiOperation({ summary: 'SLA attainment: met / (met + missed) of the team clocks decided in each bucket, by kind, severity and clock' })
  @ApiOkResponse({ type: SlaMetricsResponse })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiServiceUnavailableResponse(UNAVAILABLE)
  sla(@Query() query: MetricsPeriodQuery, @CurrentActor() actor: Actor): Promise<SlaMetricsResponse> {
    return this.metrics.sla(actor, query);
  }

  @Get('response-times')
  @ApiOperation({ summary: 'Median and 90th percentile time from creation to first response and to (first) resolution; reopenings' })
  @ApiOkResponse({ type: ResponseTimesResponse })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiServiceUnavailableResponse(UNAVAILABLE)
  responseTimes(@Query() query: MetricsPeriodQuery, @CurrentActor() actor: Actor): Promise<ResponseTimesResponse> {
    return this.metrics.responseTimes(actor, query);
  }

  @Get('volume')
  @ApiOperation({ summary: 'Cases created by kind and category, and completed by kind and root cause, per bucket' })
  @ApiOkResponse({ type: VolumeResponse })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiServiceUnavailableResponse(UNAVAILABLE)
  volume(@Query() query: MetricsPeriodQuery, @CurrentActor() actor: Actor): Promise<VolumeResponse> {
    return this.metrics.volume(actor, query);
  }

  @Get('breaches')
  @ApiOperation({ summary: 'Breach and escalation rates of the cases completed in each bucket' })
  @ApiOkResponse({ type: BreachesResponse })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiServiceUnavailableResponse(UNAVAILABLE)
  breaches(@Query() query: MetricsPeriodQuery, @CurrentActor() actor: Actor): Promise<BreachesResponse> {
    return this.metrics.breaches(actor, query);
  }

  @Get('handoffs')
  @ApiOperation({ summary: "Turnaround of the handoffs the team's cases asked for, by the team that answered" })
  @ApiOkResponse({ type: HandoffsResponse })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiServiceUnavailableResponse(UNAVAILABLE)
  handoffs(@Query() query: MetricsPeriodQuery, @CurrentActor() actor: Actor): Promise<HandoffsResponse> {
    return this.metrics.handoffs(actor, query);
  }

  @Get('backlog')
  @ApiOperation({ summary: 'Open cases now, by age, kind, severity and state, with breached and overdue counts' })
  @ApiOkResponse({ type: BacklogResponse })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiServiceUnavailableResponse(UNAVAILABLE)
  backlog(@Query() query: MetricsFilterQuery, @CurrentActor() actor: Actor): Promise<BacklogResponse> {
    return this.metrics.backlog(actor, query);
  }

  @Get('staffing')
  @ApiOperation({ summary: "The team's staffing plan (as GET /workload computes it), with its arithmetic" })
  @ApiOkResponse({ type: StaffingResponse })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'not_found: nobody is on the team' })
  staffing(@Query() query: StaffingQuery, @CurrentActor() actor: Actor): Promise<StaffingResponse> {
    return this.metrics.staffing(actor, query);
  }
}
