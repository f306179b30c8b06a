import { defineQuery } from '@temporalio/workflow';
import type { Actor, CaseKind } from '../common/actor';

/**
 * The out-of-office hand-back: when someone is marked absent, a workflow (one per absence) hands each of
 * their open cases, of every kind, back to the team queue, under the identity of whoever marked the
 * absence and with the reason. Durable: if the API that started it dies, the hand-back still finishes.
 * Wire names are in every recorded history: never rename one.
 */

export const HAND_BACK_WORKFLOW_TYPE = 'handBackWorkflow';

export const OUT_OF_OFFICE_REASON = 'out_of_office';

/** One hand-back per absence: marking the same absence twice finds the same workflow. */
export function handBackWorkflowId(userId: string, outOfOfficeUntil: number): string {
  return `hand-back-${userId}-${outOfOfficeUntil}`;
}

export interface HandBackInput {
  /** Who is away. */
  userId: string;
  /** Who marked the absence: each release is theirs, checked against the permission table. */
  markedBy: Actor;
  outOfOfficeUntil: number;
  markedAt: number;
}

export interface CaseToRelease {
  caseId: string;
  kind: CaseKind;
  workflowId: string;
}

export type ReleaseOutcome =
  | (CaseToRelease & { outcome: 'released'; state: string })
  | (CaseToRelease & { outcome: 'not_released'; code: string; reason: string });

export interface HandBackProgress {
  handBackId: string;
  userId: string;
  markedBy: string;
  reason: string;
  status: 'listing' | 'releasing' | 'done';
  /** Cases found open and held by the member when the hand-back looked. */
  total: number;
  released: Array<Extract<ReleaseOutcome, { outcome: 'released' }>>;
  notReleased: Array<Extract<ReleaseOutcome, { outcome: 'not_released' }>>;
  startedAt: number;
  finishedAt: number | null;
}

export const getHandBackQuery = defineQuery<HandBackProgress>('getHandBack');
