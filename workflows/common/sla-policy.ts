import { Duration } from 'luxon';
import { z } from 'zod';
import { CASE_KINDS, HANDOFF_TEAMS, type CaseKind, type HandoffTeam } from './actor';
import { SEVERITIES, type Severity } from './severity';
import { ALWAYS_ON, ALWAYS_ON_CALENDAR_ID, validateCalendar, type BusinessCalendar } from './business-calendar';
import { HOUR_MS } from './time-units';

/**
 * The SLA policy: budgets per case kind and severity, per handoff team, and for seller responses,
 * plus the business calendars they count on. Pure data and pure functions: bundled into workflow code.
 *
 * A workflow must not read the policy from configuration itself (that would differ on replay): the
 * starter passes the resolved policy (or the budgets and calendars it needs) in the workflow input.
 */


/**
 * In a target, `calendarId: 'team'` means the calendar of the team the clock belongs to: the owning
 * team for a case's clocks (and the seller's), the addressed team for a handoff. Team calendars are
 * configuration (the teams table, managed through /teams): the API builds them when it creates a
 * case and passes them in here, so this file names no team and holds no holiday list.
 */
export const TEAM_CALENDAR = 'team';

export interface CaseSlaTarget {
  /** Business time until the first response. */
  firstResponseMs: number;
  /** Business time until resolution. */
  resolutionMs: number;
  /** TEAM_CALENDAR, 'always-on', or a key of `calendars`. */
  calendarId: string;
  /** Fraction of each budget at which the warning is due, in (0, 1]. */
  warningFraction: number;
}

export interface HandoffSlaTarget {
  /** Business time the team has to answer. */
  answerMs: number;
  /** Fraction of the budget at which the team is reminded, in (0, 1]. */
  reminderFraction: number;
  calendarId: string;
}

export interface SellerResponseSlaTarget {
  /** Time the seller has to answer a request for information. */
  budgetMs: number;
  reminderFraction: number;
  calendarId: string;
}

export interface SlaPolicy {
  /**
   * Named calendars a target may count on instead of its team's; the key equals the calendar's id.
   * Empty by default; 'always-on' is built in and reserved, 'team' is reserved for team calendars.
   */
  calendars: Record<string, BusinessCalendar>;
  cases: Record<CaseKind, Record<Severity, CaseSlaTarget>>;
  handoffs: Record<HandoffTeam, HandoffSlaTarget>;
  sellerResponse: SellerResponseSlaTarget;
}

/** What `startClock` needs besides id and now: `startClock({ id, ...target, now })`. */
export interface ClockTarget {
  kind: string;
  budgetMs: number;
  warningFraction: number;
  calendar: BusinessCalendar;
}

const hours = (n: number): number => n * HOUR_MS;

function caseTable(
  rows: Record<Severity, [firstResponseHours: number, resolutionHours: number]>,
): Record<Severity, CaseSlaTarget> {
  const table = {} as Record<Severity, CaseSlaTarget>;
  for (const severity of SEVERITIES) {
    const [firstResponse, resolution] = rows[severity];
    table[severity] = {
      firstResponseMs: hours(firstResponse),
      resolutionMs: hours(resolution),
      // Critical cases run around the clock; the others count the owning team's working hours.
      calendarId: severity === 'critical' ? ALWAYS_ON_CALENDAR_ID : TEAM_CALENDAR,
      warningFraction: 0.75,
    };
  }
  return table;
}

export const DEFAULT_SLA_POLICY: SlaPolicy = deepFreeze({
  calendars: {},
  // [first response, resolution] in business hours (critical: wall-clock hours).
  cases: {
    escalation: caseTable({ low: [8, 40], medium: [4, 24], high: [2, 16], critical: [1, 24] }),
    strategic_review: caseTable({ low: [16, 80], medium: [8, 60], high: [4, 40], critical: [2, 48] }),
    // Appeals run at medium: the decision SLA is the resolution clock.
    appeal: caseTable({ low: [16, 80], medium: [8, 40], high: [4, 24], critical: [2, 24] }),
  },
  // Each handoff counts on the addressed team's own calendar.
  handoffs: {
    legal: { answerMs: hours(16), reminderFraction: 0.5, calendarId: TEAM_CALENDAR },
    policy: { answerMs: hours(8), reminderFraction: 0.75, calendarId: TEAM_CALENDAR },
    customer_trust: { answerMs: hours(4), reminderFraction: 0.75, calendarId: TEAM_CALENDAR },
  },
  // Five calendar days, reminder after three.
  sellerResponse: { budgetMs: hours(5 * 24), reminderFraction: 0.6, calendarId: ALWAYS_ON_CALENDAR_ID },
});

/**
 * The calendar a target names: 'always-on', TEAM_CALENDAR (the `teamCalendar` given), or one of the
 * policy's named calendars. Throws on an unknown id, or on TEAM_CALENDAR without a team calendar.
 */
export function resolveCalendar(policy: SlaPolicy, id: string, teamCalendar?: BusinessCalendar): BusinessCalendar {
  if (id === ALWAYS_ON_CALENDAR_ID) return ALWAYS_ON;
  if (id === TEAM_CALENDAR) {
    if (!teamCalendar) throw new Error('the SLA policy counts on the team calendar, and none was given');
    return teamCalendar;
  }
  const calendar = Object.prototype.hasOwnProperty.call(policy.calendars, id) ? policy.calendars[id] : undefined;
  if (!calendar) throw new Error(`SLA policy has no calendar '${id}'`);
  return calendar;
}

/**
 * First-response and resolution clock targets for a case whose owning team keeps `teamCalendar`
 * (needed only when the target counts on the team calendar; throws then if it is missing).
 */
export function caseSlaTargets(
  policy: SlaPolicy,
  kind: CaseKind,
  severity: Severity,
  teamCalendar?: BusinessCalendar,
): { firstResponse: ClockTarget; resolution: ClockTarget } {
  const target = policy.cases[kind]?.[severity];
  if (!target) throw new Error(`SLA policy has no target for ${kind}/${severity}`);
  const calendar = resolveCalendar(policy, target.calendarId, teamCalendar);
  return {
    firstResponse: { kind: 'first_response', budgetMs: target.firstResponseMs, warningFraction: target.warningFraction, calendar },
    resolution: { kind: 'resolution', budgetMs: target.resolutionMs, warningFraction: target.warningFraction, calendar },
  };
}

/** The answer clock of a handoff to `team`, which keeps `teamCalendar`. */
export function handoffSlaTarget(policy: SlaPolicy, team: HandoffTeam, teamCalendar: BusinessCalendar): ClockTarget {
  const target = policy.handoffs[team];
  if (!target) throw new Error(`SLA policy has no handoff target for team '${team}'`);
  return {
    kind: 'handoff',
    budgetMs: target.answerMs,
    warningFraction: target.reminderFraction,
    calendar: resolveCalendar(policy, target.calendarId, teamCalendar),
  };
}

/**
 * The seller's answer clock. It counts on 'always-on' or a named calendar, never the team's: the
 * seller's deadline is the same whichever team works the case.
 */
export function sellerResponseSlaTarget(policy: SlaPolicy): ClockTarget {
  const target = policy.sellerResponse;
  return {
    kind: 'seller_response',
    budgetMs: target.budgetMs,
    warningFraction: target.reminderFraction,
    calendar: resolveCalendar(policy, target.calendarId),
  };
}

// ---- Validation of overrides ----

/**
 * A duration as a positive whole number of milliseconds, or an ISO-8601 duration without years or
 * months ('PT4H', 'P5D'; a day counts as 24 hours, a week as 7 days).
 */
const durationMs = z.unknown().transform((value, ctx) => {
  const ms = typeof value === 'number' ? value : typeof value === 'string' ? isoDurationMs(value) : undefined;
  if (ms === undefined || !Number.isSafeInteger(ms) || ms <= 0) {
    ctx.addIssue({
      code: 'custom',
      message: `must be a positive whole number of milliseconds or an ISO-8601 duration like 'PT4H' or 'P5D', got ${JSON.stringify(value)}`,
    });
    return z.NEVER;
  }
  return ms;
});

const fraction = z.number().gt(0).lte(1);
const calendarRef = z.string().min(1);

const calendarSchema = z
  .strictObject({
    id: z.string().min(1),
    timeZone: z.string().min(1),
    workingHours: z.partialRecord(z.enum(['1', '2', '3', '4', '5', '6', '7']), z.array(z.tuple([z.string(), z.string()]))),
    holidays: z.array(z.string()),
    alwaysOn: z.boolean().optional(),
  })
  .superRefine((cal, ctx) => {
    for (const problem of validateCalendar(cal as BusinessCalendar)) {
      const split = problem.indexOf(': ');
      ctx.addIssue({
        code: 'custom',
        message: split > 0 ? problem.slice(split + 2) : problem,
        path: split > 0 ? [problem.slice(0, split)] : [],
      });
    }
  });

const caseTargetSchema = z.strictObject({
  firstResponseMs: durationMs,
  resolutionMs: durationMs,
  calendarId: calendarRef,
  warningFraction: fraction,
});

const policySchema = z
  .strictObject({
    calendars: z.record(z.string().min(1), calendarSchema),
    cases: z.record(z.enum(CASE_KINDS), z.record(z.enum(SEVERITIES), caseTargetSchema)),
    handoffs: z.record(
      z.enum(HANDOFF_TEAMS),
      z.strictObject({ answerMs: durationMs, reminderFraction: fraction, calendarId: calendarRef }),
    ),
    sellerResponse: z.strictObject({ budgetMs: durationMs, reminderFraction: fraction, calendarId: calendarRef }),
  })
  .superRefine((policy, ctx) => {
    const known = (id: string) =>
      id === ALWAYS_ON_CALENDAR_ID || id === TEAM_CALENDAR || Object.prototype.hasOwnProperty.call(policy.calendars, id);
    const requireCalendar = (id: string, path: PropertyKey[]) => {
      if (!known(id)) ctx.addIssue({ code: 'custom', message: `unknown calendar '${id}'`, path });
    };
    for (const [key, cal] of Object.entries(policy.calendars)) {
      if (key === ALWAYS_ON_CALENDAR_ID || key === TEAM_CALENDAR) {
        ctx.addIssue({ code: 'custom', message: `'${key}' is built in and cannot be redefined`, path: ['calendars', key] });
      } else if (cal.id !== key) {
        ctx.addIssue({ code: 'custom', message: `must equal its key '${key}', got '${cal.id}'`, path: ['calendars', key, 'id'] });
      }
    }
    for (const [kind, table] of Object.entries(policy.cases)) {
      for (const [severity, target] of Object.entries(table)) {
        const path = ['cases', kind, severity];
        requireCalendar(target.calendarId, [...path, 'calendarId']);
        if (target.firstResponseMs > target.resolutionMs) {
          ctx.addIssue({ code: 'custom', message: 'must not exceed resolutionMs', path: [...path, 'firstResponseMs'] });
        }
      }
    }
    for (const [team, target] of Object.entries(policy.handoffs)) requireCalendar(target.calendarId, ['handoffs', team, 'calendarId']);
    if (policy.sellerResponse.calendarId === TEAM_CALENDAR) {
      ctx.addIssue({ code: 'custom', message: `the seller's deadline does not depend on the team: use '${ALWAYS_ON_CALENDAR_ID}' or a named calendar`, path: ['sellerResponse', 'calendarId'] });
    } else {
      requireCalendar(policy.sellerResponse.calendarId, ['sellerResponse', 'calendarId']);
    }
  });

/** Keys older policies had; naming them gets a pointer to where team calendars live now. */
const MOVED_TO_TEAMS_TABLE = ['teamCalendars', 'defaultTeamCalendarId'];

export type SlaPolicyParseResult = { ok: true; policy: SlaPolicy } | { ok: false; errors: string[] };

/**
 * Validates an override and merges it over `base` (the default policy unless given). Objects merge
 * key by key; arrays and scalars replace, so `{"cases":{"escalation":{"high":{"resolutionMs":"PT12H"}}}}`
 * changes one budget, and a named calendar's `holidays` list is replaced as a whole. A full policy is also a
 * valid override. Errors name the bad path, e.g. `cases.escalation.high.resolutionMs: must be ...`.
 */
export function parseSlaPolicy(json: unknown, base: SlaPolicy = DEFAULT_SLA_POLICY): SlaPolicyParseResult {
  if (!isPlainObject(json)) return { ok: false, errors: ['(root): the SLA policy override must be a JSON object'] };
  const moved = MOVED_TO_TEAMS_TABLE.filter((key) => Object.prototype.hasOwnProperty.call(json, key));
  if (moved.length > 0) {
    return { ok: false, errors: moved.map((key) => `${key}: team calendars are configured in the teams table (PATCH /teams/:id), not in the SLA policy`) };
  }
  const parsed = policySchema.safeParse(mergeDeep(base, json));
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`),
    };
  }
  return { ok: true, policy: parsed.data as SlaPolicy };
}

/** parseSlaPolicy for the raw text of a setting such as SLA_POLICY_JSON; unset or blank: `base`. */
export function parseSlaPolicyJson(text: string | undefined, base: SlaPolicy = DEFAULT_SLA_POLICY): SlaPolicyParseResult {
  if (text === undefined || text.trim() === '') return { ok: true, policy: base };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, errors: [`(root): not valid JSON: ${(err as Error).message}`] };
  }
  return parseSlaPolicy(json, base);
}

function isoDurationMs(text: string): number | undefined {
  const duration = Duration.fromISO(text);
  if (!duration.isValid || duration.years || duration.months || duration.quarters) return undefined;
  return duration.as('milliseconds');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeDeep(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    // defineProperty, not assignment: a '__proto__' key must stay a key (and fail validation).
    Object.defineProperty(merged, key, {
      value: Object.prototype.hasOwnProperty.call(base, key) ? mergeDeep(base[key], value) : value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return merged;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
