import type { SearchAttributeUpdatePair } from '@temporalio/common';
import type { DenialCode } from '../access';
import type { Actor } from '../actor';
import type { CaseRow, HandoffRow, NotificationRecipient, NoticeParams, TaskRow } from '../case-projection';
import type { HandoffAnswer, HandoffRequest } from '../../handoff/handoff.contract';
import type { ApprovalDue, ApprovalRefusalCode, PendingApproval } from '../approval/approval';
import type { QaDecisionRow } from '../quality/qa-decision-row';
import type { WorkItem } from '../routing';
import type { SlaClock } from '../sla-clock';

/**
 * What a case kind hands the case runtime (case-runtime.ts): its pure machine, how to show and project
 * its state, and the events the runtime feeds back (routing results, handoff answers, cancellation).
 * Everything here is plain data and pure functions; the runtime owns every Temporal call.
 */

/** Every event a machine takes names who sends it: a person, or SYSTEM_ACTOR for timers and routing. */
export interface MachineEvent {
  type: string;
  actor: Actor;
}

export type RefusalCode = 'invalid_transition' | 'forbidden' | 'invalid_input';

export type Transition<S> =
  | { ok: true; state: S; effects: CaseEffect[] }
  /** `field`: the request field an invalid_input refusal is about (the API names it, like a bad body field). */
  | { ok: false; code: RefusalCode; reason: string; denial?: DenialCode | ApprovalRefusalCode; field?: string };

/** One line of the audit trail; the runtime numbers it. */
export interface AuditEntry {
  actor: Actor;
  action: string;
  fromState: string | null;
  toState: string;
  reason: string | null;
  details: Record<string, string | number | boolean | null>;
  at: number;
}

/** A notification as the machine decides it: who, which template, and every fact the text needs. */
export interface Notice {
  to: NotificationRecipient;
  template: string;
  params: NoticeParams;
  /** The reader's language, for messages to sellers; staff read the default language. */
  language?: string | null;
}

/**
 * What a transition asks the runtime to do. Clocks, deadlines and leases are not effects: they are
 * part of the machine's state, and the machine's `dueEvents` says when one needs attention.
 */
export type CaseEffect =
  | { type: 'record'; entry: AuditEntry }
  /** A task created or changed, as its read-model row (closed tasks carry their final status). */
  | { type: 'task'; task: TaskRow }
  | { type: 'notify'; notice: Notice }
  /** Ask routing (common/routing.ts) for an assignee; the answer comes back through `onRouted`. */
  | { type: 'route'; item: WorkItem }
  | { type: 'start_handoff'; handoff: HandoffRequest }
  | { type: 'cancel_handoff'; handoffId: string; reason: string }
  /** Tell another workflow (by id) something, e.g. a handoff's answer to its case. */
  | { type: 'signal'; workflowId: string; signalName: string; payload: unknown }
  /**
   * Start a child workflow that reports back by signal (like a handoff): the runtime adds
   * `parentWorkflowId` and `resultSignalName` to its input; the kind registers the result signal with
   * `rt.childResults`. Started alongside the projection, abandoned on close (it outlives continue-as-new).
   */
  | { type: 'start_workflow'; child: ChildWorkflowRequest }
  /** Run one activity whose answer comes back to the machine through `onCallResult` (before the change is recorded). */
  | { type: 'call'; call: ActivityCall }
  /**
   * A decision's QA sampling outcome (qa-review/qa-plan.ts), written beside the change. Written with
   * sequence 0, so the QA review's own projection (which starts at 1) always wins over it.
   */
  | { type: 'qa_record'; row: QaDecisionRow };

/** A child workflow a machine asks for; its id must be unique for the case (e.g. `<caseId>/enforcement/<n>`). */
export interface ChildWorkflowRequest {
  workflowType: string;
  workflowId: string;
  input: Record<string, unknown>;
  /** Started without a result link: the case waits for nothing from it (e.g. a post-release QA audit). */
  detached?: boolean;
  /**
   * The signal the child reports on, among those the kind registered with `rt.childResults` (a kind
   * may wait on children of several types); absent: the first one registered.
   */
  resultSignal?: string;
}

/** What the runtime adds to a child's input so the child can answer its parent. */
export interface ChildLink {
  parentWorkflowId: string;
  resultSignalName: string;
}

/** Activities a machine may call for an answer (each does one side effect or read, idempotently). */
export const CALLABLE_ACTIVITIES = ['assessRisk', 'reportEnforcement'] as const;
export type CallableActivity = (typeof CALLABLE_ACTIVITIES)[number];

export interface ActivityCall {
  /** Unique within the case: the answer names it. */
  id: string;
  activity: CallableActivity;
  input: unknown;
}

/** How a call ended: the activity's result, or why it failed after its retries. */
export type CallResult = { id: string; activity: CallableActivity; ok: true; value: unknown } | { id: string; activity: CallableActivity; ok: false; error: string };

/** What routing answered, fed back to the machine. */
export interface RoutingOutcome {
  decision: 'assign' | 'queue';
  userId: string | null;
  reason: string;
}

/** What the runtime writes to the read model for one case (or handoff) on every change. */
export type Projection =
  | { target: 'case'; row: CaseRow; clocks: readonly SlaClock[] }
  | { target: 'handoff'; row: HandoffRow }
  /** A QA review of a decision: its qa_decisions row (its tasks belong to the reviewed case). */
  | { target: 'qa_decision'; row: QaDecisionRow };

/** Everything one run hands to the next on continue-as-new, besides the kind's own state. */
export interface CarriedRun<S> {
  state: S;
  auditSeq: number;
  noticeSeq: number;
  projectedSeq: number;
  /** Ids of recent updates already applied, so a client retry after continue-as-new applies once. */
  appliedUpdateIds: string[];
  runs: number;
}

export interface CaseKindDefinition<S, E extends MachineEvent, In, V, Ctx> {
  /** For logs. */
  readonly name: string;
  /** Problems with the workflow's input, or null: the runtime refuses to start a case on bad input. */
  validateInput(input: In): string | null;
  /**
   * The machine's settings, fixed for the life of the run (resolved by whoever started the case), and
   * the behaviour it runs with: `patched(id)` is Temporal's, so a change of behaviour made after cases
   * were running keeps their recorded histories replaying the way they ran.
   */
  context(input: In, patched: (patchId: string) => boolean): Ctx;
  /** The new case: its state, the effects of creating it (the first audit line), the events to send at once. */
  create(input: In, now: number, ctx: Ctx): { state: S; effects: CaseEffect[]; events: E[] };
  transition(state: S, event: E, now: number, ctx: Ctx): Transition<S>;
  /** The next instant something is due (a clock warning or breach, a deadline, a lease); undefined: none. */
  nextWakeAt(state: S, ctx: Ctx): number | undefined;
  /** The system events due at `now`; applying them must make them no longer due. */
  dueEvents(state: S, now: number, ctx: Ctx): E[];
  /** The workflow ends once this holds and nothing is pending. */
  isFinished(state: S): boolean;
  /** The case id notifications and logs are filed under. */
  caseIdOf(state: S): string;
  view(state: S, now: number, ctx: Ctx, workflowId: string): V;
  project(state: S, view: V, workflowId: string): Projection;
  /** Operators' Temporal search attributes; upserted when they change. */
  searchAttributes?(state: S): SearchAttributeUpdatePair[];
  /** What a continued run was handed (undefined for a new case). */
  carriedFrom(input: In): CarriedRun<S> | undefined;
  /** The next run's input; a kind without it never continues as new (its runs are short). */
  continueWith?(input: In, carried: CarriedRun<S>): In;
  /** History length past which the case continues as new even before Temporal suggests it. */
  continueAsNewAfterEvents?(ctx: Ctx): number | undefined;
  onRouted?(outcome: RoutingOutcome): E;
  onHandoffAnswered?(answer: HandoffAnswer): E;
  /** The workflow was cancelled (e.g. a handoff the case no longer needs). */
  onCancelled?(): E;
  /** The answer of a `call` effect. Required of a kind that calls activities. */
  onCallResult?(result: CallResult): E;
  /**
   * The approvals the case is waiting on (common/approval): the runtime wakes the case at each one's
   * reminder and escalation point and sends `onApprovalDue`, so a kind keeps no timers for them.
   */
  pendingApprovals?(state: S): readonly PendingApproval[];
  onApprovalDue?(approvalId: string, due: ApprovalDue): E;
}
