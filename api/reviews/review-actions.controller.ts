import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../workflows/common/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ErrorResponse } from '../common/error.response';
import { UuidParam } from '../common/uuid-param';
import { OptionalReasonDto } from '../escalations/dto/reason.dto';
import { ReassignDto } from '../escalations/dto/reassign.dto';
import { IdempotencyKey } from '../escalations/idempotency';
import {
  ApprovalNoteDto,
  CompleteCheckDto,
  ConsultationAnswerDto,
  DecidePolicyGapDto,
  FlagPolicyGapDto,
  ProposeDecisionDto,
  RejectDecisionDto,
  ReviewHandOffDto,
  WithdrawDecisionDto,
} from './dto/review-actions.dto';
import { ReviewActionsService } from './review-actions.service';
import { ReviewViewResponse } from './review.response';

const Id = () => UuidParam('id');

/**
 * One route per review action. Each answers the review as the workflow sees it after the action; 403
 * when the permission table or the maker-checker policy refuses the caller (details.denial:
 * role_not_permitted, wrong_team, not_assignee, maker_cannot_check, insufficient_seniority,
 * needs_more_senior, already_approved), 409 when the review's state does not allow it.
 */
@ApiTags('strategic review actions')
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Replaying a key applies the action once and returns its result' })
@ApiOkResponse({ type: ReviewViewResponse })
@ApiResponse({ status: 400, type: ErrorResponse, description: 'Bad id or body: details.fields names each bad field (or the workflow names the problem)' })
@ApiResponse({ status: 401, type: ErrorResponse, description: 'No valid token' })
@ApiResponse({ status: 403, type: ErrorResponse, description: 'The permission table or the approval policy refuses the caller: details.denial says why' })
@ApiResponse({ status: 404, type: ErrorResponse, description: 'No such review' })
@ApiResponse({ status: 409, type: ErrorResponse, description: "The review's state does not allow the action" })
@ApiResponse({ status: 503, type: ErrorResponse, description: 'Temporal is unreachable, or the change could not be recorded yet (not_recorded)' })
@Controller('reviews/:id')
export class ReviewActionsController {
  constructor(private readonly actions: ReviewActionsService) {}

  @Post('acknowledge')
  @HttpCode(200)
  @ApiOperation({ summary: 'The assigned reviewer takes the review on (first response)' })
  acknowledge(@Id() id: string, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.actions.acknowledge(actor, id, key);
  }

  @Post('claim')
  @HttpCode(200)
  @ApiOperation({ summary: "A specialist takes a queued review of their team" })
  claim(@Id() id: string, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.actions.claim(actor, id, key);
  }

  @Post('release')
  @HttpCode(200)
  @ApiOperation({ summary: 'Back to the team queue' })
  release(@Id() id: string, @Body() dto: OptionalReasonDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.actions.release(actor, id, dto, key);
  }

  @Post('reassign')
  @HttpCode(200)
  @ApiOperation({ summary: 'A manager of the team gives the review to someone' })
  reassign(@Id() id: string, @Body() dto: ReassignDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.actions.reassign(actor, id, dto, key);
  }

  @Post('checks')
  @HttpCode(200)
  @ApiOperation({ summary: 'Complete one of the playbook checks with a finding, notes and evidence references' })
  completeCheck(@Id() id: string, @Body() dto: CompleteCheckDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.actions.completeCheck(actor, id, dto, key);
  }

  @Post('risk-assessment')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run the risk model on the seller and the findings; answers with the score, band, signals and model version' })
  assessRisk(@Id() id: string, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.actions.assessRisk(actor, id, key);
  }

  @Post('handoffs')
  @HttpCode(200)
  @ApiOperation({ summary: 'Hand a question off to legal, policy or customer_trust' })
  handOff(@Id() id: string, @Body() dto: ReviewHandOffDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.actions.handOff(actor, id, dto, key);
  }

  @Post('decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'Propose a decision (the maker): no_action closes the review; any other waits for approval and, where the playbook says, Account Management' })
  propose(@Id() id: string, @Body() dto: ProposeDecisionDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.actions.propose(actor, id, dto, key);
  }

  @Post('decision/approve')
  @HttpCode(200)
  @ApiOperation({ summary: "Approve the proposal (a checker: not the maker, at least the playbook's seniority)" })
  approve(@Id() id: string, @Body() dto: ApprovalNoteDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.actions.approve(actor, id, dto, key);
  }

  @Post('decision/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject the proposal: it goes back to the maker with the reasons' })
  reject(@Id() id: string, @Body() dto: RejectDecisionDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.actions.reject(actor, id, dto, key);
  }

  @Post('decision/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Take the proposal back to review (maker or manager)' })
  withdraw(@Id() id: string, @Body() dto: WithdrawDecisionDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.actions.withdraw(actor, id, dto, key);
  }

  @Post('decision/urgency')
  @HttpCode(200)
  @ApiOperation({ summary: 'A manager approves an urgent proposal: once approved it enforces without waiting for Account Management' })
  approveUrgency(@Id() id: string, @Body() dto: ApprovalNoteDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.actions.approveUrgency(actor, id, dto, key);
  }

  @Post('consultation/answer')
  @HttpCode(200)
  @ApiOperation({ summary: "Account Management's answer to the consultation: agree, or object with reasons" })
  answerConsultation(@Id() id: string, @Body() dto: ConsultationAnswerDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.actions.answerConsultation(actor, id, dto, key);
  }

  @Post('enforcement/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run the approved decision again after its enforcement failed and was undone' })
  retry(@Id() id: string, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.actions.retryEnforcement(actor, id, key);
  }

  @Post('policy-gaps')
  @HttpCode(200)
  @ApiOperation({ summary: "Flag a policy gap or edge case for leadership's decision (anyone working the team's reviews)" })
  flagPolicyGap(@Id() id: string, @Body() dto: FlagPolicyGapDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.actions.flagPolicyGap(actor, id, dto, key);
  }

  @Post('policy-gaps/decision')
  @HttpCode(200)
  @ApiOperation({ summary: "Leadership (the team's managers) decides a policy gap; the decision becomes a precedent" })
  decidePolicyGap(@Id() id: string, @Body() dto: DecidePolicyGapDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.actions.decidePolicyGap(actor, id, dto, key);
  }
}
