import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../workflows/common/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ErrorResponse } from '../common/error.response';
import { falsePositiveCsv } from './false-positives';
import { FalsePositivesQuery } from './false-positives.query';
import { FalsePositiveReportResponse } from './false-positives.response';
import { FalsePositivesService } from './false-positives.service';

/** Feedback to the upstream enforcement teams: enforcements appeals found wrong (senior specialists, managers, operators). */
@ApiTags('reports')
@ApiResponse({ status: 400, type: ErrorResponse, description: 'A bad team or period: details.fields names it' })
@ApiResponse({ status: 401, type: ErrorResponse, description: 'No valid token' })
@ApiResponse({ status: 403, type: ErrorResponse, description: 'The caller may not read the report' })
@ApiResponse({ status: 503, type: ErrorResponse, description: 'The database is unreachable' })
@Controller('reports/false-positives')
export class ReportsController {
  constructor(private readonly reports: FalsePositivesService) {}

  @Get()
  @ApiOperation({ summary: "An upstream team's false positives in a period: count, rate against the team's reported enforcements, the cases with their notes" })
  @ApiOkResponse({ type: FalsePositiveReportResponse })
  report(@Query() q: FalsePositivesQuery, @CurrentActor() actor: Actor): Promise<FalsePositiveReportResponse> {
    return this.reports.report(actor, q);
  }

  @Get('csv')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The same report as CSV, one line per case with the period totals: what the upstream team receives' })
  @ApiOkResponse({ description: 'CSV with a header row', schema: { type: 'string' } })
  async csv(@Query() q: FalsePositivesQuery, @CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response): Promise<string> {
    const csv = falsePositiveCsv(await this.reports.report(actor, q));
    // Set only once the report is read: a refusal stays a JSON error.
    res.type('text/csv; charset=utf-8');
    return csv;
  }
}
