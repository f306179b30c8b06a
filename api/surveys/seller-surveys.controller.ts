import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../workflows/common/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ErrorResponse } from '../common/error.response';
import { UuidParam } from '../common/uuid-param';
import { SurveyAnswerDto } from './survey.dto';
import { SurveyResponse } from './survey.response';
import { SurveysService } from './surveys.service';

/** The seller's one-question survey after a decision on their appeal or escalation. */
@ApiTags('seller surveys')
@ApiResponse({ status: 400, type: ErrorResponse, description: 'Bad id or body: details.fields names each bad field' })
@ApiResponse({ status: 401, type: ErrorResponse, description: 'No valid token' })
@ApiResponse({ status: 403, type: ErrorResponse, description: 'The caller is not a seller' })
@ApiResponse({ status: 404, type: ErrorResponse, description: 'No appeal or escalation of yours with this id' })
@ApiResponse({ status: 409, type: ErrorResponse, description: 'Not decided yet, or already answered' })
@ApiResponse({ status: 503, type: ErrorResponse, description: 'The database is unreachable' })
@Controller('seller/surveys')
export class SellerSurveysController {
  constructor(private readonly surveys: SurveysService) {}

  @Get(':caseId')
  @ApiOperation({ summary: 'The survey on your decided case, and your answer if you gave one' })
  @ApiOkResponse({ type: SurveyResponse })
  get(@UuidParam('caseId') caseId: string, @CurrentActor() actor: Actor) {
    return this.surveys.get(actor, caseId);
  }

  @Post(':caseId')
  @ApiOperation({ summary: 'Answer the survey once: a score from 1 to 5 and an optional comment' })
  @ApiCreatedResponse({ type: SurveyResponse })
  answer(@UuidParam('caseId') caseId: string, @Body() dto: SurveyAnswerDto, @CurrentActor() actor: Actor) {
    return this.surveys.answer(actor, caseId, dto);
  }
}
