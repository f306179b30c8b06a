import type { HolidayAddition, TeamKind, WorkingWeek } from '../entities/team.entity';

/** A team as configuration: the fields an operator sets through POST /teams. Pure data. */
export interface TeamConfig {
  id: string;
  name: string;
  kind: TeamKind;
  marketplaces: string[];
  categories: string[];
  fallback: boolean;
  timeZone: string;
  workingHours: WorkingWeek;
  holidayCountry: string | null;
  holidayRegion: string | null;
  holidayAdditions: HolidayAddition[];
  holidayRemovals: string[];
  active: boolean;
}

const weekdays = (...intervals: Array<[string, string]>): WorkingWeek => ({
  mon: intervals,
  tue: intervals,
  wed: intervals,
  thu: intervals,
  fri: intervals,
});

const noRules: Pick<TeamConfig, 'marketplaces' | 'categories' | 'fallback'> = { marketplaces: [], categories: [], fallback: false };
const noChanges: Pick<TeamConfig, 'holidayRegion' | 'holidayAdditions' | 'holidayRemovals' | 'active'> = {
  holidayRegion: null,
  holidayAdditions: [],
  holidayRemovals: [],
  active: true,
};

/**
 * The teams a new deployment starts with, seeded by `npm start` and `npm run migrate` into rows that
 * do not exist yet (an operator's later edits are never overwritten). Afterwards the table is the
 * truth: operators change it through /teams.
 */
export const SEED_TEAMS: readonly TeamConfig[] = [
  {
    id: 'seller-risk-eu',
    name: 'Seller Risk EU',
    kind: 'case_team',
    marketplaces: ['DE', 'AT', 'FR', 'UK', 'IE', 'IT', 'ES', 'NL', 'BE', 'PL', 'SE'],
    categories: [],
    // Runs the global queue: marketplaces no team claims come here.
    fallback: true,
    timeZone: 'Europe/Berlin',
    workingHours: weekdays(['09:00', '17:00']),
    holidayCountry: 'DE',
    ...noChanges,
  },
  {
    id: 'seller-risk-us',
    name: 'Seller Risk Americas',
    kind: 'case_team',
    marketplaces: ['US', 'CA', 'MX', 'BR'],
    categories: [],
    fallback: false,
    timeZone: 'America/New_York',
    workingHours: weekdays(['09:00', '17:00']),
    holidayCountry: 'US',
    ...noChanges,
  },
  {
    id: 'seller-risk-apac',
    name: 'Seller Risk APAC',
    kind: 'case_team',
    marketplaces: ['JP', 'IN', 'AU', 'SG'],
    categories: [],
    fallback: false,
    timeZone: 'Asia/Singapore',
    workingHours: weekdays(['09:00', '18:00']),
    holidayCountry: 'SG',
    ...noChanges,
  },
  {
    id: 'legal',
    name: 'Legal',
    kind: 'handoff_team',
    ...noRules,
    timeZone: 'Europe/Berlin',
    workingHours: weekdays(['09:00', '12:30'], ['13:30', '18:00']),
    holidayCountry: 'DE',
    ...noChanges,
  },
  {
    id: 'policy',
    name: 'Policy',
    kind: 'handoff_team',
    ...noRules,
    timeZone: 'America/New_York',
    workingHours: weekdays(['08:00', '18:00']),
    holidayCountry: 'US',
    ...noChanges,
  },
  {
    id: 'customer_trust',
    name: 'Customer Trust',
    kind: 'handoff_team',
    ...noRules,
    timeZone: 'Europe/Berlin',
    // Seven to ten on weekdays and Saturday mornings, holidays included.
    workingHours: { ...weekdays(['07:00', '22:00']), sat: [['09:00', '17:00']] },
    holidayCountry: null,
    ...noChanges,
  },
];
