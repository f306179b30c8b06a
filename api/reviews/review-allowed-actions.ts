import { ApiProperty } from '@nestjs/swagger';
import { authorize } from '../../workflows/common/access';
import type { Actor } from '../../workflows/common/actor';
import { allowedReviewEvents } from '../../workflows/strategic-review/review.rules';
import type { ReviewEventType, ReviewState } from '../../workflows/strategic-review/review.state';

/** What a caller may do on a review, as the console's buttons and forms need it. */
export const REVIEW_ACTION_NAMES = [
  'acknowledge',
  'claim',
  'release',
  'reassign',
  'complete_check',
  'assess_risk',
  'hand_off',
  'propose_decision',
  'approve_decision',
  'reject_decision',
  'withdraw_decision',
  'approve_urgency',
  'answer_consultation',
  'retry_enforcement',
  'flag_policy_gap',
  'decide_policy_gap',
] as const;
export type ReviewActionName = (typeof REVIEW_ACTION_NAMES)[number];

const ROUTED: Partial<Record<ReviewEventType, { action: ReviewActionName; segment: string }>> = {
  acknowledged: { action: 'acknowledge', segment: 'acknowledge' },
  claimed: { action: 'claim', segment: 'claim' },
  released: { action: 'release', segment: 'release' },
  reassigned: { action: 'reassign', segment: 'reassign' },
  check_completed: { action: 'complete_check', segment: 'checks' },
  risk_assessment_requested: { action: 'assess_risk', segment: 'risk-assessment' },
  handed_off: { action: 'hand_off', segment: 'handoffs' },
  decision_proposed: { action: 'propose_decision', segment: 'decision' },
  decision_approved: { action: 'approve_decision', segment: 'decision/approve' },
  decision_rejected: { action: 'reject_decision', segment: 'decision/reject' },
  decision_withdrawn: { action: 'withdraw_decision', segment: 'decision/withdraw' },
  urgency_approved: { action: 'approve_urgency', segment: 'decision/urgency' },
  enforcement_retried: { action: 'retry_enforcement', segment: 'enforcement/retry' },
  policy_gap_flagged: { action: 'flag_policy_gap', segment: 'policy-gaps' },
  policy_gap_decided: { action: 'decide_policy_gap', segment: 'policy-gaps/decision' },
};

export class ReviewAllowedActionResponse {
  @ApiProperty({ enum: REVIEW_ACTION_NAMES }) action!: ReviewActionName;
  @ApiProperty({ enum: ['POST'] }) method!: 'POST';
  @ApiProperty({ example: '/reviews/7d7c4a58-4ad4-4c53-9a5c-1f4e4b1f9c11/decision/approve' }) href!: string;
}

/**
 * The actions `actor` may take on the review now, from its state and the same pure rules the
 * workflow's validators apply (review.rules.ts, including the maker-checker policy). Answering the
 * consultation is offered to account managers while one is open.
 */
export function reviewAllowedActions(caseId: string, state: ReviewState | undefined, actor: Actor): ReviewAllowedActionResponse[] {
  if (!state || typeof state !== 'object' || !('status' in state)) return [];
  const actions = allowedReviewEvents(state, actor).flatMap((event) => {
    const routed = ROUTED[event];
    return routed ? [{ action: routed.action, method: 'POST' as const, href: `/reviews/${caseId}/${routed.segment}` }] : [];
  });
  const consultation = state.proposal?.consultation;
  if (consultation?.status === 'open' && authorize(actor, 'answer_consultation', { kind: 'strategic_review', team: state.team }).allowed) {
    actions.push({ action: 'answer_consultation', method: 'POST', href: `/reviews/${caseId}/consultation/answer` });
  }
  return actions;
}
