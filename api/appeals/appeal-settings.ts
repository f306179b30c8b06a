import { caseSlaTargets, type SlaPolicy } from '../../workflows/common/sla-policy';
import { days, type AppealSettings } from '../../workflows/appeal/appeal.contract';
import { DEFAULT_SAMPLING_POLICY } from '../../workflows/common/quality/sampling-policy';
import { QA_HOLD, type CaseCalendars } from '../escalations/escalation-settings';
import { HOUR_MS } from '../../workflows/common/time-units';


/**
 * Everything an appeal needs to run its clocks, resolved when it is created and carried in its input:
 * the SLA policy's appeal row (medium), the seller's deadline and reminder, the limit of information
 * requests, the reinstatement's approval policy and the restumble window.
 */
export function buildAppealSettings(
  config: { SLA_POLICY_JSON: SlaPolicy; APPEAL_INFO_DEADLINE_DAYS: number; APPEAL_INFO_REMINDER_DAYS: number; APPEAL_MAX_INFO_REQUESTS: number; APPEAL_MONITORING_DAYS: number; QA_SAMPLING?: 'on' | 'off' },
  calendars: CaseCalendars,
): AppealSettings {
  const { firstResponse, resolution } = caseSlaTargets(config.SLA_POLICY_JSON, 'appeal', 'medium', calendars.team);
  return {
    firstResponse,
    resolution,
    infoDeadlineMs: days(config.APPEAL_INFO_DEADLINE_DAYS),
    infoReminderBeforeMs: days(Math.min(config.APPEAL_INFO_REMINDER_DAYS, config.APPEAL_INFO_DEADLINE_DAYS)),
    maxInfoRequests: config.APPEAL_MAX_INFO_REQUESTS,
    // A reversal is checked by someone senior: one approval, reminded after 4 business hours, escalated after 8.
    approval: { requiredApprovals: 1, minimumRole: 'senior_specialist', remindAfterMs: 4 * HOUR_MS, escalateAfterMs: 8 * HOUR_MS },
    monitoringWindowMs: days(config.APPEAL_MONITORING_DAYS),
    ...(config.QA_SAMPLING === 'on' ? { qa: { policy: DEFAULT_SAMPLING_POLICY, hold: QA_HOLD } } : {}),
  };
}
