import type { Actor } from '../../workflows/common/actor';
import type { AppealView } from '../../workflows/appeal/appeal.contract';
import type { AppealLimits } from '../../workflows/appeal/appeal.rules';
import type { AppealState } from '../../workflows/appeal/appeal.state';
import { iso, isoOrNull } from '../cases/case.mapper';
import { appealAllowedActions } from './appeal-allowed-actions';
import type { AppealResponse, SellerAppealResponse } from './appeal.response';

export function fromAppealState(s: AppealState, workflowId: string, settings: AppealLimits, actor: Actor): AppealResponse {
  return {
    id: s.caseId,
    workflowId,
    state: s.status,
    sellerId: s.sellerId,
    marketplace: s.marketplace,
    team: s.team,
    assigneeId: s.assigneeId,
    breached: s.breaches.first_response || s.breaches.resolution,
    createdAt: iso(s.createdAt),
    updatedAt: iso(s.updatedAt),
    infoRequestsLeft: Math.max(0, settings.maxInfoRequests - s.counters.infoRequests),
    outcome: s.outcome,
    enforcement: { ...s.enforcement },
    plan: { ...s.plan },
    infoRequests: s.infoRequests.map((r) => ({ ...r })),
    decision: s.decision ? { ...s.decision } : null,
    previousDecisions: s.previousDecisions.map((d) => ({ ...d })),
    statement: s.statement ? { ...s.statement } : null,
    reinstatements: s.reinstatements.map((r) => ({ ...r })),
    monitoring: s.monitoring ? { ...s.monitoring } : null,
    notes: s.notes.map((n) => ({ ...n })),
    allowedActions: appealAllowedActions(s.caseId, s, settings, actor),
  };
}

export const fromAppealView = (v: AppealView, actor: Actor) => fromAppealState(v.appeal, v.workflowId, v, actor);

const SELLER_STATUS: Record<AppealState['status'], SellerAppealResponse['status']> = {
  new: 'received', queued: 'received', assigned: 'received', in_review: 'in_review', waiting_on_seller: 'information_requested',
  pending_approval: 'in_review', qa_hold: 'in_review', reinstating: 'decided', reinstatement_failed: 'decided', monitoring: 'decided', closed: 'closed',
};

/** Only what the seller may see: their plan, the questions asked, the outcome and, for a denial, the statement of reasons. */
export function sellerAppeal(s: AppealState): SellerAppealResponse {
  return {
    id: s.caseId,
    status: SELLER_STATUS[s.status],
    outcome: s.outcome,
    enforcement: { type: s.enforcement.type, ref: s.enforcement.ref, reason: s.enforcement.reason },
    plan: { ...s.plan },
    infoRequests: s.infoRequests.map((r) => ({ n: r.n, question: r.question, deadline: iso(r.deadlineAt), status: r.status, answer: r.answer })),
    statement: s.statement ? { facts: s.statement.facts, reasonCode: s.statement.reasonCode, redress: s.statement.redress, issuedAt: iso(s.statement.issuedAt) } : null,
    createdAt: iso(s.createdAt),
    decidedAt: isoOrNull(s.decidedAt),
    decidedByHuman: s.decidedAt !== null ? true : null,
  };
}
