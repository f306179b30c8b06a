import { HANDOFF_ADDRESSEES } from '../../workflows/handoff/handoff.vocabulary';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class HandoffAnswerResponse {
  @ApiProperty({ enum: ['approve', 'reject', 'advise'] }) outcome!: string;
  @ApiProperty() notes!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) citation!: string | null;
  @ApiProperty() answeredBy!: string;
  @ApiProperty() answeredAt!: string;
}

export class HandoffCaseSummary {
  @ApiProperty() id!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() sellerId!: string;
  @ApiProperty() marketplace!: string;
  @ApiProperty() severity!: string;
  @ApiProperty() state!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) team!: string | null;
  @ApiProperty() summary!: string;
}

/** A handoff as its addressee sees it: the question, its deadline, the answer once given. */
export class HandoffResponse {
  @ApiProperty({ example: '<caseId>/handoff/1', description: 'URL-encode it in paths (it contains slashes)' }) id!: string;
  @ApiProperty() caseId!: string;
  @ApiProperty({ enum: HANDOFF_ADDRESSEES }) team!: string;
  @ApiProperty({ enum: ['open', 'answered', 'cancelled'] }) status!: string;
  @ApiProperty() question!: string;
  @ApiProperty() blocking!: boolean;
  @ApiProperty() requestedBy!: string;
  @ApiProperty() requestedAt!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) dueAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) remindedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) escalatedAt!: string | null;
  @ApiPropertyOptional({ type: HandoffAnswerResponse, nullable: true }) answer!: HandoffAnswerResponse | null;
  @ApiPropertyOptional({ type: HandoffCaseSummary, description: 'In lists: the case the question is about' })
  case?: HandoffCaseSummary;
}

export class HandoffPageResponse {
  @ApiProperty({ type: [HandoffResponse] }) items!: HandoffResponse[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}
