import type { SearchAttributeUpdatePair } from '@temporalio/common';
import type { Projection } from '../common/runtime/case-kind';
import { describeClock, type CalendarLookup } from '../common/clock-book';
import { SA_ASSIGNEE, SA_BREACHED, SA_STATE, teamAndDeadline } from '../common/search-attributes';
import type { SlaClock } from '../common/sla-clock';
import type { ClockView, EscalationSettings, EscalationView } from './escalation.contract';
import { calendarsOf, isOpen } from './escalation.machine';
import type { EscalationState } from './escalation.state';
import { CASE_CLOCKS } from './escalation.vocabulary';

/** Pure builders from the escalation's state to what it shows (query, update results) and projects. */

/** A team SLA breached; the seller's own deadline never counts. */
export function isBreached(state: EscalationState): boolean {
  return state.breaches.first_response || state.breaches.resolution;
}

export function clockViews(clocks: readonly SlaClock[], cals: CalendarLookup, now: number): ClockView[] {
  return clocks.map((c) => {
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

export function escalationView(state: EscalationState, now: number, ctx: EscalationSettings, workflowId: string): EscalationView {
  return {
    caseId: state.caseId,
    workflowId,
    state: state.status,
    sellerId: state.sellerId,
    marketplace: state.marketplace,
    severity: state.severity,
    category: state.category,
    summary: state.summary,
    team: state.team,
    assigneeId: state.assigneeId,
    breached: isBreached(state),
    createdBy: state.createdBy,
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
    case: state,
    clocks: clockViews(state.clocks, calendarsOf(ctx), now),
    openTasks: state.openTask ? [state.openTask] : [],
    lease: state.lease,
  };
}

/** The soonest deadline among the running team clocks, for sorting inboxes by SLA risk. */
export function nextTeamDeadline(state: EscalationState): number | null {
  const running = state.clocks.filter((c) => c.status === 'running' && (CASE_CLOCKS as readonly string[]).includes(c.kind));
  return running.length ? Math.min(...running.map((c) => c.deadlineAt)) : null;
}

export function escalationProjection(state: EscalationState, view: EscalationView): Projection {
  return {
    target: 'case',
    clocks: state.clocks,
    row: {
      caseId: state.caseId,
      kind: 'escalation',
      workflowId: view.workflowId,
      sellerId: state.sellerId,
      marketplace: state.marketplace,
      severity: state.severity,
      summary: state.summary,
      state: state.status,
      open: isOpen(state),
      team: state.team,
      assigneeId: state.assigneeId,
      breached: view.breached,
      dueAt: nextTeamDeadline(state),
      createdBy: state.createdBy,
      createdAt: state.createdAt,
      updatedAt: state.updatedAt,
      resolvedAt: state.resolvedAt,
      closedAt: state.closedAt,
      snapshot: { case: state, clocks: view.clocks, lease: view.lease },
      details: {
        kind: 'escalation',
        taxonomyVersion: state.taxonomyVersion ?? 1,
        category: state.category,
        source: state.source ?? null,
        trigger: state.trigger ?? null,
        enforcementType: state.enforcementType ?? null,
        language: state.language,
        resolutionCode: state.resolution?.code ?? null,
        rootCause: state.resolution?.rootCause ?? null,
        upstreamTeam: state.resolution?.upstreamTeam ?? null,
        reopenCount: state.reopenCount,
      },
    },
  };
}

export function escalationSearchAttributes(state: EscalationState): SearchAttributeUpdatePair[] {
  return [
    { key: SA_STATE, value: state.status },
    { key: SA_ASSIGNEE, value: state.assigneeId ?? '' },
    { key: SA_BREACHED, value: isBreached(state) },
    ...teamAndDeadline(state.team, state.clocks),
  ];
}
