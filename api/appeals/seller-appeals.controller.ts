import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../workflows/common/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ErrorResponse } from '../common/error.response';
import { UuidParam } from '../common/uuid-param';
import { IdempotencyKey } from '../escalations/idempotency';
import { InboundEnforcementResponse, SellerAppealResponse } from './appeal.response';
import { AppealsService } from './appeals.service';
import { AppealSellerResponseDto } from './dto/appeal-actions.dto';
import { CreateAppealDto, ReportEnforcementDto } from './dto/create-appeal.dto';

/** The seller-facing routes: a `seller` token sees and answers only its own seller's appeals (anyone else's is a 404). */
@ApiTags('seller appeals')
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Replaying a key applies the request once and returns its result' })
@ApiResponse({ status: 400, type: ErrorResponse, description: 'Bad id or body: details.fields names each bad field' })
@ApiResponse({ status: 401, type: ErrorResponse, description: 'No valid token' })
@ApiResponse({ status: 403, type: ErrorResponse, description: 'The caller is not a seller, or not this seller' })
@ApiResponse({ status: 503, type: ErrorResponse, description: 'Temporal is unreachable, or the change could not be recorded yet' })
@Controller('seller/appeals')
export class SellerAppealsController {
  constructor(private readonly appeals: AppealsService) {}

  @Post()
  @ApiOperation({ summary: 'Appeal an enforcement on your own seller account, with a plan of action' })
  @ApiCreatedResponse({ type: SellerAppealResponse })
  @ApiResponse({ status: 409, type: ErrorResponse, description: 'The enforcement already has an open appeal' })
  create(@Body() dto: CreateAppealDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.appeals.createAsSeller(dto, actor, key);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Your appeal, as you may see it (no staff notes)' })
  @ApiOkResponse({ type: SellerAppealResponse })
  @ApiResponse({ status: 404, type: ErrorResponse, description: 'No appeal of yours with this id' })
  get(@UuidParam('id') id: string, @CurrentActor() actor: Actor) {
    return this.appeals.sellerDetail(actor, id);
  }

  @Post(':id/response')
  @HttpCode(200)
  @ApiOperation({ summary: 'Answer the open request for information: the review resumes' })
  @ApiOkResponse({ type: SellerAppealResponse })
  @ApiResponse({ status: 404, type: ErrorResponse, description: 'No appeal of yours with this id' })
  @ApiResponse({ status: 409, type: ErrorResponse, description: 'No request for information is open' })
  respond(@UuidParam('id') id: string, @Body() dto: AppealSellerResponseDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.appeals.sellerRespond(actor, id, dto.answer, dto.evidence, key);
  }
}

/** The enforcement system's inbound route (service account): a new enforcement, signalled to the seller's appeals in monitoring. */
@ApiTags('enforcements')
@ApiResponse({ status: 400, type: ErrorResponse, description: 'Bad body: details.fields names each bad field' })
@ApiResponse({ status: 401, type: ErrorResponse, description: 'No valid token' })
@ApiResponse({ status: 403, type: ErrorResponse, description: 'Only the enforcement system reports enforcements' })
@ApiResponse({ status: 503, type: ErrorResponse, description: 'Temporal or the database is unreachable' })
@Controller('enforcements')
export class InboundEnforcementsController {
  constructor(private readonly appeals: AppealsService) {}

  @Post('inbound')
  @HttpCode(200)
  @ApiOperation({ summary: 'Report a new enforcement on a seller (recorded; a restumble for each of their appeals in monitoring)' })
  @ApiOkResponse({ type: InboundEnforcementResponse })
  report(@Body() dto: ReportEnforcementDto, @CurrentActor() actor: Actor) {
    return this.appeals.report(actor, dto);
  }
}
