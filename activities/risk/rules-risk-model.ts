import type { RiskAssessment, RiskSignal } from '../../workflows/strategic-review/review.state';
import { RISK_BANDS, type RiskBand } from '../../workflows/strategic-review/review.vocabulary';
import type { RiskFacts, RiskModel } from './risk-model';
import { DAY_MS } from '../../workflows/common/time-units';

/**
 * The default risk model: transparent rules. Each signal has a weight, its contribution is capped,
 * the score is their sum (0-100) and the band follows from fixed thresholds. Every contributing signal
 * is returned with its value, weight and contribution, so a reviewer (and the seller's statement of
 * reasons) can see why. Changing a weight or threshold is a new model version.
 */
export const RULES_MODEL_VERSION = 'rules-2026.1';

/** Lower bounds of each band: low below 25, medium from 25, high from 50, critical from 75. */
export const BAND_THRESHOLDS: Readonly<Record<RiskBand, number>> = { low: 0, medium: 25, high: 50, critical: 75 };

export function bandFor(score: number): RiskBand {
  return [...RISK_BANDS].reverse().find((b) => score >= BAND_THRESHOLDS[b]) ?? 'low';
}

/** Weight of a `concern` finding per check (an `inconclusive` one counts half). */
const FINDING_WEIGHTS: Readonly<Record<string, number>> = {
  identity_documents: 30,
  linked_accounts: 15,
  listing_anomalies: 15,
  order_anomalies: 15,
  enforcement_history: 10,
  open_escalations: 10,
};


function signal(name: string, description: string, value: number, weight: number, cap: number): RiskSignal {
  return { name, description, value, weight, contribution: Math.min(cap, Math.round(value * weight * 10) / 10) };
}

export function scoreFacts(facts: RiskFacts): RiskAssessment {
  const recent = facts.enforcementHistory.filter((e) => facts.now - Date.parse(e.at) <= 365 * DAY_MS).length;
  const d = facts.detection;
  const signals: RiskSignal[] = [
    signal('prior_enforcements', `${facts.enforcementHistory.length} prior enforcement action(s) on the account`, facts.enforcementHistory.length, 8, 24),
    signal('recent_enforcement', `${recent} enforcement action(s) in the last 12 months`, recent > 0 ? 1 : 0, 10, 10),
    signal('linked_accounts', `${facts.linkedAccounts.length} linked account(s)`, facts.linkedAccounts.length, 3, 12),
    signal('linked_enforced_accounts', `${facts.linkedAccountsWithEnforcement} linked account(s) with enforcement on record`, facts.linkedAccountsWithEnforcement, 12, 24),
    signal('open_escalations', `${facts.openEscalations} open escalation(s) on the seller`, facts.openEscalations, 8, 24),
    ...facts.findings
      .filter((f) => f.finding === 'concern' || f.finding === 'inconclusive')
      .map((f) => signal(`finding_${f.checkId}`, `check ${f.checkId.replace(/_/g, ' ')}: ${f.finding}`, f.finding === 'concern' ? 1 : 0.5, FINDING_WEIGHTS[f.checkId] ?? 10, FINDING_WEIGHTS[f.checkId] ?? 10)),
    ...(d.chargebackRate !== undefined ? [signal('detection_chargeback_rate', `chargeback rate ${(d.chargebackRate * 100).toFixed(1)}%`, d.chargebackRate, 400, 20)] : []),
    ...(d.orderDefectRate !== undefined ? [signal('detection_order_defect_rate', `order defect rate ${(d.orderDefectRate * 100).toFixed(1)}%`, d.orderDefectRate, 300, 15)] : []),
    ...(d.listingAnomalyScore !== undefined ? [signal('detection_listing_anomaly', `listing anomaly score ${d.listingAnomalyScore.toFixed(2)}`, d.listingAnomalyScore, 20, 20)] : []),
  ];
  const contributing = signals.filter((s) => s.contribution > 0).sort((a, b) => b.contribution - a.contribution || a.name.localeCompare(b.name, 'en'));
  const score = Math.min(100, Math.round(contributing.reduce((sum, s) => sum + s.contribution, 0)));
  return { score, band: bandFor(score), modelVersion: RULES_MODEL_VERSION, model: 'rules', fallback: null, signals: contributing, assessedAt: facts.now };
}

export class RulesRiskModel implements RiskModel {
  async assess(facts: RiskFacts): Promise<RiskAssessment> {
    return scoreFacts(facts);
  }
}
