import type { QaHold, SampledDecision } from '../qa-review/qa-plan';
import type { QaOutcome } from '../qa-review/qa-review.contract';
import type { Actor } from '../common/actor';
import type { PendingApproval } from '../common/approval/approval';
import type { TaskRow } from '../common/case-projection';
import type { SlaClock } from '../common/sla-clock';
import type { EnforcementResult, EnforcementStepResult } from '../enforcement/enforcement.contract';
import type {
  AppealableEnforcement,
  AppealClock,
  AppealDecision,
  AppealOutcome,
  AppealReasonCode,
  AppealStatus,
  EnforcementSource,
  MonitoringResult,
  UpstreamTeam,
} from './appeal.vocabulary';

/**
 * The appeal's data: its state (plain JSON, carried across continue-as-new) and the events its machine
 * takes. The rules are in appeal.rules.ts and appeal.machine.ts.
 */

/** The enforcement under appeal: a strategic review's, or one an external enforcement system reported. */
export interface AppealedEnforcement {
  source: EnforcementSource;
  /** The review's enforcement id (`<caseId>/enforcement/<n>`) or the external system's id. */
  ref: string;
  type: AppealableEnforcement;
  reason: string;
  /** Who made the decision (the maker and its approvers for a review): none of them reviews the appeal. */
  decidedBy: string[];
  decidedAt: number | null;
  /** The team that enforced, when known (external enforcements name it). */
  upstreamTeam: UpstreamTeam | null;
}

/** The seller's plan of action: what went wrong, what was fixed, what stops it happening again. */
export interface PlanOfAction {
  rootCause: string;
  correctiveActions: string[];
  preventiveMeasures: string[];
  evidence: string[];
}

export interface InfoRequest {
  n: number;
  question: string;
  requestedBy: string;
  requestedAt: number;
  deadlineAt: number;
  remindedAt: number | null;
  status: 'open' | 'answered' | 'expired';
  answer: string | null;
  evidence: string[];
  answeredAt: number | null;
}

export interface EnforcementError {
  upstreamTeam: UpstreamTeam;
  note: string;
}

/** What a denied seller receives: the facts, the ground, and what they may do next. */
export interface AppealStatement {
  id: string;
  caseId: string;
  decision: AppealDecision;
  reasonCode: AppealReasonCode;
  facts: string;
  redress: string[];
  decidedByHuman: true;
  issuedAt: number;
}

export interface AppealDecisionRecord {
  n: number;
  decision: AppealDecision;
  reasonCode: AppealReasonCode;
  rationale: string;
  enforcementError: EnforcementError | null;
  decidedBy: string;
  decidedAt: number;
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn' | 'final';
  /** Maker-checker for a reversal (common/approval); null for a denial. */
  approval: PendingApproval | null;
  /** A reinstatement sampled for pre-release QA: the review starts, and the hold begins, once it is approved. */
  heldForQa?: SampledDecision | null;
}

/** A decision held for pre-release QA (status qa_hold); the decision itself is `decision`. */
export interface HeldAppealDecision extends QaHold {
  /** A denial's facts for the statement of reasons. */
  facts: string | null;
}

export interface ReinstatementAttempt {
  n: number;
  enforcementId: string;
  workflowId: string;
  startedAt: number;
  status: 'running' | 'applied' | 'compensated';
  steps: EnforcementStepResult[];
  failure: string | null;
  finishedAt: number | null;
}

export interface Restumble {
  enforcementRef: string;
  source: EnforcementSource;
  enforcementType: string;
  reason: string;
  at: number;
  daysSinceReinstatement: number;
  reinstatedBy: string;
}

export interface Monitoring {
  startedAt: number;
  until: number;
  reinstatedBy: string;
  result: MonitoringResult | null;
  endedAt: number | null;
  restumble: Restumble | null;
}

export interface AppealCounters {
  transitions: number;
  tasks: number;
  infoRequests: number;
  decisions: number;
  reinstatements: number;
}

export interface AppealState {
  schemaVersion: 1;
  caseId: string;
  sellerId: string;
  marketplace: string;
  legalName: string;
  language: string | null;
  severity: 'medium';
  team: string;
  enforcement: AppealedEnforcement;
  plan: PlanOfAction;
  status: AppealStatus;
  assigneeId: string | null;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  acknowledgedAt: number | null;
  clocks: SlaClock[];
  breaches: Record<AppealClock, boolean>;
  tasks: Record<string, TaskRow>;
  infoRequests: InfoRequest[];
  decision: AppealDecisionRecord | null;
  previousDecisions: AppealDecisionRecord[];
  statement: AppealStatement | null;
  /** The decision held for pre-release QA, while the appeal is in qa_hold. */
  qaHold?: HeldAppealDecision | null;
  reinstatements: ReinstatementAttempt[];
  monitoring: Monitoring | null;
  outcome: AppealOutcome | null;
  decidedAt: number | null;
  closedAt: number | null;
  /** Staff-only working notes (never shown to the seller). */
  notes: { at: number; by: string; text: string }[];
  counters: AppealCounters;
}

interface E<T extends string> {
  type: T;
  actor: Actor;
}

export interface DecisionInput {
  decision: AppealDecision;
  reasonCode: AppealReasonCode;
  rationale: string;
  /** Set when the original enforcement was wrong: the upstream team hears about it (false-positive report). */
  enforcementError?: EnforcementError | null;
  /** For a denial: the facts the seller is told. */
  facts?: string;
}

export interface RestumbleReport {
  enforcementRef: string;
  source: EnforcementSource;
  enforcementType: string;
  reason: string;
  /** When the new enforcement happened (epoch ms); the workflow's clock when absent. */
  at?: number;
}

export type AppealEvent =
  | E<'triage_started'>
  | (E<'assigned'> & { assigneeId: string; reason?: string })
  | (E<'queued'> & { reason: string })
  | E<'acknowledged'>
  | E<'claimed'>
  | (E<'released'> & { reason?: string })
  | (E<'reassigned'> & { assigneeId: string; reason?: string })
  | (E<'note_added'> & { text: string })
  | (E<'info_requested'> & { question: string; deadlineDays?: number })
  | (E<'seller_responded'> & { answer: string; evidence?: string[] })
  | E<'info_reminder_due'>
  | E<'info_deadline_passed'>
  | (E<'decision_made'> & DecisionInput & { makerStartedOn?: string | null })
  | (E<'decision_approved'> & { note?: string })
  | (E<'decision_rejected'> & { reasons: string })
  | (E<'decision_withdrawn'> & { reason: string })
  | (E<'approval_reminder_due'> & { approvalId: string })
  | (E<'approval_escalation_due'> & { approvalId: string })
  | (E<'reinstatement_completed'> & { result: EnforcementResult })
  | E<'reinstatement_retried'>
  /** The QA review of a held decision ended: the reviewer's (agreed) or the adjudicated decision takes effect. */
  | (E<'qa_released'> & { outcome: QaOutcome })
  | (E<'restumble_reported'> & RestumbleReport)
  | E<'monitoring_ended'>
  | (E<'clock_warned'> & { clockId: string })
  | (E<'clock_breached'> & { clockId: string });
export type AppealEventType = AppealEvent['type'];
export type AppealEventOf<T extends AppealEventType> = Extract<AppealEvent, { type: T }>;

export const openInfoRequest = (s: AppealState): InfoRequest | undefined => s.infoRequests.find((r) => r.status === 'open');
