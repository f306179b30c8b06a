import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

export class WorkloadQuery {
  @ApiPropertyOptional({ description: "The team; defaults to the caller's own. Operators must name one" })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  team?: string;

  @ApiPropertyOptional({ default: 24, minimum: 1, maximum: 720, description: 'Tasks due within this many hours count as due soon' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'dueSoonHours must be a whole number' })
  @Min(1, { message: 'dueSoonHours must be at least 1' })
  @Max(720, { message: 'dueSoonHours must be at most 720' })
  dueSoonHours?: number;

  @ApiPropertyOptional({ default: 14, minimum: 1, maximum: 90, description: 'Days of arrivals and completions, and the window the pace is measured over' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'days must be a whole number' })
  @Min(1, { message: 'days must be at least 1' })
  @Max(90, { message: 'days must be at most 90' })
  days?: number;
}
