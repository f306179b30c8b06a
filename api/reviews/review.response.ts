import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CaseHandoffResponse, ClockResponse, TaskResponse, TimelineEntryResponse } from '../cases/case.response';
import { RiskAssessmentResponse, SellerResponse } from '../sellers/seller.response';
import { ReviewAllowedActionResponse } from './review-allowed-actions';

export class ReviewCheckResponse {
  @ApiProperty({ example: 'identity_documents' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() guidance!: string;
  @ApiProperty() required!: boolean;
  @ApiProperty({ enum: ['pending', 'done'] }) status!: string;
  @ApiPropertyOptional({ type: String, nullable: true, enum: ['clear', 'concern', 'inconclusive', 'not_applicable'] }) finding!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) notes!: string | null;
  @ApiProperty({ type: [String] }) evidence!: string[];
  @ApiPropertyOptional({ type: String, nullable: true }) completedBy!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) completedAt!: string | null;
  @ApiProperty({ description: 'How often it was completed again' }) revisions!: number;
}

export class ReviewRiskResponse extends RiskAssessmentResponse {
  @ApiProperty() requestedBy!: string;
}

export class ApprovalVoteResponse {
  @ApiProperty() by!: string;
  @ApiProperty() role!: string;
  @ApiProperty() at!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) note!: string | null;
}

export class ApprovalPolicyResponse {
  @ApiProperty() requiredApprovals!: number;
  @ApiProperty({ example: 'senior_specialist' }) minimumRole!: string;
  @ApiPropertyOptional({ type: 'object', nullable: true, properties: { role: { type: 'string' }, count: { type: 'number' } } }) atLeast!: { role: string; count: number } | null;
  @ApiProperty() remindAfterMs!: number;
  @ApiProperty() escalateAfterMs!: number;
}

export class ApprovalResponse {
  @ApiProperty() id!: string;
  @ApiProperty() subject!: string;
  @ApiProperty({ description: 'The maker: never one of the approvers' }) makerId!: string;
  @ApiProperty({ enum: ['pending', 'approved', 'rejected', 'withdrawn'] }) status!: string;
  @ApiProperty({ type: ApprovalPolicyResponse }) policy!: ApprovalPolicyResponse;
  @ApiProperty({ type: [ApprovalVoteResponse] }) approvals!: ApprovalVoteResponse[];
  @ApiProperty({ example: '1 more approval, 1 of them from a manager or above' }) stillNeeded!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true, description: '{ by, role, at, reasons }' }) rejection!: { by: string; role: string; at: string; reasons: string } | null;
  @ApiProperty({ description: 'When the approvers are reminded' }) remindAt!: string;
  @ApiProperty({ description: "When it escalates to the team's managers" }) escalateAt!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) remindedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) escalatedAt!: string | null;
}

export class ConsultationResponseBody {
  @ApiProperty() handoffId!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) accountManagerId!: string | null;
  @ApiProperty({ enum: ['open', 'answered', 'window_closed', 'cancelled'] }) status!: string;
  @ApiProperty() requestedAt!: string;
  @ApiProperty({ description: 'The review proceeds without an answer after this' }) closesAt!: string;
  @ApiPropertyOptional({ type: String, nullable: true, enum: ['agree', 'object'] }) response!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) reasons!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) answeredBy!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) answeredAt!: string | null;
}

export class UrgencyResponse {
  @ApiProperty() reason!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) approvedBy!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) approvedAt!: string | null;
}

export class ProposalResponse {
  @ApiProperty() n!: number;
  @ApiProperty({ enum: ['no_action', 'warning', 'listing_restriction', 'funds_hold', 'suspension'] }) decision!: string;
  @ApiProperty() reasonCode!: string;
  @ApiProperty() policyCitation!: string;
  @ApiProperty() rationale!: string;
  @ApiProperty() scope!: string;
  @ApiPropertyOptional({ type: Number, nullable: true }) durationDays!: number | null;
  @ApiProperty() proposedBy!: string;
  @ApiProperty() proposedAt!: string;
  @ApiProperty({ enum: ['pending', 'approved', 'rejected', 'withdrawn', 'no_action'] }) status!: string;
  @ApiPropertyOptional({ type: ApprovalResponse, nullable: true }) approval!: ApprovalResponse | null;
  @ApiPropertyOptional({ type: UrgencyResponse, nullable: true }) urgency!: UrgencyResponse | null;
  @ApiPropertyOptional({ type: ConsultationResponseBody, nullable: true }) consultation!: ConsultationResponseBody | null;
  @ApiPropertyOptional({ type: String, nullable: true }) withdrawnReason!: string | null;
}

export class EnforcementStepResponse {
  @ApiProperty({ enum: ['restrict_listings', 'hold_funds', 'suspend_account', 'notify_seller'] }) step!: string;
  @ApiProperty({ enum: ['pending', 'applied', 'failed', 'compensated', 'compensation_failed'] }) status!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) actionId!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) error!: string | null;
}

export class EnforcementAttemptResponse {
  @ApiProperty() n!: number;
  @ApiProperty() enforcementId!: string;
  @ApiProperty() workflowId!: string;
  @ApiProperty({ enum: ['running', 'applied', 'compensated'] }) status!: string;
  @ApiProperty({ type: [EnforcementStepResponse] }) steps!: EnforcementStepResponse[];
  @ApiPropertyOptional({ type: String, nullable: true }) failure!: string | null;
  @ApiProperty() startedAt!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) finishedAt!: string | null;
}

export class StatementOfReasonsResponse {
  @ApiProperty() id!: string;
  @ApiProperty() issuedAt!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'decision, description, scope, territorialScope, durationDays, startsAt, endsAt' }) measure!: Record<string, unknown>;
  @ApiProperty({ type: [String], description: 'The facts and circumstances relied on' }) facts!: string[];
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'detection (bool), decision (false: people decided), description' }) automation!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'type (contractual), reasonCode, policyCitation, explanation' }) ground!: Record<string, unknown>;
  @ApiProperty({ type: [String] }) redress!: string[];
}

export class PrecedentLinkResponse {
  @ApiProperty() gapId!: string;
  @ApiProperty() caseId!: string;
  @ApiProperty() tag!: string;
  @ApiProperty() decision!: string;
  @ApiProperty() precedent!: string;
  @ApiProperty() decidedBy!: string;
  @ApiProperty() decidedAt!: string;
}

export class ReviewPolicyGapResponse {
  @ApiProperty() id!: string;
  @ApiProperty() tag!: string;
  @ApiProperty() question!: string;
  @ApiProperty({ enum: ['open', 'decided'] }) status!: string;
  @ApiProperty() flaggedBy!: string;
  @ApiProperty() flaggedAt!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) dueAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) decision!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) precedent!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) decidedBy!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) decidedAt!: string | null;
}

export class ReviewPlaybookResponse {
  @ApiProperty({ example: 'strategic-top' }) id!: string;
  @ApiProperty({ description: 'The version this review runs on to the end' }) version!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ example: 'tier_1' }) tier!: string;
  @ApiProperty() tierTitle!: string;
  @ApiProperty() consultationRequired!: boolean;
  @ApiProperty() consultationWindowMs!: number;
  @ApiProperty({ type: ApprovalPolicyResponse }) approval!: ApprovalPolicyResponse;
}

/** A review as lists show it. */
export class ReviewSummaryResponse {
  @ApiProperty() id!: string;
  @ApiProperty() workflowId!: string;
  @ApiProperty({ enum: ['new', 'queued', 'assigned', 'in_review', 'waiting_on_handoff', 'pending_approval', 'awaiting_consultation', 'qa_hold', 'enforcing', 'enforcement_failed', 'closed'] }) state!: string;
  @ApiProperty() sellerId!: string;
  @ApiProperty() marketplace!: string;
  @ApiProperty() severity!: string;
  @ApiProperty() summary!: string;
  @ApiProperty() team!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) assigneeId!: string | null;
  @ApiProperty() breached!: boolean;
  @ApiProperty() createdBy!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) closedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The decision that closed it' }) outcome!: string | null;
}

/** What every review action answers: the review as the workflow sees it right after the action. */
export class ReviewViewResponse extends ReviewSummaryResponse {
  @ApiProperty({ type: 'object', properties: { kind: { type: 'string', enum: ['manual', 'escalation_resolved', 'risk_band_rise'] }, ref: { type: 'string', nullable: true } } }) trigger!: { kind: string; ref: string | null };
  @ApiProperty({ type: ReviewPlaybookResponse }) playbook!: ReviewPlaybookResponse;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "The seller's profile when the review opened" }) sellerAtOpening!: Record<string, unknown>;
  @ApiProperty({ type: [ReviewCheckResponse] }) checks!: ReviewCheckResponse[];
  @ApiPropertyOptional({ type: ReviewRiskResponse, nullable: true, description: 'Score, band, the signals that explain it, model version' }) risk!: ReviewRiskResponse | null;
  @ApiProperty({ description: 'A risk assessment is running' }) riskPending!: boolean;
  @ApiPropertyOptional({ type: ProposalResponse, nullable: true, description: 'The decision in force: its approvals, urgency and consultation' }) proposal!: ProposalResponse | null;
  @ApiProperty({ type: [ProposalResponse], description: 'Rejected or withdrawn proposals, oldest first' }) previousProposals!: ProposalResponse[];
  @ApiProperty({ type: [EnforcementAttemptResponse] }) enforcements!: EnforcementAttemptResponse[];
  @ApiPropertyOptional({ type: StatementOfReasonsResponse, nullable: true }) statementOfReasons!: StatementOfReasonsResponse | null;
  @ApiProperty({ type: [CaseHandoffResponse] }) handoffs!: CaseHandoffResponse[];
  @ApiProperty({ type: [ReviewPolicyGapResponse] }) policyGaps!: ReviewPolicyGapResponse[];
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true, description: '{ at, by, text }: the last note the review left its reviewer' }) lastNote!: { at: string; by: string; text: string } | null;
  @ApiProperty({ type: [TaskResponse] }) openTasks!: TaskResponse[];
  @ApiProperty({ type: [ReviewAllowedActionResponse], description: 'The actions the caller may take now' }) allowedActions!: ReviewAllowedActionResponse[];
}

/** GET /reviews/:id: the view, the seller's current profile, clocks, tasks, timeline, and precedents for its gaps' tags. */
export class ReviewDetailResponse extends ReviewViewResponse {
  @ApiPropertyOptional({ type: SellerResponse, nullable: true, description: "The seller's profile as the directory has it now" }) seller!: SellerResponse | null;
  @ApiProperty({ type: [ClockResponse] }) clocks!: ClockResponse[];
  @ApiProperty({ type: [TaskResponse] }) tasks!: TaskResponse[];
  @ApiProperty({ type: [TimelineEntryResponse] }) timeline!: TimelineEntryResponse[];
  @ApiProperty({ type: [PrecedentLinkResponse], description: "Decided policy gaps of other cases with the same tags as this review's gaps" }) precedents!: PrecedentLinkResponse[];
}

export class ReviewPageResponse {
  @ApiProperty({ type: [ReviewSummaryResponse] }) items!: ReviewSummaryResponse[];
  @ApiProperty() total!: number;
  @ApiPropertyOptional({ type: String, nullable: true }) nextCursor!: string | null;
}
