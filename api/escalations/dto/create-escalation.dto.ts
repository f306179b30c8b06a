import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { SEVERITIES, type Severity } from '../../../workflows/common/severity';
import { ESCALATION_CATEGORIES, type EscalationCategory } from '../../../workflows/escalation/escalation.vocabulary';

export class CreateEscalationDto {
  @ApiProperty({ example: 'seller-4711', description: 'The seller account the escalation is about' })
  @IsString()
  @Length(1, 100)
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'sellerId may contain only letters, digits, dot, dash and underscore' })
  sellerId!: string;

  @ApiProperty({ example: 'DE', description: 'Two-letter marketplace code' })
  @IsString()
  @Matches(/^[A-Z]{2}$/, { message: 'marketplace must be a two-letter upper-case code such as DE or US' })
  marketplace!: string;

  @ApiProperty({ enum: SEVERITIES })
  @IsIn(SEVERITIES as readonly string[], { message: `severity must be one of: ${SEVERITIES.join(', ')}` })
  severity!: Severity;

  @ApiProperty({ enum: ESCALATION_CATEGORIES })
  @IsIn(ESCALATION_CATEGORIES as readonly string[], {
    message: `category must be one of: ${ESCALATION_CATEGORIES.join(', ')}`,
  })
  category!: EscalationCategory;

  @ApiProperty({ example: 'Buyer reports counterfeit goods across 14 orders', maxLength: 2000 })
  @IsString()
  @Length(1, 2000)
  summary!: string;

  @ApiPropertyOptional({ example: 'de', description: "The seller's language (ISO 639-1, optionally with a region: 'de', 'pt-BR'); routing prefers speakers" })
  @IsOptional()
  @Matches(/^[a-z]{2}(-[A-Z]{2})?$/, { message: "language must be a language code such as 'de' or 'pt-BR'" })
  language?: string;
}
