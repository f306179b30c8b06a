/**
 * Who may do what, in one table. The API checks it before it calls a workflow; the workflows check it
 * again in their update validators (through the state machines), so a stale or forged request is refused
 * where the decision is made. Pure: bundled into workflow code.
 */
import { Actor, ActorRole, CASE_KINDS, CaseKind, HANDOFF_TEAMS, HandoffTeam, Role, sellerIdOf, SYSTEM_ACTOR, SYSTEM_ROLE } from './actor';

export const CASE_ACTIONS = [
  'view',
  'create',
  'acknowledge',
  'claim',
  'release',
  'request_info',
  'record_seller_response',
  'hand_off',
  'answer_handoff',
  'answer_consultation',
  'resolve',
  'reopen',
  'escalate',
  'reassign',
  'extend_sla',
  'retriage',
  'renew_lease',
  'history.view',
  'approve_enforcement',
  'complete_check',
  'assess_risk',
  'propose_decision',
  'approve_urgency',
  'flag_policy_gap',
  'decide_policy_gap',
  'roster.view',
  'roster.update',
  'workload.view',
  'metrics.view',
  'teams.view',
  'teams.update',
  'sellers.view',
  'sellers.update',
  'decide_appeal',
  'approve_reinstatement',
  'seller.view',
  'seller.appeal',
  'seller.respond',
  'seller.survey',
  'enforcements.report',
  'false_positives.view',
  'quality.view',
  'calibration.run',
  'calibration.answer',
  'qa.review',
  'qa.adjudicate',
  'bulk.run',
  'bulk.view',
  'webhooks.manage',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** Actions on a team's roster rather than on a case; their column in the table is `roster`. */
export const ROSTER_ACTIONS = [
  'roster.view',
  'roster.update',
  'workload.view',
  'metrics.view',
  'quality.view',
  'calibration.run',
  'calibration.answer',
  'qa.review',
  'qa.adjudicate',
] as const satisfies readonly CaseAction[];
export type RosterAction = (typeof ROSTER_ACTIONS)[number];

/**
 * Actions on the teams table (routing rules and calendars); their column is `teams`. The
 * configuration belongs to no team, so a role listed may use them on every team.
 */
export const TEAM_CONFIG_ACTIONS = ['teams.view', 'teams.update'] as const satisfies readonly CaseAction[];
export type TeamConfigAction = (typeof TEAM_CONFIG_ACTIONS)[number];

/** Actions on the seller directory (profiles, bulk import, risk assessments); their column is `sellers`. Like teams, it belongs to no team. */
export const SELLER_ACTIONS = ['sellers.view', 'sellers.update'] as const satisfies readonly CaseAction[];

/**
 * Actions on enforcements reported from outside and on the false-positive feedback to the upstream
 * teams; their column is `enforcements`. Like sellers, it belongs to no team.
 */
export const ENFORCEMENT_ACTIONS = ['enforcements.report', 'false_positives.view'] as const satisfies readonly CaseAction[];

/**
 * Bulk operations (many cases changed at once, each by its own normal update); their column is `bulk`
 * and the target's team is the batch's team (its starter's). Each case's change is still checked by
 * the case itself under the starter's identity.
 */
export const BULK_ACTIONS = ['bulk.run', 'bulk.view'] as const satisfies readonly CaseAction[];

/** A column of the table: a case kind, the team roster, the teams configuration, the seller directory, enforcements, bulk operations, or webhooks. */
export type AccessScope = CaseKind | 'roster' | 'teams' | 'sellers' | 'enforcements' | 'bulk' | 'webhooks';

export interface AccessTarget {
  kind: AccessScope;
  /** The case's current assignee; absent when the case sits unassigned in its team's queue. */
  assigneeId?: string;
  /** The case's owning team (for roster actions: the roster's team). */
  team?: string;
  /** For `answer_handoff` (and a handoff team's `view`): the team the handoff is addressed to. */
  handoffTeam?: HandoffTeam;
  /** For a seller's own actions: the seller the case is about. */
  sellerId?: string;
}

export type DenialCode = 'role_not_permitted' | 'not_assignee' | 'wrong_team' | 'wrong_handoff_team' | 'wrong_seller' | 'original_decision_maker';
export type Decision = { allowed: true } | { allowed: false; reason: string; code: DenialCode };

type Row = Readonly<Partial<Record<AccessScope, readonly Role[]>>>;

const WORKERS = ['specialist', 'senior_specialist'] as const;
const HANDOFF_ROLES = ['legal', 'policy', 'customer_trust'] as const;

const everyKind = (...roles: Role[]): Row => Object.fromEntries(CASE_KINDS.map((k) => [k, roles]));

/**
 * action -> column -> roles. Being in a row is necessary, not sufficient: `authorize` then applies the
 * role's scope (see SCOPES below): a specialist only on cases assigned to them, a manager only in their
 * own team, a handoff team only on handoffs addressed to it.
 *
 * There is no `pause_sla`: the resolution clock pauses only while the case waits on the seller, which
 * the escalation machine does by itself. A manager who needs more time uses `extend_sla`, which leaves
 * a reason in the audit trail.
 */
export const PERMISSIONS: Readonly<Record<CaseAction, Row>> = {
  view: everyKind(...WORKERS, 'manager', ...HANDOFF_ROLES, 'account_manager', 'operator'),
  create: everyKind(...WORKERS, 'manager'),
  acknowledge: everyKind(...WORKERS),
  claim: everyKind(...WORKERS),
  release: everyKind(...WORKERS, 'manager'),
  request_info: everyKind(...WORKERS, 'manager'),
  record_seller_response: everyKind(...WORKERS, 'manager'),
  hand_off: everyKind(...WORKERS, 'manager'),
  answer_handoff: everyKind(...HANDOFF_ROLES),
  // A strategic review's Account Management consultation: the seller's account manager answers.
  answer_consultation: { strategic_review: ['account_manager'] },
  resolve: everyKind(...WORKERS, 'manager'),
  reopen: everyKind(...WORKERS, 'manager'),
  escalate: everyKind(...WORKERS),
  reassign: everyKind('manager'),
  extend_sla: everyKind('manager'),
  retriage: everyKind(...WORKERS, 'manager'),
  renew_lease: everyKind(...WORKERS),
  'history.view': everyKind('manager', 'operator'),
  approve_enforcement: { strategic_review: ['senior_specialist', 'manager'] },
  // The maker's steps of a strategic review: the playbook's checks, the risk assessment, the proposal.
  complete_check: { strategic_review: [...WORKERS, 'manager'] },
  assess_risk: { strategic_review: [...WORKERS, 'manager'] },
  propose_decision: { strategic_review: [...WORKERS, 'manager'] },
  // An urgent enforcement skips the Account Management consultation window: a manager's call.
  approve_urgency: { strategic_review: ['manager'] },
  // Anyone working the team's cases may ask leadership; leadership (the team's managers) decides.
  flag_policy_gap: { strategic_review: [...WORKERS, 'manager'] },
  decide_policy_gap: { strategic_review: ['manager'] },
  'roster.view': { roster: ['senior_specialist', 'manager', 'operator'] },
  'roster.update': { roster: ['manager', 'operator'] },
  'workload.view': { roster: ['senior_specialist', 'manager', 'operator'] },
  // The team's performance figures (SLA attainment, response times, volumes): who sees the workload.
  'metrics.view': { roster: ['senior_specialist', 'manager', 'operator'] },
  // Where cases go and which calendar a team keeps is useful to everyone who works cases or
  // handoffs; changing it reroutes new cases for every team, so only operators do.
  'teams.view': { teams: [...WORKERS, 'manager', ...HANDOFF_ROLES, 'account_manager', 'operator'] },
  'teams.update': { teams: ['operator'] },
  // Seller profiles are context for every case; importing them and recording detection signals is an
  // operator's job (the integration identity of the detection and science teams' pipelines).
  'sellers.view': { sellers: [...WORKERS, 'manager', ...HANDOFF_ROLES, 'account_manager', 'operator'] },
  'sellers.update': { sellers: ['operator'] },
  // An appeal's decision is its reviewer's (or a manager's); a reinstatement reverses an enforcement, so a senior checks it.
  decide_appeal: { appeal: [...WORKERS, 'manager'] },
  approve_reinstatement: { appeal: ['senior_specialist', 'manager'] },
  // A seller sees, appeals, answers and rates only their own cases, through the seller routes.
  'seller.view': { appeal: ['seller'], escalation: ['seller'] },
  'seller.appeal': { appeal: ['seller'] },
  'seller.respond': { appeal: ['seller'] },
  'seller.survey': { appeal: ['seller'], escalation: ['seller'] },
  // The enforcement system reports new enforcements (a reinstated seller's restumble); leadership reads the feedback.
  'enforcements.report': { enforcements: ['enforcement_system'], appeal: ['enforcement_system'] },
  'false_positives.view': { enforcements: ['senior_specialist', 'manager', 'operator'] },
  // Decision quality: QA reports and scorecards are read like the metrics; a manager runs calibration
  // sessions for their team, and everyone who decides the team's cases takes part in them.
  'quality.view': { roster: ['senior_specialist', 'manager', 'operator'] },
  'calibration.run': { roster: ['manager'] },
  'calibration.answer': { roster: [...WORKERS, 'manager'] },
  // Blind peer review of a sampled decision: the routed reviewer (or, when nobody could be routed, a
  // manager) reviews; a disagreement goes to the team's managers, who adjudicate.
  'qa.review': { roster: [...WORKERS, 'manager'] },
  'qa.adjudicate': { roster: ['manager'] },
  // Acting on many cases at once is a manager's tool for their team, and an operator's for any team.
  'bulk.run': { bulk: ['manager', 'operator'] },
  'bulk.view': { bulk: ['manager', 'operator'] },
  // Webhooks send case events of every team to another system: an operator's integration job.
  'webhooks.manage': { webhooks: ['operator'] },
};

/**
 * Where a permitted role may use an action:
 * - anywhere: no further check (operators, account managers).
 * - team: the target's team is the actor's team.
 * - assigned: the case is assigned to the actor.
 * - queue: the case is unassigned (or already the actor's) and in the actor's team (claiming).
 * - team_or_assigned: either of the above (a specialist sees their team's queue and their own cases).
 * - handoff_team: the handoff is addressed to the actor's team.
 * - own_seller: the case is about the seller the actor's token is bound to.
 */
type Scope = 'anywhere' | 'team' | 'assigned' | 'queue' | 'team_or_assigned' | 'handoff_team' | 'own_seller';

/** Team-level acts a senior specialist does for the team, not only on their own cases. */
const SENIOR_TEAM_ACTIONS: readonly CaseAction[] = [
  'escalate',
  'approve_enforcement',
  'complete_check',
  'assess_risk',
  'propose_decision',
  'approve_urgency',
  'flag_policy_gap',
  'decide_policy_gap',
  'approve_reinstatement',
  'roster.view',
  'workload.view',
  'metrics.view',
  'quality.view',
];

function scopeOf(role: Role, action: CaseAction): Scope {
  switch (role) {
    case 'operator':
    case 'account_manager':
    case 'enforcement_system':
      return 'anywhere';
    case 'seller':
      return 'own_seller';
    case 'manager':
      return 'team';
    case 'legal':
    case 'policy':
    case 'customer_trust':
      return 'handoff_team';
    case 'senior_specialist':
      if (SENIOR_TEAM_ACTIONS.includes(action)) return 'team';
      return specialistScope(action);
    case 'specialist':
      return specialistScope(action);
  }
}

function specialistScope(action: CaseAction): Scope {
  switch (action) {
    case 'view':
    case 'flag_policy_gap':
      return 'team_or_assigned';
    case 'claim':
      return 'queue';
    case 'create':
    case 'calibration.answer':
    case 'qa.review':
      return 'team';
    default:
      return 'assigned';
  }
}

const KIND_LABELS: Record<CaseKind, string> = {
  escalation: 'escalation',
  strategic_review: 'strategic review',
  appeal: 'appeal',
};

/** Each phrase completes "role X may not ..." before "<kind> cases" (or, for roster actions, alone). */
const ACTION_PHRASES: Record<CaseAction, string> = {
  view: 'view',
  create: 'create',
  acknowledge: 'acknowledge',
  claim: 'claim',
  release: 'release',
  request_info: 'request information on',
  record_seller_response: 'record seller responses on',
  hand_off: 'hand off',
  answer_handoff: 'answer handoffs on',
  answer_consultation: 'answer consultations on',
  resolve: 'resolve',
  reopen: 'reopen',
  escalate: 'escalate',
  reassign: 'reassign',
  extend_sla: 'extend the SLA of',
  retriage: 're-triage',
  renew_lease: 'renew the lease on',
  'history.view': 'view the history of',
  approve_enforcement: 'approve enforcement on',
  complete_check: 'complete playbook checks on',
  assess_risk: 'assess the risk of',
  propose_decision: 'propose decisions on',
  approve_urgency: 'approve urgent enforcement on',
  flag_policy_gap: 'flag policy gaps on',
  decide_policy_gap: 'decide policy gaps on',
  'roster.view': 'view the roster',
  'roster.update': 'update the roster',
  'workload.view': 'view the workload',
  'metrics.view': 'view the metrics',
  'teams.view': 'view the team configuration',
  'teams.update': 'change the team configuration',
  'sellers.view': 'view seller profiles',
  'sellers.update': 'change the seller directory',
  decide_appeal: 'decide',
  approve_reinstatement: 'approve reinstatements on',
  'seller.view': 'view as a seller',
  'seller.appeal': 'appeal as a seller on',
  'seller.respond': 'answer as a seller on',
  'seller.survey': 'rate as a seller',
  'enforcements.report': 'report enforcements',
  'false_positives.view': 'view the false-positive report',
  'quality.view': 'view the quality reports',
  'calibration.run': 'run calibration sessions',
  'calibration.answer': 'take part in calibration sessions',
  'qa.review': 'peer-review decisions',
  'qa.adjudicate': 'adjudicate peer reviews',
  'bulk.run': 'run bulk operations',
  'bulk.view': 'view bulk operations',
  'webhooks.manage': 'manage webhooks',
};

const ALLOWED: Decision = { allowed: true };

function deny(code: DenialCode, reason: string): Decision {
  return { allowed: false, code, reason };
}

export function isRosterAction(action: CaseAction): action is RosterAction {
  return (ROSTER_ACTIONS as readonly CaseAction[]).includes(action);
}

/** The automation itself. Callers must never be able to present this identity (the API rejects it). */
export function isSystemActor(actor: Actor): boolean {
  return actor.userId === SYSTEM_ACTOR.userId && actor.team === SYSTEM_ACTOR.team;
}

/** The handoff team a role answers for, if any. */
export function handoffTeamOf(role: ActorRole): HandoffTeam | undefined {
  return (HANDOFF_TEAMS as readonly string[]).includes(role) ? (role as HandoffTeam) : undefined;
}

export function authorize(actor: Actor, action: CaseAction, target: AccessTarget): Decision {
  const roles = PERMISSIONS[action][target.kind];
  const role = actor.role;
  if (role === SYSTEM_ROLE || !roles || !roles.includes(role)) {
    const phrase = ACTION_PHRASES[action];
    let what: string;
    if (target.kind === 'teams' || target.kind === 'sellers' || target.kind === 'enforcements' || target.kind === 'bulk' || target.kind === 'webhooks') what = phrase;
    else if (target.kind === 'roster') what = isRosterAction(action) ? phrase : `${phrase} rosters`;
    else what = isRosterAction(action) ? `${phrase} of ${KIND_LABELS[target.kind]} cases` : `${phrase} ${KIND_LABELS[target.kind]} cases`;
    return deny('role_not_permitted', `role ${actor.role} may not ${what}`);
  }

  const subject = target.kind === 'roster' ? 'roster' : target.kind === 'bulk' ? 'bulk operation' : 'case';
  const sameTeam = target.team !== undefined && target.team === actor.team;
  const assignedToActor = target.assigneeId !== undefined && target.assigneeId === actor.userId;
  const wrongTeam = () =>
    deny(
      'wrong_team',
      target.team === undefined
        ? `the ${subject} has no owning team, and role ${actor.role} acts only within team ${actor.team}`
        : `the ${subject} belongs to team ${target.team}, and role ${actor.role} acts only within team ${actor.team}`,
    );
  const notAssignee = () =>
    deny(
      'not_assignee',
      target.assigneeId === undefined
        ? `the case is unassigned; role ${actor.role} may ${ACTION_PHRASES[action]} only cases assigned to them`
        : `the case is assigned to ${target.assigneeId}, not to ${actor.userId}`,
    );

  const scope = target.kind === 'teams' || target.kind === 'sellers' || target.kind === 'enforcements' || target.kind === 'webhooks' ? 'anywhere' : scopeOf(role, action);
  switch (scope) {
    case 'anywhere':
      return ALLOWED;
    case 'team':
      return sameTeam ? ALLOWED : wrongTeam();
    case 'assigned':
      return assignedToActor ? ALLOWED : notAssignee();
    case 'team_or_assigned':
      return assignedToActor || sameTeam ? ALLOWED : wrongTeam();
    case 'queue':
      if (!sameTeam) return wrongTeam();
      if (target.assigneeId !== undefined && !assignedToActor) {
        return deny('not_assignee', `the case is already assigned to ${target.assigneeId}`);
      }
      return ALLOWED;
    case 'handoff_team': {
      const own = handoffTeamOf(actor.role);
      if (target.handoffTeam === undefined) {
        return deny('wrong_handoff_team', `role ${actor.role} acts only on handoffs addressed to ${own}, and none was given`);
      }
      return target.handoffTeam === own
        ? ALLOWED
        : deny(
            'wrong_handoff_team',
            `role ${actor.role} answers only ${own} handoffs; this handoff is addressed to ${target.handoffTeam}`,
          );
    }
    case 'own_seller': {
      const own = sellerIdOf(actor);
      if (own !== null && target.sellerId === own) return ALLOWED;
      return deny('wrong_seller', own === null ? `${actor.userId} is bound to no seller` : `the case is not about seller ${own}`);
    }
  }
}
