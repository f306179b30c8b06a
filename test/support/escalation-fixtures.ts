import type { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../workflows/common/actor';
import { buildEscalationSettings } from '../../api/escalations/escalation-settings';
import { caseCalendars } from '../../api/teams/team-calendar';
import { routeCase } from '../../api/teams/team-rules';
import { loadConfig } from '../../config/env';
import { SEED_TEAMS } from '../../db/seed/teams';
import type { Severity } from '../../workflows/common/severity';
import { CURRENT_TAXONOMY_VERSION } from '../../workflows/escalation/escalation.taxonomy';
import {
  acknowledgeUpdate,
  awaitRecordedUpdate,
  escalationWorkflowId,
  type EscalationInput,
  type EscalationSettings,
} from '../../workflows/escalation/escalation.contract';
import type { escalationWorkflow } from '../../workflows/escalation/escalation.workflow';

export const actors = {
  ana: { userId: 'ana', role: 'specialist', team: 'seller-risk-eu' },
  chloe: { userId: 'chloe', role: 'senior_specialist', team: 'seller-risk-eu' },
  max: { userId: 'max', role: 'manager', team: 'seller-risk-eu' },
  ben: { userId: 'ben', role: 'specialist', team: 'seller-risk-us' },
  lea: { userId: 'lea', role: 'legal', team: 'legal' },
  paul: { userId: 'paul', role: 'policy', team: 'policy' },
  olga: { userId: 'olga', role: 'operator', team: 'operations' },
} satisfies Record<string, Actor>;

/** The owning team the seeded routing rules give a case (see db/seed/teams.ts). */
export function seededTeamFor(marketplace: string, category = 'counterfeit'): string {
  return routeCase(SEED_TEAMS, marketplace, category)!.team;
}

/**
 * The settings the API would give a new case under the default configuration and the seeded teams
 * (see escalation-settings.ts). A team the seed does not have (tests make teams of their own) counts
 * on the fallback team's calendar.
 */
export function settingsFor(severity: Severity, team: string, overrides: Partial<EscalationSettings> = {}): EscalationSettings {
  const known = SEED_TEAMS.some((t) => t.id === team) ? team : SEED_TEAMS.find((t) => t.fallback)!.id;
  return { ...buildEscalationSettings(loadConfig({}), severity, caseCalendars(SEED_TEAMS, known, Date.now())), ...overrides };
}

/** A workflow input as the API would build it, for tests that start workflows directly. */
export function escalationInput(
  overrides: Partial<Omit<EscalationInput, 'settings'>> & { settings?: Partial<EscalationSettings> } = {},
): EscalationInput {
  const severity = overrides.severity ?? 'critical';
  const marketplace = overrides.marketplace ?? 'DE';
  const team = overrides.team ?? seededTeamFor(marketplace, overrides.category);
  return {
    caseId: randomUUID(),
    sellerId: `seller-${randomUUID().slice(0, 8)}`,
    category: 'counterfeit',
    taxonomyVersion: CURRENT_TAXONOMY_VERSION,
    source: 'seller_support',
    trigger: 'buyer_complaint',
    enforcementType: 'listing_removal',
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

/**
 * Starts an escalation on `taskQueue`, waits until its creation is recorded, and has the specialist
 * routing chose (ana or chloe, the seeded team's two) acknowledge it: a case in progress, held by
 * `holder`, for tests of what happens next.
 */
export async function startAcknowledgedCase(client: Client, taskQueue: string, input = escalationInput({ severity: 'high' })) {
  const handle = await client.workflow.start<typeof escalationWorkflow>('escalationWorkflow', {
    taskQueue,
    workflowId: escalationWorkflowId(input.caseId),
    args: [input],
  });
  const created = await handle.executeUpdate(awaitRecordedUpdate);
  const holder = created.assigneeId === 'ana' ? actors.ana : actors.chloe;
  await handle.executeUpdate(acknowledgeUpdate, { args: [{ actor: holder }] });
  return { handle, holder, caseId: input.caseId, input };
}
