import {
  CancellationScope,
  condition,
  getExternalWorkflowHandle,
  isCancellation,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { Actor } from '../common/actor';
import type { HandoffRow, TaskRow } from '../common/case-projection';
import { refusal } from '../common/refusal';
import {
  applyClockEvent,
  dueClockEvents,
  nextWakeAt,
  startClock,
  stopClock,
  type ClockEvent,
  type SlaClock,
} from '../common/sla-clock';
import {
  answerHandoffUpdate,
  getHandoffQuery,
  type HandoffInput,
  type HandoffView,
} from './handoff.contract';
import { checkAnswer } from './handoff.rules';

const { projectHandoff, notify } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const TEAM_LABEL: Record<HandoffInput['team'], string> = {
  legal: 'Legal',
  policy: 'Policy',
  customer_trust: 'Customer Trust',
  account_management: 'Account Management',
};

/**
 * One question to one team, with that team's SLA: a reminder to the team at the reminder point, and
 * escalation to the team's lead (a notification and a task) at the deadline. The answer is validated
 * against the permission table, recorded, and signalled to the case that asked.
 */
export async function handoffWorkflow(input: HandoffInput): Promise<HandoffView> {
  const startedAt = Date.now();
  let clock: SlaClock = startClock({ ...input.sla, id: 'handoff', kind: 'handoff', now: startedAt });
  let view: HandoffView = {
    handoffId: input.handoffId,
    caseId: input.caseId,
    team: input.team,
    status: 'open',
    question: input.question,
    blocking: input.blocking,
    requestedBy: input.requestedBy.userId,
    requestedAt: input.requestedAt,
    clock,
    remindedAt: null,
    escalatedAt: null,
    answer: null,
  };
  const tasks = new Map<string, TaskRow>();
  const openTask = (id: string, kind: string, title: string, dueAt: number | null) =>
    tasks.set(id, {
      id, caseId: input.caseId, caseKind: input.caseKind, kind, title, assigneeId: null, team: input.team,
      status: 'open', dueAt, createdAt: Date.now(), completedAt: null,
    });
  const closeTasks = (status: 'done' | 'cancelled') => {
    for (const t of tasks.values()) if (t.status === 'open') tasks.set(t.id, { ...t, status, completedAt: Date.now() });
  };
  let changeSeq = 1;
  let projectedSeq = 0;
  let notices = 0;
  let answeredBy: Actor | null = null;

  const project = async () => {
    const target = changeSeq;
    await projectHandoff({ row: handoffRow(input, view, workflowInfo().workflowId), projectionSeq: target, tasks: [...tasks.values()] });
    projectedSeq = Math.max(projectedSeq, target);
  };
  const tell = (to: Parameters<typeof notify>[0]['to'], template: string, message: string) =>
    notify({ id: `${input.handoffId}:notice:${notices++}`, caseId: input.caseId, to, template, message, at: Date.now() });

  setHandler(getHandoffQuery, () => ({ ...view, clock }));
  setHandler(
    answerHandoffUpdate,
    async (req) => {
      const now = Date.now();
      clock = stopClock(clock, input.sla.calendar, now, 'met');
      view = {
        ...view,
        status: 'answered',
        clock,
        answer: { outcome: req.outcome, notes: req.notes, citation: req.citation ?? null, answeredBy: req.actor.userId, answeredAt: now },
      };
      answeredBy = req.actor;
      closeTasks('done');
      const target = ++changeSeq;
      await condition(() => projectedSeq >= target);
      return view;
    },
    {
      validator: (req) => {
        const refused = checkAnswer({ status: view.status, team: input.team, caseKind: input.caseKind }, req);
        if (refused) throw refusal(refused.code, refused.reason);
      },
    },
  );

  openTask(`${input.handoffId}/answer`, 'handoff', `${TEAM_LABEL[input.team]} handoff: ${input.question.slice(0, 120)}`, clock.deadlineAt);

  try {
    await project();
    while (view.status === 'open') {
      const wake = nextWakeAt([clock]);
      const changed = () => view.status !== 'open' || changeSeq > projectedSeq;
      if (wake === undefined) await condition(changed);
      else await condition(changed, Math.max(0, wake - Date.now()));
      if (view.status !== 'open') break;
      // One due event at a time, re-read after each await: an answer may arrive in between.
      let event: ClockEvent | undefined;
      while (view.status === 'open' && (event = dueClockEvents(clock, Date.now())[0]) !== undefined) {
        clock = applyClockEvent(clock, event, Date.now());
        if (event === 'warning') {
          view = { ...view, remindedAt: Date.now() };
          await tell({ kind: 'team', team: input.team }, 'handoff_reminder',
            `Reminder: a ${TEAM_LABEL[input.team]} handoff is waiting for an answer: ${input.question.slice(0, 200)}`);
        } else {
          view = { ...view, escalatedAt: Date.now() };
          openTask(`${input.handoffId}/escalation`, 'handoff_escalation',
            `Unanswered ${TEAM_LABEL[input.team]} handoff past its SLA: ${input.question.slice(0, 120)}`, Date.now());
          await tell({ kind: 'team_lead', team: input.team }, 'handoff_escalated',
            `A ${TEAM_LABEL[input.team]} handoff is past its SLA and needs your attention: ${input.question.slice(0, 200)}`);
        }
        view = { ...view, clock };
        changeSeq++;
      }
      if (changeSeq > projectedSeq) await project();
    }
    const answer = view.answer!;
    // Record the answer and tell the case in the same workflow task.
    await Promise.all([
      changeSeq > projectedSeq ? project() : Promise.resolve(),
      getExternalWorkflowHandle(input.parentWorkflowId).signal(input.answerSignalName, {
        handoffId: input.handoffId,
        outcome: answer.outcome,
        notes: answer.notes,
        citation: answer.citation,
        answeredBy: answeredBy!,
        answeredAt: answer.answeredAt,
      }),
    ]);
    return view;
  } catch (err) {
    if (!isCancellation(err)) throw err;
    // The case no longer needs the answer (resolved, or the question withdrawn).
    view = { ...view, status: 'cancelled' };
    closeTasks('cancelled');
    changeSeq++;
    await CancellationScope.nonCancellable(project);
    return view;
  }
}

function handoffRow(input: HandoffInput, view: HandoffView, workflowId: string): HandoffRow {
  return {
    id: input.handoffId,
    caseId: input.caseId,
    caseKind: input.caseKind,
    workflowId,
    team: input.team,
    question: input.question,
    context: input.context,
    blocking: input.blocking,
    status: view.status,
    requestedBy: input.requestedBy.userId,
    requestedAt: input.requestedAt,
    dueAt: view.clock.deadlineAt,
    remindedAt: view.remindedAt,
    escalatedAt: view.escalatedAt,
    breached: view.clock.breachedAt !== undefined,
    outcome: view.answer?.outcome ?? null,
    notes: view.answer?.notes ?? null,
    citation: view.answer?.citation ?? null,
    answeredBy: view.answer?.answeredBy ?? null,
    answeredAt: view.answer?.answeredAt ?? null,
  };
}
