import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../common/actor';

/**
 * The escalation workflow's contract: its type name, id scheme, input and messages. Imported by the
 * workflow (to set handlers) and by the API (to send them): each message is declared once, here.
 * Wire names are in every recorded history: never rename one (test/unit/contracts.test.ts checks).
 */

export const ESCALATION_WORKFLOW_TYPE = 'escalationWorkflow';

/** One case, one workflow: the id is derived from the case id, so a case can never start twice. */
export function escalationWorkflowId(caseId: string): string {
  return `escalation-${caseId}`;
}

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const ESCALATION_CATEGORIES = [
  'counterfeit',
  'fraud',
  'prohibited_item',
  'ip_complaint',
  'account_takeover',
  'performance',
  'policy_violation',
  'other',
] as const;
export type EscalationCategory = (typeof ESCALATION_CATEGORIES)[number];

export interface EscalationInput {
  caseId: string;
  sellerId: string;
  marketplace: string;
  severity: Severity;
  category: EscalationCategory;
  summary: string;
  createdBy: Actor;
  /** Epoch ms the API accepted the case; the workflow clock may start a little later. */
  requestedAt: number;
}

export interface EscalationView {
  caseId: string;
  workflowId: string;
  state: string;
  sellerId: string;
  marketplace: string;
  severity: Severity;
  category: string;
  summary: string;
  team: string | null;
  assigneeId: string | null;
  breached: boolean;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
}

/** Read the case as the workflow sees it right now. */
export const getEscalationQuery = defineQuery<EscalationView>('getEscalation');

/**
 * Resolves once the case is written to the read model, so that a GET right after the POST finds it.
 * Returns the view at that point.
 */
export const awaitRecordedUpdate = defineUpdate<EscalationView>('awaitRecorded');
