import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { ChildLink } from '../common/runtime/case-kind';
import type { StatementOfReasons } from '../strategic-review/statement.types';
import type { EnforcementDecision } from '../strategic-review/review.vocabulary';
import type { EnforcementStep, EnforcementStepKind } from './enforcement-plan';

/**
 * The enforcement saga: applies a decision through the enforcement gateway step by step, and undoes
 * the steps already applied when a later one fails for good. Started by a case as a child workflow
 * (`start_workflow` effect) and reports back by signal. Wire names are in every recorded history:
 * never rename one.
 */
export const ENFORCEMENT_WORKFLOW_TYPE = 'enforcementWorkflow';

/** One saga per decision attempt: `<caseId>/enforcement/<n>`. */
export function enforcementWorkflowId(enforcementId: string): string {
  return `enforcement-${enforcementId.replace(/\//g, '-')}`;
}

export interface EnforcementRequest {
  enforcementId: string;
  caseId: string;
  sellerId: string;
  marketplace: string;
  /** The measure, or `reinstatement` (REINSTATEMENT) for an appeal's reversal. */
  decision: EnforcementDecision | 'reinstatement';
  steps: EnforcementStep[];
  /** Who approved the decision last (the gateway records who stands behind each action). */
  requestedBy: string;
  /** What the seller is told with the measure (the notify_seller step sends it); a reinstatement has none. */
  statement?: StatementOfReasons;
}

export type EnforcementInput = EnforcementRequest & ChildLink;

export type EnforcementStepStatus = 'pending' | 'applied' | 'failed' | 'compensated' | 'compensation_failed';

export interface EnforcementStepResult {
  step: EnforcementStepKind;
  status: EnforcementStepStatus;
  /** The gateway's action id (its idempotency key) once applied. */
  actionId: string | null;
  error: string | null;
  at: number | null;
}

/** What the saga signals to its case when it ends. */
export interface EnforcementResult {
  enforcementId: string;
  /** applied: every step went through; compensated: a step failed for good and the earlier ones were undone. */
  outcome: 'applied' | 'compensated';
  steps: EnforcementStepResult[];
  failure: string | null;
}

export const enforcementResultSignal = defineSignal<[EnforcementResult]>('enforcementResult');
export const getEnforcementQuery = defineQuery<EnforcementStepResult[]>('getEnforcement');

export const ENFORCEMENT_MESSAGES = { updates: [], signals: [], queries: [getEnforcementQuery] };
