/**
 * The dashboard's period and filters: the range presets, the choice as the URL keeps it, and the
 * query the metrics API gets. Pure (the clock and the browser's zone are passed in), so unit tests run
 * it in Node. Every date here is a calendar date (YYYY-MM-DD) in the chosen IANA zone: the API reads a
 * date as local midnight in `timeZone`, so the browser never turns a date into an instant itself.
 */

export const BUCKETS = ['day', 'week', 'month'] as const;
export type Bucket = (typeof BUCKETS)[number];

export const PRESETS = [
  { id: 'last-7-days', label: 'Last 7 days', bucket: 'day' },
  { id: 'last-30-days', label: 'Last 30 days', bucket: 'day' },
  { id: 'last-12-weeks', label: 'Last 12 weeks', bucket: 'week' },
  { id: 'last-6-months', label: 'Last 6 months', bucket: 'month' },
  { id: 'this-quarter', label: 'This quarter', bucket: 'week' },
  { id: 'last-quarter', label: 'Last quarter', bucket: 'week' },
  { id: 'this-year', label: 'This year', bucket: 'month' },
] as const satisfies ReadonlyArray<{ id: string; label: string; bucket: Bucket }>;
export type PresetId = (typeof PRESETS)[number]['id'];
export type RangeId = PresetId | 'custom';

export const DEFAULT_RANGE: PresetId = 'last-12-weeks';
/** A custom range's bucket when the link names none. */
const CUSTOM_BUCKET: Bucket = 'week';

/** What the dashboard shows, as its URL keeps it. */
export interface DashboardChoice {
  range: RangeId;
  /** A custom range's first and last day, both included; null for a preset. */
  from: string | null;
  through: string | null;
  bucket: Bucket;
  timeZone: string;
  /** One case kind, or null for every kind. */
  kind: string | null;
  /** Operators' choice of team; null for everyone else (they see their own). */
  team: string | null;
}

/** A range as dates: `from` and `through` included, `to` (the day after `through`) excluded, as the API takes it. */
export interface DateRange {
  from: string;
  through: string;
  to: string;
}

// ---- calendar dates ------------------------------------------------------------------------------

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function parts(date: string): [number, number, number] {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return fromUtc(Date.UTC(y, m - 1, d + days));
}

/** The first day of the month `months` months after the month of `date`. */
export function addMonths(date: string, months: number): string {
  const [y, m] = parts(date);
  return fromUtc(Date.UTC(y, m - 1 + months, 1));
}

/** The Monday of the ISO week holding `date`. */
export function mondayOf(date: string): string {
  const [y, m, d] = parts(date);
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

function quarterStart(date: string): string {
  const [y, m] = parts(date);
  return fromUtc(Date.UTC(y, Math.floor((m - 1) / 3) * 3, 1));
}

/** The first day of the bucket after the one starting on `key`. */
export function nextBucket(key: string, bucket: Bucket): string {
  return bucket === 'day' ? addDays(key, 1) : bucket === 'week' ? addDays(key, 7) : addMonths(key, 1);
}

/** Today's date in an IANA zone at the instant `now`. */
export function todayIn(timeZone: string, now: number): string {
  const p = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(now));
  const get = (type: string) => p.find((x) => x.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** An IANA zone name the browser knows (the API checks it again, and PostgreSQL after it). */
export function isTimeZone(name: string): boolean {
  if (!name || name.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

// ---- ranges --------------------------------------------------------------------------------------

/** A preset's dates on `today` (in the chosen zone). A range that reaches today includes today so far. */
export function presetRange(id: PresetId, today: string): DateRange {
  const untilToday = (from: string): DateRange => ({ from, through: today, to: addDays(today, 1) });
  switch (id) {
    case 'last-7-days':
      return untilToday(addDays(today, -6));
    case 'last-30-days':
      return untilToday(addDays(today, -29));
    case 'last-12-weeks':
      return untilToday(addDays(mondayOf(today), -7 * 11));
    case 'last-6-months':
      return untilToday(addMonths(today, -5));
    case 'this-quarter':
      return untilToday(quarterStart(today));
    case 'last-quarter': {
      const to = quarterStart(today);
      return { from: addMonths(to, -3), through: addDays(to, -1), to };
    }
    case 'this-year':
      return untilToday(`${today.slice(0, 4)}-01-01`);
  }
}

export function rangeOf(choice: DashboardChoice, today: string): DateRange {
  if (choice.range === 'custom' && choice.from && choice.through) return { from: choice.from, through: choice.through, to: addDays(choice.through, 1) };
  return presetRange(choice.range === 'custom' ? DEFAULT_RANGE : choice.range, today);
}

export function presetOf(id: string): (typeof PRESETS)[number] | undefined {
  return PRESETS.find((p) => p.id === id);
}

// ---- the URL -------------------------------------------------------------------------------------

export interface ReadContext {
  /** The browser's IANA zone: the default. */
  browserZone: string;
  /** The case kinds the API knows. */
  kinds: readonly string[];
}

/**
 * The choice a dashboard URL's query holds, with a sentence for each value it had to set aside (a
 * link edited by hand, or made by a newer console). Missing values take their defaults: the last 12
 * weeks, the range's usual bucket, the browser's time zone, every kind.
 */
export function readChoice(query: Record<string, string | undefined>, ctx: ReadContext): { choice: DashboardChoice; problems: string[] } {
  const problems: string[] = [];
  let range: RangeId = DEFAULT_RANGE;
  let from: string | null = null;
  let through: string | null = null;
  if (query.range === 'custom') {
    if (query.from && query.through && isDate(query.from) && isDate(query.through) && query.from <= query.through) {
      range = 'custom';
      from = query.from;
      through = query.through;
    } else {
      problems.push(`The link's dates (from ${query.from ?? 'missing'} through ${query.through ?? 'missing'}) are not a range of days; showing the last 12 weeks.`);
    }
  } else if (query.range !== undefined) {
    if (presetOf(query.range)) range = query.range as PresetId;
    else problems.push(`The link's range '${query.range}' is not one the dashboard offers; showing the last 12 weeks.`);
  }

  const usual = range === 'custom' ? CUSTOM_BUCKET : presetOf(range)!.bucket;
  let bucket: Bucket = usual;
  if (query.bucket !== undefined) {
    if ((BUCKETS as readonly string[]).includes(query.bucket)) bucket = query.bucket as Bucket;
    else problems.push(`The link's bucket '${query.bucket}' is not day, week or month; showing ${usual}s.`);
  }

  let timeZone = ctx.browserZone;
  if (query.timeZone !== undefined) {
    if (isTimeZone(query.timeZone)) timeZone = query.timeZone;
    else problems.push(`The link's time zone '${query.timeZone}' is not an IANA time zone; showing ${ctx.browserZone}.`);
  }

  let kind: string | null = null;
  if (query.kind !== undefined && query.kind !== '') {
    if (ctx.kinds.includes(query.kind)) kind = query.kind;
    else problems.push(`The link's case kind '${query.kind}' is not one Riskdesk runs; showing every kind.`);
  }

  const team = query.team && query.team.length <= 64 ? query.team : null;
  return { choice: { range, from, through, bucket, timeZone, kind, team }, problems };
}

/** The URL query for a choice, every value spelt out so a shared link shows the same period in any zone. */
export function writeChoice(choice: DashboardChoice): string {
  const q = new URLSearchParams();
  q.set('range', choice.range);
  if (choice.range === 'custom' && choice.from && choice.through) {
    q.set('from', choice.from);
    q.set('through', choice.through);
  }
  q.set('bucket', choice.bucket);
  q.set('timeZone', choice.timeZone);
  if (choice.kind) q.set('kind', choice.kind);
  if (choice.team) q.set('team', choice.team);
  return q.toString();
}

/** The metrics API's query for the period routes (`to` excluded), and for the backlog (no period). */
export function metricsQueries(choice: DashboardChoice, team: string, today: string): { period: string; now: string } {
  const r = rangeOf(choice, today);
  const filters: Record<string, string> = { team };
  if (choice.kind) filters.kind = choice.kind;
  return {
    period: new URLSearchParams({ ...filters, from: r.from, to: r.to, bucket: choice.bucket, timeZone: choice.timeZone }).toString(),
    now: new URLSearchParams(filters).toString(),
  };
}
