import type { CaseEventEntity } from '../../db/entities/case-event.entity';
import type { CaseEntity } from '../../db/entities/case.entity';
import type { HandoffEntity } from '../../db/entities/handoff.entity';
import type { SlaClockEntity } from '../../db/entities/sla-clock.entity';
import type { TaskEntity } from '../../db/entities/task.entity';
import type { TaskRow } from '../../workflows/common/case-projection';
import type { SlaClock } from '../../workflows/common/sla-clock';
import type {
  CaseHandoffResponse,
  CaseSummaryResponse,
  ClockResponse,
  TaskResponse,
  TimelineEntryResponse,
} from './case.response';

export const iso = (ms: number) => new Date(ms).toISOString();
export const isoOrNull = (value: number | Date | null | undefined) => (value == null ? null : new Date(value).toISOString());

/** A case row of any kind, with its kind's own fields under `details`. */
export function caseSummary(row: CaseEntity): CaseSummaryResponse {
  return {
    id: row.id,
    kind: row.kind,
    workflowId: row.workflowId,
    state: row.state,
    open: row.isOpen,
    sellerId: row.sellerId,
    marketplace: row.marketplace,
    severity: row.severity,
    summary: row.summary,
    team: row.team,
    assigneeId: row.assigneeId,
    breached: row.breached,
    dueAt: isoOrNull(row.dueAt),
    resolvedAt: isoOrNull(row.resolvedAt),
    closedAt: isoOrNull(row.closedAt),
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    details: row.escalation
      ? {
          taxonomyVersion: row.escalation.taxonomyVersion,
          category: row.escalation.category,
          source: row.escalation.source,
          trigger: row.escalation.trigger,
          enforcementType: row.escalation.enforcementType,
          language: row.escalation.language,
          resolutionCode: row.escalation.resolutionCode,
          rootCause: row.escalation.rootCause,
          upstreamTeam: row.escalation.upstreamTeam,
          reopenCount: row.escalation.reopenCount,
        }
      : {},
  };
}

export function pausesAndExtensions(clock: Pick<SlaClock, 'pauses' | 'extensions'>): Pick<ClockResponse, 'pauses' | 'extensions'> {
  return {
    pauses: (clock.pauses ?? []).map((p) => ({ at: iso(p.at), reason: p.reason, resumedAt: isoOrNull(p.resumedAt) })),
    extensions: (clock.extensions ?? []).map((e) => ({ at: iso(e.at), byUserId: e.byUserId, reason: e.reason, addedMs: e.addedMs })),
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
