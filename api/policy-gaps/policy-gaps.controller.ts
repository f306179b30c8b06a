import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../workflows/common/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ErrorResponse } from '../common/error.response';
import { PolicyGapPageResponse, PolicyGapQuery, PolicyGapReportResponse } from './policy-gaps.dto';
import { PolicyGapsService } from './policy-gaps.service';

/**
 * The leadership decision queue: policy gaps and edge cases flagged on cases, their decisions as
 * searchable precedents, and a report of open gaps by age. Flagging and deciding are review actions
 * (POST /reviews/:id/policy-gaps, /policy-gaps/decision), which the workflow records.
 */
@ApiTags('policy gaps')
@ApiResponse({ status: 401, type: ErrorResponse, description: 'No valid token' })
@ApiResponse({ status: 403, type: ErrorResponse, description: 'The caller works no case team' })
@Controller()
export class PolicyGapsController {
  constructor(private readonly gaps: PolicyGapsService) {}

  @Get('policy-gaps')
  @ApiOperation({ summary: "The leadership queue (open, oldest first) or decided gaps, of the caller's team (operators: every team)" })
  @ApiOkResponse({ type: PolicyGapPageResponse })
  @ApiResponse({ status: 400, type: ErrorResponse, description: 'A bad filter: details.fields names it' })
  list(@Query() query: PolicyGapQuery, @CurrentActor() actor: Actor): Promise<PolicyGapPageResponse> {
    return this.gaps.list(actor, query);
  }

  @Get('policy-gaps/report')
  @ApiOperation({ summary: 'Open policy gaps by age, overdue ones counted' })
  @ApiOkResponse({ type: PolicyGapReportResponse })
  report(@CurrentActor() actor: Actor): Promise<PolicyGapReportResponse> {
    return this.gaps.report(actor);
  }

  @Get('precedents')
  @ApiOperation({ summary: 'Decided policy gaps (precedents), newest first, by tag and words, across teams' })
  @ApiOkResponse({ type: PolicyGapPageResponse })
  @ApiResponse({ status: 400, type: ErrorResponse, description: 'A bad filter: details.fields names it' })
  precedents(@Query() query: PolicyGapQuery, @CurrentActor() actor: Actor): Promise<PolicyGapPageResponse> {
    return this.gaps.list(actor, { ...query, status: 'decided' }, true);
  }
}
