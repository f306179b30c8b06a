import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { DECISION_KIND_IDS } from '../../../../workflows/common/quality/decision-kinds';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A period of whole UTC days [from, to); weeks are counted in 7-day steps from `from`. */
export class QualityPeriodQuery {
  @ApiPropertyOptional({ example: '2026-11-02', description: 'First day (UTC, inclusive). Default: 8 weeks before to' })
  @IsOptional()
  @IsString()
  @Matches(DATE, { message: 'from must be a date such as 2026-11-02' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-28', description: 'Day after the last (UTC, exclusive). Default: tomorrow' })
  @IsOptional()
  @IsString()
  @Matches(DATE, { message: 'to must be a date such as 2026-12-28' })
  to?: string;
}

export class QaReportQuery extends QualityPeriodQuery {
  @ApiPropertyOptional({ example: 'seller-risk-eu', description: "A team; default the caller's" })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, { message: 'team must be a team id (letters, digits, dot, dash, underscore)' })
  team?: string;

  @ApiPropertyOptional({ enum: DECISION_KIND_IDS, description: 'Only this kind of decision' })
  @IsOptional()
  @IsIn(DECISION_KIND_IDS as readonly string[], { message: `decisionKind must be one of: ${DECISION_KIND_IDS.join(', ')}` })
  decisionKind?: string;

  @ApiPropertyOptional({ default: 0.05, minimum: 0.005, maximum: 0.5, description: 'Target half-width of the 95% interval, for the samples-needed figure' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'margin must be a number' })
  @Min(0.005, { message: 'margin must be at least 0.005' })
  @Max(0.5, { message: 'margin must be at most 0.5' })
  margin?: number;
}
