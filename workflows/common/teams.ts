/**
 * Which seller-risk team owns a case, by marketplace. Plain data so the API and the tests agree.
 * Marketplaces not listed go to the EU team, which runs the global queue.
 */
export const TEAM_BY_MARKETPLACE: Readonly<Record<string, string>> = {
  US: 'seller-risk-us',
  CA: 'seller-risk-us',
  MX: 'seller-risk-us',
  BR: 'seller-risk-us',
};

export const DEFAULT_SELLER_RISK_TEAM = 'seller-risk-eu';

export function owningTeam(marketplace: string): string {
  return TEAM_BY_MARKETPLACE[marketplace.toUpperCase()] ?? DEFAULT_SELLER_RISK_TEAM;
}
