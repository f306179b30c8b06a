import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { SEVERITIES, type Severity } from '../../../workflows/common/severity';
import { CURRENT_TAXONOMY } from '../../../workflows/escalation/escalation.taxonomy';
import { LanguageField } from '../../common/language-field';
import type { EnforcementType, EscalationCategory, EscalationSource, Trigger } from '../../../workflows/escalation/escalation.vocabulary';

const { categories, sources, enforcementTypes, triggers } = CURRENT_TAXONOMY;

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

  @ApiPropertyOptional({ enum: SEVERITIES, description: "Omitted: the taxonomy's guidance for the category (GET /escalations/taxonomy)" })
  @IsOptional()
  @IsIn(SEVERITIES as readonly string[], { message: `severity must be one of: ${SEVERITIES.join(', ')}` })
  severity?: Severity;

  @ApiProperty({ enum: categories })
  @IsIn(categories as readonly string[], { message: `category must be one of: ${categories.join(', ')}` })
  category!: EscalationCategory;

  @ApiProperty({ enum: sources, description: 'Who brought the case to the team' })
  @IsIn(sources as readonly string[], { message: `source must be one of: ${sources.join(', ')}` })
  source!: EscalationSource;

  @ApiProperty({ enum: triggers, description: 'What set the case off' })
  @IsIn(triggers as readonly string[], { message: `trigger must be one of: ${triggers.join(', ')}` })
  trigger!: Trigger;

  @ApiProperty({ enum: enforcementTypes, description: 'The enforcement the seller disputes (none when there is none)' })
  @IsIn(enforcementTypes as readonly string[], { message: `enforcementType must be one of: ${enforcementTypes.join(', ')}` })
  enforcementType!: EnforcementType;

  @ApiProperty({ example: 'Buyer reports counterfeit goods across 14 orders', maxLength: 2000 })
  @IsString()
  @Length(1, 2000)
  summary!: string;

  @LanguageField()
  language?: string;
}
