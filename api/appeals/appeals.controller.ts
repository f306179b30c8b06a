import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../workflows/common/actor';
import * as c from '../../workflows/appeal/appeal.contract';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ErrorResponse } from '../common/error.response';
import { UuidParam } from '../common/uuid-param';
import { OptionalReasonDto } from '../escalations/dto/reason.dto';
import { ReassignDto } from '../escalations/dto/reassign.dto';
import { IdempotencyKey } from '../escalations/idempotency';
import { AppealDetailResponse, AppealResponse } from './appeal.response';
import { AppealsService } from './appeals.service';
import { AppealApprovalNoteDto, AppealDecisionDto, AppealInfoRequestDto, AppealNoteDto, AppealRejectDto, AppealWithdrawDto } from './dto/appeal-actions.dto';
import { CreateAppealDto } from './dto/create-appeal.dto';

const Id = () => UuidParam('id');

/**
 * Staff routes of reinstatement appeals. Each action answers the appeal after it; 403 when the
 * permission table, the approval policy or the original-decision-maker rule refuses the caller
 * (details.denial), 409 when the appeal's state does not allow it.
 */
@ApiTags('appeals')
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Replaying a key applies the request once and returns its result' })
@ApiResponse({ status: 400, type: ErrorResponse, description: 'Bad id or body: details.fields names each bad field' })
@ApiResponse({ status: 401, type: ErrorResponse, description: 'No valid token' })
@ApiResponse({ status: 403, type: ErrorResponse, description: 'The caller may not: details.denial says why (original_decision_maker for the enforcement\'s own decider)' })
@ApiResponse({ status: 503, type: ErrorResponse, description: 'Temporal is unreachable, or the change could not be recorded yet' })
@Controller('appeals')
export class AppealsController {
  constructor(private readonly appeals: AppealsService) {}

  @Post()
  @ApiOperation({ summary: 'Open an appeal on behalf of a seller against an enforcement, with their plan of action' })
  @ApiCreatedResponse({ type: AppealResponse })
  @ApiResponse({ status: 409, type: ErrorResponse, description: 'The enforcement already has an open appeal: details.openAppealId names it' })
  create(@Body() dto: CreateAppealDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.appeals.create(dto, actor, key);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One appeal with its timeline and allowedActions' })
  @ApiOkResponse({ type: AppealDetailResponse })
  @ApiResponse({ status: 404, type: ErrorResponse, description: 'No such appeal' })
  get(@Id() id: string, @CurrentActor() actor: Actor) {
    return this.appeals.detail(actor, id);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @ApiOperation({ summary: 'The assigned reviewer takes the appeal on' })
  @ApiOkResponse({ type: AppealResponse })
  acknowledge(@Id() id: string, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.appeals.act(actor, id, 'acknowledge', c.acknowledgeAppealUpdate, {}, key);
  }

  @Post(':id/claim')
  @HttpCode(200)
  @ApiOperation({ summary: 'A specialist takes a queued appeal (never one against their own decision)' })
  @ApiOkResponse({ type: AppealResponse })
  claim(@Id() id: string, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.appeals.act(actor, id, 'claim', c.claimAppealUpdate, {}, key);
  }

  @Post(':id/release')
  @HttpCode(200)
  @ApiOperation({ summary: 'Back to the team queue' })
  @ApiOkResponse({ type: AppealResponse })
  release(@Id() id: string, @Body() dto: OptionalReasonDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.appeals.act(actor, id, 'release', c.releaseAppealUpdate, { reason: dto.reason }, key);
  }

  @Post(':id/reassign')
  @HttpCode(200)
  @ApiOperation({ summary: 'A manager gives the appeal to someone else' })
  @ApiOkResponse({ type: AppealResponse })
  reassign(@Id() id: string, @Body() dto: ReassignDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.appeals.act(actor, id, 'reassign', c.reassignAppealUpdate, { assigneeId: dto.assigneeId, reason: dto.reason }, key);
  }

  @Post(':id/notes')
  @HttpCode(200)
  @ApiOperation({ summary: 'A staff note (sellers never see it)' })
  @ApiOkResponse({ type: AppealResponse })
  note(@Id() id: string, @Body() dto: AppealNoteDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.appeals.act(actor, id, 'view', c.addAppealNoteUpdate, { text: dto.text }, key);
  }

  @Post(':id/request-info')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ask the seller, with a deadline; the decision SLA pauses; the appeal closes as abandoned at the deadline' })
  @ApiOkResponse({ type: AppealResponse })
  requestInfo(@Id() id: string, @Body() dto: AppealInfoRequestDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.appeals.act(actor, id, 'request_info', c.requestAppealInfoUpdate, { question: dto.question, deadlineDays: dto.deadlineDays }, key);
  }

  @Post(':id/decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decide: deny (with facts; closes with a statement of reasons and redress options) or reinstate (waits for approval)' })
  @ApiOkResponse({ type: AppealResponse })
  decide(@Id() id: string, @Body() dto: AppealDecisionDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.appeals.decide(actor, id, {
      decision: dto.decision, reasonCode: dto.reasonCode, rationale: dto.rationale, facts: dto.facts,
      enforcementError: dto.enforcementError ? { upstreamTeam: dto.enforcementError.upstreamTeam, note: dto.enforcementError.note } : undefined,
    }, key);
  }

  @Post(':id/decision/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve the reinstatement (senior specialist or manager, not the maker): the saga runs' })
  @ApiOkResponse({ type: AppealResponse })
  approve(@Id() id: string, @Body() dto: AppealApprovalNoteDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.appeals.act(actor, id, 'approve_reinstatement', c.approveReinstatementUpdate, { note: dto.note }, key);
  }

  @Post(':id/decision/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject the reinstatement: back to the reviewer with reasons' })
  @ApiOkResponse({ type: AppealResponse })
  reject(@Id() id: string, @Body() dto: AppealRejectDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.appeals.act(actor, id, 'approve_reinstatement', c.rejectReinstatementUpdate, { reasons: dto.reasons }, key);
  }

  @Post(':id/decision/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'The reviewer takes the reinstatement back to review' })
  @ApiOkResponse({ type: AppealResponse })
  withdraw(@Id() id: string, @Body() dto: AppealWithdrawDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.appeals.act(actor, id, 'decide_appeal', c.withdrawAppealDecisionUpdate, { reason: dto.reason }, key);
  }

  @Post(':id/reinstatement/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run the approved reinstatement again after it failed and was undone' })
  @ApiOkResponse({ type: AppealResponse })
  retry(@Id() id: string, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.appeals.act(actor, id, 'decide_appeal', c.retryReinstatementUpdate, {}, key);
  }
}
