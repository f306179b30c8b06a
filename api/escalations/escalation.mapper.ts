import type { CaseEntity } from '../../db/entities/case.entity';
import type { ClockView, EscalationView } from '../../workflows/escalation/escalation.contract';
import type { Handoff } from '../../workflows/escalation/escalation.state';
import { iso, isoOrNull, pausesAndExtensions, taskFromRow } from '../cases/case.mapper';
import type { CaseHandoffResponse, ClockResponse } from '../cases/case.response';
import type { EscalationResponse, EscalationViewResponse } from './escalation.response';

export function fromEntity(row: CaseEntity): EscalationResponse {
  return {
    id: row.id,
    workflowId: row.workflowId,
    state: row.state,
    sellerId: row.sellerId,
    marketplace: row.marketplace,
    severity: row.severity,
    category: row.escalation?.category ?? '',
    taxonomyVersion: row.escalation?.taxonomyVersion ?? 1,
    source: row.escalation?.source ?? null,
    trigger: row.escalation?.trigger ?? null,
    enforcementType: row.escalation?.enforcementType ?? null,
    summary: row.summary,
    language: row.escalation?.language ?? null,
    team: row.team,
    assigneeId: row.assigneeId,
    breached: row.breached,
    resolutionCode: row.escalation?.resolutionCode ?? null,
    rootCause: row.escalation?.rootCause ?? null,
    upstreamTeam: row.escalation?.upstreamTeam ?? null,
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
    taxonomyVersion: state?.taxonomyVersion ?? 1,
    source: state?.source ?? null,
    trigger: state?.trigger ?? null,
    enforcementType: state?.enforcementType ?? null,
    summary: view.summary,
    language: state?.language ?? null,
    team: view.team,
    assigneeId: view.assigneeId,
    breached: view.breached,
    resolutionCode: state?.resolution?.code ?? null,
    rootCause: state?.resolution?.rootCause ?? null,
    upstreamTeam: state?.resolution?.upstreamTeam ?? null,
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

