import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';
import { CODE_PATTERN } from './create-calibration-session.dto';

export class CalibrationAnswerDto {
  @ApiProperty({ minimum: 1, maximum: 200, description: "The item's position in the session" })
  @IsInt({ message: 'position must be a whole number' })
  @Min(1)
  @Max(200)
  position!: number;

  @ApiProperty({ example: 'decision' })
  @IsString()
  @Matches(CODE_PATTERN, { message: 'questionId must be one of the session\'s question ids' })
  questionId!: string;

  @ApiProperty({ example: 'warning' })
  @IsString()
  @Matches(CODE_PATTERN, { message: "answer must be one of the question's options" })
  answer!: string;
}

/** A participant's answers; each replaces the participant's earlier answer to the same item and question. */
export class SubmitAnswersDto {
  @ApiProperty({ type: [CalibrationAnswerDto], minItems: 1, maxItems: 2000 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => CalibrationAnswerDto)
  answers!: CalibrationAnswerDto[];
}
