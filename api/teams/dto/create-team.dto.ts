import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches } from 'class-validator';
import { TEAM_KINDS, type TeamKind, type WorkingWeek } from '../../../db/entities/team.entity';
import type { EscalationCategory } from '../../../workflows/escalation/escalation.vocabulary';
import {
  ActiveField,
  CategoriesField,
  FallbackField,
  HolidayAdditionDto,
  HolidayAdditionsField,
  HolidayCountryField,
  HolidayRegionField,
  HolidayRemovalsField,
  MarketplacesField,
  NameField,
  TimeZoneField,
  WorkingHoursField,
} from './team-fields';

/** A new team; fields not given take their defaults (no rules, no holidays, active, not the fallback). */
export class CreateTeamDto {
  @ApiProperty({ example: 'seller-risk-latam', description: 'Lower-case letters, digits, - and _; the team name the roster uses' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9_-]{1,63}$/, { message: 'id must be 2-64 lower-case letters, digits, - or _, starting with a letter or digit' })
  id!: string;

  @NameField('required') name!: string;

  @ApiProperty({ enum: TEAM_KINDS, description: 'case_team: owns cases by marketplace and category; handoff_team: legal, policy or customer_trust' })
  @IsIn(TEAM_KINDS as readonly string[], { message: `kind must be one of: ${TEAM_KINDS.join(', ')}` })
  kind!: TeamKind;

  @MarketplacesField() marketplaces?: string[];
  @CategoriesField() categories?: EscalationCategory[];
  @FallbackField() fallback?: boolean;
  @TimeZoneField('required') timeZone!: string;
  @WorkingHoursField('required') workingHours!: WorkingWeek;
  @HolidayCountryField() holidayCountry?: string | null;
  @HolidayRegionField() holidayRegion?: string | null;
  @HolidayAdditionsField() holidayAdditions?: HolidayAdditionDto[];
  @HolidayRemovalsField() holidayRemovals?: string[];
  @ActiveField() active?: boolean;
}
