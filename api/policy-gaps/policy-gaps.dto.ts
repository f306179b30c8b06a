import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { OffsetPageQuery } from '../common/offset-page.query';

export class PolicyGapQuery extends OffsetPageQuery {
  @ApiPropertyOptional({ enum: ['open', 'decided'], default: 'open' })
  @IsOptional()
  @IsIn(['open', 'decided'], { message: 'status must be open or decided' })
  status?: 'open' | 'decided';

  @ApiPropertyOptional({ example: 'marketplace-facilitator-tax' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/, { message: 'tag must be 2-63 lower-case letters, digits and dashes' })
  tag?: string;

  @ApiPropertyOptional({ description: 'Words to find in the question, decision or precedent' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;
}

export class PolicyGapItemResponse {
  @ApiProperty() id!: string;
  @ApiProperty() caseId!: string;
  @ApiProperty() caseKind!: string;
  @ApiProperty() team!: string;
  @ApiProperty() tag!: string;
  @ApiProperty() question!: string;
  @ApiProperty({ enum: ['open', 'decided'] }) status!: string;
  @ApiProperty() flaggedBy!: string;
  @ApiProperty() flaggedAt!: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: "Leadership's decision deadline" }) dueAt!: string | null;
  @ApiProperty({ description: 'Past its decision deadline and still open' }) overdue!: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) decision!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) precedent!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) decidedBy!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) decidedAt!: string | null;
  @ApiProperty({ description: 'Decided gaps of other cases with the same tag' }) precedentsWithTag!: number;
}

export class PolicyGapPageResponse {
  @ApiProperty({ type: [PolicyGapItemResponse] }) items!: PolicyGapItemResponse[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

export class PolicyGapReportResponse {
  @ApiProperty() generatedAt!: string;
  @ApiProperty() open!: number;
  @ApiProperty() overdue!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'Open gaps by age: <1d, 1-3d, 3-7d, >7d' }) byAge!: Record<string, number>;
  @ApiProperty({ type: [PolicyGapItemResponse], description: 'Open gaps, oldest first' }) items!: PolicyGapItemResponse[];
}

