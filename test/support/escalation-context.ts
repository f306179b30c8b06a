import { ALWAYS_ON } from '../../workflows/common/business-calendar';
import type { ClockTarget } from '../../workflows/common/sla-policy';
import type { EscalationContext } from '../../workflows/escalation/escalation.contract';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Clock targets on the always-on calendar, so machine tests can do their arithmetic by plain addition. */
export const alwaysOnTarget = (kind: string, hours: number, warningFraction = 0.75): ClockTarget => ({
  kind,
  budgetMs: hours * HOUR,
  warningFraction,
  calendar: ALWAYS_ON,
});

const teamClocks = (firstResponseHours: number, resolutionHours: number) => ({
  firstResponse: alwaysOnTarget('first_response', firstResponseHours),
  resolution: alwaysOnTarget('resolution', resolutionHours),
});

/** What a high-severity escalation runs with, on the always-on calendar, with every feature of today's runs. */
export function machineContext(overrides: Partial<EscalationContext> = {}): EscalationContext {
  return {
    ...teamClocks(2, 16),
    targetsBySeverity: { low: teamClocks(8, 40), medium: teamClocks(4, 24), high: teamClocks(2, 16), critical: teamClocks(1, 4) },
    handoffs: { legal: alwaysOnTarget('handoff', 16, 0.5), policy: alwaysOnTarget('handoff', 8), customer_trust: alwaysOnTarget('handoff', 4) },
    sellerResponse: alwaysOnTarget('seller_response', 120, 0.6),
    reopenWindowMs: 7 * DAY,
    claimLeaseMs: 2 * HOUR,
    features: { leaseRenewal: true, qaHold: true },
    ...overrides,
  };
}
