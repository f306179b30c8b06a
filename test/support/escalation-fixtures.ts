import { randomUUID } from 'node:crypto';
import type { Actor } from '../../workflows/common/actor';
import { DEFAULT_SLA_POLICY, caseSlaTargets, handoffSlaTarget, sellerResponseSlaTarget } from '../../workflows/common/sla-policy';
import { owningTeam } from '../../workflows/common/teams';
import type { EscalationInput, EscalationSettings, Severity } from '../../workflows/escalation/escalation.contract';

export const actors = {
  ana: { userId: 'ana', role: 'specialist', team: 'seller-risk-eu' },
  chloe: { userId: 'chloe', role: 'senior_specialist', team: 'seller-risk-eu' },
  max: { userId: 'max', role: 'manager', team: 'seller-risk-eu' },
  ben: { userId: 'ben', role: 'specialist', team: 'seller-risk-us' },
  lea: { userId: 'lea', role: 'legal', team: 'legal' },
  paul: { userId: 'paul', role: 'policy', team: 'policy' },
  olga: { userId: 'olga', role: 'operator', team: 'operations' },
} satisfies Record<string, Actor>;

export function settingsFor(severity: Severity, team: string, overrides: Partial<EscalationSettings> = {}): EscalationSettings {
  const policy = DEFAULT_SLA_POLICY;
  return {
    ...caseSlaTargets(policy, 'escalation', severity, team),
    handoffs: {
      legal: handoffSlaTarget(policy, 'legal'),
      policy: handoffSlaTarget(policy, 'policy'),
      customer_trust: handoffSlaTarget(policy, 'customer_trust'),
    },
    sellerResponse: sellerResponseSlaTarget(policy),
    reopenWindowMs: 14 * 24 * 3_600_000,
    claimLeaseMs: 2 * 3_600_000,
    ...overrides,
  };
}

/** A workflow input as the API would build it, for tests that start workflows directly. */
export function escalationInput(
  overrides: Partial<Omit<EscalationInput, 'settings'>> & { settings?: Partial<EscalationSettings> } = {},
): EscalationInput {
  const severity = overrides.severity ?? 'critical';
  const marketplace = overrides.marketplace ?? 'DE';
  const team = overrides.team ?? owningTeam(marketplace);
  return {
    caseId: randomUUID(),
    sellerId: `seller-${randomUUID().slice(0, 8)}`,
    category: 'counterfeit',
    summary: 'Buyers report counterfeit goods',
    createdBy: actors.ana,
    requestedAt: Date.now(),
    ...overrides,
    severity,
    marketplace,
    team,
    settings: settingsFor(severity, team, overrides.settings),
  };
}
