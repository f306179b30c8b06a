import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { QA_REVIEW_STATUSES } from '../../../workflows/qa-review/qa-review.contract';

export class QaDecisionStatementResponse {
  @ApiProperty() decision!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) reason!: string | null;
}

export class QaSignedStatementResponse extends QaDecisionStatementResponse {
  @ApiProperty() by!: string;
  @ApiProperty() processError!: boolean;
  @ApiProperty() notes!: string;
}

export class QaReviewResponse {
  @ApiProperty() reviewId!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() decisionKind!: string;
  @ApiProperty() team!: string;
  @ApiProperty({ enum: ['pre_release', 'post_release'] }) mode!: string;
  @ApiProperty({ enum: QA_REVIEW_STATUSES }) status!: string;
  @ApiProperty() makerId!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) reviewerId!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Why nobody was routed (then a manager reviews)' }) queuedReason!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What the maker saw' }) evidence!: Record<string, unknown>;
  @ApiPropertyOptional({ type: QaDecisionStatementResponse, nullable: true, description: "null while the review is blind" }) makerDecision!: QaDecisionStatementResponse | null;
  @ApiPropertyOptional({ type: QaSignedStatementResponse, nullable: true }) reviewerDecision!: QaSignedStatementResponse | null;
  @ApiPropertyOptional({ type: QaSignedStatementResponse, nullable: true }) adjudication!: QaSignedStatementResponse | null;
  @ApiProperty({ type: [String], enum: ['false_positive', 'false_negative', 'wrong_reason', 'process_error'] }) errorTypes!: string[];
  @ApiProperty({ enum: ['pending', 'approved', 'rejected', 'withdrawn'], description: 'The QA hold (an approval)' }) holdStatus!: string;
  @ApiPropertyOptional({ type: Number, nullable: true }) remindedAt!: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) escalatedAt!: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) closedAt!: number | null;
}
