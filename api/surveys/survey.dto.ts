import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { SURVEY_SCORES } from '../metrics/satisfaction';

export class SurveyAnswerDto {
  @ApiProperty({ enum: SURVEY_SCORES, description: 'How satisfied are you with how your case was handled? 1 (not at all) to 5 (very)' })
  @IsIn(SURVEY_SCORES as readonly number[], { message: 'score must be a whole number from 1 to 5' })
  score!: number;

  @ApiPropertyOptional({ maxLength: 2000, example: 'Quick and clear, thank you' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  comment?: string;
}
