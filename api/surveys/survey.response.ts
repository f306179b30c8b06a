import { ApiProperty } from '@nestjs/swagger';
import { SURVEY_SCORES } from '../metrics/satisfaction';

export const SURVEY_QUESTION = 'How satisfied are you with how your case was handled?';

/** The one-question survey a seller gets after a decision on their case. */
export class SurveyResponse {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ enum: ['appeal', 'escalation'] }) kind!: string;
  @ApiProperty({ description: "The decision it follows: an appeal's outcome or an escalation's resolution" }) decision!: string;
  @ApiProperty({ example: SURVEY_QUESTION }) question!: string;
  @ApiProperty({ type: [Number], example: [...SURVEY_SCORES] }) scale!: number[];
  @ApiProperty() answered!: boolean;
  @ApiProperty({ type: Number, nullable: true }) score!: number | null;
  @ApiProperty({ type: String, nullable: true }) comment!: string | null;
}
