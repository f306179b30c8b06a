import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { MAX_INFO_DEADLINE_DAYS } from '../../../workflows/appeal/appeal.contract';
import { APPEAL_DECISIONS, APPEAL_REASON_CODES, UPSTREAM_TEAMS } from '../../../workflows/appeal/appeal.vocabulary';
import { EvidenceField, OneOfField, OptionalTextField, TextField } from './appeal-fields';

export class AppealNoteDto {
  @TextField('Called the supplier; invoices match')
  text!: string;
}

export class AppealInfoRequestDto {
  @TextField('Please send the listing audit report')
  question!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_INFO_DEADLINE_DAYS, description: 'Days the seller has to answer (default: the configured APPEAL_INFO_DEADLINE_DAYS)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_INFO_DEADLINE_DAYS)
  deadlineDays?: number;
}

export class EnforcementErrorDto {
  @OneOfField('upstreamTeam', UPSTREAM_TEAMS)
  upstreamTeam!: (typeof UPSTREAM_TEAMS)[number];

  @TextField('The ID check misread a valid passport')
  note!: string;
}

export class AppealDecisionDto {
  @OneOfField('decision', APPEAL_DECISIONS)
  decision!: (typeof APPEAL_DECISIONS)[number];

  @OneOfField('reasonCode', APPEAL_REASON_CODES, { description: 'plan_of_action_accepted, enforcement_error, new_evidence go with reinstate; the others with deny' })
  reasonCode!: (typeof APPEAL_REASON_CODES)[number];

  @TextField('The plan addresses the root cause with audited evidence')
  rationale!: string;

  @ApiPropertyOptional({ type: EnforcementErrorDto, description: 'The original enforcement was wrong (reinstate only): feeds the false-positive report' })
  @IsOptional()
  @ValidateNested()
  @Type(() => EnforcementErrorDto)
  enforcementError?: EnforcementErrorDto;

  @OptionalTextField('The audit report was not provided', { description: 'Required to deny: the facts the seller is told' })
  facts?: string;
}

export class AppealApprovalNoteDto {
  @OptionalTextField(undefined)
  note?: string;
}

export class AppealRejectDto {
  @TextField('The audit does not cover the EU listings')
  reasons!: string;
}

export class AppealWithdrawDto {
  @TextField('New evidence arrived')
  reason!: string;
}

export class AppealSellerResponseDto {
  @TextField('The audit report is attached')
  answer!: string;

  @EvidenceField(['audit-2026-12.pdf'])
  evidence?: string[];
}
