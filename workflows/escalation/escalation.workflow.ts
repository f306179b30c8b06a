import {
  allHandlersFinished,
  condition,
  continueAsNew,
  currentUpdateInfo,
  getExternalWorkflowHandle,
  log,
  ParentClosePolicy,
  proxyActivities,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { Activities } from '../../activities';
import { SYSTEM_ACTOR } from '../common/actor';
import type { AuditEvent, HandoffRow, NotificationRecipient, TaskRow } from '../common/case-projection';
import {
  calendarLookup,
  currentClock,
  extendNamed,
  nextClockWake,
  pauseNamed,
  resumeNamed,
  settleAll,
  startNamed,
  stopNamed,
  type ClockBook,
} from '../common/clock-book';
import { refusal, type RefusalType } from '../common/refusal';
import { SA_ASSIGNEE, SA_BREACHED, SA_STATE } from '../common/search-attributes';
import { startClock } from '../common/sla-clock';
import { HANDOFF_WORKFLOW_TYPE, handoffWorkflowId, type HandoffInput } from '../handoff/handoff.contract';
import {
  acknowledgeUpdate,
  awaitRecordedUpdate,
  claimUpdate,
  escalateUpdate,
  extendSlaUpdate,
  getEscalationQuery,
  handOffUpdate,
  handoffAnsweredSignal,
  reassignUpdate,
  recordSellerResponseUpdate,
  releaseUpdate,
  reopenUpdate,
  requestInfoUpdate,
  resolveUpdate,
  type ActionRequest,
  type CarriedEscalation,
  type EscalationInput,
  type EscalationView,
  type Lease,
} from './escalation.contract';
import {
  createEscalation,
  transition,
  type Clock,
  type Effect,
  type EscalationEvent,
  type EscalationState,
  type TransitionResult,
} from './escalation.machine';
import { buildView, caseRow, isBreached, notificationText, openedHandoffRow, taskRow } from './escalation.view';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const CASE_CLOCKS: Clock[] = ['first_response', 'resolution'];
const MAX_REMEMBERED_UPDATE_IDS = 500;
type AsyncEffect = Extract<Effect, { type: 'notify' | 'request_assignment' | 'start_handoff' | 'cancel_handoff' }>;

/**
 * An escalation, as a thin interpreter of the escalation machine (escalation.machine.ts): updates
 * are validated by the machine (which re-checks permissions), its effects run here (clocks and
 * deadlines as durable timers, tasks, notifications, routing, handoff child workflows), and every
 * change is projected to PostgreSQL before the update answers, so the caller can read it back.
 */
export async function escalationWorkflow(input: EscalationInput): Promise<EscalationView> {
  const { settings } = input;
  const ctx = { reopenWindowMs: settings.reopenWindowMs };
  const cals = calendarLookup([settings.firstResponse, settings.resolution, settings.sellerResponse, ...Object.values(settings.handoffs)]);
  const workflowId = workflowInfo().workflowId;
  const carried: CarriedEscalation | undefined = input.carried;

  let state: EscalationState =
    carried?.state ??
    createEscalation(
      {
        caseId: input.caseId,
        sellerId: input.sellerId,
        marketplace: input.marketplace,
        severity: input.severity,
        category: input.category,
        summary: input.summary,
        createdBy: input.createdBy,
        team: input.team,
        language: input.language,
        requestedAt: input.requestedAt,
      },
      Date.now(),
    );
  let book: ClockBook = { clocks: carried?.clocks ?? [] };
  const tasks = new Map<string, TaskRow>((carried?.tasks ?? []).map((t) => [t.id, t]));
  const changedTasks = new Set<string>();
  const deadlines: CarriedEscalation['deadlines'] = { ...(carried?.deadlines ?? {}) };
  let lease: Lease | null = carried?.lease ?? null;
  let auditSeq = carried?.auditSeq ?? 0;
  let notificationSeq = carried?.notificationSeq ?? 0;
  let projectedSeq = carried?.projectionSeq ?? 0;
  let changeSeq = projectedSeq;
  const pendingAudit: AuditEvent[] = [];
  const pendingEffects: AsyncEffect[] = [];
  const inbox: EscalationEvent[] = [];
  const openedHandoffs: HandoffRow[] = [];
  let handoffsStarting = 0;
  // Temporal de-duplicates update ids within a run; these carry that guarantee across continue-as-new.
  const appliedUpdateIds: string[] = [...(carried?.appliedUpdateIds ?? [])];

  const view = () => buildView({ state, workflowId, book, cals, tasks: tasks.values(), lease, now: Date.now() });

  // ----- applying machine transitions ----------------------------------------------------------------

  function check(event: EscalationEvent): Extract<TransitionResult, { ok: true }> {
    const result = transition(state, event, Date.now(), ctx);
    if (!result.ok) {
      const type: RefusalType = result.code === 'invalid_input' ? 'validation_failed' : result.code;
      throw refusal(type, result.reason, result.denial ? { denial: result.denial } : undefined);
    }
    return result;
  }

  function apply(event: EscalationEvent): void {
    const now = Date.now();
    const result = check(event);
    state = result.state;
    for (const effect of result.effects) interpret(effect, now);
    updateLease(event, now);
    changeSeq++;
  }

  /** For events the workflow sends itself (timers, routing, answers): a refusal is logged, not thrown. */
  function applySystem(event: EscalationEvent): boolean {
    try {
      apply(event);
      return true;
    } catch (err) {
      log.warn('event refused by the escalation machine', { event: event.type, error: (err as Error).message });
      return false;
    }
  }

  function updateLease(event: EscalationEvent, now: number): void {
    if (event.type === 'claimed' || event.type === 'assigned' || event.type === 'reassigned') {
      lease = state.assigneeId ? { userId: state.assigneeId, expiresAt: now + settings.claimLeaseMs } : null;
    } else if (lease && (event.actor.userId === lease.userId || state.assigneeId !== lease.userId)) {
      // The holder acted on the case (or it changed hands): the lease has done its job.
      lease = null;
    }
  }

  function interpret(effect: Effect, now: number): void {
    switch (effect.type) {
      case 'record_event':
        pendingAudit.push({
          seq: auditSeq++,
          actor: effect.actor,
          action: effect.action,
          fromState: effect.from,
          toState: effect.to,
          reason: effect.reason,
          details: effect.details,
          at: effect.at,
        });
        return;
      case 'start_clock':
        book = startNamed(book, effect.clock, effect.clock === 'first_response' ? settings.firstResponse : settings.resolution, now);
        return;
      case 'stop_clock':
        book = stopNamed(book, effect.clock, cals, now, 'met');
        return;
      case 'pause_clock':
        book = pauseNamed(book, effect.clock, cals, now, effect.reason);
        return;
      case 'resume_clock':
        book = resumeNamed(book, effect.clock, cals, now);
        return;
      case 'extend_clock':
        book = extendNamed(book, effect.clock, cals, now, effect.byMs, lastActor(), effect.reason);
        return;
      case 'set_deadline':
        deadlines[effect.deadline] = effect.at;
        if (effect.deadline === 'seller_response') {
          // The seller's own clock: the deadline the specialist set, reminded at the policy's point.
          book = startNamed(book, 'seller_response', { ...settings.sellerResponse, budgetMs: Math.max(1, effect.at - now) }, now);
        }
        return;
      case 'clear_deadline':
        delete deadlines[effect.deadline];
        if (effect.deadline === 'seller_response') book = stopNamed(book, 'seller_response', cals, now, 'met');
        return;
      case 'create_task':
        tasks.set(effect.task.id, taskRow(effect.task, state.summary, taskDueAt(effect.task.kind)));
        changedTasks.add(effect.task.id);
        return;
      case 'complete_task': {
        const task = tasks.get(effect.taskId);
        if (task) tasks.set(task.id, { ...task, status: effect.outcome, completedAt: now });
        changedTasks.add(effect.taskId);
        return;
      }
      case 'start_handoff': {
        const opened = state.handoffs.find((h) => h.id === effect.handoff.id);
        if (opened) openedHandoffs.push(openedHandoffRow(state, opened));
        pendingEffects.push(effect);
        return;
      }
      case 'notify':
      case 'request_assignment':
      case 'cancel_handoff':
        pendingEffects.push(effect);
        return;
    }
  }

  function lastActor(): string {
    return pendingAudit[pendingAudit.length - 1]?.actor.userId ?? 'system';
  }

  /** Work and queue tasks are due when the case's resolution (or first response) would breach. */
  function taskDueAt(kind: string): number | null {
    const clock = currentClock(book, kind === 'queue' && state.acknowledgedAt === null ? 'first_response' : 'resolution');
    return clock && (clock.status === 'running' || clock.status === 'paused') ? clock.deadlineAt : null;
  }

  // ----- messages ------------------------------------------------------------------------------------

  /** Registers an update whose request becomes one machine event; answers once the change is projected. */
  function onAction<Req extends ActionRequest>(def: UpdateDefinition<EscalationView, [Req]>, toEvent: (req: Req) => EscalationEvent) {
    const handler = async (req: Req): Promise<EscalationView> => {
      const updateId = currentUpdateInfo()?.id;
      if (updateId && appliedUpdateIds.includes(updateId)) return view();
      apply(toEvent(req));
      if (updateId) {
        appliedUpdateIds.push(updateId);
        if (appliedUpdateIds.length > MAX_REMEMBERED_UPDATE_IDS) appliedUpdateIds.shift();
      }
      const target = changeSeq;
      await condition(() => projectedSeq >= target && handoffsStarting === 0);
      return view();
    };
    // Synchronous on purpose: the SDK does not await validators.
    const validator = (req: Req): void => {
      const updateId = currentUpdateInfo()?.id;
      if (updateId && appliedUpdateIds.includes(updateId)) return;
      check(toEvent(req));
    };
    // setHandler's overloads cannot infer through this generic helper; the definition fixes the types.
    setHandler(def as UpdateDefinition<unknown, [never]>, handler as never, { validator: validator as never });
  }

  setHandler(getEscalationQuery, view);
  setHandler(awaitRecordedUpdate, async () => {
    await condition(() => projectedSeq > 0);
    return view();
  });
  onAction(acknowledgeUpdate, ({ actor }) => ({ type: 'acknowledged', actor }));
  onAction(claimUpdate, ({ actor }) => ({ type: 'claimed', actor }));
  onAction(releaseUpdate, ({ actor, reason }) => ({ type: 'released', actor, reason }));
  onAction(requestInfoUpdate, ({ actor, question, deadline }) => ({ type: 'info_requested', actor, question, deadline }));
  onAction(recordSellerResponseUpdate, ({ actor, summary }) => ({ type: 'seller_responded', actor, summary }));
  onAction(handOffUpdate, ({ actor, team, question, blocking }) => ({
    type: 'handed_off',
    actor,
    team,
    question,
    blocking,
    dueAt: settings.handoffs[team] ? startClock({ ...settings.handoffs[team], id: 'due', now: Date.now() }).deadlineAt : undefined,
  }));
  onAction(resolveUpdate, ({ actor, resolutionCode, rootCause, note }) => ({ type: 'resolved', actor, resolutionCode, rootCause, note }));
  onAction(reopenUpdate, ({ actor, reason }) => ({ type: 'reopened', actor, reason }));
  onAction(escalateUpdate, ({ actor, reason }) => ({ type: 'escalated', actor, reason }));
  onAction(reassignUpdate, ({ actor, assigneeId, team, reason }) => ({ type: 'reassigned', actor, assigneeId, team, reason }));
  onAction(extendSlaUpdate, ({ actor, clock, byMs, reason }) => ({ type: 'sla_extended', actor, clock, byMs, reason }));
  setHandler(handoffAnsweredSignal, (answer) => {
    const text = answer.citation ? `${answer.notes} (citation: ${answer.citation})` : answer.notes;
    inbox.push({ type: 'handoff_answered', actor: answer.answeredBy, handoffId: answer.handoffId, outcome: answer.outcome, answer: text });
  });

  // ----- timers, effects, projection ----------------------------------------------------------------

  function nextWake(): number | undefined {
    const candidates = [nextClockWake(book), deadlines.seller_response, deadlines.reopen_window, lease?.expiresAt].filter(
      (t): t is number => t !== undefined,
    );
    return candidates.length ? Math.min(...candidates) : undefined;
  }

  function fireTimers(now: number): void {
    const settled = settleAll(book, now);
    book = settled.book;
    for (const due of settled.due) {
      if (due.event === 'warning') {
        queueNotice(ownerOf(), 'sla_warning');
        changeSeq++;
      } else if ((CASE_CLOCKS as string[]).includes(due.name)) {
        const clock = due.name as Clock;
        if (!applySystem({ type: 'escalated', actor: SYSTEM_ACTOR, reason: `${clock.replace('_', ' ')} SLA breached`, breach: clock })) {
          // The machine cannot escalate from here (e.g. still in triage): keep the breach on record anyway.
          state = { ...state, breaches: { ...state.breaches, [clock]: true } };
          queueNotice({ kind: 'managers', team: state.team ?? input.team }, 'sla_breached');
          changeSeq++;
        }
      } else {
        changeSeq++;
      }
    }
    if (deadlines.seller_response !== undefined && now >= deadlines.seller_response) {
      delete deadlines.seller_response;
      applySystem({ type: 'seller_deadline_expired', actor: SYSTEM_ACTOR });
    }
    if (deadlines.reopen_window !== undefined && now >= deadlines.reopen_window) {
      delete deadlines.reopen_window;
      applySystem({ type: 'closed', actor: SYSTEM_ACTOR });
    }
    if (lease && now >= lease.expiresAt) {
      const expired = lease;
      lease = null;
      if (state.assigneeId === expired.userId && (state.status === 'assigned' || state.status === 'in_progress')) {
        applySystem({ type: 'released', actor: SYSTEM_ACTOR, reason: 'lease_expired' });
      }
    }
  }

  function ownerOf(): NotificationRecipient {
    if (state.status === 'escalated_to_manager' || !state.assigneeId) return { kind: 'managers', team: state.team ?? input.team };
    return { kind: 'user', userId: state.assigneeId };
  }

  function queueNotice(to: NotificationRecipient, template: Parameters<typeof notificationText>[0]): void {
    pendingEffects.push({ type: 'notify', to: to as never, template: template as never, caseId: state.caseId });
  }

  async function runEffect(effect: AsyncEffect): Promise<void> {
    const now = Date.now();
    switch (effect.type) {
      case 'notify':
        await acts.notify({
          id: `${state.caseId}:notice:${notificationSeq++}`,
          caseId: state.caseId,
          to: effect.to as NotificationRecipient,
          template: effect.template,
          message: notificationText(effect.template, state),
          at: now,
        });
        return;
      case 'request_assignment': {
        const result = await acts.assignCase(effect.item, now);
        if (result.decision === 'assign' && result.userId) {
          applySystem({ type: 'assigned', actor: SYSTEM_ACTOR, assigneeId: result.userId, reason: result.reason });
        } else if (applySystem({ type: 'queued', actor: SYSTEM_ACTOR, reason: result.reason })) {
          queueNotice({ kind: 'managers', team: effect.item.team }, 'case_queued_no_one_eligible');
        }
        return;
      }
      case 'start_handoff': {
        const h = effect.handoff;
        const handoffInput: HandoffInput = {
          handoffId: h.id,
          caseId: state.caseId,
          caseKind: 'escalation',
          caseTeam: state.team,
          parentWorkflowId: workflowId,
          answerSignalName: handoffAnsweredSignal.name,
          team: h.team,
          question: h.question,
          context: { sellerId: state.sellerId, marketplace: state.marketplace, severity: state.severity, category: state.category, summary: state.summary },
          blocking: h.blocking,
          requestedBy: handoffRequester(h.id),
          requestedAt: now,
          sla: settings.handoffs[h.team],
        };
        // Abandoned on close, not terminated: the child must outlive this run's continue-as-new.
        await startChild(HANDOFF_WORKFLOW_TYPE, {
          workflowId: handoffWorkflowId(h.id),
          args: [handoffInput],
          parentClosePolicy: ParentClosePolicy.ABANDON,
        });
        return;
      }
      case 'cancel_handoff':
        try {
          await getExternalWorkflowHandle(handoffWorkflowId(effect.handoffId)).cancel();
        } catch (err) {
          log.info('handoff already finished', { handoffId: effect.handoffId, error: (err as Error).message });
        }
        return;
    }
  }

  function handoffRequester(handoffId: string) {
    const event = [...pendingAudit].reverse().find((e) => e.details?.handoffId === handoffId);
    return event?.actor ?? SYSTEM_ACTOR;
  }

  async function project(): Promise<void> {
    const target = changeSeq;
    const events = pendingAudit.splice(0);
    const changed = [...changedTasks].map((id) => tasks.get(id)).filter((t): t is TaskRow => t !== undefined);
    changedTasks.clear();
    const newHandoffs = openedHandoffs.splice(0);
    const current = view();
    await acts.projectCase({ row: caseRow(current), projectionSeq: target, events, tasks: changed, clocks: book.clocks, newHandoffs });
    projectedSeq = Math.max(projectedSeq, target);
    for (const t of changed) if (t.status !== 'open') tasks.delete(t.id);
    upsertSearchAttributes([
      { key: SA_STATE, value: state.status },
      { key: SA_ASSIGNEE, value: state.assigneeId ?? '' },
      { key: SA_BREACHED, value: isBreached(state, book) },
    ]);
  }

  // ----- the run -------------------------------------------------------------------------------------

  if (!carried) {
    pendingAudit.push({ seq: auditSeq++, actor: input.createdBy, action: 'created', fromState: null, toState: 'new', at: Date.now() });
    apply({ type: 'triage_started', actor: SYSTEM_ACTOR, team: input.team });
  }

  for (;;) {
    // First what changes the case (answers that arrived, routing); then record it and start any new
    // handoff workflows side by side (an update answers only once both are done, so the handoff team
    // can answer as soon as it sees the question); then notifications, which no one waits for.
    while (inbox.length || pendingEffects.some((e) => e.type === 'request_assignment')) {
      if (inbox.length) applySystem(inbox.shift()!);
      else await runEffect(pendingEffects.splice(pendingEffects.findIndex((e) => e.type === 'request_assignment'), 1)[0]);
    }
    if (changeSeq > projectedSeq || pendingAudit.length) {
      const starts = pendingEffects.filter((e) => e.type === 'start_handoff');
      pendingEffects.splice(0, pendingEffects.length, ...pendingEffects.filter((e) => e.type !== 'start_handoff'));
      handoffsStarting += starts.length;
      await Promise.all([project(), ...starts.map((e) => runEffect(e).finally(() => handoffsStarting--))]);
    }
    if (pendingEffects.length && !pendingEffects.some((e) => e.type === 'request_assignment')) {
      await Promise.all(pendingEffects.splice(0).map(runEffect));
    }
    if (pendingEffects.length || inbox.length || changeSeq > projectedSeq) continue;
    if (state.status === 'closed') break;
    if (workflowInfo().continueAsNewSuggested || (settings.continueAsNewAfterEvents ?? Infinity) < workflowInfo().historyLength) {
      await condition(allHandlersFinished);
      if (!pendingEffects.length && !inbox.length && changeSeq === projectedSeq) {
        await continueAsNew<typeof escalationWorkflow>({ ...input, carried: carry() });
      }
      continue;
    }

    const wake = nextWake();
    const work = () => pendingEffects.length > 0 || inbox.length > 0 || changeSeq > projectedSeq;
    if (wake === undefined) await condition(work);
    else if (!(await condition(work, Math.max(0, wake - Date.now())))) fireTimers(Date.now());
    else fireTimers(Date.now());
  }

  await condition(allHandlersFinished);
  return view();

  function carry(): CarriedEscalation {
    return {
      state,
      clocks: book.clocks,
      tasks: [...tasks.values()].filter((t) => t.status === 'open'),
      deadlines,
      lease,
      auditSeq,
      projectionSeq: projectedSeq,
      notificationSeq,
      appliedUpdateIds,
      runs: (carried?.runs ?? 1) + 1,
    };
  }
}
