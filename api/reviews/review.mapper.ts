import type { CaseEntity } from '../../db/entities/case.entity';
import type { PendingApproval } from '../../workflows/common/approval/approval';
import { stillNeeded } from '../../workflows/common/approval/approval';
import type { Actor } from '../../workflows/common/actor';
import { findPlaybook } from '../../workflows/strategic-review/playbooks';
import type { ReviewView } from '../../workflows/strategic-review/review.contract';
import type { Proposal, ReviewHandoff, ReviewState } from '../../workflows/strategic-review/review.state';
import { iso, isoOrNull, taskFromRow } from '../cases/case.mapper';
import type { CaseHandoffResponse } from '../cases/case.response';
import { riskResponse } from '../sellers/seller.mapper';
import { reviewAllowedActions } from './review-allowed-actions';
import type { ApprovalResponse, ProposalResponse, ReviewSummaryResponse, ReviewViewResponse } from './review.response';

export function reviewSummary(row: CaseEntity): ReviewSummaryResponse {
  const s = (row.snapshot as { review?: ReviewState }).review;
  return {
    id: row.id,
    workflowId: row.workflowId,
    state: row.state,
    sellerId: row.sellerId,
    marketplace: row.marketplace,
    severity: row.severity,
    summary: row.summary,
    team: row.team ?? '',
    assigneeId: row.assigneeId,
    breached: row.breached,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    closedAt: isoOrNull(row.closedAt),
    outcome: s?.outcome ?? null,
  };
}

function approvalResponse(a: PendingApproval): ApprovalResponse {
  return {
    id: a.id,
    subject: a.subject,
    makerId: a.makerId,
    status: a.status,
    policy: { ...a.policy, atLeast: a.policy.atLeast ?? null },
    approvals: a.approvals.map((v) => ({ by: v.by, role: v.role, at: iso(v.at), note: v.note })),
    stillNeeded: stillNeeded(a),
    rejection: a.rejection ? { by: a.rejection.by, role: a.rejection.role, at: iso(a.rejection.at), reasons: a.rejection.reasons } : null,
    remindAt: iso(a.clock.warnAt),
    escalateAt: iso(a.clock.deadlineAt),
    remindedAt: isoOrNull(a.remindedAt),
    escalatedAt: isoOrNull(a.escalatedAt),
  };
}

function proposalResponse(p: Proposal): ProposalResponse {
  const c = p.consultation;
  return {
    n: p.n,
    decision: p.decision,
    reasonCode: p.reasonCode,
    policyCitation: p.policyCitation,
    rationale: p.rationale,
    scope: p.scope,
    durationDays: p.durationDays,
    proposedBy: p.proposedBy,
    proposedAt: iso(p.proposedAt),
    status: p.status,
    approval: p.approval ? approvalResponse(p.approval) : null,
    urgency: p.urgency ? { reason: p.urgency.reason, approvedBy: p.urgency.approvedBy, approvedAt: isoOrNull(p.urgency.approvedAt) } : null,
    consultation: c
      ? {
          handoffId: c.handoffId, accountManagerId: c.accountManagerId, status: c.status, requestedAt: iso(c.requestedAt), closesAt: iso(c.closesAt),
          response: c.response, reasons: c.reasons, answeredBy: c.answeredBy, answeredAt: isoOrNull(c.answeredAt),
        }
      : null,
    withdrawnReason: p.withdrawnReason,
  };
}

function handoffResponse(h: ReviewHandoff): CaseHandoffResponse {
  return {
    id: h.id, team: h.team, question: h.question, blocking: h.blocking, status: h.status, requestedBy: h.requestedBy, requestedAt: iso(h.requestedAt),
    dueAt: isoOrNull(h.dueAt), outcome: h.outcome, notes: h.answer, citation: null, answeredBy: h.answeredBy, answeredAt: h.status === 'answered' ? isoOrNull(h.closedAt) : null,
  };
}

/** The review's own parts, from its state (a live view or the projected snapshot), with the caller's allowed actions. */
export function reviewParts(s: ReviewState, actor: Actor): Omit<ReviewViewResponse, keyof ReviewSummaryResponse> {
  const playbook = findPlaybook(s.playbook)!;
  const guidance = new Map(playbook.checks.map((c) => [c.id, c.guidance]));
  return {
    trigger: s.trigger,
    playbook: {
      id: playbook.id,
      version: playbook.version,
      title: playbook.title,
      tier: s.tier.id,
      tierTitle: s.tier.title,
      consultationRequired: playbook.consultation.required,
      consultationWindowMs: playbook.consultation.windowMs,
      approval: { ...playbook.approval, atLeast: playbook.approval.atLeast ?? null },
    },
    sellerAtOpening: { ...s.seller },
    checks: s.checks.map((c) => ({
      id: c.id, title: c.title, guidance: guidance.get(c.id) ?? '', required: c.required, status: c.status, finding: c.finding, notes: c.notes,
      evidence: c.evidence, completedBy: c.completedBy, completedAt: isoOrNull(c.completedAt), revisions: c.revisions,
    })),
    risk: s.risk ? { ...riskResponse(s.risk), requestedBy: s.risk.requestedBy } : null,
    riskPending: s.riskPending !== null,
    proposal: s.proposal ? proposalResponse(s.proposal) : null,
    previousProposals: s.previousProposals.map(proposalResponse),
    enforcements: s.enforcements.map((e) => ({
      n: e.n, enforcementId: e.enforcementId, workflowId: e.workflowId, status: e.status, failure: e.failure, startedAt: iso(e.startedAt), finishedAt: isoOrNull(e.finishedAt),
      steps: e.steps.map((x) => ({ step: x.step, status: x.status, actionId: x.actionId, error: x.error })),
    })),
    statementOfReasons: s.statement
      ? { id: s.statement.id, issuedAt: iso(s.statement.issuedAt), measure: { ...s.statement.measure, startsAt: iso(s.statement.measure.startsAt), endsAt: isoOrNull(s.statement.measure.endsAt) }, facts: s.statement.facts, automation: { ...s.statement.automation }, ground: { ...s.statement.ground }, redress: s.statement.redress }
      : null,
    handoffs: s.handoffs.map(handoffResponse),
    policyGaps: s.policyGaps.map((g) => ({
      id: g.id, tag: g.tag, question: g.question, status: g.status, flaggedBy: g.flaggedBy, flaggedAt: iso(g.flaggedAt),
      dueAt: isoOrNull(s.clocks.find((c) => c.id === g.clockId)?.deadlineAt), decision: g.decision, precedent: g.precedent, decidedBy: g.decidedBy, decidedAt: isoOrNull(g.decidedAt),
    })),
    lastNote: s.lastNote ? { at: iso(s.lastNote.at), by: s.lastNote.by, text: s.lastNote.text } : null,
    openTasks: Object.values(s.tasks).map(taskFromRow),
    allowedActions: reviewAllowedActions(s.caseId, s, actor),
  };
}

export function fromReviewView(view: ReviewView, actor: Actor): ReviewViewResponse {
  const s = view.review;
  return {
    id: view.caseId,
    workflowId: view.workflowId,
    state: view.state,
    sellerId: view.sellerId,
    marketplace: view.marketplace,
    severity: view.severity,
    summary: view.summary,
    team: view.team,
    assigneeId: view.assigneeId,
    breached: view.breached,
    createdBy: view.createdBy,
    createdAt: iso(view.createdAt),
    updatedAt: iso(view.updatedAt),
    closedAt: isoOrNull(s.closedAt),
    outcome: s.outcome,
    ...reviewParts(s, actor),
  };
}
