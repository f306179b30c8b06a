import type { Actor, CaseKind } from './actor';

/**
 * What a case workflow hands to the projection activity on every change: the row for `cases`
 * and the audit events not yet written. Plain JSON, shared by workflows and activities.
 */
export interface CaseRow {
  caseId: string;
  kind: CaseKind;
  workflowId: string;
  sellerId: string;
  marketplace: string;
  severity: string;
  category: string;
  summary: string;
  state: string;
  team: string | null;
  assigneeId: string | null;
  breached: boolean;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  /** The full case view, stored as JSON for the case page. */
  snapshot: Record<string, unknown>;
}

export interface AuditEvent {
  /** Numbered by the workflow, from 0, so retried writes are no-ops. */
  seq: number;
  actor: Actor;
  action: string;
  fromState: string | null;
  toState: string;
  reason?: string;
  details?: Record<string, unknown>;
  at: number;
}

export interface ProjectCaseInput {
  row: CaseRow;
  /** Monotonic per case: the highest audit seq so far. A write with a lower value never overwrites a newer one. */
  projectionSeq: number;
  events: AuditEvent[];
}
