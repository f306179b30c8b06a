import type { SearchAttributeUpdatePair } from '@temporalio/common';
import type { PolicyGapRow } from '../common/case-projection';
import { currentClock } from '../common/clock-book';
import type { Projection } from '../common/runtime/case-kind';
import { SA_ASSIGNEE, SA_BREACHED, SA_STATE, teamAndDeadline } from '../common/search-attributes';
import type { ReviewSettings, ReviewView } from './review.contract';
import { isReviewOpen, playbookOf } from './review.machine';
import type { ReviewState } from './review.state';
import { REVIEW_CLOCKS } from './review.vocabulary';

/** Pure builders from the review's state to what it shows (query, update results) and projects. */

export function isReviewBreached(s: ReviewState): boolean {
  return s.breaches.first_response || s.breaches.resolution;
}

export function reviewView(s: ReviewState, _now: number, _ctx: ReviewSettings, workflowId: string): ReviewView {
  const playbook = playbookOf(s);
  return {
    caseId: s.caseId,
    workflowId,
    state: s.status,
    sellerId: s.seller.sellerId,
    marketplace: s.seller.marketplace,
    severity: s.severity,
    summary: s.summary,
    team: s.team,
    assigneeId: s.assigneeId,
    breached: isReviewBreached(s),
    createdBy: s.createdBy,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    playbook: {
      id: playbook.id,
      version: playbook.version,
      title: playbook.title,
      consultationRequired: playbook.consultation.required,
      consultationWindowMs: playbook.consultation.windowMs,
      approval: playbook.approval,
    },
    review: s,
    openTasks: Object.values(s.tasks),
  };
}

function nextTeamDeadline(s: ReviewState): number | null {
  const running = REVIEW_CLOCKS.map((name) => currentClock({ clocks: s.clocks }, name)).filter((c) => c?.status === 'running');
  return running.length ? Math.min(...running.map((c) => c!.deadlineAt)) : null;
}

export function policyGapRows(s: ReviewState): PolicyGapRow[] {
  return s.policyGaps.map((g) => ({
    id: g.id,
    caseId: s.caseId,
    caseKind: 'strategic_review',
    team: s.team,
    tag: g.tag,
    question: g.question,
    status: g.status,
    flaggedBy: g.flaggedBy,
    flaggedAt: g.flaggedAt,
    dueAt: s.clocks.find((c) => c.id === g.clockId)?.deadlineAt ?? null,
    decision: g.decision,
    precedent: g.precedent,
    decidedBy: g.decidedBy,
    decidedAt: g.decidedAt,
  }));
}

export function reviewProjection(s: ReviewState, view: ReviewView): Projection {
  const proposal = s.proposal ?? s.previousProposals.at(-1) ?? null;
  return {
    target: 'case',
    clocks: s.clocks,
    row: {
      caseId: s.caseId,
      kind: 'strategic_review',
      workflowId: view.workflowId,
      sellerId: s.seller.sellerId,
      marketplace: s.seller.marketplace,
      severity: s.severity,
      summary: s.summary,
      state: s.status,
      open: isReviewOpen(s),
      team: s.team,
      assigneeId: s.assigneeId,
      breached: view.breached,
      dueAt: nextTeamDeadline(s),
      createdBy: s.createdBy,
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
      resolvedAt: s.closedAt,
      closedAt: s.closedAt,
      snapshot: { review: s, playbook: view.playbook },
      details: {
        kind: 'strategic_review',
        sellerId: s.seller.sellerId,
        tier: s.tier.id,
        playbookId: s.playbook.id,
        playbookVersion: s.playbook.version,
        riskScore: s.risk?.score ?? null,
        riskBand: s.risk?.band ?? null,
        riskModelVersion: s.risk?.modelVersion ?? null,
        decision: proposal?.decision ?? null,
        decisionStatus: proposal?.status ?? null,
        outcome: s.outcome,
        open: isReviewOpen(s),
        statementOfReasons: s.statement ? { ...s.statement } : null,
        policyGaps: policyGapRows(s),
      },
    },
  };
}

export function reviewSearchAttributes(s: ReviewState): SearchAttributeUpdatePair[] {
  return [
    { key: SA_STATE, value: s.status },
    { key: SA_ASSIGNEE, value: s.assigneeId ?? '' },
    { key: SA_BREACHED, value: isReviewBreached(s) },
    ...teamAndDeadline(s.team, s.clocks),
  ];
}
