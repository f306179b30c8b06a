import type { Actor, CaseKind } from './actor';
import type { SlaClock } from './sla-clock';

/**
 * What a case workflow hands to the projection activity on every change: the row for `cases`, the
 * audit events not yet written, and the tasks and clocks that changed. Plain JSON, shared by
 * workflows and activities. Every write is keyed so that a retried activity changes nothing.
 */
export interface CaseRow {
  caseId: string;
  kind: CaseKind;
  workflowId: string;
  sellerId: string;
  marketplace: string;
  severity: string;
  summary: string;
  state: string;
  /** The case is being worked: not finished (each kind declares its finished states once, in its vocabulary). */
  open: boolean;
  team: string | null;
  assigneeId: string | null;
  /** A team SLA of the case breached (sticky); the seller's own deadlines never count. */
  breached: boolean;
  /** The soonest deadline of the case's running team clocks: what inboxes and queues sort by. */
  dueAt: number | null;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  resolvedAt: number | null;
  closedAt: number | null;
  /** The full case view, stored as JSON for the case page. */
  snapshot: Record<string, unknown>;
  /** What only this kind has, written to the kind's own table. */
  details: CaseDetailsRow;
}

/** Kind-specific read-model rows, one table per kind (see db/migrations); `none` for a kind with nothing of its own. */
export type CaseDetailsRow = EscalationDetailsRow | StrategicReviewDetailsRow | AppealDetailsRow | { kind: 'none' };

export interface EscalationDetailsRow {
  kind: 'escalation';
  taxonomyVersion: number;
  category: string;
  source: string | null;
  trigger: string | null;
  enforcementType: string | null;
  language: string | null;
  resolutionCode: string | null;
  rootCause: string | null;
  upstreamTeam: string | null;
  reopenCount: number;
}

export interface StrategicReviewDetailsRow {
  kind: 'strategic_review';
  sellerId: string;
  tier: string;
  playbookId: string;
  playbookVersion: number;
  riskScore: number | null;
  riskBand: string | null;
  riskModelVersion: string | null;
  /** The proposal in force (or the last one), and where it stands. */
  decision: string | null;
  decisionStatus: string | null;
  outcome: string | null;
  /** Open: the seller's one open review (a partial unique index keeps it one). */
  open: boolean;
  statementOfReasons: Record<string, unknown> | null;
  policyGaps: PolicyGapRow[];
}

/** A reinstatement appeal's own row (the `appeals` table): what the false-positive report and restumble rates read. */
export interface AppealDetailsRow {
  kind: 'appeal';
  sellerId: string;
  enforcementSource: string;
  enforcementRef: string;
  enforcementType: string;
  /** The team whose enforcement is appealed, when the enforcement named it. */
  enforcementTeam: string | null;
  originalDecisionMakers: string[];
  /** Not closed (monitoring included): a partial unique index keeps one per enforcement. */
  active: boolean;
  decision: string | null;
  decisionStatus: string | null;
  reasonCode: string | null;
  decidedBy: string | null;
  decidedAt: number | null;
  decidedByHuman: boolean | null;
  enforcementError: boolean;
  errorUpstreamTeam: string | null;
  errorNote: string | null;
  outcome: string | null;
  infoRequests: number;
  reinstatedAt: number | null;
  reinstatedBy: string | null;
  monitoringUntil: number | null;
  monitoringResult: string | null;
  restumbledAt: number | null;
  restumbleDays: number | null;
}

/** A question a case raised for leadership; decided, it is a precedent others find by its tag. */
export interface PolicyGapRow {
  id: string;
  caseId: string;
  caseKind: CaseKind;
  team: string;
  tag: string;
  question: string;
  status: 'open' | 'decided';
  flaggedBy: string;
  flaggedAt: number;
  dueAt: number | null;
  decision: string | null;
  precedent: string | null;
  decidedBy: string | null;
  decidedAt: number | null;
}

export interface AuditEvent {
  /** Numbered by the workflow, from 0, so retried writes are no-ops. */
  seq: number;
  actor: Actor;
  action: string;
  fromState: string | null;
  toState: string;
  reason?: string | null;
  details?: Record<string, unknown>;
  at: number;
}

/** One entry of someone's inbox: what a person or a team has to do on a case, and by when. */
export interface TaskRow {
  id: string;
  caseId: string;
  caseKind: CaseKind;
  /** queue | work | manager_review | handoff | handoff_escalation | ... */
  kind: string;
  title: string;
  assigneeId: string | null;
  team: string;
  status: 'open' | 'done' | 'cancelled';
  dueAt: number | null;
  createdAt: number;
  completedAt: number | null;
}

export interface ProjectCaseInput {
  row: CaseRow;
  /** Monotonic per case. A write with a lower value never overwrites a newer one. */
  projectionSeq: number;
  events: AuditEvent[];
  /** Tasks created or changed since the last projection. */
  tasks: TaskRow[];
  /** Every SLA clock of the case (a handful). */
  clocks: SlaClock[];
  /**
   * Handoffs opened since the last projection, written with the case so a handoff team can see the
   * case at once; the handoff workflow then keeps its own row up to date (this insert never overwrites).
   */
  newHandoffs?: HandoffRow[];
  /**
   * Notifications of these changes, written in the same transaction: a person is told exactly when
   * the change is in the read model, and a retried write inserts none twice (each has its own id).
   */
  notices?: NotifyInput[];
}

export interface HandoffRow {
  id: string;
  caseId: string;
  caseKind: CaseKind;
  workflowId: string;
  team: string;
  question: string;
  context: Record<string, unknown>;
  blocking: boolean;
  status: 'open' | 'answered' | 'cancelled';
  requestedBy: string;
  requestedAt: number;
  dueAt: number | null;
  /** When the team is reminded (the handoff clock's warning point). */
  warnAt: number | null;
  remindedAt: number | null;
  escalatedAt: number | null;
  breached: boolean;
  outcome: string | null;
  notes: string | null;
  citation: string | null;
  answeredBy: string | null;
  answeredAt: number | null;
}

export interface ProjectHandoffInput {
  row: HandoffRow;
  projectionSeq: number;
  tasks: TaskRow[];
  /** Notifications of these changes, written in the same transaction (see ProjectCaseInput.notices). */
  notices?: NotifyInput[];
}

/** Who a notification is for; the activity expands teams and roles into people from the roster. */
export type NotificationRecipient =
  | { kind: 'user'; userId: string }
  | { kind: 'team'; team: string }
  | { kind: 'managers'; team: string }
  | { kind: 'team_lead'; team: string }
  | { kind: 'seller'; sellerId: string };

/** The facts a notification's text is rendered from (activities/messages). */
export type NoticeParams = Record<string, string | number | boolean | null>;

export interface NotifyInput {
  /** Unique per notification (the workflow id and its own sequence): retries insert nothing new. */
  id: string;
  caseId: string;
  to: NotificationRecipient;
  template: string;
  params: NoticeParams;
  /** The reader's language for seller-facing messages; staff messages use the default. */
  language?: string | null;
  at: number;
}
