import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { HANDOFF_TEAMS, type HandoffTeam } from '../../../workflows/common/actor';
import { MAX_CITATION, MAX_TEXT } from '../../../workflows/common/input-checks';
import {
  CHECK_FINDINGS,
  CONSULTATION_RESPONSES,
  DECISIONS,
  REASON_CODES,
  type CheckFinding,
  type ConsultationResponse,
  type Decision,
  type ReasonCode,
} from '../../../workflows/strategic-review/review.vocabulary';

export class CompleteCheckDto {
  @ApiProperty({ example: 'identity_documents', description: "One of the review's playbook checks (see the review's `checks`)" })
  @Matches(/^[a-z_]{1,64}$/, { message: 'checkId must be a check id such as identity_documents' })
  checkId!: string;

  @ApiProperty({ enum: CHECK_FINDINGS, description: 'not_applicable only for optional checks' })
  @IsIn(CHECK_FINDINGS as readonly string[], { message: `finding must be one of: ${CHECK_FINDINGS.join(', ')}` })
  finding!: CheckFinding;

  @ApiProperty({ example: 'Passport and trade register extract re-verified with the issuer', maxLength: MAX_TEXT })
  @IsString()
  @Length(1, MAX_TEXT)
  notes!: string;

  @ApiPropertyOptional({ type: [String], example: ['kyc://verification/88123'], description: 'References to the evidence (document ids, URLs), at most 50' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, MAX_CITATION, { each: true })
  evidence?: string[];
}

export class ReviewHandOffDto {
  @ApiProperty({ enum: HANDOFF_TEAMS })
  @IsIn(HANDOFF_TEAMS as readonly string[], { message: `team must be one of: ${HANDOFF_TEAMS.join(', ')}` })
  team!: HandoffTeam;

  @ApiProperty({ example: 'May we hold funds while the identity documents are re-verified?', maxLength: MAX_TEXT })
  @IsString()
  @Length(1, MAX_TEXT)
  question!: string;

  @ApiPropertyOptional({ default: true, description: 'Hold the review in waiting_on_handoff until answered' })
  @IsOptional()
  @IsBoolean()
  blocking?: boolean;
}

export class ProposeDecisionDto {
  @ApiProperty({ enum: DECISIONS })
  @IsIn(DECISIONS as readonly string[], { message: `decision must be one of: ${DECISIONS.join(', ')}` })
  decision!: Decision;

  @ApiProperty({ enum: REASON_CODES, description: 'no_violation with no_action, any other with an enforcement' })
  @IsIn(REASON_CODES as readonly string[], { message: `reasonCode must be one of: ${REASON_CODES.join(', ')}` })
  reasonCode!: ReasonCode;

  @ApiProperty({ example: 'Seller Code of Conduct §4.2 (accurate identity information)', maxLength: MAX_CITATION })
  @IsString()
  @Length(1, MAX_CITATION)
  policyCitation!: string;

  @ApiProperty({ example: 'The registered director does not match the trade register; three linked accounts were suspended in 2025.', maxLength: MAX_TEXT })
  @IsString()
  @Length(1, MAX_TEXT)
  rationale!: string;

  @ApiPropertyOptional({ example: 'all listings', maxLength: MAX_CITATION, description: "What the measure covers; default by decision (e.g. 'all listings')" })
  @IsOptional()
  @IsString()
  @Length(1, MAX_CITATION)
  scope?: string;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 30, minimum: 1, maximum: 3650, description: 'How long the measure lasts; omitted or null: until lifted' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsInt({ message: 'durationDays must be a whole number of days' })
  @Min(1)
  @Max(3650)
  durationDays?: number | null;

  @ApiPropertyOptional({ description: 'Enforce without waiting for Account Management, once a manager approves the urgency' })
  @IsOptional()
  @IsBoolean()
  urgent?: boolean;

  @ApiPropertyOptional({ maxLength: MAX_TEXT, description: 'Required when urgent' })
  @ValidateIf((o: ProposeDecisionDto) => o.urgent === true || o.urgencyReason !== undefined)
  @IsString({ message: 'urgencyReason must say why the decision cannot wait' })
  @Length(1, MAX_TEXT)
  urgencyReason?: string;
}

export class ApprovalNoteDto {
  @ApiPropertyOptional({ example: 'Evidence is conclusive', maxLength: MAX_TEXT })
  @IsOptional()
  @IsString()
  @Length(1, MAX_TEXT)
  note?: string;
}

export class RejectDecisionDto {
  @ApiProperty({ example: 'The linked-accounts finding has no evidence attached', maxLength: MAX_TEXT })
  @IsString()
  @Length(1, MAX_TEXT)
  reasons!: string;
}

export class WithdrawDecisionDto {
  @ApiProperty({ example: 'New documents arrived from the seller', maxLength: MAX_TEXT })
  @IsString()
  @Length(1, MAX_TEXT)
  reason!: string;
}

export class ConsultationAnswerDto {
  @ApiProperty({ enum: CONSULTATION_RESPONSES })
  @IsIn(CONSULTATION_RESPONSES as readonly string[], { message: `response must be one of: ${CONSULTATION_RESPONSES.join(', ')}` })
  response!: ConsultationResponse;

  @ApiProperty({ example: 'The seller is mid-migration to a new legal entity; documents follow this week', maxLength: MAX_TEXT })
  @IsString()
  @Length(1, MAX_TEXT)
  reasons!: string;
}

export class FlagPolicyGapDto {
  @ApiProperty({ example: 'marketplace-facilitator-tax', description: '2-63 lower-case letters, digits and dashes; later cases with the same tag link to the decision' })
  @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/, { message: 'tag must be 2-63 lower-case letters, digits and dashes, e.g. marketplace-facilitator-tax' })
  tag!: string;

  @ApiProperty({ example: 'Does a missing facilitator-tax registration alone justify a funds hold?', maxLength: MAX_TEXT })
  @IsString()
  @Length(1, MAX_TEXT)
  question!: string;
}

export class DecidePolicyGapDto {
  @ApiProperty({ example: '<caseId>/gap/1' })
  @IsString()
  @Length(1, 200)
  gapId!: string;

  @ApiProperty({ example: 'No: a missing registration alone warrants a warning with a 30-day deadline', maxLength: MAX_TEXT })
  @IsString()
  @Length(1, MAX_TEXT)
  decision!: string;

  @ApiProperty({ example: 'Missing facilitator-tax registration: warn first, hold funds only after the deadline passes', maxLength: MAX_TEXT })
  @IsString()
  @Length(1, MAX_TEXT)
  precedent!: string;
}
