import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { CLOCKS, type Clock } from '../../../workflows/escalation/escalation.machine';
import { ReasonDto } from './reason.dto';

/** At most 30 days of business time per extension; a bigger change is a policy decision, not a case one. */
export const MAX_EXTENSION_MINUTES = 30 * 24 * 60;

export class ExtendSlaDto extends ReasonDto {
  @ApiProperty({ enum: CLOCKS })
  @IsIn(CLOCKS as readonly string[], { message: `clock must be one of: ${CLOCKS.join(', ')}` })
  clock!: Clock;

  @ApiProperty({ example: 240, minimum: 1, maximum: MAX_EXTENSION_MINUTES, description: 'Business minutes to add' })
  @IsInt({ message: 'byMinutes must be a whole number of minutes' })
  @Min(1)
  @Max(MAX_EXTENSION_MINUTES)
  byMinutes!: number;
}
