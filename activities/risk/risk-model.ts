import type { RiskAssessment } from '../../workflows/strategic-review/review.state';
import type { CheckFinding } from '../../workflows/strategic-review/review.vocabulary';

/**
 * What a risk model is asked: the seller's profile, what the directory and the case read model know
 * about them, the detection teams' latest signals, and a review's check findings. Plain data, so the
 * rules model and an external scoring service see the same thing.
 */
export interface RiskFacts {
  sellerId: string;
  annualSales: number;
  strategic: boolean;
  enforcementHistory: Array<{ at: string; action: string }>;
  linkedAccounts: string[];
  /** Linked accounts that have enforcement on record in the directory. */
  linkedAccountsWithEnforcement: number;
  openEscalations: number;
  findings: Array<{ checkId: string; finding: CheckFinding | null }>;
  /** The detection teams' latest signals (rates and scores from 0 to 1), when any were recorded. */
  detection: DetectionSignals;
  now: number;
}

export interface DetectionSignals {
  chargebackRate?: number;
  orderDefectRate?: number;
  listingAnomalyScore?: number;
}

/** A risk model: facts in, an explainable assessment out (score, band, every contributing signal, version). */
export interface RiskModel {
  assess(facts: RiskFacts): Promise<RiskAssessment>;
}
