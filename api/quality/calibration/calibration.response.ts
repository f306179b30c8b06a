import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const BANDS = ['poor', 'slight', 'fair', 'moderate', 'substantial', 'almost_perfect'];
const STATISTICS = ['cohens_kappa', 'fleiss_kappa', 'krippendorff_alpha'];

export class CalibrationQuestionResponse {
  @ApiProperty() id!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ type: [String] }) options!: string[];
}

export class GoldenAnswerResponse {
  @ApiProperty() questionId!: string;
  @ApiProperty() answer!: string;
}

export class CalibrationItemResponse {
  @ApiProperty() position!: number;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) caseId!: string | null;
  @ApiProperty() prompt!: string;
  @ApiPropertyOptional({
    type: [GoldenAnswerResponse],
    nullable: true,
    description: 'The expert answers: shown to the session\'s managers, and to participants once the session is closed; null otherwise or when the item has none',
  })
  golden!: GoldenAnswerResponse[] | null;
}

export class OwnAnswerResponse {
  @ApiProperty() position!: number;
  @ApiProperty() questionId!: string;
  @ApiProperty() answer!: string;
}

export class ParticipantProgressResponse {
  @ApiProperty() userId!: string;
  @ApiProperty({ description: 'Answers given so far (never their content while the session is open)' }) answered!: number;
}

export class CalibrationSessionResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() team!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: string;
  @ApiProperty() createdBy!: string;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) closedAt!: string | null;
  @ApiProperty({ type: [CalibrationQuestionResponse] }) questions!: CalibrationQuestionResponse[];
  @ApiProperty({ type: [CalibrationItemResponse] }) items!: CalibrationItemResponse[];
  @ApiProperty({ type: [ParticipantProgressResponse] }) participants!: ParticipantProgressResponse[];
  @ApiProperty({ type: [OwnAnswerResponse], description: "The caller's own answers (empty for a non-participant)" }) myAnswers!: OwnAnswerResponse[];
}

export class CalibrationSessionSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: string;
  @ApiProperty() createdBy!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty() items!: number;
  @ApiProperty({ type: [String] }) participants!: string[];
}

export class CalibrationSessionListResponse {
  @ApiProperty({ type: [CalibrationSessionSummaryResponse] }) sessions!: CalibrationSessionSummaryResponse[];
}

export class IntervalResponse {
  @ApiProperty() low!: number;
  @ApiProperty() high!: number;
}

export class AgreementResponse {
  @ApiProperty({ description: 'Units answered by at least two participants (overall: item x question pairs)' }) units!: number;
  @ApiProperty({ enum: STATISTICS, description: "Two participants: Cohen's kappa; more: Fleiss' kappa when every answer is in, else Krippendorff's alpha" })
  statistic!: string;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'null when undefined (every answer in one category, or too few units)' }) value!: number | null;
  @ApiPropertyOptional({ type: String, enum: [...BANDS, null], nullable: true, description: 'Landis & Koch (1977) band of value' }) band!: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: "Krippendorff's alpha (nominal), always reported" }) krippendorffAlpha!: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Share of agreeing answer pairs, not chance-corrected' }) percentAgreement!: number | null;
}

export class QuestionAgreementResponse extends AgreementResponse {
  @ApiProperty() questionId!: string;
  @ApiProperty() label!: string;
}

export class AccuracyResponse {
  @ApiProperty({ description: 'Golden answers the participant was graded on (an unanswered one counts as wrong)' }) graded!: number;
  @ApiProperty() correct!: number;
  @ApiPropertyOptional({ type: Number, nullable: true }) accuracy!: number | null;
  @ApiPropertyOptional({ type: IntervalResponse, nullable: true, description: '95% Wilson score interval' }) interval!: IntervalResponse | null;
}

export class QuestionAccuracyResponse extends AccuracyResponse {
  @ApiProperty() questionId!: string;
}

export class ParticipantAccuracyResponse {
  @ApiProperty() userId!: string;
  @ApiProperty() answered!: number;
  @ApiProperty({ type: AccuracyResponse }) overall!: AccuracyResponse;
  @ApiProperty({ type: [QuestionAccuracyResponse] }) byQuestion!: QuestionAccuracyResponse[];
}

export class CalibrationReportResponse {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() items!: number;
  @ApiProperty({ type: AgreementResponse }) overall!: AgreementResponse;
  @ApiProperty({ type: [QuestionAgreementResponse] }) questions!: QuestionAgreementResponse[];
  @ApiProperty({ type: [ParticipantAccuracyResponse] }) participants!: ParticipantAccuracyResponse[];
}
