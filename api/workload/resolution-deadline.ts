/**
 * When an open case is due to be resolved, for the staffing plan's horizon. Pure: no Nest, ORM or clock.
 * The case's own resolution clock (from sla_clocks) is the truth; a case without one yet (e.g. still in
 * triage) is estimated from the SLA policy as created_at + the resolution budget on the team calendar
 * (the team's calendar as the teams table has it now; a team without a row gets an estimate only for
 * targets that do not count on the team calendar, such as critical cases around the clock).
 */
import { CASE_KINDS, type CaseKind } from '../../workflows/common/actor';
import { addBusinessTime, type BusinessCalendar } from '../../workflows/common/business-calendar';
import { projectedDeadlineAt, type SlaClock } from '../../workflows/common/sla-clock';
import { SEVERITIES, type Severity } from '../../workflows/common/severity';
import { caseSlaTargets, resolveCalendar, type SlaPolicy } from '../../workflows/common/sla-policy';

export interface OpenCaseClock {
  status: string;
  deadlineAt: number;
  calendarId: string;
  /** The clock as the workflow projected it (sla_clocks.clock). */
  snapshot: unknown;
}

export interface OpenCase {
  kind: string;
  severity: string;
  team: string | null;
  createdAt: number;
  /** The case's open resolution clock, if the workflow has started one. */
  clock: OpenCaseClock | null;
}

export type DeadlineSource = 'sla_clock' | 'policy_estimate';

export function resolutionDeadline(
  c: OpenCase,
  policy: SlaPolicy,
  teamCalendar: BusinessCalendar | null,
  now: number,
): { deadlineAt: number; source: DeadlineSource } | null {
  if (c.clock) {
    if (c.clock.status !== 'paused') return { deadlineAt: c.clock.deadlineAt, source: 'sla_clock' };
    // A paused clock's stored deadline is from before the pause; project it as if it resumed now.
    try {
      const calendar = teamCalendar && c.clock.calendarId === teamCalendar.id ? teamCalendar : resolveCalendar(policy, c.clock.calendarId);
      const projected = projectedDeadlineAt(c.clock.snapshot as SlaClock, calendar, now);
      return { deadlineAt: projected ?? c.clock.deadlineAt, source: 'sla_clock' };
    } catch {
      return { deadlineAt: c.clock.deadlineAt, source: 'sla_clock' };
    }
  }
  if (!(CASE_KINDS as readonly string[]).includes(c.kind) || !(SEVERITIES as readonly string[]).includes(c.severity)) return null;
  let resolution;
  try {
    ({ resolution } = caseSlaTargets(policy, c.kind as CaseKind, c.severity as Severity, teamCalendar ?? undefined));
  } catch {
    // The target counts on the team calendar and the team has none: no estimate.
    return null;
  }
  return { deadlineAt: addBusinessTime(resolution.calendar, c.createdAt, resolution.budgetMs), source: 'policy_estimate' };
}
