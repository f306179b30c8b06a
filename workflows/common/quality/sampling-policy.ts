import { DECISION_KINDS, type DecisionKindId } from './decision-kinds';

/**
 * Which decisions quality assurance samples, as configuration. A decision falls in a stratum (its
 * decision kind, the seller's tier, the decision taken, the maker's tenure); the first rule that
 * matches gives its rate and mode, else the defaults apply. Makers in their first `newStarterWeeks`
 * weeks are sampled at least at `newStarterRate` and in `newStarterMode`. Pure data: bundled into
 * workflow code.
 */

/** Held before it takes effect (pre-release QA), or reviewed after it took effect (post-release audit). */
export const QA_MODES = ['pre_release', 'post_release'] as const;
export type QaMode = (typeof QA_MODES)[number];

/** A maker's tenure at decision time: inside the new-starter window, past it, or no start date on the roster. */
export const TENURE_BANDS = ['new', 'established', 'unknown'] as const;
export type TenureBand = (typeof TENURE_BANDS)[number];

export interface SamplingRule {
  /** Conditions; an absent one matches anything. */
  decisionKind?: DecisionKindId;
  tier?: string;
  decision?: string;
  tenure?: TenureBand;
  /** Share of matching decisions reviewed, 0 to 1. */
  rate: number;
  mode?: QaMode;
}

export interface SamplingPolicy {
  /** Salts the draw; a new version draws a fresh sample from the same case ids. */
  version: string;
  defaultRate: number;
  defaultMode: QaMode;
  newStarterWeeks: number;
  newStarterRate: number;
  newStarterMode: QaMode;
  /** Tried in order; put the most specific first. */
  rules: readonly SamplingRule[];
}

export const DEFAULT_SAMPLING_POLICY: SamplingPolicy = {
  version: 'qa-2026-12',
  defaultRate: 0.05,
  defaultMode: 'post_release',
  newStarterWeeks: 6,
  newStarterRate: 1,
  newStarterMode: 'pre_release',
  rules: [
    // Suspensions of the most valuable sellers are the costliest to get wrong: held and checked more often.
    { decisionKind: 'strategic_review_decision', tier: 'tier_1', rate: 0.5, mode: 'pre_release' },
    { decisionKind: 'strategic_review_decision', decision: 'suspension', rate: 0.25, mode: 'pre_release' },
    { decisionKind: 'strategic_review_decision', rate: 0.1 },
    { decisionKind: 'escalation_resolution', decision: 'enforcement_upheld', rate: 0.1 },
  ],
};

const isRate = (r: unknown): boolean => typeof r === 'number' && r >= 0 && r <= 1;

/** Problems with a policy (configuration is validated once at start-up), or an empty list. */
export function samplingPolicyProblems(p: SamplingPolicy): string[] {
  const problems: string[] = [];
  if (typeof p.version !== 'string' || p.version.length === 0) problems.push('version must be a non-empty string');
  if (!isRate(p.defaultRate)) problems.push('defaultRate must be between 0 and 1');
  if (!isRate(p.newStarterRate)) problems.push('newStarterRate must be between 0 and 1');
  if (!Number.isInteger(p.newStarterWeeks) || p.newStarterWeeks < 0) problems.push('newStarterWeeks must be a whole number of weeks, 0 or more');
  if (!QA_MODES.includes(p.defaultMode)) problems.push(`defaultMode must be one of ${QA_MODES.join(', ')}`);
  if (!QA_MODES.includes(p.newStarterMode)) problems.push(`newStarterMode must be one of ${QA_MODES.join(', ')}`);
  p.rules.forEach((r, i) => {
    if (!isRate(r.rate)) problems.push(`rules[${i}].rate must be between 0 and 1`);
    if (r.mode !== undefined && !QA_MODES.includes(r.mode)) problems.push(`rules[${i}].mode must be one of ${QA_MODES.join(', ')}`);
    if (r.tenure !== undefined && !TENURE_BANDS.includes(r.tenure)) problems.push(`rules[${i}].tenure must be one of ${TENURE_BANDS.join(', ')}`);
    if (r.decisionKind !== undefined && !(r.decisionKind in DECISION_KINDS)) problems.push(`rules[${i}].decisionKind ${String(r.decisionKind)} is not a decision kind`);
    if (r.decisionKind !== undefined && r.decision !== undefined && r.decisionKind in DECISION_KINDS) {
      const decisions: readonly string[] = DECISION_KINDS[r.decisionKind].decisions;
      if (!decisions.includes(r.decision)) problems.push(`rules[${i}].decision ${r.decision} is not a decision of ${r.decisionKind}`);
    }
  });
  return problems;
}
