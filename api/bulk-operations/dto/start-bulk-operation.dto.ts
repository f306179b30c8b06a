import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { BULK_ACTION_TYPES, BULK_MAX_CONCURRENCY, type BulkActionType } from '../../../workflows/bulk-operation/bulk-operation.contract';
import { SEVERITIES, type Severity } from '../../../workflows/common/severity';
import {
  CASE_CLOCKS,
  ESCALATION_CATEGORIES,
  RESOLUTION_CODES,
  ROOT_CAUSES,
  type CaseClock,
  type EscalationCategory,
  type ResolutionCode,
  type RootCause,
} from '../../../workflows/escalation/escalation.vocabulary';
import { MAX_EXTENSION_MINUTES } from '../../escalations/dto/extend-sla.dto';
import { MAX_TEXT } from '../../escalations/dto/text';
import { BulkFilterDto } from './bulk-filter.dto';

/**
 * A batch: which cases (the filter) and what to do to each (the action and its fields, the same as the
 * single-case route's body). Which fields an action needs is checked by the service (400 naming each).
 */
export class StartBulkOperationDto {
  @ApiProperty({ enum: BULK_ACTION_TYPES, description: 'reassign: assigneeId, reason; close: resolutionCode, rootCause, note?; extend_sla: clock, byMinutes, reason; retriage: severity and/or category, reason' })
  @IsIn(BULK_ACTION_TYPES as readonly string[], { message: `action must be one of: ${BULK_ACTION_TYPES.join(', ')}` })
  action!: BulkActionType;

  @ApiProperty({ type: BulkFilterDto })
  @IsDefined({ message: 'filter is required (an empty object selects every case the caller may view)' })
  @ValidateNested()
  @Type(() => BulkFilterDto)
  filter!: BulkFilterDto;

  @ApiPropertyOptional({ example: 'Team rebalancing', maxLength: MAX_TEXT })
  @IsOptional()
  @IsString()
  @Length(1, MAX_TEXT)
  reason?: string;

  @ApiPropertyOptional({ description: 'reassign: who takes the cases' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,100}$/, { message: 'assigneeId must be a user id' })
  assigneeId?: string;

  @ApiPropertyOptional({ enum: RESOLUTION_CODES })
  @IsOptional()
  @IsIn(RESOLUTION_CODES as readonly string[], { message: `resolutionCode must be one of: ${RESOLUTION_CODES.join(', ')}` })
  resolutionCode?: ResolutionCode;

  @ApiPropertyOptional({ enum: ROOT_CAUSES })
  @IsOptional()
  @IsIn(ROOT_CAUSES as readonly string[], { message: `rootCause must be one of: ${ROOT_CAUSES.join(', ')}` })
  rootCause?: RootCause;

  @ApiPropertyOptional({ maxLength: MAX_TEXT })
  @IsOptional()
  @IsString()
  @Length(1, MAX_TEXT)
  note?: string;

  @ApiPropertyOptional({ enum: CASE_CLOCKS })
  @IsOptional()
  @IsIn(CASE_CLOCKS as readonly string[], { message: `clock must be one of: ${CASE_CLOCKS.join(', ')}` })
  clock?: CaseClock;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_EXTENSION_MINUTES, description: 'extend_sla: business minutes to add' })
  @IsOptional()
  @IsInt({ message: 'byMinutes must be a whole number of minutes' })
  @Min(1)
  @Max(MAX_EXTENSION_MINUTES)
  byMinutes?: number;

  @ApiPropertyOptional({ enum: SEVERITIES })
  @IsOptional()
  @IsIn(SEVERITIES as readonly string[], { message: `severity must be one of: ${SEVERITIES.join(', ')}` })
  severity?: Severity;

  @ApiPropertyOptional({ enum: ESCALATION_CATEGORIES })
  @IsOptional()
  @IsIn(ESCALATION_CATEGORIES as readonly string[], { message: `category must be one of: ${ESCALATION_CATEGORIES.join(', ')}` })
  category?: EscalationCategory;

  @ApiPropertyOptional({ minimum: 1, maximum: BULK_MAX_CONCURRENCY, description: 'Cases changed at once (default 4)' })
  @IsOptional()
  @IsInt({ message: 'concurrency must be a whole number' })
  @Min(1)
  @Max(BULK_MAX_CONCURRENCY)
  concurrency?: number;
}
