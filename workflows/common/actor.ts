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
] as const;
export type Role = (typeof ROLES)[number];

/** Teams that answer handoffs; each has its own queue and SLA. */
export const HANDOFF_TEAMS = ['legal', 'policy', 'customer_trust'] as const;
export type HandoffTeam = (typeof HANDOFF_TEAMS)[number];

/** The case kinds Riskdesk runs (each kind's issue adds itself here as it is built). */
export const CASE_KINDS = ['escalation', 'strategic_review'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

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
