import { defineSearchAttributeKey, type SearchAttributeUpdatePair } from '@temporalio/common';
import type { SlaClock } from './sla-clock';

/**
 * Custom search attributes every case workflow keeps up to date, so operators can filter cases in
 * the Temporal Web UI and with `temporal workflow list --query`. `npm start` and the tests register
 * them on the dev server; docker-compose registers them in its namespace job.
 */
export const SA_CASE_KIND = defineSearchAttributeKey('RiskdeskCaseKind', 'KEYWORD');
export const SA_STATE = defineSearchAttributeKey('RiskdeskState', 'KEYWORD');
export const SA_SEVERITY = defineSearchAttributeKey('RiskdeskSeverity', 'KEYWORD');
export const SA_SELLER_ID = defineSearchAttributeKey('RiskdeskSellerId', 'KEYWORD');
export const SA_ASSIGNEE = defineSearchAttributeKey('RiskdeskAssignee', 'KEYWORD');
export const SA_BREACHED = defineSearchAttributeKey('RiskdeskBreached', 'BOOL');
/** The owning team (empty while a case has none). */
export const SA_TEAM = defineSearchAttributeKey('RiskdeskTeam', 'KEYWORD');
/** When the current resolution clock breaches (unset once it is met or cancelled). */
export const SA_RESOLUTION_DEADLINE = defineSearchAttributeKey('RiskdeskResolutionDeadline', 'DATETIME');

export const RISKDESK_SEARCH_ATTRIBUTES = [SA_CASE_KIND, SA_STATE, SA_SEVERITY, SA_SELLER_ID, SA_ASSIGNEE, SA_BREACHED, SA_TEAM, SA_RESOLUTION_DEADLINE];

/** Attributes added after histories were recorded: the runtime upserts them only behind this patch. */
export const TEAM_AND_DEADLINE_PATCH = 'riskdesk-search-attributes-team-deadline';
export const LATER_SEARCH_ATTRIBUTES: readonly string[] = [SA_TEAM.name, SA_RESOLUTION_DEADLINE.name];

/** The case's owning team and its current resolution deadline, as search attributes (pure). */
export function teamAndDeadline(team: string | null, clocks: readonly SlaClock[]): SearchAttributeUpdatePair[] {
  const resolution = [...clocks].reverse().find((c) => c.kind === 'resolution');
  const live = resolution && (resolution.status === 'running' || resolution.status === 'paused' || resolution.status === 'breached');
  return [
    { key: SA_TEAM, value: team ?? '' },
    { key: SA_RESOLUTION_DEADLINE, value: live ? new Date(resolution.deadlineAt) : null },
  ];
}

/** The type name the Temporal CLI takes for `--search-attribute NAME=TYPE` and `search-attribute create --type`. */
export function cliTypeName(type: string): string {
  return type === 'BOOL' ? 'Bool' : type === 'DATETIME' ? 'Datetime' : 'Keyword';
}
