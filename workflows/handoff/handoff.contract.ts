import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor, CaseKind } from '../common/actor';
import type { ClockTarget } from '../common/sla-policy';
import type { SlaClock } from '../common/sla-clock';

/**
 * A handoff: a question from a case to another team (Legal, Policy, Customer Trust; Account
 * Management for strategic reviews), with that team's own SLA, a reminder, and escalation to the
 * team's lead when unanswered. Runs as a child workflow of any case kind; it signals the answer back
 * to the case (by workflow id, so it survives the case's continue-as-new).
 */

export const HANDOFF_WORKFLOW_TYPE = 'handoffWorkflow';

/** Handoff ids look like `<caseId>/handoff/<n>`; the workflow id is derived from it. */
export function handoffWorkflowId(handoffId: string): string {
  return `handoff-${handoffId.replace(/\//g, '-')}`;
}

/** Teams a handoff can address: the HandoffTeams, and account management for consultations. */
export type HandoffAddressee = 'legal' | 'policy' | 'customer_trust' | 'account_management';

export interface HandoffInput {
  handoffId: string;
  caseId: string;
  caseKind: CaseKind;
  /** The case's owning team, for the audit and the inbox. */
  caseTeam: string | null;
  /** Where the answer goes: a signal to this workflow id. */
  parentWorkflowId: string;
  /** The signal's wire name on the parent (each case kind declares its own). */
  answerSignalName: string;
  team: HandoffAddressee;
  question: string;
  context: Record<string, unknown>;
  blocking: boolean;
  requestedBy: Actor;
  requestedAt: number;
  sla: ClockTarget;
}

export const HANDOFF_OUTCOMES = ['approve', 'reject', 'advise'] as const;
export type HandoffAnswerOutcome = (typeof HANDOFF_OUTCOMES)[number];

export interface AnswerHandoffRequest {
  actor: Actor;
  outcome: HandoffAnswerOutcome;
  notes: string;
  citation?: string;
}

export interface HandoffView {
  handoffId: string;
  caseId: string;
  team: HandoffAddressee;
  status: 'open' | 'answered' | 'cancelled';
  question: string;
  blocking: boolean;
  requestedBy: string;
  requestedAt: number;
  clock: SlaClock;
  remindedAt: number | null;
  escalatedAt: number | null;
  answer: { outcome: HandoffAnswerOutcome; notes: string; citation: string | null; answeredBy: string; answeredAt: number } | null;
}

/** A member of the addressed team answers; the validator checks the team against the permission table. */
export const answerHandoffUpdate = defineUpdate<HandoffView, [AnswerHandoffRequest]>('answerHandoff');
export const getHandoffQuery = defineQuery<HandoffView>('getHandoff');

export const HANDOFF_MESSAGES = { updates: [answerHandoffUpdate], signals: [], queries: [getHandoffQuery] };
