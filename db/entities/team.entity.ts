import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * `case_team`: a seller-risk team that owns cases (routing rules, case SLA calendar).
 * `handoff_team`: Legal, Policy or Customer Trust, answering handoffs on its own calendar.
 */
export const TEAM_KINDS = ['case_team', 'handoff_team'] as const;
export type TeamKind = (typeof TEAM_KINDS)[number];

/** Days of the week as the teams table and API name them; the business calendar numbers them 1..7. */
export const WEEKDAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekdayName = (typeof WEEKDAY_NAMES)[number];

/** Per weekday, sorted non-overlapping ['HH:mm', 'HH:mm'] intervals (end may be '24:00'); a missing day is closed. */
export type WorkingWeek = Partial<Record<WeekdayName, Array<[string, string]>>>;

/**
 * A day off the holiday library does not know: 'YYYY-MM-DD' once, or 'MM-DD' every year.
 * Removals use the same two forms.
 */
export interface HolidayAddition {
  date: string;
  name: string;
}

/**
 * A team's routing rules and calendar, as configuration operators manage through `/teams`.
 * A case team owns `marketplaces` (for every category, or only for `categories` when given); the
 * routing rows derived from it live in `team_routes`, whose unique index keeps two active teams
 * from claiming the same rule. Changes apply to cases created afterwards.
 */
@Entity({ name: 'teams' })
@Index('ux_teams_fallback', ['fallback'], { unique: true, where: 'fallback' })
export class TeamEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: TeamKind;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  marketplaces!: string[];

  /** Empty: every category of the marketplaces above. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  categories!: string[];

  /** The one case team that gets cases no rule matches (unknown marketplaces). */
  @Column({ type: 'boolean', default: false })
  fallback!: boolean;

  @Column({ name: 'time_zone', type: 'varchar', length: 64 })
  timeZone!: string;

  @Column({ name: 'working_hours', type: 'jsonb' })
  workingHours!: WorkingWeek;

  /** ISO 3166-1 country whose public holidays the team keeps; null: no public holidays. */
  @Column({ name: 'holiday_country', type: 'varchar', length: 2, nullable: true })
  holidayCountry!: string | null;

  /** Subdivision of the country (e.g. BY for Bavaria), for regional holidays. */
  @Column({ name: 'holiday_region', type: 'varchar', length: 10, nullable: true })
  holidayRegion!: string | null;

  @Column({ name: 'holiday_additions', type: 'jsonb', default: () => "'[]'" })
  holidayAdditions!: HolidayAddition[];

  @Column({ name: 'holiday_removals', type: 'text', array: true, default: () => "'{}'" })
  holidayRemovals!: string[];

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  /** Who last changed the row: a roster user id, or 'seed'. */
  @Column({ name: 'updated_by', type: 'varchar', length: 100 })
  updatedBy!: string;
}
