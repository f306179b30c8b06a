import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { HANDOFF_OUTCOMES, type HandoffAnswerOutcome } from '../../../workflows/handoff/handoff.contract';

export class AnswerHandoffDto {
  @ApiProperty({ enum: HANDOFF_OUTCOMES })
  @IsIn(HANDOFF_OUTCOMES as readonly string[], { message: `outcome must be one of: ${HANDOFF_OUTCOMES.join(', ')}` })
  outcome!: HandoffAnswerOutcome;

  @ApiProperty({ example: 'The trademark is registered in DE; the takedown is enforceable', maxLength: 4000 })
  @IsString()
  @Length(1, 4000)
  notes!: string;

  @ApiPropertyOptional({ example: 'MarkenG §14', description: 'The law, policy clause or precedent the answer rests on', maxLength: 500 })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  citation?: string;
}
