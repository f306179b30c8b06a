import { randomUUID } from 'node:crypto';
import type { Actor } from '../../workflows/common/actor';
import { buildEscalationSettings } from '../../api/escalations/escalation-settings';
import { loadConfig } from '../../config/env';
import { owningTeam } from '../../workflows/common/teams';
import type { Severity } from '../../workflows/common/severity';
import type { EscalationInput, EscalationSettings } from '../../workflows/escalation/escalation.contract';

export const actors = {
  ana: { userId: 'ana', role: 'specialist', team: 'seller-risk-eu' },
  chloe: { userId: 'chloe', role: 'senior_specialist', team: 'seller-risk-eu' },
  max: { userId: 'max', role: 'manager', team: 'seller-risk-eu' },
  ben: { userId: 'ben', role: 'specialist', team: 'seller-risk-us' },
  lea: { userId: 'lea', role: 'legal', team: 'legal' },
  paul: { userId: 'paul', role: 'policy', team: 'policy' },
  olga: { userId: 'olga', role: 'operator', team: 'operations' },
} satisfies Record<string, Actor>;

/** The settings the API would give a new case under the default configuration (see escalation-settings.ts). */
export function settingsFor(severity: Severity, team: string, overrides: Partial<EscalationSettings> = {}): EscalationSettings {
  return { ...buildEscalationSettings(loadConfig({}), severity, team), ...overrides };
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
