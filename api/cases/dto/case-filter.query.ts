import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';
import { SEVERITIES, type Severity } from '../../../workflows/common/severity';
import { toInt as int } from '../../common/offset-page.query';

/** `a,b` and `x=a&x=b` both become ['a', 'b']. */
export const list = ({ value }: { value: unknown }) =>
  value === undefined
    ? undefined
    : (Array.isArray(value) ? value : [value])
        .flatMap((v) => (typeof v === 'string' ? v.split(',') : [v]))
        .map((v) => (typeof v === 'string' ? v.trim() : v));
export const bool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
const userId = /^[A-Za-z0-9._-]{1,100}$/;
const dateTime = { strict: true, strictSeparator: true } as const;

export const MAX_PAGE_SIZE = 100;

/**
 * The filters and cursor every case list takes; each list adds its own `state` (an escalation's are
 * an enum, a list across kinds takes any state name).
 */
export class CaseFilterQuery {
  @ApiPropertyOptional({ description: `Comma-separated: ${SEVERITIES.join(', ')}` })
  @IsOptional()
  @Transform(list)
  @ArrayMaxSize(SEVERITIES.length)
  @IsIn(SEVERITIES as readonly string[], { each: true, message: `severity must be among: ${SEVERITIES.join(', ')}` })
  severity?: Severity[];

  @ApiPropertyOptional({ description: "A user id, or 'none' for unassigned cases" })
  @IsOptional()
  @Matches(userId, { message: "assigneeId must be a user id or 'none'" })
  assigneeId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(userId, { message: 'sellerId may contain only letters, digits, dot, dash and underscore' })
  sellerId?: string;

  @ApiPropertyOptional({ example: 'seller-risk-eu' })
  @IsOptional()
  @Matches(/^[a-z0-9_-]{1,64}$/, { message: 'team must be a team id such as seller-risk-eu' })
  team?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @Transform(bool)
  @IsBoolean({ message: 'breached must be true or false' })
  breached?: boolean;

  @ApiPropertyOptional({ example: '2026-03-01T00:00:00Z', description: 'Created at or after (ISO 8601 date-time)' })
  @IsOptional()
  @IsISO8601(dateTime, { message: 'createdFrom must be an ISO 8601 date-time' })
  createdFrom?: string;

  @ApiPropertyOptional({ example: '2026-04-01T00:00:00Z', description: 'Created before (ISO 8601 date-time)' })
  @IsOptional()
  @IsISO8601(dateTime, { message: 'createdTo must be an ISO 8601 date-time' })
  createdTo?: string;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @Transform(int)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/, { message: 'cursor must be a nextCursor returned by this endpoint' })
  cursor?: string;
}
