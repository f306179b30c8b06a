import type { Actor, HandoffTeam } from '../common/actor';
import type { TaskRow } from '../common/case-projection';
import type { SlaClock } from '../common/sla-clock';
import type { Severity } from '../common/severity';
import type { HandoffOutcome, HandoffStatus } from '../handoff/handoff.contract';
import type { QaHold } from '../qa-review/qa-plan';
import type { QaOutcome } from '../qa-review/qa-review.contract';
import type {
  CaseClock,
  EnforcementType,
  EscalationCategory,
  EscalationSource,
  EscalationStatus,
  ResolutionCode,
  RootCause,
  Trigger,
  UpstreamTeam,
} from './escalation.vocabulary';

/**
 * The escalation's data: its state (plain JSON, carried across continue-as-new) and the events its
 * machine takes. The rules live in escalation.rules.ts and escalation.machine.ts.
 */

export interface InfoRequest {
  id: string;
  question: string;
  deadline: number;
  requestedBy: string;
  requestedAt: number;
}

export interface Handoff {
  id: string;
  team: HandoffTeam;
  question: string;
  /** A blocking handoff holds the case in waiting_on_handoff until answered. */
  blocking: boolean;
  status: HandoffStatus;
  requestedBy: string;
  requestedAt: number;
  dueAt: number | null;
  outcome: HandoffOutcome | null;
  answer: string | null;
  answeredBy: string | null;
  /** When answered or cancelled. */
  closedAt: number | null;
}

export interface EscalationRecord {
  reason: string;
  by: string;
  at: number;
  breach: CaseClock | null;
}

export interface Resolution {
  code: ResolutionCode;
  rootCause: RootCause;
  /** The upstream team whose signal or decision the cause is attributed to (taxonomy 2). */
  upstreamTeam?: UpstreamTeam | null;
  note: string | null;
  resolvedBy: string;
  resolvedAt: number;
}

/** A maker's resolution waiting on its QA review, with everything needed to put it in effect. */
export interface HeldResolution extends QaHold {
  resolution: Omit<Resolution, 'resolvedAt'>;
  /** The status the case was decided from (in_progress, or escalated_to_manager for a manager). */
  from: EscalationStatus;
}

export interface Note {
  at: number;
  by: string;
  text: string;
}

/** A claim or assignment the holder has not acted on yet: it lapses back to the queue at `expiresAt`. */
export interface Lease {
  userId: string;
  expiresAt: number;
}

export interface EscalationCounters {
  transitions: number;
  assignments: number;
  releases: number;
  infoRequests: number;
  handoffs: number;
  escalations: number;
  slaExtensions: number;
  tasks: number;
  /** Re-triages (absent on cases from before re-triage). */
  retriages?: number;
}

export interface EscalationState {
  schemaVersion: 2;
  caseId: string;
  sellerId: string;
  marketplace: string;
  language: string | null;
  severity: Severity;
  category: EscalationCategory;
  /** The taxonomy the case is filed under (escalation.taxonomy.ts); absent on cases from before versions: 1. */
  taxonomyVersion?: number;
  source?: EscalationSource | null;
  trigger?: Trigger | null;
  enforcementType?: EnforcementType | null;
  summary: string;
  /** The owning team; set at creation or at triage, changed only by a manager's reassignment. */
  team: string | null;
  status: EscalationStatus;
  assigneeId: string | null;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  assignedAt: number | null;
  /** The first response (acknowledgement or claim). */
  acknowledgedAt: number | null;
  /**
   * Every SLA clock of the case, oldest first: first_response, resolution (resolution#2 after a
   * reopen), and one seller_response clock per information request (the seller's deadline).
   */
  clocks: SlaClock[];
  /** Sticky: once a team clock breached, the case keeps the mark (for reporting), even after a reopen. */
  breaches: Record<CaseClock, boolean>;
  openTask: TaskRow | null;
  lease: Lease | null;
  openInfoRequest: InfoRequest | null;
  lastSellerResponseAt: number | null;
  /** Every handoff ever made, open ones included; see `openHandoffs`. */
  handoffs: Handoff[];
  /** The escalation in force (cleared by a reassignment or a reopen). */
  escalation: EscalationRecord | null;
  resolution: Resolution | null;
  /** Resolutions undone by reopening, oldest first. */
  previousResolutions: Resolution[];
  resolvedAt: number | null;
  /** The resolution held for pre-release QA (status qa_hold): it takes effect when the review releases it. */
  qaHold?: HeldResolution | null;
  closedAt: number | null;
  reopenCount: number;
  /** The last note the machine left for the assignee (e.g. the seller missed the deadline). */
  lastNote: Note | null;
  counters: EscalationCounters;
}

/** What a new case starts from (the workflow input, minus its settings). */
export interface NewEscalation {
  caseId: string;
  sellerId: string;
  marketplace: string;
  severity: Severity;
  category: EscalationCategory;
  taxonomyVersion?: number;
  source?: EscalationSource;
  trigger?: Trigger;
  enforcementType?: EnforcementType;
  summary: string;
  createdBy: Actor;
  /** Known at creation, or given by `triage_started`. */
  team?: string;
  language?: string;
  /** When the API accepted the case; defaults to `now`. */
  requestedAt?: number;
}

interface E<T extends string> {
  type: T;
  actor: Actor;
}

export type EscalationEvent =
  | (E<'triage_started'> & { team?: string })
  | (E<'assigned'> & { assigneeId: string; reason?: string })
  | (E<'queued'> & { reason: string })
  | E<'acknowledged'>
  | E<'claimed'>
  | (E<'released'> & { reason?: string; holder?: string })
  | (E<'info_requested'> & { question: string; deadline: number })
  | (E<'seller_responded'> & { summary?: string })
  | E<'seller_deadline_expired'>
  | (E<'handed_off'> & { team: HandoffTeam; question: string; blocking?: boolean })
  | (E<'handoff_answered'> & { handoffId: string; outcome: HandoffOutcome; answer?: string })
  | (E<'escalated'> & { reason: string })
  | (E<'reassigned'> & { assigneeId: string; team?: string; reason?: string })
  | (E<'sla_extended'> & { clock: CaseClock; byMs: number; reason: string })
  | (E<'resolved'> & { resolutionCode: ResolutionCode; rootCause: RootCause; upstreamTeam?: UpstreamTeam; note?: string; makerStartedOn?: string | null })
  /** The assignee or a manager corrects the severity and/or category, with a reason. */
  | (E<'retriaged'> & { severity?: Severity; category?: EscalationCategory; reason: string })
  /** The holder keeps the case for another lease. */
  | E<'lease_renewed'>
  /** The QA review of a held resolution ended: its outcome releases the maker's or the adjudicated resolution. */
  | (E<'qa_released'> & { outcome: QaOutcome })
  | (E<'reopened'> & { reason: string })
  | E<'closed'>
  /** A clock reached its warning point (the system, on the clock's own timer). */
  | (E<'clock_warned'> & { clockId: string })
  /** A team clock passed its deadline. */
  | (E<'clock_breached'> & { clockId: string })
  /** The holder did not act on a claim or assignment in time. */
  | E<'lease_expired'>;
export type EscalationEventType = EscalationEvent['type'];
export type EventOf<T extends EscalationEventType> = Extract<EscalationEvent, { type: T }>;

export function newEscalationState(input: NewEscalation, now: number): EscalationState {
  return {
    schemaVersion: 2,
    caseId: input.caseId,
    sellerId: input.sellerId,
    marketplace: input.marketplace,
    language: input.language ?? null,
    severity: input.severity,
    category: input.category,
    taxonomyVersion: input.taxonomyVersion ?? 1,
    source: input.source ?? null,
    trigger: input.trigger ?? null,
    enforcementType: input.enforcementType ?? null,
    summary: input.summary,
    team: input.team ?? null,
    status: 'new',
    assigneeId: null,
    createdBy: input.createdBy.userId,
    createdAt: input.requestedAt ?? now,
    updatedAt: now,
    assignedAt: null,
    acknowledgedAt: null,
    clocks: [],
    breaches: { first_response: false, resolution: false },
    openTask: null,
    lease: null,
    openInfoRequest: null,
    lastSellerResponseAt: null,
    handoffs: [],
    escalation: null,
    resolution: null,
    previousResolutions: [],
    resolvedAt: null,
    closedAt: null,
    reopenCount: 0,
    lastNote: null,
    counters: { transitions: 0, assignments: 0, releases: 0, infoRequests: 0, handoffs: 0, escalations: 0, slaExtensions: 0, tasks: 0, retriages: 0 },
  };
}

export function openHandoffs(state: EscalationState): Handoff[] {
  return state.handoffs.filter((h) => h.status === 'open');
}
