import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsString,
  Length,
  Matches,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { WorkingWeekDoc } from '../team.response';
import { ESCALATION_CATEGORIES } from '../../../workflows/escalation/escalation.vocabulary';
import { IsDaySpec, IsIanaTimeZone, IsWorkingWeek } from './team-validators';

/**
 * The validated fields of POST /teams and PATCH /teams/:id, one decorator per field, so the two DTOs
 * list the same rules and differ only in what is required. An optional field may be left out but
 * not sent as null (except the two nullable holiday fields). Cross-field rules (handoff teams own
 * no marketplaces, the country knows the region, no two active teams claim one rule) are the service's.
 */
type Need = 'required' | 'optional';

function field(need: Need, doc: ApiPropertyOptions, ...rules: PropertyDecorator[]): PropertyDecorator {
  return need === 'required'
    ? applyDecorators(ApiProperty(doc), ...rules)
    : applyDecorators(ApiPropertyOptional(doc), ValidateIf((_o, value) => value !== undefined), ...rules);
}

export class HolidayAdditionDto {
  @ApiProperty({ example: '12-24', description: "'YYYY-MM-DD' (once) or 'MM-DD' (every year)" })
  @IsDaySpec()
  date!: string;

  @ApiProperty({ example: 'Christmas Eve', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name!: string;
}

export const NameField = (need: Need) => field(need, { example: 'Seller Risk APAC', maxLength: 200 }, IsString(), Length(1, 200));

export const MarketplacesField = () =>
  field(
    'optional',
    { type: [String], example: ['JP', 'IN', 'AU', 'SG'], description: 'Two-letter upper-case marketplace codes the team owns (case teams)' },
    IsArray(),
    ArrayMaxSize(250),
    ArrayUnique(),
    Matches(/^[A-Z]{2}$/, { each: true, message: 'each of marketplaces must be a two-letter upper-case code such as JP or DE' }),
  );

export const CategoriesField = () =>
  field(
    'optional',
    {
      enum: ESCALATION_CATEGORIES,
      isArray: true,
      description: 'Only these categories of its marketplaces (a category rule beats a marketplace-only rule); empty: every category',
    },
    IsArray(),
    ArrayUnique(),
    IsIn(ESCALATION_CATEGORIES as readonly string[], { each: true, message: `each of categories must be one of: ${ESCALATION_CATEGORIES.join(', ')}` }),
  );

export const FallbackField = () =>
  field(
    'optional',
    { description: 'Make this the fallback team for cases no rule matches; the previous fallback team loses the flag' },
    IsBoolean({ message: 'fallback must be true or false' }),
  );

export const TimeZoneField = (need: Need) =>
  field(need, { example: 'Asia/Singapore', description: 'IANA time zone of the working hours and holidays' }, IsIanaTimeZone());

export const WorkingHoursField = (need: Need) =>
  field(need, { type: WorkingWeekDoc, example: { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']] } }, IsWorkingWeek());

export const HolidayCountryField = () =>
  applyDecorators(
    ApiPropertyOptional({ type: String, nullable: true, example: 'SG', description: 'ISO 3166-1 country whose public holidays the team keeps; null: none' }),
    ValidateIf((_o, value) => value !== undefined && value !== null),
    Matches(/^[A-Z]{2}$/, { message: 'holidayCountry must be a two-letter upper-case country code such as DE, or null' }),
  );

export const HolidayRegionField = () =>
  applyDecorators(
    ApiPropertyOptional({ type: String, nullable: true, example: 'BY', description: 'Subdivision of the country (e.g. BY for Bavaria, NSW), or null' }),
    ValidateIf((_o, value) => value !== undefined && value !== null),
    Matches(/^[A-Z0-9]{1,10}$/, { message: 'holidayRegion must be an upper-case subdivision code such as BY or NSW, or null' }),
  );

export const HolidayAdditionsField = () =>
  field(
    'optional',
    { type: [HolidayAdditionDto], description: "Extra days off: 'YYYY-MM-DD' once or 'MM-DD' every year" },
    IsArray(),
    ArrayMaxSize(400),
    ValidateNested({ each: true }),
    Type(() => HolidayAdditionDto),
  );

export const HolidayRemovalsField = () =>
  field(
    'optional',
    { type: [String], example: ['12-26'], description: "Library holidays the team works anyway: 'YYYY-MM-DD' or 'MM-DD'" },
    IsArray(),
    ArrayMaxSize(400),
    ArrayUnique(),
    IsDaySpec({ each: true }),
  );

export const ActiveField = () =>
  field(
    'optional',
    { description: 'false: the team gets no new cases (handoff teams and the fallback team must stay active)' },
    IsBoolean({ message: 'active must be true or false' }),
  );
