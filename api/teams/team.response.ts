import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TEAM_KINDS } from '../../db/entities/team.entity';
import { ESCALATION_CATEGORIES } from '../../workflows/escalation/escalation.vocabulary';

const DAY_DOC = {
  type: 'array',
  items: { type: 'array', items: { type: 'string' }, minItems: 2, maxItems: 2 },
  example: [['09:00', '17:00']],
  description: "Working intervals ['HH:mm', 'HH:mm'], sorted, not overlapping; the end may be '24:00'. A missing day is closed",
} as const;

/** Per weekday, in the team's time zone. */
export class WorkingWeekDoc {
  @ApiPropertyOptional(DAY_DOC) mon?: Array<[string, string]>;
  @ApiPropertyOptional(DAY_DOC) tue?: Array<[string, string]>;
  @ApiPropertyOptional(DAY_DOC) wed?: Array<[string, string]>;
  @ApiPropertyOptional(DAY_DOC) thu?: Array<[string, string]>;
  @ApiPropertyOptional(DAY_DOC) fri?: Array<[string, string]>;
  @ApiPropertyOptional(DAY_DOC) sat?: Array<[string, string]>;
  @ApiPropertyOptional(DAY_DOC) sun?: Array<[string, string]>;
}

export class HolidayAdditionDoc {
  @ApiProperty({ example: '12-24', description: "'YYYY-MM-DD' (once) or 'MM-DD' (every year)" }) date!: string;
  @ApiProperty({ example: 'Christmas Eve' }) name!: string;
}

/** A team as the API shows it; built by the mapper, never an entity. */
export class TeamResponse {
  @ApiProperty({ example: 'seller-risk-apac' }) id!: string;
  @ApiProperty({ example: 'Seller Risk APAC' }) name!: string;
  @ApiProperty({ enum: TEAM_KINDS }) kind!: string;
  @ApiProperty({ type: [String], example: ['JP', 'IN', 'AU', 'SG'], description: 'Marketplaces whose cases the team owns (case teams)' })
  marketplaces!: string[];
  @ApiProperty({
    enum: ESCALATION_CATEGORIES,
    isArray: true,
    description: 'Empty: every category of its marketplaces; otherwise only these (a category rule beats a marketplace-only rule)',
  })
  categories!: string[];
  @ApiProperty({ description: 'Gets the cases no rule matches (exactly one active case team)' }) fallback!: boolean;
  @ApiProperty({ example: 'Asia/Singapore' }) timeZone!: string;
  @ApiProperty({ type: WorkingWeekDoc }) workingHours!: WorkingWeekDoc;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'SG', description: 'Country whose public holidays the team keeps; null: none' })
  holidayCountry!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'BY', description: 'Subdivision of the country, for regional holidays' })
  holidayRegion!: string | null;
  @ApiProperty({ type: [HolidayAdditionDoc] }) holidayAdditions!: HolidayAdditionDoc[];
  @ApiProperty({ type: [String], example: ['12-26'], description: "Library holidays the team works: 'YYYY-MM-DD' or 'MM-DD'" })
  holidayRemovals!: string[];
  @ApiProperty() active!: boolean;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ description: "Who last changed the team ('seed' for the seeded configuration)" }) updatedBy!: string;
}

export class TeamListResponse {
  @ApiProperty({ type: [TeamResponse] }) teams!: TeamResponse[];
}

export class CalendarHolidayResponse {
  @ApiProperty({ example: '2031-01-23' }) date!: string;
  @ApiProperty({ example: 'Chinese New Year' }) name!: string;
  @ApiProperty({ enum: ['library', 'team'], description: 'library: a public holiday of the country/region; team: a team addition' })
  source!: string;
}

/** A team's calendar for one year, as new cases would count on it. */
export class TeamCalendarResponse {
  @ApiProperty() team!: string;
  @ApiProperty({ example: 2031 }) year!: number;
  @ApiProperty() timeZone!: string;
  @ApiProperty({ type: WorkingWeekDoc }) workingHours!: WorkingWeekDoc;
  @ApiPropertyOptional({ type: String, nullable: true }) holidayCountry!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) holidayRegion!: string | null;
  @ApiProperty({ type: [String], example: ['public'], description: 'Holiday types of the library that close the team' })
  holidayTypes!: string[];
  @ApiProperty({ type: [CalendarHolidayResponse], description: 'Days the team does not work, by date' })
  holidays!: CalendarHolidayResponse[];
  @ApiProperty({ type: [CalendarHolidayResponse], description: 'Library holidays the team works anyway (its removals)' })
  removed!: CalendarHolidayResponse[];
  @ApiProperty({ description: 'Working hours in the year, holidays excluded' }) workingHoursInYear!: number;
}
