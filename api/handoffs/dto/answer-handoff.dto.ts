import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { MAX_CITATION, MAX_TEXT } from '../../../workflows/common/input-checks';
import { HANDOFF_OUTCOMES, type HandoffOutcome } from '../../../workflows/handoff/handoff.contract';

export class AnswerHandoffDto {
  @ApiProperty({ enum: HANDOFF_OUTCOMES })
  @IsIn(HANDOFF_OUTCOMES as readonly string[], { message: `outcome must be one of: ${HANDOFF_OUTCOMES.join(', ')}` })
  outcome!: HandoffOutcome;

  @ApiProperty({ example: 'The trademark is registered in DE; the takedown is enforceable', maxLength: MAX_TEXT })
  @IsString()
  @Length(1, MAX_TEXT)
  notes!: string;

  @ApiPropertyOptional({ example: 'MarkenG §14', description: 'The law, policy clause or precedent the answer rests on', maxLength: MAX_CITATION })
  @IsOptional()
  @IsString()
  @Length(1, MAX_CITATION)
  citation?: string;
}
