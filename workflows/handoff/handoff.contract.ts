import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor, CaseKind } from '../common/actor';
import type { HandoffAddressee, HandoffOutcome, HandoffStatus } from './handoff.vocabulary';
import type { SlaClock } from '../common/sla-clock';
import type { ClockTarget } from '../common/sla-policy';
import { patchesInForce, type StartedWithPatches } from '../common/runtime/patch-ids';

/**
 * A handoff: a question from a case to another team (Legal, Policy, Customer Trust; Account
 * Management for consultations), with that team's own SLA, a reminder, and escalation to the team's
 * lead when unanswered. Runs as a child workflow of any case kind (the case runtime starts it) and
 * signals the answer back to the case by workflow id, so the answer survives the case's continue-as-new.
 * Wire names are in every recorded history: never rename one (test/unit/contracts.test.ts checks).
 */

export const HANDOFF_WORKFLOW_TYPE = 'handoffWorkflow';

/** Handoff ids look like `<caseId>/handoff/<n>`; the workflow id is derived from it. */
export function handoffWorkflowId(handoffId: string): string {
  return `handoff-${handoffId.replace(/\//g, '-')}`;
}

export {
  HANDOFF_ADDRESSEES,
  HANDOFF_OUTCOMES,
  HANDOFF_STATUSES,
  type HandoffAddressee,
  type HandoffOutcome,
  type HandoffStatus,
} from './handoff.vocabulary';

/** What a case asks: everything the handoff needs, decided by the case's machine. */
export interface HandoffRequest {
  handoffId: string;
  caseId: string;
  caseKind: CaseKind;
  /** The case's owning team, for the audit and the inbox. */
  caseTeam: string | null;
  team: HandoffAddressee;
  question: string;
  context: Record<string, unknown>;
  blocking: boolean;
  requestedBy: Actor;
  requestedAt: number;
  sla: ClockTarget;
  /** A person the question is for (a consultation goes to the seller's account manager); else the team's queue. */
  assigneeId?: string | null;
}

/** The handoff workflow's input: the request, and where to send the answer (filled in by the case runtime). */
export interface HandoffInput extends HandoffRequest, StartedWithPatches {
  parentWorkflowId: string;
  /** The wire name of the answer signal on the parent: `handoffAnsweredSignal`'s. */
  answerSignalName: string;
}

/**
 * Behaviour introduced after handoffs were already running; each flag comes from a `patched()` marker
 * when the workflow starts, so recorded histories replay as they ran.
 */
export interface HandoffFeatures {
  /** The addressed team is told at once that a question waits for it. */
  requestedNotice: boolean;
}

export const HANDOFF_PATCHES = { requestedNotice: 'handoff-requested-notice' } as const satisfies Record<keyof HandoffFeatures, string>;

/** The patches a handoff the case runtime starts now runs with, none recorded as a marker (patch-ids.ts). */
export const HANDOFF_PATCHES_AT_START: readonly string[] = patchesInForce(HANDOFF_PATCHES);

/** What the handoff machine runs with: its SLA and the behaviour of its run. */
export interface HandoffContext {
  sla: ClockTarget;
  features: HandoffFeatures;
}

export interface AnswerHandoffRequest {
  actor: Actor;
  outcome: HandoffOutcome;
  notes: string;
  citation?: string;
}

export interface HandoffAnswerRecord {
  outcome: HandoffOutcome;
  notes: string;
  citation: string | null;
  answeredBy: string;
  answeredAt: number;
}

export interface HandoffView {
  handoffId: string;
  caseId: string;
  team: HandoffAddressee;
  status: HandoffStatus;
  question: string;
  blocking: boolean;
  requestedBy: string;
  requestedAt: number;
  clock: SlaClock;
  remindedAt: number | null;
  escalatedAt: number | null;
  answer: HandoffAnswerRecord | null;
}

/** Sent by a handoff workflow to its case when the team has answered. */
export interface HandoffAnswer {
  handoffId: string;
  outcome: HandoffOutcome;
  notes: string;
  citation: string | null;
  answeredBy: Actor;
  answeredAt: number;
}

/** A member of the addressed team answers; the validator checks the team against the permission table. */
export const answerHandoffUpdate = defineUpdate<HandoffView, [AnswerHandoffRequest]>('answerHandoff');
export const getHandoffQuery = defineQuery<HandoffView>('getHandoff');
/** On the case's workflow (every kind that hands off registers it through the case runtime). */
export const handoffAnsweredSignal = defineSignal<[HandoffAnswer]>('handoffAnswered');

export const HANDOFF_MESSAGES = { updates: [answerHandoffUpdate], signals: [], queries: [getHandoffQuery] };
