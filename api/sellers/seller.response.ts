import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class EnforcementHistoryResponse {
  @ApiProperty({ example: '2025-06-01' }) at!: string;
  @ApiProperty({ example: 'listing_restriction' }) action!: string;
  @ApiProperty() reason!: string;
}

export class RiskSignalResponse {
  @ApiProperty({ example: 'linked_enforced_accounts' }) name!: string;
  @ApiProperty({ example: '1 linked account(s) with enforcement on record' }) description!: string;
  @ApiProperty() value!: number;
  @ApiProperty() weight!: number;
  @ApiProperty({ description: 'Points this signal added to the score' }) contribution!: number;
}

export class RiskAssessmentResponse {
  @ApiProperty({ minimum: 0, maximum: 100 }) score!: number;
  @ApiProperty({ enum: ['low', 'medium', 'high', 'critical'] }) band!: string;
  @ApiProperty({ example: 'rules-2026.1' }) modelVersion!: string;
  @ApiProperty({ enum: ['rules', 'http'] }) model!: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Why the rules model answered instead of the external service' }) fallbackReason!: string | null;
  @ApiProperty({ type: [RiskSignalResponse], description: 'Every signal that added to the score, largest first' }) signals!: RiskSignalResponse[];
  @ApiProperty() assessedAt!: string;
}

/** A seller as the directory knows them now. */
export class SellerResponse {
  @ApiProperty({ example: 'seller-4711' }) id!: string;
  @ApiProperty({ example: 'DE' }) marketplace!: string;
  @ApiProperty({ example: 'Nordlicht Handels GmbH' }) legalName!: string;
  @ApiProperty({ description: 'US dollars a year' }) annualSales!: number;
  @ApiProperty() strategic!: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) accountManagerId!: string | null;
  @ApiProperty({ type: [EnforcementHistoryResponse] }) enforcementHistory!: EnforcementHistoryResponse[];
  @ApiProperty({ type: [String] }) linkedAccounts!: string[];
  @ApiProperty({ example: 'tier_1' }) tier!: string;
  @ApiProperty({ example: 'Strategic, top revenue' }) tierTitle!: string;
  @ApiProperty({ example: 'strategic-top', description: 'The playbook a review of this seller would start on' }) playbookId!: string;
  @ApiProperty() playbookVersion!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'The detection teams\' latest signals' }) detectionSignals!: Record<string, number>;
  @ApiPropertyOptional({ type: RiskAssessmentResponse, nullable: true, description: 'The latest seller-level assessment' }) risk!: RiskAssessmentResponse | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The open strategic review of this seller, if any' }) openReviewId!: string | null;
}

export class SellerPageResponse {
  @ApiProperty({ type: [SellerResponse] }) items!: SellerResponse[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

export class ReviewOpenedResponse {
  @ApiProperty({ description: 'A review was opened by this assessment' }) opened!: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) caseId!: string | null;
  @ApiProperty({ example: 'band rose from low to high, at or above the playbook threshold high' }) reason!: string;
}

export class SellerAssessmentResponse {
  @ApiProperty() sellerId!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) previousBand!: string | null;
  @ApiProperty({ type: RiskAssessmentResponse }) assessment!: RiskAssessmentResponse;
  @ApiProperty({ type: ReviewOpenedResponse }) review!: ReviewOpenedResponse;
}
