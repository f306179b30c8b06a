import type { TeamKind } from '../../db/entities/team.entity';

/**
 * Which team owns a new case: pure functions over the teams' routing configuration.
 *
 * Precedence, for a case on marketplace M in category C, among active case teams:
 *   1. a team that owns M for category C (a category-specific rule);
 *   2. a team that owns M for every category (a marketplace-only rule);
 *   3. the fallback team (exactly one, flagged in its row), for marketplaces and categories no rule covers.
 * A team that lists categories owns only those categories of its marketplaces; one that lists none
 * owns every category of them.
 */

export interface RoutingTeam {
  id: string;
  kind: TeamKind;
  marketplaces: readonly string[];
  categories: readonly string[];
  fallback: boolean;
  active: boolean;
}

export type RouteRule = 'marketplace_category' | 'marketplace' | 'fallback';

export interface RouteMatch {
  team: string;
  rule: RouteRule;
}

/** One (marketplace, category) rule a team claims; category null means every category. */
export interface RuleKey {
  marketplace: string;
  category: string | null;
}

export function rulesOf(team: Pick<RoutingTeam, 'kind' | 'marketplaces' | 'categories'>): RuleKey[] {
  if (team.kind !== 'case_team') return [];
  const categories = team.categories.length > 0 ? team.categories : [null];
  return team.marketplaces.flatMap((marketplace) => categories.map((category) => ({ marketplace, category })));
}

const routable = (t: RoutingTeam) => t.active && t.kind === 'case_team';
const byId = (a: RoutingTeam, b: RoutingTeam) => a.id.localeCompare(b.id);

/** The owning team of a new case, or null when nothing matches and no fallback team is configured. */
export function routeCase(teams: readonly RoutingTeam[], marketplace: string, category: string): RouteMatch | null {
  const candidates = teams.filter(routable).sort(byId);
  const m = marketplace.toUpperCase();
  const specific = candidates.find((t) => t.marketplaces.includes(m) && t.categories.includes(category));
  if (specific) return { team: specific.id, rule: 'marketplace_category' };
  const general = candidates.find((t) => t.marketplaces.includes(m) && t.categories.length === 0);
  if (general) return { team: general.id, rule: 'marketplace' };
  const fallback = candidates.find((t) => t.fallback);
  return fallback ? { team: fallback.id, rule: 'fallback' } : null;
}

export interface RuleConflict extends RuleKey {
  /** The other active team that already claims the rule. */
  team: string;
}

/** The rules `candidate` would claim that another active case team already claims (none when the candidate is inactive). */
export function ruleConflicts(teams: readonly RoutingTeam[], candidate: RoutingTeam): RuleConflict[] {
  if (!routable(candidate)) return [];
  const claimed = new Map<string, string>();
  for (const t of teams.filter((x) => routable(x) && x.id !== candidate.id).sort(byId)) {
    for (const r of rulesOf(t)) claimed.set(`${r.marketplace}/${r.category ?? '*'}`, t.id);
  }
  return rulesOf(candidate).flatMap((r) => {
    const owner = claimed.get(`${r.marketplace}/${r.category ?? '*'}`);
    return owner ? [{ ...r, team: owner }] : [];
  });
}

export function describeConflict(c: RuleConflict): string {
  return c.category === null ? `${c.marketplace} (every category) is owned by ${c.team}` : `${c.marketplace}/${c.category} is owned by ${c.team}`;
}
