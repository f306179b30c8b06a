import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../../workflows/common/actor';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { QaReportQuery, QualityPeriodQuery } from './dto/quality-period.query';
import { QaReportResponse, ScorecardResponse } from './quality-reports.response';
import { QualityReportsService } from './quality-reports.service';

@ApiTags('quality')
@ApiBearerAuth()
@Controller('quality')
export class QualityReportsController {
  constructor(private readonly reports: QualityReportsService) {}

  @Get('scorecards/:userId')
  @ApiOperation({ summary: "A specialist's scorecard by week: volume, median handle time, SLA attainment, QA accuracy (Wilson interval), reinstatement and restumble rates of their appeal decisions, overturned decisions (own, or the team's for seniors and managers)" })
  @ApiOkResponse({ type: ScorecardResponse })
  scorecard(@Param('userId') userId: string, @Query() query: QualityPeriodQuery, @CurrentActor() actor: Actor): Promise<ScorecardResponse> {
    return this.reports.scorecard(actor, userId, query);
  }

  @Get('report')
  @ApiOperation({ summary: "The team's QA error-rate report: sample size, stratified estimate with its 95% interval per error type, samples needed for a target margin" })
  @ApiOkResponse({ type: QaReportResponse })
  report(@Query() query: QaReportQuery, @CurrentActor() actor: Actor): Promise<QaReportResponse> {
    return this.reports.report(actor, query);
  }
}
