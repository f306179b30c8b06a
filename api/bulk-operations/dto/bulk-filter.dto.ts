import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
import { CASE_KINDS, type CaseKind } from '../../../workflows/common/actor';
import { SEVERITIES, type Severity } from '../../../workflows/common/severity';

const dateTime = { strict: true, strictSeparator: true } as const;

/** The filters of GET /cases, as a JSON object: a batch acts on the cases that list would show the caller. */
export class BulkFilterDto {
  @ApiPropertyOptional({ enum: CASE_KINDS, isArray: true, maxItems: CASE_KINDS.length })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CASE_KINDS.length)
  @IsIn(CASE_KINDS as readonly string[], { each: true, message: `kind must be among: ${CASE_KINDS.join(', ')}` })
  kind?: CaseKind[];

  @ApiPropertyOptional({ type: [String], maxItems: 20, description: 'State names (each kind has its own)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(/^[a-z_]{1,32}$/, { each: true, message: 'state must be state names such as in_progress' })
  state?: string[];

  @ApiPropertyOptional({ enum: SEVERITIES, isArray: true, maxItems: SEVERITIES.length })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(SEVERITIES.length)
  @IsIn(SEVERITIES as readonly string[], { each: true, message: `severity must be among: ${SEVERITIES.join(', ')}` })
  severity?: Severity[];

  @ApiPropertyOptional({ description: "A user id, or 'none' for unassigned cases" })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,100}$/, { message: "assigneeId must be a user id or 'none'" })
  assigneeId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,100}$/, { message: 'sellerId may contain only letters, digits, dot, dash and underscore' })
  sellerId?: string;

  @ApiPropertyOptional({ example: 'seller-risk-eu' })
  @IsOptional()
  @Matches(/^[a-z0-9_-]{1,64}$/, { message: 'team must be a team id such as seller-risk-eu' })
  team?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'breached must be true or false' })
  breached?: boolean;

  @ApiPropertyOptional({ description: 'true: cases still being worked; false: finished ones' })
  @IsOptional()
  @IsBoolean({ message: 'open must be true or false' })
  open?: boolean;

  @ApiPropertyOptional({ example: '2026-03-01T00:00:00Z', description: 'Created at or after (ISO 8601 date-time)' })
  @IsOptional()
  @IsISO8601(dateTime, { message: 'createdFrom must be an ISO 8601 date-time' })
  createdFrom?: string;

  @ApiPropertyOptional({ example: '2026-04-01T00:00:00Z', description: 'Created before (ISO 8601 date-time)' })
  @IsOptional()
  @IsISO8601(dateTime, { message: 'createdTo must be an ISO 8601 date-time' })
  createdTo?: string;
}
