import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { currentClock } from '../common/clock-book';
import type { Projection } from '../common/runtime/case-kind';
import { SA_ASSIGNEE, SA_BREACHED, SA_STATE } from '../common/search-attributes';
import type { AppealSettings, AppealView } from './appeal.contract';
import { isAppealWorking } from './appeal.machine';
import type { AppealState } from './appeal.state';
import { APPEAL_CLOCKS } from './appeal.vocabulary';

/** Pure builders from the appeal's state to what it shows (query, update results) and projects. */

export function isAppealBreached(s: AppealState): boolean {
  return s.breaches.first_response || s.breaches.resolution;
}

export function appealView(s: AppealState, _now: number, ctx: AppealSettings, workflowId: string): AppealView {
  return {
    caseId: s.caseId,
    workflowId,
    state: s.status,
    sellerId: s.sellerId,
    marketplace: s.marketplace,
    team: s.team,
    assigneeId: s.assigneeId,
    breached: isAppealBreached(s),
    createdBy: s.createdBy,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    infoRequestsLeft: Math.max(0, ctx.maxInfoRequests - s.counters.infoRequests),
    maxInfoRequests: ctx.maxInfoRequests,
    appeal: s,
    openTasks: Object.values(s.tasks),
  };
}

function nextTeamDeadline(s: AppealState): number | null {
  const running = APPEAL_CLOCKS.map((name) => currentClock({ clocks: s.clocks }, name)).filter((c) => c?.status === 'running');
  return running.length ? Math.min(...running.map((c) => c!.deadlineAt)) : null;
}

/** The decision in force: the pending or final one, else the last one taken back. */
const decisionOf = (s: AppealState) => s.decision ?? s.previousDecisions.at(-1) ?? null;

export function appealProjection(s: AppealState, view: AppealView): Projection {
  const decision = decisionOf(s);
  const approved = decision && (decision.status === 'approved' || decision.status === 'final');
  const applied = s.reinstatements.find((r) => r.status === 'applied');
  const m = s.monitoring;
  return {
    target: 'case',
    clocks: s.clocks,
    row: {
      caseId: s.caseId,
      kind: 'appeal',
      workflowId: view.workflowId,
      sellerId: s.sellerId,
      marketplace: s.marketplace,
      severity: s.severity,
      summary: `Appeal against ${s.enforcement.type.replace(/_/g, ' ')} ${s.enforcement.ref}`,
      state: s.status,
      open: isAppealWorking(s),
      team: s.team,
      assigneeId: s.assigneeId,
      breached: view.breached,
      dueAt: nextTeamDeadline(s),
      createdBy: s.createdBy,
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
      resolvedAt: s.decidedAt ?? (s.outcome === 'abandoned' ? s.closedAt : null),
      closedAt: s.closedAt,
      snapshot: { appeal: s, maxInfoRequests: view.maxInfoRequests },
      details: {
        kind: 'appeal',
        sellerId: s.sellerId,
        enforcementSource: s.enforcement.source,
        enforcementRef: s.enforcement.ref,
        enforcementType: s.enforcement.type,
        enforcementTeam: s.enforcement.upstreamTeam,
        originalDecisionMakers: s.enforcement.decidedBy,
        active: s.status !== 'closed',
        decision: decision?.decision ?? null,
        decisionStatus: decision?.status ?? null,
        reasonCode: decision?.reasonCode ?? null,
        decidedBy: approved ? decision!.decidedBy : null,
        decidedAt: approved ? s.decidedAt : null,
        decidedByHuman: approved ? true : null,
        enforcementError: Boolean(approved && decision!.enforcementError),
        errorUpstreamTeam: approved ? (decision!.enforcementError?.upstreamTeam ?? null) : null,
        errorNote: approved ? (decision!.enforcementError?.note ?? null) : null,
        outcome: s.outcome,
        infoRequests: s.counters.infoRequests,
        reinstatedAt: applied?.finishedAt ?? null,
        reinstatedBy: m?.reinstatedBy ?? null,
        monitoringUntil: m?.until ?? null,
        monitoringResult: m?.result ?? null,
        restumbledAt: m?.restumble?.at ?? null,
        restumbleDays: m?.restumble?.daysSinceReinstatement ?? null,
      },
    },
  };
}

export function appealSearchAttributes(s: AppealState): SearchAttributeUpdatePair[] {
  return [
    { key: SA_STATE, value: s.status },
    { key: SA_ASSIGNEE, value: s.assigneeId ?? '' },
    { key: SA_BREACHED, value: isAppealBreached(s) },
  ];
}
