import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { DEFAULT_FLOW_DAYS } from '../../workload/workload.service';

/** The staffing plan is the workload's (GET /workload): one team, a window of days. */
export class StaffingQuery {
  @ApiPropertyOptional({ description: "The team; defaults to the caller's own. Operators must name one" })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  team?: string;

  @ApiPropertyOptional({ default: DEFAULT_FLOW_DAYS, minimum: 1, maximum: 90, description: 'The window the pace (completions per person per day) is measured over' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'days must be a whole number' })
  @Min(1, { message: 'days must be at least 1' })
  @Max(90, { message: 'days must be at most 90' })
  days?: number;
}
