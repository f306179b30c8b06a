import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

const int = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);

export class InboxQuery {
  @ApiPropertyOptional({ example: 'work', description: 'Only tasks of this kind (queue, work, manager_review, handoff, ...)' })
  @IsOptional()
  @Matches(/^[a-z_]{1,32}$/, { message: 'kind must be a task kind such as work or queue' })
  kind?: string;

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
