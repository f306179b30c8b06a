import type { AppConfig } from '../../config/env';
import { HANDOFF_TEAMS, type HandoffTeam } from '../../workflows/common/actor';
import { addBusinessTime, type BusinessCalendar } from '../../workflows/common/business-calendar';
import { DEFAULT_SAMPLING_POLICY } from '../../workflows/common/quality/sampling-policy';
import { SEVERITIES, type Severity } from '../../workflows/common/severity';
import {
  caseSlaTargets,
  handoffSlaTarget,
  sellerResponseSlaTarget,
  type ClockTarget,
  type SlaPolicy,
} from '../../workflows/common/sla-policy';
import type { EscalationSettings } from '../../workflows/escalation/escalation.contract';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../workflows/common/time-units';


/** The settings that shape a new case's deadlines, as start-up configuration provides them. */
export type SettingsConfig = Pick<AppConfig, 'SLA_POLICY_JSON' | 'CLAIM_LEASE_MINUTES' | 'REOPEN_WINDOW_DAYS'> & Partial<Pick<AppConfig, 'QA_SAMPLING'>>;

/** The QA review's hold on a sampled resolution: reminder after 4 business hours, escalation after 8. */
export const QA_HOLD = { remindAfterMs: 4 * HOUR_MS, escalateAfterMs: 8 * HOUR_MS };

/** The calendars a new case counts on: its owning team's and each handoff team's (see api/teams). */
export interface CaseCalendars {
  team: BusinessCalendar;
  handoffs: Record<HandoffTeam, BusinessCalendar>;
}

/**
 * Everything an escalation needs to run its clocks, resolved now and carried in the workflow input:
 * a later change of policy, team configuration or holidays must not move the deadlines of a running
 * case on replay.
 */
export function buildEscalationSettings(config: SettingsConfig, severity: Severity, calendars: CaseCalendars): EscalationSettings {
  const policy: SlaPolicy = config.SLA_POLICY_JSON;
  const { firstResponse, resolution } = caseSlaTargets(policy, 'escalation', severity, calendars.team);
  const targetsBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, caseSlaTargets(policy, 'escalation', s, calendars.team)])) as Record<
    Severity,
    { firstResponse: ClockTarget; resolution: ClockTarget }
  >;
  const handoffs = Object.fromEntries(HANDOFF_TEAMS.map((t) => [t, handoffSlaTarget(policy, t, calendars.handoffs[t])])) as Record<
    HandoffTeam,
    ClockTarget
  >;
  return {
    firstResponse,
    resolution,
    targetsBySeverity,
    handoffs,
    sellerResponse: sellerResponseSlaTarget(policy),
    reopenWindowMs: Math.round(config.REOPEN_WINDOW_DAYS * DAY_MS),
    claimLeaseMs: Math.round(config.CLAIM_LEASE_MINUTES * MINUTE_MS),
    ...(config.QA_SAMPLING === 'on' ? { qa: { policy: DEFAULT_SAMPLING_POLICY, hold: QA_HOLD } } : {}),
  };
}

/** The seller's deadline when a request for information names none: the seller-response target from `now`. */
export function defaultSellerDeadline(target: ClockTarget, now: number): number {
  return addBusinessTime(target.calendar, now, target.budgetMs);
}
