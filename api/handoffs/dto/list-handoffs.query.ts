import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

const int = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);
export const HANDOFF_STATUSES = ['open', 'answered', 'cancelled'] as const;

export class ListHandoffsQuery {
  @ApiPropertyOptional({ enum: HANDOFF_STATUSES, default: 'open' })
  @IsOptional()
  @IsIn(HANDOFF_STATUSES as readonly string[], { message: `status must be one of: ${HANDOFF_STATUSES.join(', ')}` })
  status?: (typeof HANDOFF_STATUSES)[number];

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Transform(int)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ default: 0, minimum: 0 })
  @IsOptional()
  @Transform(int)
  @IsInt({ message: 'offset must be a whole number' })
  @Min(0)
  @Max(100_000)
  offset?: number;
}
