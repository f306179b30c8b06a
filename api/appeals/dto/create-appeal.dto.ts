import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { MAX_CITATION, MAX_TEXT } from '../../../workflows/common/input-checks';
import { APPEALABLE_ENFORCEMENTS, ENFORCEMENT_SOURCES, UPSTREAM_TEAMS } from '../../../workflows/appeal/appeal.vocabulary';

export class PlanOfActionDto {
  @ApiProperty({ example: 'A supplier shipped unbranded goods under our listing', maxLength: MAX_TEXT })
  @IsString()
  @Length(1, MAX_TEXT)
  rootCause!: string;

  @ApiProperty({ type: [String], example: ['Removed the supplier', 'Audited every listing'], minItems: 1, maxItems: 20 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, MAX_TEXT, { each: true })
  correctiveActions!: string[];

  @ApiProperty({ type: [String], example: ['Supplier invoices checked before listing'], minItems: 1, maxItems: 20 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, MAX_TEXT, { each: true })
  preventiveMeasures!: string[];

  @ApiPropertyOptional({ type: [String], example: ['invoice-2026-14.pdf'], maxItems: 50 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, MAX_CITATION, { each: true })
  evidence?: string[];
}

export class AppealedEnforcementDto {
  @ApiProperty({ enum: ENFORCEMENT_SOURCES, description: "strategic_review: `ref` is a review's enforcement id (`<caseId>/enforcement/<n>`); external: the enforcement system's id" })
  @IsIn(ENFORCEMENT_SOURCES as readonly string[], { message: `source must be one of: ${ENFORCEMENT_SOURCES.join(', ')}` })
  source!: (typeof ENFORCEMENT_SOURCES)[number];

  @ApiProperty({ example: 'ext-enf-20261201-88', maxLength: MAX_CITATION })
  @IsString()
  @Length(1, MAX_CITATION)
  ref!: string;

  @ApiPropertyOptional({ enum: APPEALABLE_ENFORCEMENTS, description: 'Required for external enforcements (a review names its own)' })
  @IsOptional()
  @IsIn(APPEALABLE_ENFORCEMENTS as readonly string[], { message: `type must be one of: ${APPEALABLE_ENFORCEMENTS.join(', ')}` })
  type?: (typeof APPEALABLE_ENFORCEMENTS)[number];

  @ApiPropertyOptional({ example: 'suspected counterfeit', maxLength: MAX_TEXT, description: 'Required for external enforcements' })
  @IsOptional()
  @IsString()
  @Length(1, MAX_TEXT)
  reason?: string;
}

export class CreateAppealDto {
  @ApiProperty({ example: 'seller-4711', description: 'A seller in the directory (a seller caller may appeal only for themselves)' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,100}$/, { message: 'sellerId may contain only letters, digits, dot, dash and underscore' })
  sellerId!: string;

  @ApiProperty({ type: AppealedEnforcementDto })
  @ValidateNested()
  @Type(() => AppealedEnforcementDto)
  enforcement!: AppealedEnforcementDto;

  @ApiProperty({ type: PlanOfActionDto })
  @ValidateNested()
  @Type(() => PlanOfActionDto)
  plan!: PlanOfActionDto;
}

export class ReportEnforcementDto {
  @ApiProperty({ example: 'ext-enf-20261215-3', maxLength: MAX_CITATION })
  @IsString()
  @Length(1, MAX_CITATION)
  enforcementId!: string;

  @ApiProperty({ example: 'seller-4711' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,100}$/, { message: 'sellerId may contain only letters, digits, dot, dash and underscore' })
  sellerId!: string;

  @ApiProperty({ enum: APPEALABLE_ENFORCEMENTS })
  @IsIn(APPEALABLE_ENFORCEMENTS as readonly string[], { message: `type must be one of: ${APPEALABLE_ENFORCEMENTS.join(', ')}` })
  type!: (typeof APPEALABLE_ENFORCEMENTS)[number];

  @ApiProperty({ enum: UPSTREAM_TEAMS, description: 'The team that enforced' })
  @IsIn(UPSTREAM_TEAMS as readonly string[], { message: `upstreamTeam must be one of: ${UPSTREAM_TEAMS.join(', ')}` })
  upstreamTeam!: (typeof UPSTREAM_TEAMS)[number];

  @ApiProperty({ example: 'counterfeit listings reported by the brand owner', maxLength: MAX_TEXT })
  @IsString()
  @Length(1, MAX_TEXT)
  reason!: string;

  @ApiPropertyOptional({ type: [String], example: ['enforcer.one'], description: 'Who decided it (never reviews an appeal against it)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  decidedBy?: string[];
}
