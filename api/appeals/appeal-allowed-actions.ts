import { ApiProperty } from '@nestjs/swagger';
import type { Actor } from '../../workflows/common/actor';
import { allowedAppealEvents, type AppealLimits } from '../../workflows/appeal/appeal.rules';
import type { AppealEventType, AppealState } from '../../workflows/appeal/appeal.state';

/** What a caller may do on an appeal, as the console's buttons and forms need it. */
export const APPEAL_ACTION_NAMES = [
  'acknowledge', 'claim', 'release', 'reassign', 'add_note', 'request_info', 'decide', 'approve_reinstatement', 'reject_reinstatement', 'withdraw_decision', 'retry_reinstatement',
] as const;
export type AppealActionName = (typeof APPEAL_ACTION_NAMES)[number];

const ROUTED: Partial<Record<AppealEventType, { action: AppealActionName; segment: string }>> = {
  acknowledged: { action: 'acknowledge', segment: 'acknowledge' },
  claimed: { action: 'claim', segment: 'claim' },
  released: { action: 'release', segment: 'release' },
  reassigned: { action: 'reassign', segment: 'reassign' },
  note_added: { action: 'add_note', segment: 'notes' },
  info_requested: { action: 'request_info', segment: 'request-info' },
  decision_made: { action: 'decide', segment: 'decision' },
  decision_approved: { action: 'approve_reinstatement', segment: 'decision/approve' },
  decision_rejected: { action: 'reject_reinstatement', segment: 'decision/reject' },
  decision_withdrawn: { action: 'withdraw_decision', segment: 'decision/withdraw' },
  reinstatement_retried: { action: 'retry_reinstatement', segment: 'reinstatement/retry' },
};

export class AppealAllowedActionResponse {
  @ApiProperty({ enum: APPEAL_ACTION_NAMES }) action!: AppealActionName;
  @ApiProperty({ enum: ['POST'] }) method!: 'POST';
  @ApiProperty({ example: '/appeals/7d7c4a58-4ad4-4c53-9a5c-1f4e4b1f9c11/decision' }) href!: string;
}

/** The actions `actor` may take on the appeal now, from the same pure rules the workflow's validators apply. */
export function appealAllowedActions(caseId: string, state: AppealState, settings: AppealLimits, actor: Actor): AppealAllowedActionResponse[] {
  return allowedAppealEvents(state, actor, settings).flatMap((event) => {
    const routed = ROUTED[event];
    return routed ? [{ action: routed.action, method: 'POST' as const, href: `/appeals/${caseId}/${routed.segment}` }] : [];
  });
}
