/**
 * A handoff as a pure state machine: open until the addressed team answers (or the case cancels it);
 * its SLA clock reminds the team at the reminder point and escalates to the team's lead at the
 * deadline. The answer goes back to the case as a signal effect.
 *
 *   open --clock_warned--> open (team reminded)      open --clock_breached--> open (lead told, escalation task)
 *   open --answered--> answered                      open --cancelled--> cancelled
 */
import { SYSTEM_ACTOR, type Actor } from '../common/actor';
import type { HandoffRow, TaskRow } from '../common/case-projection';
import type { CaseEffect, Projection, Transition } from '../common/runtime/case-kind';
import { applyClockEvent, nextWakeAt as clockWake, startClock, stopClock, type SlaClock } from '../common/sla-clock';
import type {
  AnswerHandoffRequest,
  HandoffAnswer,
  HandoffAnswerRecord,
  HandoffContext,
  HandoffInput,
  HandoffStatus,
  HandoffView,
} from './handoff.contract';
import { checkAnswer } from './handoff.rules';

export interface HandoffState {
  request: Omit<HandoffInput, 'sla' | 'patchesAtStart'>;
  status: HandoffStatus;
  clock: SlaClock;
  remindedAt: number | null;
  escalatedAt: number | null;
  answer: HandoffAnswerRecord | null;
  openTasks: TaskRow[];
}

export type HandoffEvent =
  | ({ type: 'answered' } & AnswerHandoffRequest)
  | { type: 'clock_warned'; actor: Actor }
  | { type: 'clock_breached'; actor: Actor }
  | { type: 'cancelled'; actor: Actor };

const TEAM_LABEL: Record<HandoffInput['team'], string> = {
  legal: 'Legal',
  policy: 'Policy',
  customer_trust: 'Customer Trust',
  account_management: 'Account Management',
};

function task(r: HandoffState['request'], suffix: string, kind: string, title: string, dueAt: number | null, now: number, assigneeId: string | null = null): TaskRow {
  return {
    id: `${r.handoffId}/${suffix}`, caseId: r.caseId, caseKind: r.caseKind, kind, title, assigneeId, team: r.team,
    status: 'open', dueAt, createdAt: now, completedAt: null,
  };
}

export function createHandoff(input: HandoffInput, ctx: HandoffContext): { state: HandoffState; effects: CaseEffect[] } {
  // The patch list is the runtime's (patch-ids.ts), not the request's: the state keeps only the request.
  const { sla, patchesAtStart: _patches, ...request } = input;
  const clock = startClock({ ...sla, id: 'handoff', kind: 'handoff', now: input.requestedAt });
  const assigneeId = input.assigneeId ?? null;
  const answerTask = task(request, 'answer', 'handoff', `${TEAM_LABEL[input.team]} handoff: ${input.question.slice(0, 120)}`, clock.deadlineAt, input.requestedAt, assigneeId);
  const effects: CaseEffect[] = [{ type: 'task', task: answerTask }];
  const params = {
    teamLabel: TEAM_LABEL[input.team],
    question: input.question.slice(0, 500),
    dueAt: clock.deadlineAt,
    requestedBy: input.requestedBy.userId,
    caseId: input.caseId,
    caseKind: input.caseKind,
    blocking: input.blocking ?? false,
  };
  if (assigneeId) {
    // Addressed to a person (a consultation): they are told at once, not only at the reminder.
    effects.push({ type: 'notify', notice: { to: { kind: 'user', userId: assigneeId }, template: 'handoff_requested', params } });
  } else if (ctx.features.requestedNotice) {
    // Addressed to a team: every active member is told (runs started before this rule tell no one).
    effects.push({ type: 'notify', notice: { to: { kind: 'team', team: input.team }, template: 'handoff_requested', params } });
  }
  return {
    state: { request, status: 'open', clock, remindedAt: null, escalatedAt: null, answer: null, openTasks: [answerTask] },
    effects,
  };
}

function closeTasks(s: HandoffState, status: 'done' | 'cancelled', now: number): CaseEffect[] {
  const effects: CaseEffect[] = s.openTasks.map((t) => ({ type: 'task', task: { ...t, status, completedAt: now } }));
  s.openTasks = [];
  return effects;
}

export function transition(state: HandoffState, event: HandoffEvent, now: number, { sla }: HandoffContext): Transition<HandoffState> {
  const r = state.request;
  if (state.status !== 'open') return { ok: false, code: 'invalid_transition', reason: `the handoff is already ${state.status}` };
  const s: HandoffState = JSON.parse(JSON.stringify(state)) as HandoffState;
  const question = r.question.slice(0, 200);
  switch (event.type) {
    case 'answered': {
      const refused = checkAnswer({ status: s.status, team: r.team, caseKind: r.caseKind }, event);
      if (refused) return { ok: false, ...refused };
      s.clock = stopClock(s.clock, sla.calendar, now, 'met');
      s.status = 'answered';
      s.answer = { outcome: event.outcome, notes: event.notes, citation: event.citation ?? null, answeredBy: event.actor.userId, answeredAt: now };
      const payload: HandoffAnswer = { handoffId: r.handoffId, outcome: event.outcome, notes: event.notes, citation: event.citation ?? null, answeredBy: event.actor, answeredAt: now };
      return { ok: true, state: s, effects: [...closeTasks(s, 'done', now), { type: 'signal', workflowId: r.parentWorkflowId, signalName: r.answerSignalName, payload }] };
    }
    case 'clock_warned':
      s.clock = applyClockEvent(s.clock, 'warning', now);
      s.remindedAt = now;
      return {
        ok: true,
        state: s,
        effects: [{ type: 'notify', notice: { to: r.assigneeId ? { kind: 'user', userId: r.assigneeId } : { kind: 'team', team: r.team }, template: 'handoff_reminder', params: { teamLabel: TEAM_LABEL[r.team], question, dueAt: s.clock.deadlineAt, caseId: r.caseId } } }],
      };
    case 'clock_breached': {
      s.clock = applyClockEvent(s.clock, 'breach', now);
      s.escalatedAt = now;
      const escalation = task(r, 'escalation', 'handoff_escalation', `Unanswered ${TEAM_LABEL[r.team]} handoff past its SLA: ${r.question.slice(0, 120)}`, now, now);
      s.openTasks.push(escalation);
      return {
        ok: true,
        state: s,
        effects: [
          { type: 'task', task: escalation },
          { type: 'notify', notice: { to: { kind: 'team_lead', team: r.team }, template: 'handoff_escalated', params: { teamLabel: TEAM_LABEL[r.team], question, caseId: r.caseId } } },
        ],
      };
    }
    case 'cancelled':
      s.clock = stopClock(s.clock, sla.calendar, now, 'cancelled');
      s.status = 'cancelled';
      return { ok: true, state: s, effects: closeTasks(s, 'cancelled', now) };
  }
}

/** The reminder, then the escalation to the lead, each once. */
export function dueEvents(state: HandoffState, now: number): HandoffEvent[] {
  if (state.status !== 'open' || state.clock.status !== 'running') return [];
  if (!state.clock.warned && now >= state.clock.warnAt) return [{ type: 'clock_warned', actor: SYSTEM_ACTOR }];
  if (now >= state.clock.deadlineAt) return [{ type: 'clock_breached', actor: SYSTEM_ACTOR }];
  return [];
}

export function nextWakeAt(state: HandoffState): number | undefined {
  return state.status === 'open' ? clockWake([state.clock]) : undefined;
}

export function handoffView(state: HandoffState): HandoffView {
  const r = state.request;
  return {
    handoffId: r.handoffId,
    caseId: r.caseId,
    team: r.team,
    status: state.status,
    question: r.question,
    blocking: r.blocking,
    requestedBy: r.requestedBy.userId,
    requestedAt: r.requestedAt,
    clock: state.clock,
    remindedAt: state.remindedAt,
    escalatedAt: state.escalatedAt,
    answer: state.answer,
  };
}

export function handoffProjection(state: HandoffState, workflowId: string): Projection {
  const r = state.request;
  const row: HandoffRow = {
    id: r.handoffId,
    caseId: r.caseId,
    caseKind: r.caseKind,
    workflowId,
    team: r.team,
    question: r.question,
    context: r.context,
    blocking: r.blocking,
    status: state.status,
    requestedBy: r.requestedBy.userId,
    requestedAt: r.requestedAt,
    dueAt: state.clock.deadlineAt,
    warnAt: state.clock.warnAt,
    remindedAt: state.remindedAt,
    escalatedAt: state.escalatedAt,
    breached: state.clock.breachedAt !== undefined,
    outcome: state.answer?.outcome ?? null,
    notes: state.answer?.notes ?? null,
    citation: state.answer?.citation ?? null,
    answeredBy: state.answer?.answeredBy ?? null,
    answeredAt: state.answer?.answeredAt ?? null,
  };
  return { target: 'handoff', row };
}
