/**
 * Who is acting. Shared by the API (from the verified token and the roster) and the workflows
 * (carried in every update's payload so validators can re-check permissions).
 * No Temporal, Node or ORM imports: this file is bundled into workflow code.
 */

export const ROLES = [
  'specialist',
  'senior_specialist',
  'manager',
  'legal',
  'policy',
  'customer_trust',
  'account_manager',
  'operator',
  // A marketplace seller: the roster member's team is `seller:<sellerId>` (SELLER_TEAM_PREFIX), the one seller its token acts for.
  'seller',
  // The enforcement system's service account: it reports new enforcements (restumbles) through the inbound route.
  'enforcement_system',
] as const;
export type Role = (typeof ROLES)[number];

/** Teams that answer handoffs; each has its own queue and SLA. */
export const HANDOFF_TEAMS = ['legal', 'policy', 'customer_trust'] as const;
export type HandoffTeam = (typeof HANDOFF_TEAMS)[number];

/** The case kinds Riskdesk runs (each kind's issue adds itself here as it is built). */
export const CASE_KINDS = ['escalation', 'strategic_review', 'appeal'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/** A seller's roster team: `seller:<sellerId>`. */
export const SELLER_TEAM_PREFIX = 'seller:';

/** The seller a `seller` actor is bound to, or null for anyone else. */
export function sellerIdOf(actor: Pick<Actor, 'role' | 'team'>): string | null {
  return actor.role === 'seller' && actor.team.startsWith(SELLER_TEAM_PREFIX) ? actor.team.slice(SELLER_TEAM_PREFIX.length) : null;
}

/** The automation's own role: no roster member has it and no permission row grants it. */
export const SYSTEM_ROLE = 'system';
/** A person's role, or the automation's. */
export type ActorRole = Role | typeof SYSTEM_ROLE;

export interface Actor {
  userId: string;
  role: ActorRole;
  /** The team the user belongs to, e.g. 'seller-risk-eu', 'legal'. */
  team: string;
}

/** The automation itself (timers, SLA breaches, routing); never sent by a caller, and told apart from any operator. */
export const SYSTEM_ACTOR: Actor = { userId: 'system', role: SYSTEM_ROLE, team: 'system' };
