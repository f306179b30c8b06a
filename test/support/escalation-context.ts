import { ALWAYS_ON } from '../../workflows/common/business-calendar';
import type { ClockTarget } from '../../workflows/common/sla-policy';
import type { EscalationSettings } from '../../workflows/escalation/escalation.contract';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Clock targets on the always-on calendar, so machine tests can do their arithmetic by plain addition. */
export const alwaysOnTarget = (kind: string, hours: number, warningFraction = 0.75): ClockTarget => ({
  kind,
  budgetMs: hours * HOUR,
  warningFraction,
  calendar: ALWAYS_ON,
});

/** The settings a high-severity escalation would carry, on the always-on calendar. */
export function machineContext(overrides: Partial<EscalationSettings> = {}): EscalationSettings {
  return {
    firstResponse: alwaysOnTarget('first_response', 2),
    resolution: alwaysOnTarget('resolution', 16),
    handoffs: { legal: alwaysOnTarget('handoff', 16, 0.5), policy: alwaysOnTarget('handoff', 8), customer_trust: alwaysOnTarget('handoff', 4) },
    sellerResponse: alwaysOnTarget('seller_response', 120, 0.6),
    reopenWindowMs: 7 * DAY,
    claimLeaseMs: 2 * HOUR,
    ...overrides,
  };
}
