import { SYSTEM_ACTOR, type Actor } from '../actor';
import type { NotificationRecipient } from '../case-projection';
import type { RoutingOutcome } from './case-kind';

/**
 * Who holds a case, as the strategic review and the appeal keep it: routed to someone (`assigned`) or
 * to the team's queue (`queued`), acknowledged or claimed (the first response), released back to the
 * queue, reassigned. Both kinds handle these events the same way; each composes the handlers with its
 * own notices, work task and clocks. (The escalation keeps its own: it counts assignments, holds a claim
 * under a lease and returns a case to where it waited.)
 *
 * Pure, like the machines: the handlers change the draft and push effects through the kind's functions,
 * in the order the kinds always did (recorded histories replay against it).
 */
export interface HoldableState {
  assigneeId: string | null;
  status: string;
  team: string;
  acknowledgedAt: number | null;
}

export interface AssignmentDraft<S extends HoldableState> {
  s: S;
  now: number;
  reason: string | null;
  details: Record<string, string | number | boolean | null>;
}

export interface AssignmentRules<S extends HoldableState, D extends AssignmentDraft<S>, Template extends string> {
  /** The status of a case someone works (acknowledged or claimed). */
  working: S['status'];
  /** A status a release keeps (waiting on someone else: the case is not idle in the queue). */
  waiting: S['status'];
  /** Whether a reassignment may move the case to another team. */
  movesTeam: boolean;
  notices: { assigned: Template; queued: Template };
  notify(d: D, to: NotificationRecipient, template: Template, extra?: Record<string, string | number | boolean | null>): void;
  /** Opens, moves or closes the work task to match the holder. */
  workTask(d: D): void;
  /** Stops the first-response clock (idempotent). */
  stopFirstResponse(d: D): void;
}

type WithReason = { reason?: string | null };

export function assignmentHandlers<S extends HoldableState, D extends AssignmentDraft<S>, Template extends string>(rules: AssignmentRules<S, D, Template>) {
  const firstResponse = (d: D) => {
    d.s.status = rules.working;
    d.s.acknowledgedAt ??= d.now;
  };
  return {
    assigned(d: D, e: { assigneeId: string } & WithReason) {
      d.s.assigneeId = e.assigneeId;
      d.s.status = 'assigned';
      d.reason = e.reason ?? null;
      d.details.assigneeId = e.assigneeId;
      rules.workTask(d);
      rules.notify(d, { kind: 'user', userId: e.assigneeId }, rules.notices.assigned);
    },
    queued(d: D, e: { reason: string }) {
      d.s.status = 'queued';
      d.reason = e.reason;
      rules.workTask(d);
      rules.notify(d, { kind: 'team', team: d.s.team }, rules.notices.queued, { reason: e.reason });
    },
    acknowledged(d: D) {
      firstResponse(d);
      rules.stopFirstResponse(d);
    },
    claimed(d: D, e: { actor: Actor }) {
      d.s.assigneeId = e.actor.userId;
      firstResponse(d);
      d.details.assigneeId = e.actor.userId;
      rules.stopFirstResponse(d);
      rules.workTask(d);
    },
    released(d: D, e: WithReason) {
      d.details.previousAssigneeId = d.s.assigneeId;
      d.reason = e.reason ?? null;
      d.s.assigneeId = null;
      if (d.s.status !== rules.waiting) d.s.status = 'queued';
      rules.workTask(d);
      rules.notify(d, { kind: 'team', team: d.s.team }, rules.notices.queued, { reason: e.reason ?? 'released' });
    },
    reassigned(d: D, e: { assigneeId: string; team?: string } & WithReason) {
      d.details.previousAssigneeId = d.s.assigneeId;
      d.details.assigneeId = e.assigneeId;
      if (rules.movesTeam && e.team !== undefined && e.team !== d.s.team) {
        d.details.previousTeam = d.s.team;
        d.s.team = e.team;
      }
      d.s.assigneeId = e.assigneeId;
      d.reason = e.reason ?? null;
      if (d.s.status === 'queued') d.s.status = 'assigned';
      rules.workTask(d);
      rules.notify(d, { kind: 'user', userId: e.assigneeId }, rules.notices.assigned);
    },
  };
}

/** What routing's answer is to a kind's machine: assigned to the person routing chose, or queued with routing's reason. */
export function routedEvent(r: RoutingOutcome): { type: 'assigned'; actor: Actor; assigneeId: string; reason: string } | { type: 'queued'; actor: Actor; reason: string } {
  return r.decision === 'assign' && r.userId
    ? { type: 'assigned', actor: SYSTEM_ACTOR, assigneeId: r.userId, reason: r.reason }
    : { type: 'queued', actor: SYSTEM_ACTOR, reason: r.reason };
}
