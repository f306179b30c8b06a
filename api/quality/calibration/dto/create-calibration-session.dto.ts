import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsString, IsUUID, Length, Matches, ValidateIf, ValidateNested } from 'class-validator';

/** Ids of questions and their options: what answers and golden answers are compared by. */
export const CODE_PATTERN = /^[a-z0-9][a-z0-9_.-]{0,63}$/;
const CODE_MESSAGE = (field: string) => `${field} must be 1-64 lower-case letters, digits, dot, dash or underscore, such as no_action`;
const Given = () => ValidateIf((_o, value) => value !== undefined);

export class CalibrationQuestionDto {
  @ApiProperty({ example: 'decision', pattern: CODE_PATTERN.source })
  @IsString()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE('id') })
  id!: string;

  @ApiProperty({ example: 'What should the decision be?', minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  label!: string;

  @ApiProperty({ example: ['no_action', 'warning', 'suspension'], minItems: 2, maxItems: 20, uniqueItems: true })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(CODE_PATTERN, { each: true, message: CODE_MESSAGE('each of options') })
  options!: string[];
}

export class GoldenAnswerDto {
  @ApiProperty({ example: 'decision' })
  @IsString()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE('questionId') })
  questionId!: string;

  @ApiProperty({ example: 'warning' })
  @IsString()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE('answer') })
  answer!: string;
}

export class CalibrationItemDto {
  @ApiPropertyOptional({ format: 'uuid', description: "A past case of the team; its summary is shown, never its decision" })
  @Given()
  @IsUUID(undefined, { message: 'caseId must be a UUID' })
  caseId?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 2000, description: "What participants see; required without a caseId (a golden-set scenario), defaults to the case's summary" })
  @Given()
  @IsString()
  @Length(1, 2000)
  prompt?: string;

  @ApiPropertyOptional({ type: [GoldenAnswerDto], maxItems: 20, description: 'The expert answers, one per question at most' })
  @Given()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => GoldenAnswerDto)
  golden?: GoldenAnswerDto[];
}

export class CreateCalibrationSessionDto {
  @ApiProperty({ example: 'December calibration: strategic reviews', minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiProperty({ type: [CalibrationQuestionDto], minItems: 1, maxItems: 10 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => CalibrationQuestionDto)
  questions!: CalibrationQuestionDto[];

  @ApiProperty({ type: [CalibrationItemDto], minItems: 1, maxItems: 200 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => CalibrationItemDto)
  items!: CalibrationItemDto[];

  @ApiProperty({ example: ['ana', 'chloe', 'max'], minItems: 2, maxItems: 50, uniqueItems: true, description: "Active members of the caller's team who work cases" })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(/^[A-Za-z0-9._-]{1,100}$/, { each: true, message: 'each of participants must be a user id (letters, digits, dot, dash, underscore)' })
  participants!: string[];
}
