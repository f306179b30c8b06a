import type { WorkingWeek } from '../../../db/entities/team.entity';
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

/** A partial update: only the fields given change (at least one; a list given replaces that list); `id` and `kind` never change. */
export class UpdateTeamDto {
  @NameField('optional') name?: string;
  @MarketplacesField() marketplaces?: string[];
  @CategoriesField() categories?: EscalationCategory[];
  @FallbackField() fallback?: boolean;
  @TimeZoneField('optional') timeZone?: string;
  @WorkingHoursField('optional') workingHours?: WorkingWeek;
  @HolidayCountryField() holidayCountry?: string | null;
  @HolidayRegionField() holidayRegion?: string | null;
  @HolidayAdditionsField() holidayAdditions?: HolidayAdditionDto[];
  @HolidayRemovalsField() holidayRemovals?: string[];
  @ActiveField() active?: boolean;
}
