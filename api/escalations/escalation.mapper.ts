import type { CaseEventEntity } from '../../db/entities/case-event.entity';
import type { CaseEntity } from '../../db/entities/case.entity';
import type { HandoffEntity } from '../../db/entities/handoff.entity';
import type { SlaClockEntity } from '../../db/entities/sla-clock.entity';
import type { TaskEntity } from '../../db/entities/task.entity';
import type { TaskRow } from '../../workflows/common/case-projection';
import type { SlaClock } from '../../workflows/common/sla-clock';
import type { ClockView, EscalationView } from '../../workflows/escalation/escalation.contract';
import type { Handoff } from '../../workflows/escalation/escalation.machine';
import type {
  CaseHandoffResponse,
  ClockResponse,
  EscalationResponse,
  EscalationViewResponse,
  TaskResponse,
  TimelineEntryResponse,
} from './escalation.response';

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (value: number | Date | null | undefined) => (value == null ? null : new Date(value).toISOString());

export function fromEntity(row: CaseEntity): EscalationResponse {
  return {
    id: row.id,
    workflowId: row.workflowId,
    state: row.state,
    sellerId: row.sellerId,
    marketplace: row.marketplace,
    severity: row.severity,
    category: row.category,
    summary: row.summary,
    language: row.language,
    team: row.team,
    assigneeId: row.assigneeId,
    breached: row.breached,
    resolutionCode: row.resolutionCode,
    rootCause: row.rootCause,
    resolvedAt: isoOrNull(row.resolvedAt),
    closedAt: isoOrNull(row.closedAt),
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function fromView(view: EscalationView): Omit<EscalationViewResponse, 'allowedActions'> {
  const state = view.case;
  return {
    id: view.caseId,
    workflowId: view.workflowId,
    state: view.state,
    sellerId: view.sellerId,
    marketplace: view.marketplace,
    severity: view.severity,
    category: view.category,
    summary: view.summary,
    language: state?.language ?? null,
    team: view.team,
    assigneeId: view.assigneeId,
    breached: view.breached,
    resolutionCode: state?.resolution?.code ?? null,
    rootCause: state?.resolution?.rootCause ?? null,
    resolvedAt: isoOrNull(state?.resolvedAt),
    closedAt: isoOrNull(state?.closedAt),
    createdBy: view.createdBy,
    createdAt: iso(view.createdAt),
    updatedAt: iso(view.updatedAt),
    clocks: (view.clocks ?? []).map(clockFromView),
    openTasks: (view.openTasks ?? []).map(taskFromRow),
    handoffs: (state?.handoffs ?? []).map(handoffFromState),
    openInfoRequest: state?.openInfoRequest
      ? {
          id: state.openInfoRequest.id,
          question: state.openInfoRequest.question,
          deadline: iso(state.openInfoRequest.deadline),
          requestedBy: state.openInfoRequest.requestedBy,
          requestedAt: iso(state.openInfoRequest.requestedAt),
        }
      : null,
    lease: view.lease ? { userId: view.lease.userId, expiresAt: iso(view.lease.expiresAt) } : null,
  };
}

function pausesAndExtensions(clock: Pick<SlaClock, 'pauses' | 'extensions'>): Pick<ClockResponse, 'pauses' | 'extensions'> {
  return {
    pauses: (clock.pauses ?? []).map((p) => ({ at: iso(p.at), reason: p.reason, resumedAt: isoOrNull(p.resumedAt) })),
    extensions: (clock.extensions ?? []).map((e) => ({ at: iso(e.at), byUserId: e.byUserId, reason: e.reason, addedMs: e.addedMs })),
  };
}

export function clockFromView(clock: ClockView): ClockResponse {
  return {
    id: clock.id,
    kind: clock.kind,
    status: clock.status,
    calendarId: clock.calendarId,
    budgetMs: clock.budgetMs,
    startedAt: iso(clock.startedAt),
    warnAt: iso(clock.warnAt),
    deadlineAt: iso(clock.deadlineAt),
    warned: clock.warned,
    breachedAt: isoOrNull(clock.breachedAt),
    stoppedAt: null,
    remainingMs: clock.remainingMs,
    ...pausesAndExtensions(clock),
  };
}

export function clockFromEntity(row: SlaClockEntity): ClockResponse {
  return {
    id: row.clockId,
    kind: row.kind,
    status: row.status,
    calendarId: row.calendarId,
    budgetMs: row.budgetMs,
    startedAt: row.startedAt.toISOString(),
    warnAt: row.warnAt.toISOString(),
    deadlineAt: row.deadlineAt.toISOString(),
    warned: row.warned,
    breachedAt: isoOrNull(row.breachedAt),
    stoppedAt: isoOrNull(row.stoppedAt),
    remainingMs: null,
    ...pausesAndExtensions(row.clock ?? { pauses: [], extensions: [] }),
  };
}

export function taskFromRow(task: TaskRow): TaskResponse {
  return {
    id: task.id,
    kind: task.kind,
    title: task.title,
    assigneeId: task.assigneeId,
    team: task.team,
    status: task.status,
    dueAt: isoOrNull(task.dueAt),
    createdAt: iso(task.createdAt),
    completedAt: isoOrNull(task.completedAt),
  };
}

export function taskFromEntity(row: TaskEntity): TaskResponse {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    assigneeId: row.assigneeId,
    team: row.team,
    status: row.status,
    dueAt: isoOrNull(row.dueAt),
    createdAt: row.createdAt.toISOString(),
    completedAt: isoOrNull(row.completedAt),
  };
}

export function handoffFromEntity(row: HandoffEntity): CaseHandoffResponse {
  return {
    id: row.id,
    team: row.team,
    question: row.question,
    blocking: row.blocking,
    status: row.status,
    requestedBy: row.requestedBy,
    requestedAt: row.requestedAt.toISOString(),
    dueAt: isoOrNull(row.dueAt),
    outcome: row.outcome,
    notes: row.notes,
    citation: row.citation,
    answeredBy: row.answeredBy,
    answeredAt: isoOrNull(row.answeredAt),
  };
}

/** A handoff as the case workflow records it (the answer's citation lives on the handoff workflow). */
export function handoffFromState(h: Handoff): CaseHandoffResponse {
  return {
    id: h.id,
    team: h.team,
    question: h.question,
    blocking: h.blocking,
    status: h.status,
    requestedBy: h.requestedBy,
    requestedAt: iso(h.requestedAt),
    dueAt: isoOrNull(h.dueAt),
    outcome: h.outcome,
    notes: h.answer,
    citation: null,
    answeredBy: h.answeredBy,
    answeredAt: h.status === 'answered' ? isoOrNull(h.closedAt) : null,
  };
}

export function timelineEntry(e: CaseEventEntity): TimelineEntryResponse {
  return {
    seq: e.seq,
    action: e.action,
    fromState: e.fromState,
    toState: e.toState,
    actorId: e.actorId,
    actorRole: e.actorRole,
    reason: e.reason,
    details: e.details ?? {},
    at: e.occurredAt.toISOString(),
  };
}
