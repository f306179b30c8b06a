import type { QaHold, SampledDecision } from '../qa-review/qa-plan';
import type { QaOutcome } from '../qa-review/qa-review.contract';
import type { Actor, HandoffTeam } from '../common/actor';
import type { PendingApproval } from '../common/approval/approval';
import type { TaskRow } from '../common/case-projection';
import type { SlaClock } from '../common/sla-clock';
import type { Severity } from '../common/severity';
import type { EnforcementResult, EnforcementStepResult } from '../enforcement/enforcement.contract';
import type { HandoffOutcome, HandoffStatus } from '../handoff/handoff.contract';
import type { PlaybookRef } from './playbooks';
import type { StatementOfReasons } from './statement.types';
export type { StatementOfReasons } from './statement.types';
import type {
  CheckFinding,
  ConsultationResponse,
  ConsultationStatus,
  Decision,
  PolicyGapStatus,
  ReasonCode,
  ReviewClock,
  ReviewStatus,
  ReviewTrigger,
  RiskBand,
} from './review.vocabulary';

/**
 * The review's data: its state (plain JSON, carried across continue-as-new) and the events its machine
 * takes. The rules are in review.rules.ts and review.machine.ts.
 */

export interface EnforcementRecord {
  at: string;
  action: string;
  reason: string;
}

/** The seller's profile as the directory had it when the review opened (the API shows the current one beside it). */
export interface SellerSnapshot {
  sellerId: string;
  marketplace: string;
  legalName: string;
  annualSales: number;
  strategic: boolean;
  accountManagerId: string | null;
  enforcementHistory: EnforcementRecord[];
  linkedAccounts: string[];
}

export interface CheckRecord {
  id: string;
  title: string;
  required: boolean;
  status: 'pending' | 'done';
  finding: CheckFinding | null;
  notes: string | null;
  evidence: string[];
  completedBy: string | null;
  completedAt: number | null;
  /** Completed more than once (each completion is in the audit trail). */
  revisions: number;
}

export interface RiskSignal {
  name: string;
  description: string;
  value: number;
  weight: number;
  contribution: number;
}

/** What the risk model answered (activities/risk): every signal it counted, so the score explains itself. */
export interface RiskAssessment {
  score: number;
  band: RiskBand;
  modelVersion: string;
  model: 'rules' | 'http';
  /** Set when the external model was asked but the rules model answered instead, and why. */
  fallback: { reason: string } | null;
  signals: RiskSignal[];
  assessedAt: number;
}

export interface RiskRecord extends RiskAssessment {
  requestedBy: string;
}

export interface ReviewHandoff {
  id: string;
  team: HandoffTeam;
  question: string;
  blocking: boolean;
  status: HandoffStatus;
  requestedBy: string;
  requestedAt: number;
  dueAt: number | null;
  outcome: HandoffOutcome | null;
  answer: string | null;
  answeredBy: string | null;
  closedAt: number | null;
}

export interface Consultation {
  handoffId: string;
  accountManagerId: string | null;
  status: ConsultationStatus;
  requestedAt: number;
  closesAt: number;
  response: ConsultationResponse | null;
  reasons: string | null;
  answeredBy: string | null;
  answeredAt: number | null;
}

export interface Urgency {
  reason: string;
  approvedBy: string | null;
  approvedAt: number | null;
  note: string | null;
}

export interface DecisionInput {
  decision: Decision;
  reasonCode: ReasonCode;
  policyCitation: string;
  rationale: string;
  /** What the measure covers, e.g. "all listings" or "listings in Electronics". */
  scope?: string;
  /** How long the measure lasts; null or absent: until lifted. */
  durationDays?: number | null;
  urgent?: boolean;
  urgencyReason?: string;
}

export interface Proposal {
  n: number;
  decision: Decision;
  reasonCode: ReasonCode;
  policyCitation: string;
  rationale: string;
  scope: string;
  durationDays: number | null;
  proposedBy: string;
  proposedAt: number;
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn' | 'no_action';
  /** Maker-checker (common/approval); null for no_action. */
  approval: PendingApproval | null;
  urgency: Urgency | null;
  consultation: Consultation | null;
  /** Why the maker took it back. */
  withdrawnReason: string | null;
  /** An enforcement sampled for pre-release QA: the review starts, and the hold begins, once it would take effect. */
  heldForQa?: SampledDecision | null;
  /** Who gave the decision QA released when it overturned the maker's (the adjudicator). */
  overturnedBy?: string | null;
}

export interface EnforcementAttempt {
  n: number;
  enforcementId: string;
  workflowId: string;
  startedAt: number;
  status: 'running' | 'applied' | 'compensated';
  steps: EnforcementStepResult[];
  failure: string | null;
  finishedAt: number | null;
}

export interface PolicyGap {
  id: string;
  tag: string;
  question: string;
  flaggedBy: string;
  flaggedAt: number;
  status: PolicyGapStatus;
  decision: string | null;
  precedent: string | null;
  decidedBy: string | null;
  decidedAt: number | null;
  /** Its clock's id in the case's clocks (the leadership's SLA). */
  clockId: string;
}

export interface ReviewCounters {
  transitions: number;
  tasks: number;
  handoffs: number;
  proposals: number;
  enforcements: number;
  riskCalls: number;
  policyGaps: number;
}

export interface ReviewState {
  schemaVersion: 1;
  caseId: string;
  seller: SellerSnapshot;
  summary: string;
  severity: Severity;
  team: string;
  tier: { id: string; title: string };
  playbook: PlaybookRef;
  trigger: { kind: ReviewTrigger; ref: string | null };
  status: ReviewStatus;
  assigneeId: string | null;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  acknowledgedAt: number | null;
  clocks: SlaClock[];
  breaches: Record<ReviewClock, boolean>;
  /** Open tasks by id (work or queue, approval, leadership decisions). */
  tasks: Record<string, TaskRow>;
  checks: CheckRecord[];
  risk: RiskRecord | null;
  /** A risk assessment asked for and not answered yet. */
  riskPending: { callId: string; requestedBy: string } | null;
  handoffs: ReviewHandoff[];
  proposal: Proposal | null;
  /** The proposal held for pre-release QA, while the review is in qa_hold. */
  qaHold?: QaHold | null;
  /** Proposals rejected or withdrawn, oldest first. */
  previousProposals: Proposal[];
  enforcements: EnforcementAttempt[];
  statement: StatementOfReasons | null;
  outcome: Decision | null;
  closedAt: number | null;
  policyGaps: PolicyGap[];
  lastNote: { at: number; by: string; text: string } | null;
  counters: ReviewCounters;
}

interface E<T extends string> {
  type: T;
  actor: Actor;
}

export type ReviewEvent =
  | E<'triage_started'>
  | (E<'assigned'> & { assigneeId: string; reason?: string })
  | (E<'queued'> & { reason: string })
  | E<'acknowledged'>
  | E<'claimed'>
  | (E<'released'> & { reason?: string; holder?: string })
  | (E<'reassigned'> & { assigneeId: string; team?: string; reason?: string })
  | (E<'check_completed'> & { checkId: string; finding: CheckFinding; notes: string; evidence?: string[] })
  | E<'risk_assessment_requested'>
  | (E<'risk_assessed'> & { callId: string; assessment: RiskAssessment })
  | (E<'risk_assessment_failed'> & { callId: string; error: string })
  | (E<'handed_off'> & { team: HandoffTeam; question: string; blocking?: boolean })
  | (E<'handoff_answered'> & { handoffId: string; outcome: HandoffOutcome; answer?: string })
  | (E<'decision_proposed'> & DecisionInput & { makerStartedOn?: string | null })
  | (E<'decision_approved'> & { note?: string })
  | (E<'decision_rejected'> & { reasons: string })
  | (E<'decision_withdrawn'> & { reason: string })
  | (E<'urgency_approved'> & { note?: string })
  | (E<'consultation_answered'> & { handoffId: string; response: ConsultationResponse; reasons: string })
  | E<'consultation_window_closed'>
  | (E<'approval_reminder_due'> & { approvalId: string })
  | (E<'approval_escalation_due'> & { approvalId: string })
  | (E<'enforcement_completed'> & { result: EnforcementResult })
  | E<'enforcement_retried'>
  /** The QA review of a held proposal ended: the maker's (agreed) or the adjudicated decision takes effect. */
  | (E<'qa_released'> & { outcome: QaOutcome })
  | (E<'enforcement_reported'> & { callId: string; signalledAppeals: string[]; error: string | null })
  | (E<'policy_gap_flagged'> & { tag: string; question: string })
  | (E<'policy_gap_decided'> & { gapId: string; decision: string; precedent: string })
  | (E<'clock_warned'> & { clockId: string })
  | (E<'clock_breached'> & { clockId: string });
export type ReviewEventType = ReviewEvent['type'];
export type ReviewEventOf<T extends ReviewEventType> = Extract<ReviewEvent, { type: T }>;

export const openHandoffs = (s: ReviewState) => s.handoffs.filter((h) => h.status === 'open');
export const openGaps = (s: ReviewState) => s.policyGaps.filter((g) => g.status === 'open');
