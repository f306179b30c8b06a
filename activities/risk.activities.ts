import { ApplicationFailure } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import type { RiskAssessment } from '../workflows/strategic-review/review.state';
import type { CheckFinding } from '../workflows/strategic-review/review.vocabulary';
import { classified } from './failures';
import type { RiskModel } from './risk/risk-model';
import { sellerRiskFacts } from './risk/seller-facts';

export interface RiskDeps {
  dataSource: DataSource;
  riskModel: RiskModel;
}

export interface AssessRiskInput {
  caseId: string;
  sellerId: string;
  findings: Array<{ checkId: string; finding: CheckFinding | null }>;
}

/** The error type of a seller the directory does not know: asking again cannot help. */
export const UNKNOWN_SELLER = 'unknown_seller';

/**
 * A review's risk assessment: the seller's facts from the directory and the read model, the review's
 * findings, and the configured model (rules, or an external service falling back to the rules).
 * A read only; its result goes back to the review, which stores it.
 */
export function createRiskActivities({ dataSource, riskModel }: RiskDeps) {
  return {
    assessRisk: (input: AssessRiskInput): Promise<RiskAssessment> =>
      classified(async () => {
        const facts = await sellerRiskFacts(dataSource, input.sellerId, input.findings ?? [], Date.now());
        if (!facts) throw ApplicationFailure.nonRetryable(`seller ${input.sellerId} is not in the seller directory`, UNKNOWN_SELLER);
        return riskModel.assess(facts);
      }),
  };
}
