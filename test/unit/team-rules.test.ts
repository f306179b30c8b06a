import { describeConflict, routeCase, ruleConflicts, rulesOf, type RoutingTeam } from '../../api/teams/team-rules';
import { SEED_TEAMS } from '../../db/seed/teams';

const team = (id: string, rest: Partial<RoutingTeam> = {}): RoutingTeam => ({
  id,
  kind: 'case_team',
  marketplaces: [],
  categories: [],
  fallback: false,
  active: true,
  ...rest,
});

const TEAMS: RoutingTeam[] = [
  team('eu', { marketplaces: ['DE', 'FR'], fallback: true }),
  team('us', { marketplaces: ['US', 'CA'] }),
  team('ip', { marketplaces: ['DE', 'US'], categories: ['ip_complaint', 'counterfeit'] }),
  team('old-apac', { marketplaces: ['JP'], active: false }),
  team('legal', { kind: 'handoff_team' }),
];

describe('routeCase: which team owns a new case', () => {
  it.each([
    ['a category rule beats a marketplace-only rule', 'DE', 'counterfeit', 'ip', 'marketplace_category'],
    ['a category rule on another marketplace', 'US', 'ip_complaint', 'ip', 'marketplace_category'],
    ['a marketplace-only rule for the other categories', 'DE', 'fraud', 'eu', 'marketplace'],
    ['a marketplace-only rule', 'CA', 'counterfeit', 'us', 'marketplace'],
    ['the fallback for a marketplace no rule names', 'ZA', 'fraud', 'eu', 'fallback'],
    ['the fallback for a category rule on a marketplace without a general rule', 'JP', 'counterfeit', 'eu', 'fallback'],
    ['an inactive team gets nothing', 'JP', 'fraud', 'eu', 'fallback'],
    ['marketplace codes in any case', 'ca', 'fraud', 'us', 'marketplace'],
  ])('%s: %s/%s -> %s', (_name, marketplace, category, expected, rule) => {
    expect(routeCase(TEAMS, marketplace, category)).toEqual({ team: expected, rule });
  });

  it('answers null when nothing matches and no team is the fallback', () => {
    expect(routeCase(TEAMS.map((t) => ({ ...t, fallback: false })), 'ZA', 'fraud')).toBeNull();
  });

  it('never routes to a handoff team or an inactive fallback', () => {
    expect(routeCase([team('legal', { kind: 'handoff_team', marketplaces: ['DE'] })], 'DE', 'fraud')).toBeNull();
    expect(routeCase([team('eu', { fallback: true, active: false })], 'DE', 'fraud')).toBeNull();
  });
});

describe('ruleConflicts: no two active teams claim one rule', () => {
  it('finds a marketplace another team owns for every category', () => {
    const conflicts = ruleConflicts(TEAMS, team('new', { marketplaces: ['CA', 'MX'] }));
    expect(conflicts).toEqual([{ marketplace: 'CA', category: null, team: 'us' }]);
    expect(describeConflict(conflicts[0])).toBe('CA (every category) is owned by us');
  });

  it('finds a marketplace and category another team owns', () => {
    const conflicts = ruleConflicts(TEAMS, team('new', { marketplaces: ['US'], categories: ['counterfeit', 'fraud'] }));
    expect(conflicts).toEqual([{ marketplace: 'US', category: 'counterfeit', team: 'ip' }]);
    expect(describeConflict(conflicts[0])).toBe('US/counterfeit is owned by ip');
  });

  it('lets a category rule sit beside a marketplace-only rule (the category rule wins)', () => {
    expect(ruleConflicts(TEAMS, team('fraud-de', { marketplaces: ['DE'], categories: ['fraud'] }))).toEqual([]);
  });

  it('ignores inactive teams, the team itself, and an inactive candidate', () => {
    expect(ruleConflicts(TEAMS, team('new-apac', { marketplaces: ['JP'] }))).toEqual([]);
    expect(ruleConflicts(TEAMS, team('us', { marketplaces: ['US', 'CA', 'MX'] }))).toEqual([]);
    expect(ruleConflicts(TEAMS, team('new', { marketplaces: ['US'], active: false }))).toEqual([]);
  });

  it('gives handoff teams no rules', () => {
    expect(rulesOf({ kind: 'handoff_team', marketplaces: ['DE'], categories: [] })).toEqual([]);
    expect(rulesOf({ kind: 'case_team', marketplaces: ['DE'], categories: ['fraud', 'other'] })).toEqual([
      { marketplace: 'DE', category: 'fraud' },
      { marketplace: 'DE', category: 'other' },
    ]);
  });
});

describe('the seeded teams', () => {
  it('claim no rule twice and name exactly one fallback, a case team', () => {
    for (const t of SEED_TEAMS) expect(ruleConflicts(SEED_TEAMS, t)).toEqual([]);
    expect(SEED_TEAMS.filter((t) => t.fallback).map((t) => [t.id, t.kind])).toEqual([['seller-risk-eu', 'case_team']]);
  });

  it.each([
    ['JP', 'seller-risk-apac'],
    ['IN', 'seller-risk-apac'],
    ['AU', 'seller-risk-apac'],
    ['SG', 'seller-risk-apac'],
    ['US', 'seller-risk-us'],
    ['BR', 'seller-risk-us'],
    ['DE', 'seller-risk-eu'],
    ['NZ', 'seller-risk-eu'],
  ])('route %s to %s', (marketplace, expected) => {
    expect(routeCase(SEED_TEAMS, marketplace, 'fraud')?.team).toBe(expected);
  });
});
