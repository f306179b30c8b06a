import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class TeamCalendarQuery {
  @ApiPropertyOptional({ example: 2031, minimum: 2000, maximum: 2100, description: 'Default: the current year' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole number such as 2031' })
  @Min(2000, { message: 'year must be 2000 or later' })
  @Max(2100, { message: 'year must be 2100 or earlier' })
  year?: number;
}
