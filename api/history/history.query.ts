import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';

export class HistoryQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'false', description: "Also render each handoff workflow's history" })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'handoffs must be true or false' })
  handoffs?: boolean;

  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'false', description: 'Leave out workflow-task bookkeeping events' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'compact must be true or false' })
  compact?: boolean;

  @ApiPropertyOptional({ description: 'A run of the workflow (see GET /escalations/{id}/runs); default: the current run' })
  @IsOptional()
  @IsUUID('all', { message: 'runId must be a run id (a UUID) from GET /escalations/{id}/runs' })
  runId?: string;
}
