import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { MAX_CITATION } from '../../../workflows/common/input-checks';
import { APPEALABLE_ENFORCEMENTS, ENFORCEMENT_SOURCES, UPSTREAM_TEAMS } from '../../../workflows/appeal/appeal.vocabulary';
import { LanguageField } from '../../common/language-field';
import { EvidenceField, OneOfField, OptionalTextField, SellerIdField, TextField, TextListField } from './appeal-fields';

export class PlanOfActionDto {
  @TextField('A supplier shipped unbranded goods under our listing')
  rootCause!: string;

  @TextListField(['Removed the supplier', 'Audited every listing'])
  correctiveActions!: string[];

  @TextListField(['Supplier invoices checked before listing'])
  preventiveMeasures!: string[];

  @EvidenceField(['invoice-2026-14.pdf'])
  evidence?: string[];
}

export class AppealedEnforcementDto {
  @OneOfField('source', ENFORCEMENT_SOURCES, { description: "strategic_review: `ref` is a review's enforcement id (`<caseId>/enforcement/<n>`); external: the enforcement system's id" })
  source!: (typeof ENFORCEMENT_SOURCES)[number];

  @ApiProperty({ example: 'ext-enf-20261201-88', maxLength: MAX_CITATION })
  @IsString()
  @Length(1, MAX_CITATION)
  ref!: string;

  @ApiPropertyOptional({ enum: APPEALABLE_ENFORCEMENTS, description: 'Required for external enforcements (a review names its own)' })
  @IsOptional()
  @IsIn(APPEALABLE_ENFORCEMENTS as readonly string[], { message: `type must be one of: ${APPEALABLE_ENFORCEMENTS.join(', ')}` })
  type?: (typeof APPEALABLE_ENFORCEMENTS)[number];

  @OptionalTextField('suspected counterfeit', { description: 'Required for external enforcements' })
  reason?: string;
}

export class CreateAppealDto {
  @SellerIdField({ description: 'A seller in the directory (a seller caller may appeal only for themselves)' })
  sellerId!: string;

  @ApiProperty({ type: AppealedEnforcementDto })
  @ValidateNested()
  @Type(() => AppealedEnforcementDto)
  enforcement!: AppealedEnforcementDto;

  @ApiProperty({ type: PlanOfActionDto })
  @ValidateNested()
  @Type(() => PlanOfActionDto)
  plan!: PlanOfActionDto;
  @LanguageField()
  language?: string;
}

export class ReportEnforcementDto {
  @ApiProperty({ example: 'ext-enf-20261215-3', maxLength: MAX_CITATION })
  @IsString()
  @Length(1, MAX_CITATION)
  enforcementId!: string;

  @SellerIdField()
  sellerId!: string;

  @OneOfField('type', APPEALABLE_ENFORCEMENTS)
  type!: (typeof APPEALABLE_ENFORCEMENTS)[number];

  @OneOfField('upstreamTeam', UPSTREAM_TEAMS, { description: 'The team that enforced' })
  upstreamTeam!: (typeof UPSTREAM_TEAMS)[number];

  @TextField('counterfeit listings reported by the brand owner')
  reason!: string;

  @ApiPropertyOptional({ type: [String], example: ['enforcer.one'], description: 'Who decided it (never reviews an appeal against it)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  decidedBy?: string[];
}
