import type { AuditEvent, HandoffRow, NotifyInput, TaskRow } from '../case-projection';
import type { HandoffRequest } from '../../handoff/handoff.contract';
import type { QaDecisionRow } from '../quality/qa-decision-row';
import type { WorkItem } from '../routing';
import type { ActivityCall, CarriedRun, CaseEffect, ChildWorkflowRequest, MachineEvent, Transition } from './case-kind';
import { openedHandoffRow } from './handoff-row';
import { hasApplied, rememberUpdate } from './update-ledger';

/** Rounds of due events applied at one instant before the runtime gives up on a machine that keeps reporting some. */
export const MAX_DUE_ROUNDS = 50;

/**
 * Applies what is due, in rounds (an applied event may make another due), until nothing is, or a round
 * applies none, or `maxRounds` have run. Returns whether it settled (nothing left due). One loop for
 * the runtime's timers and an update validator's judgement, so both see the same sequence.
 */
export function applyDueRounds<E>(due: () => readonly E[], apply: (event: E) => boolean, maxRounds = MAX_DUE_ROUNDS): boolean {
  for (let round = 0; round < maxRounds; round++) {
    const events = due();
    if (!events.length) return true;
    if (!events.map(apply).some(Boolean)) return false;
  }
  return false;
}

/**
 * The case runtime's bookkeeping, without Temporal: the kind's state, the sequence numbers that make
 * every write idempotent (audit lines, notifications, projections), what is waiting to be written or
 * sent, and which change the read model has caught up with. The runtime (case-runtime.ts) drives it;
 * unit tests drive it with a fake kind.
 *
 * Sequencing: every applied event bumps `changeSeq`. A batch takes everything pending and, once
 * written, brings the read model to that change (`projectedSeq`). An update answers when the change
 * it made is recorded (or its batch failed: then it answers with that failure). Notifications wait
 * until the change that caused them is recorded, so nobody is told about a case they cannot open.
 */

export type SignalEffect = Extract<CaseEffect, { type: 'signal' }>;
export type CancelEffect = Extract<CaseEffect, { type: 'cancel_handoff' }>;

/** Everything one projection writes, and the workflows it starts or tells alongside. */
export interface Batch {
  /** The change the read model reaches once this batch is written. */
  seq: number;
  audit: AuditEvent[];
  tasks: TaskRow[];
  handoffRows: HandoffRow[];
  handoffStarts: HandoffRequest[];
  childStarts: ChildWorkflowRequest[];
  signals: SignalEffect[];
  qaRows: QaDecisionRow[];
  /**
   * Notifications of the batch's changes, written in the same transaction as the rows when the book
   * carries notices with its batches (see `CaseBookOptions`); otherwise empty, and they are dispatched
   * once the batch is recorded.
   */
  notices: NotifyInput[];
}

export interface CaseBookOptions {
  /** Notifications travel with the projection batch instead of being sent one activity each. */
  noticesWithBatch: boolean;
}

export interface ProjectionFailure {
  /** The change whose batch failed; updates up to it answer with `reason`. */
  seq: number;
  reason: string;
  /** The write can never succeed as it is (bad data, a constraint): retried only when something changes, or later. */
  permanent: boolean;
  attempts: number;
  retryAt: number;
}

export type ChangeOutcome = 'pending' | 'recorded' | 'failed';

/** Waits between retries of a failed projection: 15 s, doubling, at most 5 minutes. */
export function projectionRetryDelayMs(attempts: number): number {
  return Math.min(5 * 60_000, 15_000 * 2 ** Math.max(0, attempts - 1));
}

interface Machine<S, E extends MachineEvent, Ctx> {
  transition(state: S, event: E, now: number, ctx: Ctx): Transition<S>;
  caseIdOf(state: S): string;
}

interface Pending {
  audit: AuditEvent[];
  tasks: Map<string, TaskRow>;
  handoffRows: HandoffRow[];
  handoffStarts: HandoffRequest[];
  childStarts: ChildWorkflowRequest[];
  signals: SignalEffect[];
  qaRows: QaDecisionRow[];
  routes: WorkItem[];
  calls: ActivityCall[];
  notices: Array<NotifyInput & { seq: number }>;
  cancels: CancelEffect[];
}

export class CaseBook<S, E extends MachineEvent, Ctx> {
  state: S;
  appliedUpdateIds: string[];
  failure: ProjectionFailure | null = null;
  private auditSeq: number;
  private noticeSeq: number;
  private changes: number;
  private projected: number;
  private readonly runs: number;
  private batchInFlight = false;
  private pending: Pending = {
    audit: [], tasks: new Map(), handoffRows: [], handoffStarts: [], childStarts: [], signals: [], qaRows: [], routes: [], calls: [], notices: [], cancels: [],
  };

  constructor(
    private readonly machine: Machine<S, E, Ctx>,
    private readonly ctx: Ctx,
    private readonly workflowId: string,
    start: CarriedRun<S>,
    private readonly options: CaseBookOptions = { noticesWithBatch: false },
  ) {
    this.state = start.state;
    this.auditSeq = start.auditSeq;
    this.noticeSeq = start.noticeSeq;
    this.projected = start.projectedSeq;
    this.changes = start.projectedSeq;
    this.appliedUpdateIds = [...start.appliedUpdateIds];
    this.runs = start.runs;
  }

  /** A fresh book for a new case. */
  static fresh<S>(state: S): CarriedRun<S> {
    return { state, auditSeq: 0, noticeSeq: 0, projectedSeq: 0, appliedUpdateIds: [], runs: 1 };
  }

  get changeSeq(): number {
    return this.changes;
  }

  get projectedSeq(): number {
    return this.projected;
  }

  /** Whether the event would be accepted now; nothing changes. */
  check(event: E, now: number): Transition<S> {
    return this.machine.transition(this.state, event, now, this.ctx);
  }

  /**
   * Whether the event would be accepted once `before` (events received, not yet applied) are applied
   * in order, those the machine refuses skipped as `apply` would skip them, and then what is due at
   * `now` (`due`: the events the runtime would send for a state, in rounds until none, at most
   * `maxDueRounds`), as an update's handler applies them before its own event; nothing changes.
   */
  checkAfter(before: readonly E[], event: E, now: number, due: (state: S) => readonly E[] = () => [], maxDueRounds = MAX_DUE_ROUNDS): Transition<S> {
    let state = this.state;
    const applied = (next: E): boolean => {
      const result = this.machine.transition(state, next, now, this.ctx);
      if (result.ok) state = result.state;
      return result.ok;
    };
    for (const earlier of before) applied(earlier);
    applyDueRounds(() => due(state), applied, maxDueRounds);
    return this.machine.transition(state, event, now, this.ctx);
  }

  /** Applies the event if the machine accepts it; returns the machine's answer either way. */
  apply(event: E, now: number): Transition<S> {
    const result = this.check(event, now);
    if (result.ok) {
      this.state = result.state;
      this.record(result.effects, now);
    }
    return result;
  }

  /** Takes effects that did not come from a transition (the creation of the case). */
  record(effects: readonly CaseEffect[], now: number): void {
    const p = this.pending;
    this.changes++;
    for (const effect of effects) {
      switch (effect.type) {
        case 'record':
          p.audit.push({ seq: this.auditSeq++, ...effect.entry });
          break;
        case 'task':
          p.tasks.set(effect.task.id, effect.task);
          break;
        case 'notify':
          p.notices.push({
            id: `${this.workflowId}:notice:${this.noticeSeq++}`,
            caseId: this.machine.caseIdOf(this.state),
            at: now,
            ...effect.notice,
            seq: this.changes,
          });
          break;
        case 'route':
          p.routes.push(effect.item);
          break;
        case 'start_handoff':
          p.handoffStarts.push(effect.handoff);
          p.handoffRows.push(openedHandoffRow(effect.handoff));
          break;
        case 'cancel_handoff':
          p.cancels.push(effect);
          break;
        case 'signal':
          p.signals.push(effect);
          break;
        case 'start_workflow':
          p.childStarts.push(effect.child);
          break;
        case 'call':
          p.calls.push(effect.call);
          break;
        case 'qa_record':
          p.qaRows.push(effect.row);
          break;
      }
    }
  }

  hasApplied(updateId: string | undefined): boolean {
    return hasApplied(this.appliedUpdateIds, updateId);
  }

  remember(updateId: string | undefined): void {
    this.appliedUpdateIds = rememberUpdate(this.appliedUpdateIds, updateId);
  }

  /** What became of the change numbered `seq` (an update waits on the change it made). */
  outcomeOf(seq: number): ChangeOutcome {
    if (this.projected >= seq) return 'recorded';
    if (this.failure && this.failure.seq >= seq) return 'failed';
    return 'pending';
  }

  /** A batch should be written now: something changed, and no failed write is waiting for its retry time. */
  projectionDue(now: number): boolean {
    if (this.batchInFlight || this.changes <= this.projected) return false;
    return this.failure === null || this.changes > this.failure.seq || now >= this.failure.retryAt;
  }

  /** When a failed write is retried, if nothing changes before. */
  retryAt(): number | undefined {
    return this.failure && this.changes > this.projected ? this.failure.retryAt : undefined;
  }

  takeBatch(): Batch {
    const p = this.pending;
    const notices = this.options.noticesWithBatch ? p.notices.map(({ seq: _seq, ...notice }) => notice) : [];
    const batch: Batch = {
      seq: this.changes,
      notices,
      audit: p.audit,
      tasks: [...p.tasks.values()],
      handoffRows: p.handoffRows,
      handoffStarts: p.handoffStarts,
      childStarts: p.childStarts,
      signals: p.signals,
      qaRows: p.qaRows,
    };
    this.pending = {
      ...p, audit: [], tasks: new Map(), handoffRows: [], handoffStarts: [], childStarts: [], signals: [], qaRows: [],
      notices: this.options.noticesWithBatch ? [] : p.notices,
    };
    this.batchInFlight = true;
    return batch;
  }

  batchRecorded(batch: Batch): void {
    this.batchInFlight = false;
    this.projected = Math.max(this.projected, batch.seq);
    this.failure = null;
  }

  /**
   * The batch could not be written. Its rows go back in front of what came since (a newer version of
   * a task wins), except the workflows that did start and the signals that did go out.
   */
  batchFailed(batch: Batch, failure: { reason: string; permanent: boolean; started: string[]; signalled: number[] }, now: number): void {
    this.batchInFlight = false;
    const p = this.pending;
    const newerTasks = p.tasks;
    p.tasks = new Map(batch.tasks.map((t) => [t.id, t]));
    for (const [id, t] of newerTasks) p.tasks.set(id, t);
    p.audit = [...batch.audit, ...p.audit];
    p.handoffRows = [...batch.handoffRows, ...p.handoffRows];
    p.handoffStarts = [...batch.handoffStarts.filter((h) => !failure.started.includes(h.handoffId)), ...p.handoffStarts];
    p.childStarts = [...batch.childStarts.filter((c) => !failure.started.includes(c.workflowId)), ...p.childStarts];
    p.signals = [...batch.signals.filter((_, i) => !failure.signalled.includes(i)), ...p.signals];
    p.qaRows = [...batch.qaRows, ...p.qaRows];
    // The batch's notices go with its retry; they belong to changes up to the batch's own.
    p.notices = [...batch.notices.map((n) => ({ ...n, seq: batch.seq })), ...p.notices];
    const attempts = (this.failure?.attempts ?? 0) + 1;
    this.failure = {
      seq: batch.seq,
      reason: failure.reason,
      permanent: failure.permanent,
      attempts,
      retryAt: now + projectionRetryDelayMs(attempts),
    };
  }

  takeRoutes(): WorkItem[] {
    return this.pending.routes.splice(0);
  }

  hasRoutes(): boolean {
    return this.pending.routes.length > 0;
  }

  takeCalls(): ActivityCall[] {
    return this.pending.calls.splice(0);
  }

  hasCalls(): boolean {
    return this.pending.calls.length > 0;
  }

  /** Notifications whose change is recorded, and handoff cancellations: sent without holding the case up. */
  takeDispatches(): { notices: NotifyInput[]; cancels: CancelEffect[] } {
    const ready = this.pending.notices.filter((n) => n.seq <= this.projected);
    this.pending.notices = this.pending.notices.filter((n) => n.seq > this.projected);
    const notices = ready.map(({ seq: _seq, ...notice }) => notice);
    return { notices, cancels: this.pending.cancels.splice(0) };
  }

  hasDispatches(): boolean {
    return this.pending.cancels.length > 0 || this.pending.notices.some((n) => n.seq <= this.projected);
  }

  /** Nothing waits to be applied, routed, written or sent. */
  isSettled(now: number): boolean {
    return !this.hasRoutes() && !this.hasCalls() && !this.projectionDue(now) && !this.hasDispatches() && this.changes === this.projected;
  }

  carry(): CarriedRun<S> {
    return {
      state: this.state,
      auditSeq: this.auditSeq,
      noticeSeq: this.noticeSeq,
      projectedSeq: this.projected,
      appliedUpdateIds: this.appliedUpdateIds,
      runs: this.runs + 1,
    };
  }
}
