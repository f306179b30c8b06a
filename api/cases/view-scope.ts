import { authorize, handoffTeamOf, isSystemActor } from '../../workflows/common/access';
import type { Actor, CaseKind, HandoffTeam } from '../../workflows/common/actor';

/**
 * Which cases of a kind a caller may list, as a filter a query can apply. Derived by asking the
 * permission table (never restated here), so a change to `view` there changes lists too:
 * everywhere (operators, account managers), or any of: the caller's team, cases assigned to the
 * caller, cases with a handoff to the caller's handoff team.
 */
export interface ViewScope {
  everywhere: boolean;
  team: string | null;
  assigneeId: string | null;
  handoffTeam: HandoffTeam | null;
}

export function viewScope(actor: Actor, kind: CaseKind): ViewScope | null {
  if (isSystemActor(actor)) return null;
  const may = (target: Parameters<typeof authorize>[2]) => authorize(actor, 'view', target).allowed;
  if (may({ kind })) return { everywhere: true, team: null, assigneeId: null, handoffTeam: null };
  const own = handoffTeamOf(actor.role) ?? null;
  const scope: ViewScope = {
    everywhere: false,
    team: may({ kind, team: actor.team }) ? actor.team : null,
    assigneeId: may({ kind, assigneeId: actor.userId }) ? actor.userId : null,
    handoffTeam: own && may({ kind, handoffTeam: own }) ? own : null,
  };
  return scope.team || scope.assigneeId || scope.handoffTeam ? scope : null;
}
