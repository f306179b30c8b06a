import { HANDOFF_TEAMS, type HandoffTeam } from '../../workflows/common/actor';
import type { Severity } from '../../workflows/common/severity';
import { caseSlaTargets, handoffSlaTarget, type ClockTarget, type SlaPolicy } from '../../workflows/common/sla-policy';
import type { ReviewSettings } from '../../workflows/strategic-review/review.contract';
import { QA_HOLD, type CaseCalendars } from '../escalations/escalation-settings';
import { DEFAULT_SAMPLING_POLICY } from '../../workflows/common/quality/sampling-policy';
import { HOUR_MS } from '../../workflows/common/time-units';


/**
 * Everything a review needs to run its clocks, resolved when it is created and carried in its input:
 * the SLA policy's strategic_review row for the playbook's severity, the handoff teams' targets, and
 * leadership's time for policy gaps, all on the calendars the teams table gives.
 */
export function buildReviewSettings(
  config: { SLA_POLICY_JSON: SlaPolicy; POLICY_GAP_SLA_HOURS: number; QA_SAMPLING?: 'on' | 'off' },
  severity: Severity,
  calendars: CaseCalendars,
): ReviewSettings {
  const policy = config.SLA_POLICY_JSON;
  const { firstResponse, resolution } = caseSlaTargets(policy, 'strategic_review', severity, calendars.team);
  const handoffs = Object.fromEntries(HANDOFF_TEAMS.map((t) => [t, handoffSlaTarget(policy, t, calendars.handoffs[t])])) as Record<HandoffTeam, ClockTarget>;
  return {
    firstResponse,
    resolution,
    handoffs,
    policyGap: { kind: 'policy_gap', budgetMs: Math.round(config.POLICY_GAP_SLA_HOURS * HOUR_MS), warningFraction: 0.5, calendar: calendars.team },
    ...(config.QA_SAMPLING === 'on' ? { qa: { policy: DEFAULT_SAMPLING_POLICY, hold: QA_HOLD } } : {}),
  };
}
