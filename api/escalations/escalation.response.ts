import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CaseHandoffResponse, ClockResponse, TaskResponse, TimelineEntryResponse } from '../cases/case.response';
import { SellerResponse } from '../sellers/seller.response';
import { AllowedActionResponse } from './allowed-actions';

/** The case as the API shows it; built by the mapper, never an entity. */
export class EscalationResponse {
  @ApiProperty() id!: string;
  @ApiProperty() workflowId!: string;
  @ApiProperty() state!: string;
  @ApiProperty() sellerId!: string;
  @ApiProperty() marketplace!: string;
  @ApiProperty() severity!: string;
  @ApiProperty() category!: string;
  @ApiProperty({ description: 'The taxonomy the case is filed under (GET /escalations/taxonomy); 1 for cases from before versions' }) taxonomyVersion!: number;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Who brought the case (taxonomy 2)' }) source!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'What set it off (taxonomy 2)' }) trigger!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The enforcement the seller disputes (taxonomy 2)' }) enforcementType!: string | null;
  @ApiProperty() summary!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) language!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) team!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) assigneeId!: string | null;
  @ApiProperty() breached!: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) resolutionCode!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) rootCause!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The upstream team the root cause is attributed to' }) upstreamTeam!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) resolvedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) closedAt!: string | null;
  @ApiProperty() createdBy!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

/** GET /escalations/:id: the case with its clocks, tasks, handoffs and audit timeline. */
export class EscalationDetailResponse extends EscalationResponse {
  @ApiProperty({ type: [ClockResponse] }) clocks!: ClockResponse[];
  @ApiProperty({ type: [TaskResponse], description: 'Open tasks first, then done and cancelled ones' }) tasks!: TaskResponse[];
  @ApiProperty({ type: [CaseHandoffResponse] }) handoffs!: CaseHandoffResponse[];
  @ApiProperty({ type: [TimelineEntryResponse] }) timeline!: TimelineEntryResponse[];
  @ApiPropertyOptional({ type: SellerResponse, nullable: true, description: "The seller's profile from the seller directory (null when it does not know them)" }) seller!: SellerResponse | null;
  @ApiProperty({ type: [AllowedActionResponse], description: 'The actions the caller may take now' }) allowedActions!: AllowedActionResponse[];
}

export class InfoRequestResponse {
  @ApiProperty() id!: string;
  @ApiProperty() question!: string;
  @ApiProperty() deadline!: string;
  @ApiProperty() requestedBy!: string;
  @ApiProperty() requestedAt!: string;
}

export class LeaseResponse {
  @ApiProperty() userId!: string;
  @ApiProperty({ description: 'Without an action by then, the case returns to the queue' }) expiresAt!: string;
}

/** What every action answers: the case as the workflow sees it right after the action. */
export class EscalationViewResponse extends EscalationResponse {
  @ApiProperty({ type: [ClockResponse] }) clocks!: ClockResponse[];
  @ApiProperty({ type: [TaskResponse] }) openTasks!: TaskResponse[];
  @ApiProperty({ type: [CaseHandoffResponse] }) handoffs!: CaseHandoffResponse[];
  @ApiPropertyOptional({ type: InfoRequestResponse, nullable: true, description: 'The open request for seller information' })
  openInfoRequest!: InfoRequestResponse | null;
  @ApiPropertyOptional({ type: LeaseResponse, nullable: true, description: "The current holder's lease on the case" })
  lease!: LeaseResponse | null;
  @ApiProperty({ type: [AllowedActionResponse], description: 'The actions the caller may take now' }) allowedActions!: AllowedActionResponse[];
}

export class EscalationPageResponse {
  @ApiProperty({ type: [EscalationResponse] }) items!: EscalationResponse[];
  @ApiProperty({ description: 'Cases matching the filters (all pages), counted up to LIST_TOTAL_CAP (10,000 by default)' }) total!: number;
  @ApiProperty({ description: 'True when more cases match than LIST_TOTAL_CAP: total is then that cap, not the exact count' }) totalCapped!: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last' })
  nextCursor!: string | null;
}
