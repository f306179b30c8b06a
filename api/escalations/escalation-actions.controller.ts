import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ErrorResponse } from '../common/error.response';
import { UuidParam } from '../common/uuid-param';
import type { Actor } from '../../workflows/common/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { AssignDto } from './dto/assign.dto';
import { ExtendSlaDto } from './dto/extend-sla.dto';
import { RetriageDto } from './dto/retriage.dto';
import { HandOffDto } from './dto/hand-off.dto';
import { OptionalReasonDto, ReasonDto } from './dto/reason.dto';
import { ReassignDto } from './dto/reassign.dto';
import { RequestInfoDto } from './dto/request-info.dto';
import { ResolveDto } from './dto/resolve.dto';
import { SellerResponseDto } from './dto/seller-response.dto';
import { EscalationActionsService } from './escalation-actions.service';
import { EscalationViewResponse } from './escalation.response';
import { IdempotencyKey } from './idempotency';

const CaseId = () => UuidParam('id');

/**
 * One route per case action. Each answers the case as the workflow sees it after the action; 403 when
 * the caller may not act (with the permission table's reason), 409 when the case's state forbids it.
 */
@ApiTags('escalation actions')
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Replaying a key applies the action once and returns its result' })
@ApiOkResponse({ type: EscalationViewResponse })
@ApiResponse({ status: 400, type: ErrorResponse, description: 'Bad id or body: details.fields names each bad field' })
@ApiResponse({ status: 401, type: ErrorResponse, description: 'No valid token' })
@ApiResponse({ status: 403, type: ErrorResponse, description: 'The permission table refuses the caller: details.denial says why' })
@ApiResponse({ status: 404, type: ErrorResponse, description: 'No such case' })
@ApiResponse({ status: 409, type: ErrorResponse, description: "The case's state does not allow the action" })
@ApiResponse({ status: 503, type: ErrorResponse, description: 'Temporal is unreachable' })
@Controller('escalations/:id')
export class EscalationActionsController {
  constructor(private readonly actions: EscalationActionsService) {}

  @Post('acknowledge')
  @HttpCode(200)
  @ApiOperation({ summary: 'The assignee takes the case on (first response)' })
  acknowledge(@CaseId() id: string, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.actions.acknowledge(actor, id, key);
  }

  @Post('claim')
  @HttpCode(200)
  @ApiOperation({ summary: "A specialist takes a queued case of their team" })
  claim(@CaseId() id: string, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.actions.claim(actor, id, key);
  }

  @Post('release')
  @HttpCode(200)
  @ApiOperation({ summary: 'The assignee (or a manager of the team) puts the case back in the queue' })
  release(@CaseId() id: string, @Body() dto: OptionalReasonDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.actions.release(actor, id, dto, key);
  }

  @Post('request-info')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ask the seller for information, with a deadline; pauses the resolution clock' })
  requestInfo(@CaseId() id: string, @Body() dto: RequestInfoDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.actions.requestInfo(actor, id, dto, key);
  }

  @Post('seller-response')
  @HttpCode(200)
  @ApiOperation({ summary: "Record the seller's response; resumes the resolution clock" })
  sellerResponse(@CaseId() id: string, @Body() dto: SellerResponseDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.actions.recordSellerResponse(actor, id, dto, key);
  }

  @Post('handoffs')
  @HttpCode(200)
  @ApiOperation({ summary: 'Hand a question off to legal, policy or customer_trust' })
  handOff(@CaseId() id: string, @Body() dto: HandOffDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.actions.handOff(actor, id, dto, key);
  }

  @Post('resolve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resolve with a resolution code and root cause from the taxonomy' })
  resolve(@CaseId() id: string, @Body() dto: ResolveDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.actions.resolve(actor, id, dto, key);
  }

  @Post('reopen')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reopen a resolved case within the reopen window' })
  reopen(@CaseId() id: string, @Body() dto: ReasonDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.actions.reopen(actor, id, dto, key);
  }

  @Post('escalate')
  @HttpCode(200)
  @ApiOperation({ summary: "Escalate to the team's managers by hand" })
  escalate(@CaseId() id: string, @Body() dto: ReasonDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.actions.escalate(actor, id, dto, key);
  }

  @Post('reassign')
  @HttpCode(200)
  @ApiOperation({ summary: 'A manager of the team gives the case to someone' })
  reassign(@CaseId() id: string, @Body() dto: ReassignDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.actions.reassign(actor, id, dto, key);
  }

  @Post('assign')
  @HttpCode(200)
  @ApiOperation({ summary: "A manager of the team gives a queued case to one of the team's members" })
  assign(@CaseId() id: string, @Body() dto: AssignDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.actions.assign(actor, id, dto, key);
  }

  @Post('retriage')
  @HttpCode(200)
  @ApiOperation({ summary: "The assignee or a manager corrects severity or category, with a reason; the SLA clocks move to the new severity's targets" })
  retriage(@CaseId() id: string, @Body() dto: RetriageDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.actions.retriage(actor, id, dto, key);
  }

  @Post('renew-lease')
  @HttpCode(200)
  @ApiOperation({ summary: 'The holder keeps the case: the claim lease starts again (any action of the holder renews it too)' })
  renewLease(@CaseId() id: string, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.actions.renewLease(actor, id, key);
  }

  @Post('extend-sla')
  @HttpCode(200)
  @ApiOperation({ summary: 'A manager of the team gives an SLA clock more business time' })
  extendSla(@CaseId() id: string, @Body() dto: ExtendSlaDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.actions.extendSla(actor, id, dto, key);
  }
}
