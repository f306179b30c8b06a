import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../../workflows/common/actor';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { ApiStandardErrors } from '../../common/openapi/api-standard-errors.decorator';
import { UuidParam } from '../../common/uuid-param';
import { CreateCalibrationSessionDto } from './dto/create-calibration-session.dto';
import { SubmitAnswersDto } from './dto/submit-answers.dto';
import { CalibrationReportResponse, CalibrationSessionListResponse, CalibrationSessionResponse } from './calibration.response';
import { CalibrationService } from './calibration.service';

@ApiTags('quality')
@ApiBearerAuth()
@Controller('calibration-sessions')
export class CalibrationController {
  constructor(private readonly calibration: CalibrationService) {}

  @Post()
  @ApiOperation({ summary: "Start a calibration session on the team's past cases or a golden set (managers)" })
  @ApiCreatedResponse({ type: CalibrationSessionResponse })
  @HttpCode(201)
  create(@Body() dto: CreateCalibrationSessionDto, @CurrentActor() actor: Actor): Promise<CalibrationSessionResponse> {
    return this.calibration.create(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: "The team's sessions: all for its managers, a participant's own for everyone else" })
  @ApiOkResponse({ type: CalibrationSessionListResponse })
  list(@CurrentActor() actor: Actor): Promise<CalibrationSessionListResponse> {
    return this.calibration.list(actor);
  }

  @Get(':id')
  @ApiOperation({ summary: "A session: items, questions, who has answered and the caller's own answers (never others' answers)" })
  @ApiOkResponse({ type: CalibrationSessionResponse })
  get(@UuidParam('id') id: string, @CurrentActor() actor: Actor): Promise<CalibrationSessionResponse> {
    return this.calibration.get(actor, id);
  }

  @Put(':id/answers')
  @ApiOperation({ summary: "A participant's answers, while the session is open (each replaces their earlier answer to the same item and question)" })
  @ApiOkResponse({ type: CalibrationSessionResponse })
  answer(@UuidParam('id') id: string, @Body() dto: SubmitAnswersDto, @CurrentActor() actor: Actor): Promise<CalibrationSessionResponse> {
    return this.calibration.answer(actor, id, dto);
  }

  @Post(':id/close')
  @ApiOperation({ summary: 'Close the session: answers freeze, golden answers and the report become visible (managers)' })
  @ApiOkResponse({ type: CalibrationSessionResponse })
  @HttpCode(200)
  close(@UuidParam('id') id: string, @CurrentActor() actor: Actor): Promise<CalibrationSessionResponse> {
    return this.calibration.close(actor, id);
  }

  @Get(':id/report')
  @ApiOperation({ summary: "Agreement (Cohen's / Fleiss' kappa, Krippendorff's alpha, Landis & Koch bands) overall and per question, and accuracy against the golden answers" })
  @ApiOkResponse({ type: CalibrationReportResponse })
  @ApiStandardErrors('400', '401', '403', '404', '409', '503')
  report(@UuidParam('id') id: string, @CurrentActor() actor: Actor): Promise<CalibrationReportResponse> {
    return this.calibration.report(actor, id);
  }
}
