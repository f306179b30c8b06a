import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { CASE_CLOCKS, type CaseClock } from '../../../workflows/escalation/escalation.vocabulary';
import { ReasonDto } from './reason.dto';

/** At most 30 days of business time per extension; a bigger change is a policy decision, not a case one. */
export const MAX_EXTENSION_MINUTES = 30 * 24 * 60;

export class ExtendSlaDto extends ReasonDto {
  @ApiProperty({ enum: CASE_CLOCKS })
  @IsIn(CASE_CLOCKS as readonly string[], { message: `clock must be one of: ${CASE_CLOCKS.join(', ')}` })
  clock!: CaseClock;

  @ApiProperty({ example: 240, minimum: 1, maximum: MAX_EXTENSION_MINUTES, description: 'Business minutes to add' })
  @IsInt({ message: 'byMinutes must be a whole number of minutes' })
  @Min(1)
  @Max(MAX_EXTENSION_MINUTES)
  byMinutes!: number;
}
