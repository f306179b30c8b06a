import type { DataSource } from 'typeorm';
import type { CheckFinding } from '../../workflows/strategic-review/review.vocabulary';
import type { DetectionSignals, RiskFacts } from './risk-model';

/**
 * The facts a risk model is given about a seller, read from the seller directory and the case read
 * model: shared by the review's activity and the API's seller assessment, so both score alike.
 * Null when the directory does not know the seller.
 */
export async function sellerRiskFacts(
  dataSource: DataSource,
  sellerId: string,
  findings: Array<{ checkId: string; finding: CheckFinding | null }>,
  now: number,
): Promise<RiskFacts | null> {
  const [seller] = (await dataSource.query(
    `SELECT id, annual_sales, strategic, enforcement_history, linked_accounts, detection_signals FROM sellers WHERE id = $1`,
    [sellerId],
  )) as Array<{ id: string; annual_sales: string; strategic: boolean; enforcement_history: Array<{ at: string; action: string }>; linked_accounts: string[]; detection_signals: DetectionSignals }>;
  if (!seller) return null;
  const [{ linked_enforced }] = (await dataSource.query(
    `SELECT count(*)::int AS linked_enforced FROM sellers WHERE id = ANY($1::text[]) AND jsonb_array_length(enforcement_history) > 0`,
    [seller.linked_accounts],
  )) as Array<{ linked_enforced: number }>;
  const [{ open_escalations }] = (await dataSource.query(
    `SELECT count(*)::int AS open_escalations FROM cases WHERE seller_id = $1 AND kind = 'escalation' AND is_open`,
    [sellerId],
  )) as Array<{ open_escalations: number }>;
  return {
    sellerId,
    annualSales: Number(seller.annual_sales),
    strategic: seller.strategic,
    enforcementHistory: seller.enforcement_history.map((e) => ({ at: e.at, action: e.action })),
    linkedAccounts: seller.linked_accounts,
    linkedAccountsWithEnforcement: linked_enforced,
    openEscalations: open_escalations,
    findings,
    detection: seller.detection_signals ?? {},
    now,
  };
}
