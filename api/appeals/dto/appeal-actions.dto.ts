import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { MAX_CITATION, MAX_TEXT } from '../../../workflows/common/input-checks';
import { MAX_INFO_DEADLINE_DAYS } from '../../../workflows/appeal/appeal.contract';
import { APPEAL_DECISIONS, APPEAL_REASON_CODES, UPSTREAM_TEAMS } from '../../../workflows/appeal/appeal.vocabulary';

export class AppealNoteDto {
  @ApiProperty({ example: 'Called the supplier; invoices match', maxLength: MAX_TEXT })
  @IsString()
  @Length(1, MAX_TEXT)
  text!: string;
}

export class AppealInfoRequestDto {
  @ApiProperty({ example: 'Please send the listing audit report', maxLength: MAX_TEXT })
  @IsString()
  @Length(1, MAX_TEXT)
  question!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_INFO_DEADLINE_DAYS, description: 'Days the seller has to answer (default: the configured APPEAL_INFO_DEADLINE_DAYS)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_INFO_DEADLINE_DAYS)
  deadlineDays?: number;
}

export class EnforcementErrorDto {
  @ApiProperty({ enum: UPSTREAM_TEAMS })
  @IsIn(UPSTREAM_TEAMS as readonly string[], { message: `upstreamTeam must be one of: ${UPSTREAM_TEAMS.join(', ')}` })
  upstreamTeam!: (typeof UPSTREAM_TEAMS)[number];

  @ApiProperty({ example: 'The ID check misread a valid passport', maxLength: MAX_TEXT })
  @IsString()
  @Length(1, MAX_TEXT)
  note!: string;
}

export class AppealDecisionDto {
  @ApiProperty({ enum: APPEAL_DECISIONS })
  @IsIn(APPEAL_DECISIONS as readonly string[], { message: `decision must be one of: ${APPEAL_DECISIONS.join(', ')}` })
  decision!: (typeof APPEAL_DECISIONS)[number];

  @ApiProperty({ enum: APPEAL_REASON_CODES, description: 'plan_of_action_accepted, enforcement_error, new_evidence go with reinstate; the others with deny' })
  @IsIn(APPEAL_REASON_CODES as readonly string[], { message: `reasonCode must be one of: ${APPEAL_REASON_CODES.join(', ')}` })
  reasonCode!: (typeof APPEAL_REASON_CODES)[number];

  @ApiProperty({ example: 'The plan addresses the root cause with audited evidence', maxLength: MAX_TEXT })
  @IsString()
  @Length(1, MAX_TEXT)
  rationale!: string;

  @ApiPropertyOptional({ type: EnforcementErrorDto, description: 'The original enforcement was wrong (reinstate only): feeds the false-positive report' })
  @IsOptional()
  @ValidateNested()
  @Type(() => EnforcementErrorDto)
  enforcementError?: EnforcementErrorDto;

  @ApiPropertyOptional({ example: 'The audit report was not provided', maxLength: MAX_TEXT, description: 'Required to deny: the facts the seller is told' })
  @IsOptional()
  @IsString()
  @Length(1, MAX_TEXT)
  facts?: string;
}

export class AppealApprovalNoteDto {
  @ApiPropertyOptional({ maxLength: MAX_TEXT })
  @IsOptional()
  @IsString()
  @Length(1, MAX_TEXT)
  note?: string;
}

export class AppealRejectDto {
  @ApiProperty({ example: 'The audit does not cover the EU listings', maxLength: MAX_TEXT })
  @IsString()
  @Length(1, MAX_TEXT)
  reasons!: string;
}

export class AppealWithdrawDto {
  @ApiProperty({ example: 'New evidence arrived', maxLength: MAX_TEXT })
  @IsString()
  @Length(1, MAX_TEXT)
  reason!: string;
}

export class AppealSellerResponseDto {
  @ApiProperty({ example: 'The audit report is attached', maxLength: MAX_TEXT })
  @IsString()
  @Length(1, MAX_TEXT)
  answer!: string;

  @ApiPropertyOptional({ type: [String], example: ['audit-2026-12.pdf'], maxItems: 50 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, MAX_CITATION, { each: true })
  evidence?: string[];
}
