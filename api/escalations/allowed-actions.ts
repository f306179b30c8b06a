import { ApiProperty } from '@nestjs/swagger';
import type { Actor } from '../../workflows/common/actor';
import type { EscalationSettings } from '../../workflows/escalation/escalation.contract';
import { allowedActions as machineAllowedActions } from '../../workflows/escalation/escalation.machine';
import type { EscalationEventType, EscalationState } from '../../workflows/escalation/escalation.state';

/** What the allowed actions depend on besides the state: the reopen window (running cases carry their own). */
type EscalationContext = Pick<EscalationSettings, 'reopenWindowMs'>;

/** What a caller may do on a case, as the console's buttons and forms need it. */
export const CASE_ACTION_NAMES = [
  'acknowledge',
  'claim',
  'release',
  'request_info',
  'record_seller_response',
  'hand_off',
  'resolve',
  'reopen',
  'escalate',
  'reassign',
  'extend_sla',
  'assign',
  'retriage',
  'renew_lease',
] as const;
export type CaseActionName = (typeof CASE_ACTION_NAMES)[number];

/**
 * The machine events a person sends through an action route, with the permission-table name of the
 * action (TRANSITIONS' `action`) and the route's last segment. Events only the system sends are not here.
 */
const ROUTED_EVENTS: Partial<Record<EscalationEventType, { action: CaseActionName; segment: string }>> = {
  acknowledged: { action: 'acknowledge', segment: 'acknowledge' },
  claimed: { action: 'claim', segment: 'claim' },
  released: { action: 'release', segment: 'release' },
  info_requested: { action: 'request_info', segment: 'request-info' },
  seller_responded: { action: 'record_seller_response', segment: 'seller-response' },
  handed_off: { action: 'hand_off', segment: 'handoffs' },
  resolved: { action: 'resolve', segment: 'resolve' },
  reopened: { action: 'reopen', segment: 'reopen' },
  escalated: { action: 'escalate', segment: 'escalate' },
  reassigned: { action: 'reassign', segment: 'reassign' },
  sla_extended: { action: 'extend_sla', segment: 'extend-sla' },
  assigned: { action: 'assign', segment: 'assign' },
  retriaged: { action: 'retriage', segment: 'retriage' },
  lease_renewed: { action: 'renew_lease', segment: 'renew-lease' },
};

export class AllowedActionResponse {
  @ApiProperty({ enum: CASE_ACTION_NAMES }) action!: CaseActionName;
  @ApiProperty({ enum: ['POST'] }) method!: 'POST';
  @ApiProperty({ example: '/escalations/7d7c4a58-4ad4-4c53-9a5c-1f4e4b1f9c11/resolve' }) href!: string;
}

/**
 * The actions `actor` may take on the case now, from its state as last projected and the same pure
 * rules the workflow's validators apply (escalation.machine.ts `allowedActions`). A listed action can
 * still be refused on its input, or if the case moved on since the projection.
 */
export function escalationAllowedActions(
  caseId: string,
  state: EscalationState | undefined,
  actor: Actor,
  now: number,
  ctx: EscalationContext,
): AllowedActionResponse[] {
  if (!state || typeof state !== 'object' || !('status' in state)) return [];
  return machineAllowedActions(state, actor, { now, ctx }).flatMap((event) => {
    const routed = ROUTED_EVENTS[event];
    return routed ? [{ action: routed.action, method: 'POST' as const, href: `/escalations/${caseId}/${routed.segment}` }] : [];
  });
}

/** The machine context as configured now (running cases carry their own; only the reopen window matters here). */
export function escalationContextFor(config: { REOPEN_WINDOW_DAYS: number }): EscalationContext {
  return { reopenWindowMs: Math.round(config.REOPEN_WINDOW_DAYS * 24 * 60 * 60_000) };
}
