import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  CancellationScope,
  condition,
  continueAsNew,
  currentUpdateInfo,
  getExternalWorkflowHandle,
  isCancellation,
  log,
  ParentClosePolicy,
  patched,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError, type QueryDefinition, type SignalDefinition, type UpdateDefinition } from '@temporalio/common';
import { HANDOFF_PATCHES_AT_START, HANDOFF_WORKFLOW_TYPE, handoffWorkflowId, type HandoffAnswer, type HandoffInput, type HandoffRequest } from '../../handoff/handoff.contract';
import { notRecorded, refusal } from '../refusal';
import { LATER_SEARCH_ATTRIBUTES, TEAM_AND_DEADLINE_PATCH } from '../search-attributes';
import { NOTICES_IN_PROJECTION_PATCH, PROJECTION_LOCAL_PATCH, SIGNALS_BEFORE_UPDATES_PATCH, type StartedWithPatches } from './patch-ids';
import type { WorkItem } from '../routing';
import { approvalDue, nextApprovalWake } from '../approval/approval';
import { calls, localProjection, messaging, projection, routing } from './activity-options';
import { applyDueRounds, CaseBook, type Batch, type CancelEffect, type SignalEffect } from './case-book';
import type { ActivityCall, CallResult, CaseKindDefinition, ChildLink, ChildWorkflowRequest, MachineEvent, Projection, RoutingOutcome, Transition } from './case-kind';

/**
 * The one engine every case kind runs on. A kind brings its pure machine, its view and its projection
 * (CaseKindDefinition); the runtime owns the Temporal side:
 * - updates, each with a synchronous validator that runs the same machine check as its handler, and
 *   de-duplicated by update id across continue-as-new;
 * - the projection sequence: an update answers once its change is in the read model, or with a clear
 *   error once writing it has failed (never an unbounded wait);
 * - the effects: routing (whose answer goes back to the machine), handoff child workflows, signals,
 *   notifications and cancellations, each an activity or a Temporal command;
 * - the timer loop: it sleeps until the machine's next due instant and sends the due events;
 * - continue-as-new with everything carried, and the workflow's own input validation.
 *
 * Handlers are registered by the kind's workflow function (query, recorded, action, signal) before
 * `run()`, so no update arrives before its handler.
 */
export class CaseRuntime<S, E extends MachineEvent, In, V, Ctx> {
  private readonly ctx: Ctx;
  private readonly book: CaseBook<S, E, Ctx>;
  private readonly workflowId = workflowInfo().workflowId;
  /** Events from signals, applied by the loop in arrival order. */
  private readonly inbox: E[] = [];
  /** Notifications and cancellations in flight; finished before the run ends or continues as new. */
  private readonly inFlight = new Set<Promise<void>>();
  /** The change the case's creation brought the book to: `recorded` waits for it. */
  private readonly createdSeq: number;
  private answerSignalName: string | null = null;
  /** The result signals registered with `childResults`, first registered first. */
  private readonly childSignalNames: string[] = [];
  private lastSearchAttributes = '';
  /** Whether this run projects through local activities (PROJECTION_LOCAL_PATCH). */
  private readonly projector: typeof projection;
  /** `patched()`, except for the patches the input lists as in force at start (patch-ids.ts). */
  private readonly patched: (patchId: string) => boolean;

  constructor(
    private readonly kind: CaseKindDefinition<S, E, In, V, Ctx>,
    private readonly input: In,
  ) {
    const problem = kind.validateInput(input);
    if (problem) throw ApplicationFailure.nonRetryable(`refused to start the ${kind.name}: ${problem}`, 'invalid_input');
    this.patched = patchGate(input);
    this.ctx = kind.context(input, this.patched);
    this.projector = this.patched(PROJECTION_LOCAL_PATCH) ? localProjection : projection;
    const options = { noticesWithBatch: this.patched(NOTICES_IN_PROJECTION_PATCH) };
    const now = Date.now();
    const carried = kind.carriedFrom(input);
    if (carried) {
      this.book = new CaseBook(kind, this.ctx, this.workflowId, carried, options);
    } else {
      const created = kind.create(input, now, this.ctx);
      this.book = new CaseBook(kind, this.ctx, this.workflowId, CaseBook.fresh(created.state), options);
      this.book.record(created.effects, now);
      for (const event of created.events) this.applySystem(event);
    }
    this.createdSeq = Math.max(1, this.book.changeSeq);
  }

  // ----- handlers ------------------------------------------------------------------------------------

  query(def: QueryDefinition<V>): void {
    setHandler(def, () => this.view());
  }

  /** An update that answers once the case is in the read model, so a read right after the start finds it. */
  recorded(def: UpdateDefinition<V, []>): void {
    setHandler(def, () => this.answer(this.createdSeq));
  }

  /** An update whose request becomes one machine event; it answers once the change is recorded. */
  action<Req>(def: UpdateDefinition<V, [Req]>, toEvent: (req: Req) => E): void {
    setHandler(def, (req: Req) => this.act(toEvent(req)), {
      // Synchronous on purpose: the SDK does not await validators.
      validator: (req: Req) => {
        if (this.book.hasApplied(currentUpdateInfo()?.id)) return;
        // Validators run only when not replaying, where the handler's patched() is true: judge the
        // update as the handler will apply it, after the signals received before it and what is due
        // (a breach at this very instant).
        const now = Date.now();
        this.refuseUnless(this.book.checkAfter(this.inbox, toEvent(req), now, (state) => this.dueEvents(state, now)));
      },
    });
  }

  /** A signal whose payload becomes one machine event, sent as it arrives (system answers, e.g. from another workflow). */
  signal<P>(def: SignalDefinition<[P]>, toEvent: (payload: P) => E): void {
    setHandler(def, (payload: P) => {
      this.inbox.push(toEvent(payload));
    });
  }

  /** Handoff answers from this case's handoff workflows. */
  handoffAnswers(def: SignalDefinition<[HandoffAnswer]>): void {
    const onAnswer = this.kind.onHandoffAnswered;
    if (!onAnswer) throw new Error(`${this.kind.name} takes no handoff answers`);
    this.answerSignalName = def.name;
    this.signal(def, onAnswer);
  }

  /** Results reported by this case's child workflows (`start_workflow` effects); a kind may register several. */
  childResults<P>(def: SignalDefinition<[P]>, toEvent: (payload: P) => E): void {
    this.childSignalNames.push(def.name);
    this.signal(def, toEvent);
  }

  private async act(event: E): Promise<V> {
    const updateId = currentUpdateInfo()?.id;
    if (!this.book.hasApplied(updateId)) {
      // Signals received before this update happen before it, as they arrived.
      if (this.inbox.length > 0 && this.patched(SIGNALS_BEFORE_UPDATES_PATCH)) this.applyInbox();
      // Anything already due (a breach at this very instant) happens first.
      this.fireDueEvents(Date.now());
      this.refuseUnless(this.book.apply(event, Date.now()));
      this.book.remember(updateId);
    }
    return this.answer(this.book.changeSeq);
  }

  private async answer(seq: number): Promise<V> {
    await condition(() => this.book.outcomeOf(seq) !== 'pending');
    if (this.book.outcomeOf(seq) === 'failed') throw notRecorded(this.book.failure?.reason ?? 'unknown failure');
    return this.view();
  }

  private refuseUnless(result: Transition<S>): void {
    if (result.ok) return;
    if (result.code === 'invalid_input') {
      // The same shape as the API's own validation: details.fields names what to correct.
      throw refusal('validation_failed', result.reason, result.field ? { fields: [{ field: result.field, problems: [result.reason] }] } : undefined);
    }
    throw refusal(result.code, result.reason, result.denial ? { denial: result.denial } : undefined);
  }

  private view(): V {
    return this.kind.view(this.book.state, Date.now(), this.ctx, this.workflowId);
  }

  /** The events of the signals received so far, in arrival order. */
  private applyInbox(): void {
    while (this.inbox.length) this.applySystem(this.inbox.shift()!);
  }

  /** For events the runtime sends itself (timers, routing, answers): a refusal is logged, not thrown. */
  private applySystem(event: E): boolean {
    const result = this.book.apply(event, Date.now());
    if (!result.ok) log.warn(`event refused by the ${this.kind.name} machine`, { event: event.type, code: result.code, reason: result.reason });
    return result.ok;
  }

  // ----- the run -------------------------------------------------------------------------------------

  async run(): Promise<V> {
    try {
      await this.loop();
    } catch (err) {
      if (!isCancellation(err) || !this.kind.onCancelled) throw err;
      this.applySystem(this.kind.onCancelled());
      await CancellationScope.nonCancellable(() => this.flush());
      return this.view();
    }
    await this.finishInFlight();
    await condition(allHandlersFinished);
    return this.view();
  }

  private async loop(): Promise<void> {
    for (;;) {
      await this.work();
      if (this.hasDueWork()) continue;
      const settled = this.book.isSettled(Date.now());
      if (settled && this.kind.isFinished(this.book.state)) return;
      if (settled && this.continueAsNewDue()) {
        await this.continueAsNew();
        continue;
      }
      await this.sleepUntilDue();
    }
  }

  /** One round: answers that arrived, routing, the projection batch, then messages (which nobody waits for). */
  private async work(): Promise<void> {
    this.applyInbox();
    for (const item of this.book.takeRoutes()) await this.route(item);
    for (const call of this.book.takeCalls()) await this.call(call);
    if (this.book.projectionDue(Date.now())) await this.writeBatch();
    this.dispatch();
  }

  private hasDueWork(): boolean {
    return this.inbox.length > 0 || this.book.hasRoutes() || this.book.hasCalls() || this.book.projectionDue(Date.now()) || this.book.hasDispatches();
  }

  private async sleepUntilDue(): Promise<void> {
    const approvals = this.kind.pendingApprovals?.(this.book.state);
    const times = [this.kind.nextWakeAt(this.book.state, this.ctx), this.book.retryAt(), approvals ? nextApprovalWake(approvals) : undefined].filter(
      (t): t is number => t !== undefined,
    );
    const wake = times.length ? Math.min(...times) : undefined;
    if (wake === undefined) await condition(() => this.hasDueWork());
    else if (wake > Date.now()) await condition(() => this.hasDueWork(), wake - Date.now());
    this.fireDueEvents(Date.now());
  }

  private fireDueEvents(now: number): void {
    if (applyDueRounds(() => this.dueEvents(this.book.state, now), (e) => this.applySystem(e))) return;
    log.error(`the ${this.kind.name} machine keeps reporting due events it does not apply`, { caseId: this.kind.caseIdOf(this.book.state) });
  }

  /** What the runtime sends a case in `state` at `now`: the machine's due events, then its approvals' reminders and escalations. */
  private dueEvents(state: S, now: number): E[] {
    return [...this.kind.dueEvents(state, now, this.ctx), ...this.dueApprovalEvents(state, now)];
  }

  /** The reminders and escalations of the kind's pending approvals that are due at `now`. */
  private dueApprovalEvents(state: S, now: number): E[] {
    const { pendingApprovals, onApprovalDue } = this.kind;
    if (!pendingApprovals || !onApprovalDue) return [];
    return pendingApprovals(state).flatMap((a) => {
      const due = approvalDue(a, now);
      return due ? [onApprovalDue(a.id, due)] : [];
    });
  }

  private continueAsNewDue(): boolean {
    if (!this.kind.continueWith) return false;
    const info = workflowInfo();
    const limit = this.kind.continueAsNewAfterEvents?.(this.ctx);
    return info.continueAsNewSuggested || (limit !== undefined && info.historyLength > limit);
  }

  private async continueAsNew(): Promise<void> {
    await this.finishInFlight();
    await condition(allHandlersFinished);
    if (this.hasDueWork() || !this.book.isSettled(Date.now())) return;
    await continueAsNew<(input: In) => Promise<V>>(this.kind.continueWith!(this.input, this.book.carry()));
  }

  /** Whatever is pending, written and sent (after a cancellation, so the read model shows it). */
  private async flush(): Promise<void> {
    while (this.book.projectionDue(Date.now())) await this.writeBatch();
    this.dispatch();
    await this.finishInFlight();
  }

  // ----- effects -------------------------------------------------------------------------------------

  private async route(item: WorkItem): Promise<void> {
    let outcome: RoutingOutcome;
    try {
      const result = await routing.assignCase(item, Date.now());
      outcome = { decision: result.decision, userId: result.userId, reason: result.reason };
    } catch (err) {
      outcome = { decision: 'queue', userId: null, reason: `routing failed (${failureMessage(err)}); the case waits in the queue` };
    }
    if (this.kind.onRouted) this.applySystem(this.kind.onRouted(outcome));
  }

  /** Runs one activity call; its answer (or its failure, after the retries) goes back to the machine. */
  private async call(call: ActivityCall): Promise<void> {
    const run = calls[call.activity] as (input: unknown) => Promise<unknown>;
    let result: CallResult;
    try {
      result = { id: call.id, activity: call.activity, ok: true, value: await run(call.input) };
    } catch (err) {
      result = { id: call.id, activity: call.activity, ok: false, error: failureMessage(err) };
    }
    if (!this.kind.onCallResult) throw new Error(`${this.kind.name} called ${call.activity} but takes no call results`);
    this.applySystem(this.kind.onCallResult(result));
  }

  /**
   * Writes the batch to the read model while starting its handoff workflows and sending its signals,
   * side by side: an update answers once all are done, so a handoff team can answer at once.
   */
  private async writeBatch(): Promise<void> {
    const batch = this.book.takeBatch();
    const started: string[] = [];
    const signalled: number[] = [];
    const results = await Promise.allSettled([
      this.project(this.kind.project(this.book.state, this.view(), this.workflowId), batch),
      ...batch.qaRows.map((row) => projection.projectQaDecision({ row, projectionSeq: 0, tasks: [] })),
      ...batch.handoffStarts.map((h) => this.startHandoff(h).then(() => void started.push(h.handoffId))),
      ...batch.childStarts.map((c) => this.startChildWorkflow(c).then(() => void started.push(c.workflowId))),
      ...batch.signals.map((s, i) => this.send(s).then(() => void signalled.push(i))),
    ]);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (!failed) {
      this.book.batchRecorded(batch);
      this.upsertSearchAttributes();
      return;
    }
    const reason = failureMessage(failed.reason);
    const permanent = isPermanent(failed.reason);
    log.warn(`could not record the ${this.kind.name}`, { caseId: this.kind.caseIdOf(this.book.state), seq: batch.seq, reason, permanent });
    this.book.batchFailed(batch, { reason, permanent, started, signalled }, Date.now());
  }

  private async project(p: Projection, batch: Batch): Promise<void> {
    // Only when there are some: the inputs of runs recorded before notices travelled stay as they were.
    const notices = batch.notices.length ? { notices: batch.notices } : {};
    if (p.target === 'case') {
      await this.projector.projectCase({
        row: p.row,
        projectionSeq: batch.seq,
        events: batch.audit,
        tasks: batch.tasks,
        clocks: [...p.clocks],
        newHandoffs: batch.handoffRows,
        ...notices,
      });
    } else if (p.target === 'handoff') {
      await this.projector.projectHandoff({ row: p.row, projectionSeq: batch.seq, tasks: batch.tasks, ...notices });
    } else {
      await this.projector.projectQaDecision({ row: p.row, projectionSeq: batch.seq, tasks: batch.tasks, ...notices });
    }
  }

  private async startHandoff(request: HandoffRequest): Promise<void> {
    if (!this.answerSignalName) throw new Error(`${this.kind.name} asked for a handoff but registered no handoff answers`);
    const input: HandoffInput = { ...request, parentWorkflowId: this.workflowId, answerSignalName: this.answerSignalName, patchesAtStart: HANDOFF_PATCHES_AT_START };
    try {
      // Abandoned on close, not terminated: the child must outlive this run's continue-as-new.
      await startChild(HANDOFF_WORKFLOW_TYPE, {
        workflowId: handoffWorkflowId(request.handoffId),
        args: [input],
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }

  private async startChildWorkflow(request: ChildWorkflowRequest): Promise<void> {
    const signalName = request.resultSignal ?? this.childSignalNames[0];
    if (!request.detached && (signalName === undefined || !this.childSignalNames.includes(signalName))) {
      throw new Error(`${this.kind.name} started a child workflow whose results (${signalName ?? 'any'}) it did not register`);
    }
    const link: ChildLink | Record<string, never> = request.detached ? {} : { parentWorkflowId: this.workflowId, resultSignalName: signalName! };
    try {
      await startChild(request.workflowType, {
        workflowId: request.workflowId,
        args: [{ ...request.input, ...link }],
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }

  private async send(s: SignalEffect): Promise<void> {
    await getExternalWorkflowHandle(s.workflowId).signal(s.signalName, s.payload);
  }

  /** Notifications (whose change is recorded) and handoff cancellations, in flight while the case goes on. */
  private dispatch(): void {
    const { notices, cancels } = this.book.takeDispatches();
    for (const notice of notices) this.track(messaging.notify(notice).then(() => undefined), 'notification', notice.id);
    for (const cancel of cancels) this.track(this.cancelHandoff(cancel), 'handoff cancellation', cancel.handoffId);
  }

  private async cancelHandoff(c: CancelEffect): Promise<void> {
    try {
      await getExternalWorkflowHandle(handoffWorkflowId(c.handoffId)).cancel();
    } catch (err) {
      log.info('handoff already finished', { handoffId: c.handoffId, error: failureMessage(err) });
    }
  }

  private track(work: Promise<void>, what: string, id: string): void {
    const tracked: Promise<void> = work
      .catch((err: unknown) => log.warn(`${what} failed`, { id, error: failureMessage(err) }))
      .finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  private async finishInFlight(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  private upsertSearchAttributes(): void {
    const all = this.kind.searchAttributes?.(this.book.state);
    if (!all?.length) return;
    // Histories recorded before the team and deadline attributes existed replay without them.
    const pairs = this.patched(TEAM_AND_DEADLINE_PATCH) ? all : all.filter((p) => !LATER_SEARCH_ATTRIBUTES.includes(p.key.name));
    const key = JSON.stringify(pairs.map((p) => [p.key.name, p.value]));
    if (key === this.lastSearchAttributes) return;
    upsertSearchAttributes(pairs);
    this.lastSearchAttributes = key;
  }
}

/**
 * Temporal's `patched()`, answered true without a marker for the patches the input lists as in force
 * when the case was started (StartedWithPatches). The input is part of the history, so a replay
 * answers as the run did; an input without the list (a history recorded before it) asks `patched()`.
 */
function patchGate(input: unknown): (patchId: string) => boolean {
  const listed = (input as StartedWithPatches | null)?.patchesAtStart;
  const inForce = new Set(Array.isArray(listed) ? listed.filter((id): id is string => typeof id === 'string') : []);
  return (patchId) => inForce.has(patchId) || patched(patchId);
}

function failureMessage(err: unknown): string {
  if (err instanceof ActivityFailure && err.cause) return err.cause.message;
  return err instanceof Error ? err.message : String(err);
}

/** An activity that failed for good: its error was marked non-retryable (bad data, a broken constraint). */
function isPermanent(err: unknown): boolean {
  // An activity's failure arrives as ActivityFailure around the ApplicationFailure; a local activity's as the ApplicationFailure itself.
  const cause = err instanceof ActivityFailure ? err.cause : err;
  return cause instanceof ApplicationFailure && cause.nonRetryable === true;
}

