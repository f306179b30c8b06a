import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IntervalResponse } from '../calibration/calibration.response';

export class ErrorCountsResponse {
  @ApiProperty() false_positive!: number;
  @ApiProperty() false_negative!: number;
  @ApiProperty() wrong_reason!: number;
  @ApiProperty() process_error!: number;
}

export class QaFiguresResponse {
  @ApiProperty({ description: 'Completed QA reviews of the decisions' }) reviewed!: number;
  @ApiProperty({ description: 'Reviews that found no error' }) correct!: number;
  @ApiPropertyOptional({ type: Number, nullable: true }) accuracy!: number | null;
  @ApiPropertyOptional({ type: IntervalResponse, nullable: true, description: '95% Wilson score interval of the accuracy' }) interval!: IntervalResponse | null;
  @ApiProperty({ type: ErrorCountsResponse }) errors!: ErrorCountsResponse;
}

export class ReinstatementFiguresResponse {
  @ApiProperty({ description: 'Appeals the specialist decided (denials, and reinstatements once approved)' }) decided!: number;
  @ApiProperty({ description: 'Of those, reinstatements' }) reinstated!: number;
  @ApiPropertyOptional({ type: IntervalResponse, nullable: true, description: '95% Wilson score interval of reinstated / decided' }) interval!: IntervalResponse | null;
}

export class RestumbleFiguresResponse {
  @ApiProperty({ description: "Sellers the specialist's reinstatements put back (the reinstatement's steps applied)" }) reinstatedSellers!: number;
  @ApiProperty({ description: 'Of those, still in their restumble window: not in the rate yet' }) watching!: number;
  @ApiProperty({ description: 'Windows closed, clean or with a restumble: the denominator' }) observed!: number;
  @ApiProperty({ description: 'Windows closed by a new enforcement on the seller' }) restumbled!: number;
  @ApiPropertyOptional({ type: IntervalResponse, nullable: true, description: '95% Wilson score interval of restumbled / observed' }) interval!: IntervalResponse | null;
}

export class ScorecardFiguresResponse {
  @ApiProperty({ description: 'Decisions made (escalation resolutions, strategic-review proposals)' }) volume!: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: "Median ms from the specialist's first act on a case to their decision" }) medianHandleTimeMs!: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Share of decided cases none of whose SLA clocks breached' }) slaAttainment!: number | null;
  @ApiProperty({ type: QaFiguresResponse }) qa!: QaFiguresResponse;
  @ApiProperty({ description: 'Reviews where the manager adjudicated a different decision' }) overturned!: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: "reinstatement.reinstated / reinstatement.decided over the specialist's appeal decisions; null without any" })
  reinstatementRate!: number | null;
  @ApiProperty({ type: ReinstatementFiguresResponse }) reinstatement!: ReinstatementFiguresResponse;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'restumble.restumbled / restumble.observed over the sellers they reinstated whose window closed; null without any' })
  restumbleRate!: number | null;
  @ApiProperty({ type: RestumbleFiguresResponse }) restumble!: RestumbleFiguresResponse;
}

export class ScorecardWeekResponse extends ScorecardFiguresResponse {
  @ApiProperty({ example: '2026-11-02' }) weekStart!: string;
}

export class ScorecardResponse extends ScorecardFiguresResponse {
  @ApiProperty() userId!: string;
  @ApiProperty() team!: string;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ type: [ScorecardWeekResponse] }) weeks!: ScorecardWeekResponse[];
}

export class StratifiedEstimateResponse {
  @ApiProperty() sampleSize!: number;
  @ApiProperty() population!: number;
  @ApiPropertyOptional({ type: Number, nullable: true }) estimate!: number | null;
  @ApiPropertyOptional({ type: IntervalResponse, nullable: true, description: '95% interval (normal approximation, clipped to [0, 1])' }) interval!: IntervalResponse | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) standardError!: number | null;
  @ApiProperty({ description: 'Share of decisions in strata without a completed review' }) unsampledShare!: number;
}

export class ErrorTypeEstimatesResponse {
  @ApiProperty({ type: StratifiedEstimateResponse }) false_positive!: StratifiedEstimateResponse;
  @ApiProperty({ type: StratifiedEstimateResponse }) false_negative!: StratifiedEstimateResponse;
  @ApiProperty({ type: StratifiedEstimateResponse }) wrong_reason!: StratifiedEstimateResponse;
  @ApiProperty({ type: StratifiedEstimateResponse }) process_error!: StratifiedEstimateResponse;
}

export class QaStratumResponse {
  @ApiProperty({ example: 'strategic_review_decision|tier=tier_2|decision=warning|tenure=established' }) stratum!: string;
  @ApiProperty() population!: number;
  @ApiProperty() sampled!: number;
  @ApiProperty() completed!: number;
  @ApiProperty() errors!: number;
}

export class PrecisionResponse {
  @ApiProperty() margin!: number;
  @ApiProperty() needed!: number;
  @ApiProperty() more!: number;
}

export class QaReportResponse {
  @ApiProperty() team!: string;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty() decisions!: number;
  @ApiProperty() sampled!: number;
  @ApiProperty() completed!: number;
  @ApiProperty({ type: [QaStratumResponse] }) strata!: QaStratumResponse[];
  @ApiProperty({ type: StratifiedEstimateResponse }) anyError!: StratifiedEstimateResponse;
  @ApiProperty({ type: ErrorTypeEstimatesResponse }) byErrorType!: ErrorTypeEstimatesResponse;
  @ApiProperty({ type: PrecisionResponse }) precision!: PrecisionResponse;
}
