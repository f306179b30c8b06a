import { Actor, HandoffTeam, ROLES, Role, SYSTEM_ACTOR } from '../../workflows/common/actor';
import {
  AccessTarget,
  CASE_ACTIONS,
  CaseAction,
  PERMISSIONS,
  authorize,
  handoffTeamOf,
  isSystemActor,
} from '../../workflows/common/access';

const TEAM = 'seller-risk-eu';
const OTHER_TEAM = 'seller-risk-us';

const actorFor = (role: Role, team = handoffTeamOf(role) ?? TEAM): Actor => ({ userId: `u-${role}`, role, team });

/** The most favourable target for the actor: their team, assigned to them (unassigned for claims), their handoff. */
function favourable(actor: Actor, action: CaseAction, kind: AccessTarget['kind'] = 'escalation'): AccessTarget {
  return {
    kind,
    team: actor.team,
    assigneeId: action === 'claim' ? undefined : actor.userId,
    handoffTeam: handoffTeamOf(actor.role) ?? 'legal',
  };
}

// Columns in ROLES order: specialist, senior_specialist, manager, legal, policy, customer_trust, account_manager, operator.
const ESCALATION_MATRIX: Array<[CaseAction, string]> = [
  ['view',                   '1 1 1 1 1 1 1 1'],
  ['create',                 '1 1 1 0 0 0 0 0'],
  ['acknowledge',            '1 1 0 0 0 0 0 0'],
  ['claim',                  '1 1 0 0 0 0 0 0'],
  ['release',                '1 1 1 0 0 0 0 0'],
  ['request_info',           '1 1 1 0 0 0 0 0'],
  ['record_seller_response', '1 1 1 0 0 0 0 0'],
  ['hand_off',               '1 1 1 0 0 0 0 0'],
  ['answer_handoff',         '0 0 0 1 1 1 0 0'],
  ['answer_consultation',    '0 0 0 0 0 0 0 0'],
  ['resolve',                '1 1 1 0 0 0 0 0'],
  ['reopen',                 '1 1 1 0 0 0 0 0'],
  ['escalate',               '1 1 0 0 0 0 0 0'],
  ['reassign',               '0 0 1 0 0 0 0 0'],
  ['extend_sla',             '0 0 1 0 0 0 0 0'],
  ['retriage',               '1 1 1 0 0 0 0 0'],
  ['renew_lease',            '1 1 0 0 0 0 0 0'],
  ['history.view',           '0 0 1 0 0 0 0 1'],
  ['approve_enforcement',    '0 0 0 0 0 0 0 0'],
  ['complete_check',         '0 0 0 0 0 0 0 0'],
  ['assess_risk',            '0 0 0 0 0 0 0 0'],
  ['propose_decision',       '0 0 0 0 0 0 0 0'],
  ['approve_urgency',        '0 0 0 0 0 0 0 0'],
  ['flag_policy_gap',        '0 0 0 0 0 0 0 0'],
  ['decide_policy_gap',      '0 0 0 0 0 0 0 0'],
  ['decide_appeal',          '0 0 0 0 0 0 0 0'],
  ['approve_reinstatement',  '0 0 0 0 0 0 0 0'],
  ['seller.view',            '0 0 0 0 0 0 0 0'],
  ['seller.appeal',          '0 0 0 0 0 0 0 0'],
  ['seller.respond',         '0 0 0 0 0 0 0 0'],
  ['seller.survey',          '0 0 0 0 0 0 0 0'],
  ['enforcements.report',    '0 0 0 0 0 0 0 0'],
  ['false_positives.view',   '0 0 0 0 0 0 0 0'],
];

// Appeals: the ten columns of ROLES, the last two being seller and enforcement_system.
const APPEAL_MATRIX: Array<[CaseAction, AccessTarget['kind'], string]> = [
  ['view',                  'appeal',       '1 1 1 1 1 1 1 1 0 0'],
  ['create',                'appeal',       '1 1 1 0 0 0 0 0 0 0'],
  ['request_info',          'appeal',       '1 1 1 0 0 0 0 0 0 0'],
  ['decide_appeal',         'appeal',       '1 1 1 0 0 0 0 0 0 0'],
  ['approve_reinstatement', 'appeal',       '0 1 1 0 0 0 0 0 0 0'],
  ['seller.view',           'appeal',       '0 0 0 0 0 0 0 0 1 0'],
  ['seller.view',           'escalation',   '0 0 0 0 0 0 0 0 1 0'],
  ['seller.appeal',         'appeal',       '0 0 0 0 0 0 0 0 1 0'],
  ['seller.respond',        'appeal',       '0 0 0 0 0 0 0 0 1 0'],
  ['seller.survey',         'appeal',       '0 0 0 0 0 0 0 0 1 0'],
  ['enforcements.report',   'enforcements', '0 0 0 0 0 0 0 0 0 1'],
  ['false_positives.view',  'enforcements', '0 1 1 0 0 0 0 1 0 0'],
];

const REVIEW_MATRIX: Array<[CaseAction, AccessTarget['kind'], string]> = [
  ['approve_enforcement', 'strategic_review', '0 1 1 0 0 0 0 0'],
  ['answer_consultation', 'strategic_review', '0 0 0 0 0 0 1 0'],
  ['resolve',             'strategic_review', '1 1 1 0 0 0 0 0'],
  ['roster.view',         'roster',           '0 1 1 0 0 0 0 1'],
  ['roster.update',       'roster',           '0 0 1 0 0 0 0 1'],
  ['workload.view',       'roster',           '0 1 1 0 0 0 0 1'],
  ['metrics.view',        'roster',           '0 1 1 0 0 0 0 1'],
  ['teams.view',          'teams',            '1 1 1 1 1 1 1 1'],
  ['teams.update',        'teams',            '0 0 0 0 0 0 0 1'],
  ['teams.update',        'roster',           '0 0 0 0 0 0 0 0'],
  ['roster.update',       'escalation',       '0 0 0 0 0 0 0 0'],
  ['resolve',             'roster',           '0 0 0 0 0 0 0 0'],
  ['complete_check',      'strategic_review', '1 1 1 0 0 0 0 0'],
  ['assess_risk',         'strategic_review', '1 1 1 0 0 0 0 0'],
  ['propose_decision',    'strategic_review', '1 1 1 0 0 0 0 0'],
  ['approve_urgency',     'strategic_review', '0 0 1 0 0 0 0 0'],
  ['flag_policy_gap',     'strategic_review', '1 1 1 0 0 0 0 0'],
  ['decide_policy_gap',   'strategic_review', '0 0 1 0 0 0 0 0'],
  ['sellers.view',        'sellers',          '1 1 1 1 1 1 1 1'],
  ['sellers.update',      'sellers',          '0 0 0 0 0 0 0 1'],
  ['quality.view',        'roster',           '0 1 1 0 0 0 0 1'],
  ['calibration.run',     'roster',           '0 0 1 0 0 0 0 0'],
  ['calibration.answer',  'roster',           '1 1 1 0 0 0 0 0'],
  ['qa.review',           'roster',           '1 1 1 0 0 0 0 0'],
  ['qa.adjudicate',       'roster',           '0 0 1 0 0 0 0 0'],
  ['bulk.run',            'bulk',             '0 0 1 0 0 0 0 1'],
  ['bulk.view',           'bulk',             '0 0 1 0 0 0 0 1'],
  ['bulk.run',            'escalation',       '0 0 0 0 0 0 0 0'],
  ['webhooks.manage',     'webhooks',         '0 0 0 0 0 0 0 1'],
];

const expand = (cells: string) => cells.split(' ').map((c, i) => [ROLES[i], c === '1'] as const);

describe('the permission table', () => {
  it('has a row for every action and names only known roles', () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...CASE_ACTIONS].sort());
    for (const row of Object.values(PERMISSIONS)) {
      for (const roles of Object.values(row)) for (const role of roles ?? []) expect(ROLES).toContain(role);
    }
  });

  it('lists every action in the escalation matrix', () => {
    const rosterActions = [
      'roster.view', 'roster.update', 'workload.view', 'metrics.view', 'teams.view', 'teams.update', 'sellers.view', 'sellers.update',
      'quality.view', 'calibration.run', 'calibration.answer', 'qa.review', 'qa.adjudicate', 'bulk.run', 'bulk.view', 'webhooks.manage',
    ];
    expect(ESCALATION_MATRIX.map(([a]) => a).sort()).toEqual(CASE_ACTIONS.filter((a) => !rosterActions.includes(a)).sort());
  });

  it.each(ESCALATION_MATRIX.flatMap(([action, cells]) => expand(cells).map(([role, allowed]) => [action, role, allowed] as const)))(
    'escalation: %s by %s -> %s',
    (action, role, allowed) => {
      const actor = actorFor(role);
      const decision = authorize(actor, action, favourable(actor, action));
      expect(decision.allowed).toBe(allowed);
      if (!decision.allowed) expect(decision.code).toBe('role_not_permitted');
    },
  );

  it.each(
    REVIEW_MATRIX.flatMap(([action, kind, cells]) => expand(cells).map(([role, allowed]) => [action, kind, role, allowed] as const)),
  )('%s on %s by %s -> %s', (action, kind, role, allowed) => {
    const actor = actorFor(role);
    const decision = authorize(actor, action, favourable(actor, action, kind));
    expect(decision.allowed).toBe(allowed);
    if (!decision.allowed) expect(decision.code).toBe('role_not_permitted');
  });
});

describe('appeals and sellers', () => {
  const seller: Actor = { userId: 'acct-7', role: 'seller', team: 'seller:S-7' };
  const bound = (actor: Actor, action: CaseAction, kind: AccessTarget['kind']): AccessTarget => ({ ...favourable(actor, action, kind), sellerId: 'S-7' });

  it.each(APPEAL_MATRIX.flatMap(([action, kind, cells]) => expand(cells).map(([role, allowed]) => [action, kind, role, allowed] as const)))(
    '%s on %s by %s -> %s',
    (action, kind, role, allowed) => {
      const actor = role === 'seller' ? seller : actorFor(role);
      const decision = authorize(actor, action, bound(actor, action, kind));
      expect(decision.allowed).toBe(allowed);
      if (!decision.allowed) expect(decision.code).toBe('role_not_permitted');
    },
  );

  it("refuses a seller another seller's case, and a seller role bound to no seller", () => {
    expect(authorize(seller, 'seller.view', { kind: 'appeal', sellerId: 'S-8' })).toMatchObject({ allowed: false, code: 'wrong_seller' });
    expect(authorize({ ...seller, team: 'seller-risk-eu' }, 'seller.view', { kind: 'appeal', sellerId: 'S-7' })).toMatchObject({ allowed: false, code: 'wrong_seller' });
  });
});

describe('scopes', () => {
  const specialist = actorFor('specialist');
  const senior = actorFor('senior_specialist');
  const manager = actorFor('manager');
  const operator = actorFor('operator', 'ops');
  const accountManager = actorFor('account_manager', 'am-emea');
  const mine = { kind: 'escalation', team: TEAM, assigneeId: specialist.userId } as const;
  const colleagues = { kind: 'escalation', team: TEAM, assigneeId: 'u-colleague' } as const;
  const queue = { kind: 'escalation', team: TEAM } as const;
  const otherQueue = { kind: 'escalation', team: OTHER_TEAM } as const;
  const otherTeams = { kind: 'escalation', team: OTHER_TEAM, assigneeId: 'u-elsewhere' } as const;

  it.each<[string, Actor, CaseAction, AccessTarget, true | string]>([
    ['specialist resolves own case', specialist, 'resolve', mine, true],
    ["specialist resolves a colleague's case", specialist, 'resolve', colleagues, 'not_assignee'],
    ["specialist acknowledges a colleague's case", specialist, 'acknowledge', colleagues, 'not_assignee'],
    ['specialist resolves an unassigned case', specialist, 'resolve', queue, 'not_assignee'],
    ['specialist claims from own queue', specialist, 'claim', queue, true],
    ["specialist claims from another team's queue", specialist, 'claim', otherQueue, 'wrong_team'],
    ["specialist claims a colleague's case", specialist, 'claim', colleagues, 'not_assignee'],
    ["specialist views a colleague's case", specialist, 'view', colleagues, true],
    ["specialist views another team's case", specialist, 'view', otherTeams, 'wrong_team'],
    ['specialist views own case moved to another team', specialist, 'view', { ...mine, team: OTHER_TEAM }, true],
    ['specialist creates in own team', specialist, 'create', queue, true],
    ['specialist creates in another team', specialist, 'create', otherQueue, 'wrong_team'],
    ["senior escalates a colleague's case", senior, 'escalate', colleagues, true],
    ["senior escalates another team's case", senior, 'escalate', otherTeams, 'wrong_team'],
    ["senior resolves a colleague's case", senior, 'resolve', colleagues, 'not_assignee'],
    ["senior re-triages a colleague's case", senior, 'retriage', colleagues, 'not_assignee'],
    ["manager re-triages a case of the team", manager, 'retriage', colleagues, true],
    ['specialist renews the lease on own case', specialist, 'renew_lease', mine, true],
    ["specialist renews the lease on a colleague's case", specialist, 'renew_lease', colleagues, 'not_assignee'],
    ["manager resolves a specialist's case in own team", manager, 'resolve', colleagues, true],
    ["manager reassigns another team's case", manager, 'reassign', otherTeams, 'wrong_team'],
    ['manager acts on a case with no team', manager, 'reassign', { kind: 'escalation', assigneeId: 'u-x' }, 'wrong_team'],
    ['manager updates own roster', manager, 'roster.update', { kind: 'roster', team: TEAM }, true],
    ["manager updates another team's roster", manager, 'roster.update', { kind: 'roster', team: OTHER_TEAM }, 'wrong_team'],
    ["specialist takes part in own team's calibration", specialist, 'calibration.answer', { kind: 'roster', team: TEAM }, true],
    ["specialist takes part in another team's calibration", specialist, 'calibration.answer', { kind: 'roster', team: OTHER_TEAM }, 'wrong_team'],
    ["senior reads own team's quality reports", senior, 'quality.view', { kind: 'roster', team: TEAM }, true],
    ["manager runs another team's calibration", manager, 'calibration.run', { kind: 'roster', team: OTHER_TEAM }, 'wrong_team'],
    ["operator reads any team's quality reports", operator, 'quality.view', { kind: 'roster', team: OTHER_TEAM }, true],
    ["operator views another team's case", operator, 'view', otherTeams, true],
    ["operator views another team's history", operator, 'history.view', otherTeams, true],
    ['operator resolves', operator, 'resolve', otherTeams, 'role_not_permitted'],
    ['operator reassigns', operator, 'reassign', otherTeams, 'role_not_permitted'],
    ['account manager views any case', accountManager, 'view', otherTeams, true],
    ['account manager answers a legal handoff', accountManager, 'answer_handoff', { ...otherTeams, handoffTeam: 'legal' }, 'role_not_permitted'],
    ["specialist views another team's configuration", specialist, 'teams.view', { kind: 'teams', team: OTHER_TEAM }, true],
    ['legal views the team configuration', actorFor('legal'), 'teams.view', { kind: 'teams', team: OTHER_TEAM }, true],
    ["manager changes own team's configuration", manager, 'teams.update', { kind: 'teams', team: TEAM }, 'role_not_permitted'],
    ["operator changes any team's configuration", operator, 'teams.update', { kind: 'teams', team: OTHER_TEAM }, true],
    ["specialist flags a policy gap on a teammate's review", specialist, 'flag_policy_gap', { ...colleagues, kind: 'strategic_review' }, true],
    ["specialist flags a policy gap on another team's review", specialist, 'flag_policy_gap', { ...otherTeams, kind: 'strategic_review' }, 'wrong_team'],
    ["specialist completes a check on a teammate's review", specialist, 'complete_check', { ...colleagues, kind: 'strategic_review' }, 'not_assignee'],
    ["manager approves urgency in another team", manager, 'approve_urgency', { ...otherTeams, kind: 'strategic_review' }, 'wrong_team'],
    ['operator updates the seller directory', operator, 'sellers.update', { kind: 'sellers' }, true],
    ['manager updates the seller directory', manager, 'sellers.update', { kind: 'sellers' }, 'role_not_permitted'],
    ["manager runs a bulk operation for own team", manager, 'bulk.run', { kind: 'bulk', team: TEAM }, true],
    ["manager watches another team's bulk operation", manager, 'bulk.view', { kind: 'bulk', team: OTHER_TEAM }, 'wrong_team'],
    ["operator runs a bulk operation for any team", operator, 'bulk.run', { kind: 'bulk', team: OTHER_TEAM }, true],
    ['senior specialist runs a bulk operation', senior, 'bulk.run', { kind: 'bulk', team: TEAM }, 'role_not_permitted'],
  ])('%s', (_name, actor, action, target, expected) => {
    const decision = authorize(actor, action, target);
    if (expected === true) expect(decision).toEqual({ allowed: true });
    else expect(decision).toMatchObject({ allowed: false, code: expected });
  });

  const handoffCases: Array<[Role, HandoffTeam | undefined, boolean]> = [
    ['legal', 'legal', true],
    ['legal', 'policy', false],
    ['legal', 'customer_trust', false],
    ['legal', undefined, false],
    ['policy', 'policy', true],
    ['policy', 'legal', false],
    ['customer_trust', 'customer_trust', true],
    ['customer_trust', 'policy', false],
  ];
  it.each(handoffCases)('%s answers a handoff to %s -> %s', (role, handoffTeam, allowed) => {
    const decision = authorize(actorFor(role), 'answer_handoff', { ...otherTeams, handoffTeam });
    expect(decision.allowed).toBe(allowed);
    if (!decision.allowed) expect(decision.code).toBe('wrong_handoff_team');
  });

  it.each(handoffCases)('%s views a case with a handoff to %s -> %s', (role, handoffTeam, allowed) => {
    expect(authorize(actorFor(role), 'view', { ...otherTeams, handoffTeam }).allowed).toBe(allowed);
  });
});

describe('reasons', () => {
  it.each<[Actor, CaseAction, AccessTarget, string]>([
    [actorFor('legal'), 'resolve', { kind: 'escalation', team: TEAM }, 'role legal may not resolve escalation cases'],
    [actorFor('operator', 'ops'), 'resolve', { kind: 'escalation', team: TEAM }, 'role operator may not resolve escalation cases'],
    [actorFor('specialist'), 'extend_sla', { kind: 'escalation', team: TEAM }, 'role specialist may not extend the SLA of escalation cases'],
    [actorFor('operator', 'ops'), 'retriage', { kind: 'escalation', team: TEAM }, 'role operator may not re-triage escalation cases'],
    [actorFor('specialist'), 'roster.update', { kind: 'roster', team: TEAM }, 'role specialist may not update the roster'],
    [actorFor('manager'), 'teams.update', { kind: 'teams', team: TEAM }, 'role manager may not change the team configuration'],
    [actorFor('specialist'), 'resolve', { kind: 'escalation', team: TEAM, assigneeId: 'u-other' }, 'the case is assigned to u-other, not to u-specialist'],
    [actorFor('manager'), 'resolve', { kind: 'escalation', team: OTHER_TEAM }, `the case belongs to team ${OTHER_TEAM}, and role manager acts only within team ${TEAM}`],
    [actorFor('legal'), 'answer_handoff', { kind: 'escalation', handoffTeam: 'policy' }, 'role legal answers only legal handoffs; this handoff is addressed to policy'],
  ])('%#: %s', (actor, action, target, reason) => {
    expect(authorize(actor, action, target)).toMatchObject({ allowed: false, reason });
  });
});

describe('the system actor', () => {
  it('is recognised by id and team, not by role', () => {
    expect(isSystemActor(SYSTEM_ACTOR)).toBe(true);
    expect(isSystemActor({ userId: 'system', role: 'operator', team: 'ops' })).toBe(false);
    expect(isSystemActor(actorFor('operator', 'system'))).toBe(false);
  });

  it('gets no case decisions from the table: machines let it through by event, not by role', () => {
    expect(authorize(SYSTEM_ACTOR, 'resolve', { kind: 'escalation', team: TEAM })).toMatchObject({ allowed: false, code: 'role_not_permitted' });
  });
});
