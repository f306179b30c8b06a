import type { CaseRow, HandoffRow, TaskRow } from '../common/case-projection';
import { handoffWorkflowId } from '../handoff/handoff.contract';
import { describeClock, type CalendarLookup, type ClockBook } from '../common/clock-book';
import type { ClockView, EscalationView, Lease } from './escalation.contract';
import type { EscalationState, Handoff, NotificationTemplate, Task } from './escalation.machine';

/** Pure builders from the workflow's state to what it shows (query, update results) and projects. */

export function isBreached(state: EscalationState, book: ClockBook): boolean {
  return state.breaches.first_response || state.breaches.resolution || book.clocks.some((c) => c.breachedAt !== undefined);
}

export function clockViews(book: ClockBook, cals: CalendarLookup, now: number): ClockView[] {
  return book.clocks.map((c) => {
    const { remainingMs, deadlineAt } = describeClock(c, cals, now);
    return {
      id: c.id,
      kind: c.kind,
      status: c.status,
      calendarId: c.calendarId,
      budgetMs: c.budgetMs,
      startedAt: c.startedAt,
      warnAt: c.warnAt,
      deadlineAt,
      remainingMs,
      warned: c.warned,
      breachedAt: c.breachedAt ?? null,
      pauses: c.pauses,
      extensions: c.extensions,
    };
  });
}

export function buildView(args: {
  state: EscalationState;
  workflowId: string;
  book: ClockBook;
  cals: CalendarLookup;
  tasks: Iterable<TaskRow>;
  lease: Lease | null;
  now: number;
}): EscalationView {
  const { state, book } = args;
  return {
    caseId: state.caseId,
    workflowId: args.workflowId,
    state: state.status,
    sellerId: state.sellerId,
    marketplace: state.marketplace,
    severity: state.severity,
    category: state.category,
    summary: state.summary,
    team: state.team,
    assigneeId: state.assigneeId,
    breached: isBreached(state, book),
    createdBy: state.createdBy,
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
    case: state,
    clocks: clockViews(book, args.cals, args.now),
    openTasks: [...args.tasks].filter((t) => t.status === 'open'),
    lease: args.lease,
  };
}

export function caseRow(view: EscalationView): CaseRow {
  const s = view.case;
  return {
    caseId: s.caseId,
    kind: 'escalation',
    workflowId: view.workflowId,
    sellerId: s.sellerId,
    marketplace: s.marketplace,
    language: s.language,
    severity: s.severity,
    category: s.category,
    summary: s.summary,
    state: s.status,
    team: s.team,
    assigneeId: s.assigneeId,
    breached: view.breached,
    createdBy: s.createdBy,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    resolutionCode: s.resolution?.code ?? null,
    rootCause: s.resolution?.rootCause ?? null,
    resolvedAt: s.resolvedAt,
    closedAt: s.closedAt,
    snapshot: { case: s, clocks: view.clocks, lease: view.lease },
  };
}

const TASK_TITLES: Record<Task['kind'], string> = {
  queue: 'Unassigned escalation waiting in the team queue',
  work: 'Work the escalation',
  manager_review: 'Escalated to a manager: review and decide',
};

export function taskRow(task: Task, caseSummary: string, dueAt: number | null): TaskRow {
  return {
    id: task.id,
    caseId: task.id.split('/')[0],
    caseKind: 'escalation',
    kind: task.kind,
    title: `${TASK_TITLES[task.kind]}: ${caseSummary.slice(0, 120)}`,
    assigneeId: task.assigneeId,
    team: task.team,
    status: 'open',
    dueAt,
    createdAt: task.createdAt,
    completedAt: null,
  };
}

const MESSAGES: Record<NotificationTemplate | 'sla_warning' | 'case_queued_no_one_eligible', (s: EscalationState) => string> = {
  case_assigned: (s) => `Escalation about seller ${s.sellerId} (${s.severity}) was assigned to you.`,
  case_queued: (s) => `Escalation about seller ${s.sellerId} (${s.severity}) is waiting in the ${s.team} queue.`,
  case_queued_no_one_eligible: (s) =>
    `No one in ${s.team} is eligible for the escalation about seller ${s.sellerId} (${s.severity}); it waits in the queue.`,
  case_released: (s) => `The escalation about seller ${s.sellerId} went back to the queue.`,
  case_escalated: (s) => `Escalation about seller ${s.sellerId} was escalated to the managers of ${s.team}: ${s.escalation?.reason ?? ''}`,
  sla_breached: (s) => `An SLA on the escalation about seller ${s.sellerId} breached again.`,
  sla_warning: (s) => `An SLA on the escalation about seller ${s.sellerId} is close to breaching.`,
  seller_info_requested: (s) => `We need more information about your account: ${s.openInfoRequest?.question ?? ''}`,
  seller_responded: (s) => `Seller ${s.sellerId} responded to the request for information.`,
  seller_deadline_expired: (s) => `Seller ${s.sellerId} did not answer by the deadline; the case is back with you.`,
  handoff_answered: (s) => `A handoff on the escalation about seller ${s.sellerId} was answered.`,
  case_resolved: (s) => `Your case was resolved: ${s.resolution?.code ?? ''}.`,
  case_reopened: (s) => `The escalation about seller ${s.sellerId} was reopened.`,
};

export function notificationText(template: keyof typeof MESSAGES, state: EscalationState): string {
  return MESSAGES[template](state);
}

/** The read-model row of a handoff the case just opened (its own workflow keeps it up to date). */
export function openedHandoffRow(state: EscalationState, h: Handoff): HandoffRow {
  return {
    id: h.id,
    caseId: state.caseId,
    caseKind: 'escalation',
    workflowId: handoffWorkflowId(h.id),
    team: h.team,
    question: h.question,
    context: { sellerId: state.sellerId, marketplace: state.marketplace, severity: state.severity, category: state.category, summary: state.summary },
    blocking: h.blocking,
    status: 'open',
    requestedBy: h.requestedBy,
    requestedAt: h.requestedAt,
    dueAt: h.dueAt,
    remindedAt: null,
    escalatedAt: null,
    breached: false,
    outcome: null,
    notes: null,
    citation: null,
    answeredBy: null,
    answeredAt: null,
  };
}
