import { ApiProperty } from '@nestjs/swagger';
import { UPSTREAM_TEAMS } from '../../workflows/appeal/appeal.vocabulary';

export class FalsePositiveCaseResponse {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() sellerId!: string;
  @ApiProperty() enforcementRef!: string;
  @ApiProperty() enforcementType!: string;
  @ApiProperty({ type: String, nullable: true }) reasonCode!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The reviewer's note to the upstream team" }) note!: string | null;
  @ApiProperty({ type: String, nullable: true }) decidedBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt!: string | null;
}

/** What an upstream team receives as feedback: its false positives in the period, and their rate. */
export class FalsePositiveReportResponse {
  @ApiProperty({ enum: UPSTREAM_TEAMS }) upstreamTeam!: string;
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({ description: "The team's enforcements the enforcement system reported in the period" }) enforcements!: number;
  @ApiProperty({ description: 'Appeals decided in the period that found the enforcement wrong' }) enforcementErrors!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'enforcementErrors / enforcements (4 decimals); null without enforcements' }) rate!: number | null;
  @ApiProperty({ type: [FalsePositiveCaseResponse] }) cases!: FalsePositiveCaseResponse[];
}
