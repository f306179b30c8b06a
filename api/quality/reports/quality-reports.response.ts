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

export class ScorecardFiguresResponse {
  @ApiProperty({ description: 'Decisions made (escalation resolutions, strategic-review proposals)' }) volume!: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: "Median ms from the specialist's first act on a case to their decision" }) medianHandleTimeMs!: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Share of decided cases none of whose SLA clocks breached' }) slaAttainment!: number | null;
  @ApiProperty({ type: QaFiguresResponse }) qa!: QaFiguresResponse;
  @ApiProperty({ description: 'Reviews where the manager adjudicated a different decision' }) overturned!: number;
}

export class ScorecardWeekResponse extends ScorecardFiguresResponse {
  @ApiProperty({ example: '2026-11-02' }) weekStart!: string;
}

export class ScorecardResponse extends ScorecardFiguresResponse {
  @ApiProperty() userId!: string;
  @ApiProperty() team!: string;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Not measured yet: reinstatement appeals are not in this build (always null)' })
  reinstatementRate!: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Not measured yet: reinstatement appeals are not in this build (always null)' })
  restumbleRate!: number | null;
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
