import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TimelineEntryResponse } from '../cases/case.response';
import { APPEAL_OUTCOMES, APPEAL_STATUSES } from '../../workflows/appeal/appeal.vocabulary';
import { AppealAllowedActionResponse } from './appeal-allowed-actions';

const anyObject = { type: 'object', additionalProperties: true } as const;

/** An appeal as staff see it: everything, staff notes included. */
export class AppealResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() workflowId!: string;
  @ApiProperty({ enum: APPEAL_STATUSES }) state!: string;
  @ApiProperty() sellerId!: string;
  @ApiProperty() marketplace!: string;
  @ApiProperty() team!: string;
  @ApiProperty({ type: String, nullable: true }) assigneeId!: string | null;
  @ApiProperty() breached!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ description: 'Requests for information the reviewer may still make' }) infoRequestsLeft!: number;
  @ApiProperty({ enum: [...APPEAL_OUTCOMES, null], nullable: true }) outcome!: string | null;
  @ApiProperty({ ...anyObject, description: 'The enforcement under appeal, with who decided it' }) enforcement!: Record<string, unknown>;
  @ApiProperty({ ...anyObject, description: "The seller's plan of action" }) plan!: Record<string, unknown>;
  @ApiProperty({ type: 'array', items: anyObject }) infoRequests!: Record<string, unknown>[];
  @ApiProperty({ ...anyObject, nullable: true, description: 'The decision in force, with its approval for a reinstatement' }) decision!: Record<string, unknown> | null;
  @ApiProperty({ type: 'array', items: anyObject }) previousDecisions!: Record<string, unknown>[];
  @ApiProperty({ ...anyObject, nullable: true, description: 'A denial: facts, reason and redress options' }) statement!: Record<string, unknown> | null;
  @ApiProperty({ type: 'array', items: anyObject }) reinstatements!: Record<string, unknown>[];
  @ApiProperty({ ...anyObject, nullable: true, description: 'The restumble window after a reinstatement' }) monitoring!: Record<string, unknown> | null;
  @ApiProperty({ type: 'array', items: anyObject, description: 'Staff notes (never shown to the seller)' }) notes!: Record<string, unknown>[];
  @ApiProperty({ type: [AppealAllowedActionResponse] }) allowedActions!: AppealAllowedActionResponse[];
}

/** GET /appeals/:id: the appeal with its timeline. */
export class AppealDetailResponse extends AppealResponse {
  @ApiProperty({ type: [TimelineEntryResponse] }) timeline!: TimelineEntryResponse[];
}

export class SellerInfoRequestResponse {
  @ApiProperty() n!: number;
  @ApiProperty() question!: string;
  @ApiProperty({ format: 'date-time' }) deadline!: string;
  @ApiProperty({ enum: ['open', 'answered', 'expired'] }) status!: string;
  @ApiProperty({ type: String, nullable: true }) answer!: string | null;
}

/** An appeal as its seller sees it: no reviewer, no notes, no internal decision details. */
export class SellerAppealResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['received', 'in_review', 'information_requested', 'decided', 'closed'] }) status!: string;
  @ApiProperty({ enum: [...APPEAL_OUTCOMES, null], nullable: true }) outcome!: string | null;
  @ApiProperty({ ...anyObject, description: 'The enforcement appealed: type, reference and reason' }) enforcement!: Record<string, unknown>;
  @ApiProperty({ ...anyObject }) plan!: Record<string, unknown>;
  @ApiProperty({ type: [SellerInfoRequestResponse] }) infoRequests!: SellerInfoRequestResponse[];
  @ApiPropertyOptional({ ...anyObject, nullable: true, description: 'For a denial: the statement of reasons with redress options' }) statement!: Record<string, unknown> | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt!: string | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'The decision was taken by a person (always, once decided)' }) decidedByHuman!: boolean | null;
}

export class InboundEnforcementResponse {
  @ApiProperty() enforcementId!: string;
  @ApiProperty({ type: [String], description: "The seller's appeals in monitoring that recorded a restumble" }) signalledAppeals!: string[];
}
