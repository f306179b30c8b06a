import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { DecisionKindId } from './decision-kinds';
import type { QaMode, SamplingPolicy, SamplingRule, TenureBand } from './sampling-policy';
import { WEEK_MS } from '../time-units';

/**
 * Whether quality assurance reviews a decision: a pure function of the case id and the policy, so the
 * workflow, its replay and an auditor recomputing it all agree. The draw is a hash of the policy's
 * version and the case id mapped to [0, 1); the decision is sampled when the draw is below its
 * stratum's rate. The same case keeps its draw when a rate changes, so raising a rate only adds cases.
 */


export interface DecisionToSample {
  caseId: string;
  decisionKind: DecisionKindId;
  decision: string;
  /** The seller's tier, where the kind has one. */
  tier: string | null;
  /** The maker's start date on the roster (YYYY-MM-DD), or null when the roster has none. */
  makerStartedOn: string | null;
  decidedAt: number;
}

export interface SamplingOutcome {
  sampled: boolean;
  mode: QaMode;
  rate: number;
  draw: number;
  tenure: TenureBand;
  /** The stratum's label, for reports: kind, tier, decision and tenure. */
  stratum: string;
  /** Which rule set the rate: its index in the policy, or 'default'. */
  rule: number | 'default';
}

/** A uniform draw in [0, 1) from the first 48 bits of SHA-256(version ':' caseId). */
export function samplingDraw(caseId: string, version: string): number {
  const digest = sha256(utf8ToBytes(`${version}:${caseId}`));
  let value = 0;
  for (let i = 0; i < 6; i++) value = value * 256 + digest[i];
  return value / 2 ** 48;
}

export function tenureBand(startedOn: string | null, at: number, newStarterWeeks: number): TenureBand {
  if (startedOn === null) return 'unknown';
  const start = Date.parse(`${startedOn}T00:00:00Z`);
  if (Number.isNaN(start)) return 'unknown';
  return at - start < newStarterWeeks * WEEK_MS ? 'new' : 'established';
}

function matches(rule: SamplingRule, d: DecisionToSample, tenure: TenureBand): boolean {
  return (
    (rule.decisionKind === undefined || rule.decisionKind === d.decisionKind) &&
    (rule.tier === undefined || rule.tier === d.tier) &&
    (rule.decision === undefined || rule.decision === d.decision) &&
    (rule.tenure === undefined || rule.tenure === tenure)
  );
}

export function stratumOf(d: Pick<DecisionToSample, 'decisionKind' | 'tier' | 'decision'>, tenure: TenureBand): string {
  return `${d.decisionKind}|tier=${d.tier ?? '-'}|decision=${d.decision}|tenure=${tenure}`;
}

export function sampleDecision(d: DecisionToSample, policy: SamplingPolicy): SamplingOutcome {
  const tenure = tenureBand(d.makerStartedOn, d.decidedAt, policy.newStarterWeeks);
  const index = policy.rules.findIndex((r) => matches(r, d, tenure));
  const rule = index >= 0 ? policy.rules[index] : undefined;
  let rate = rule ? rule.rate : policy.defaultRate;
  let mode = rule?.mode ?? policy.defaultMode;
  if (tenure === 'new') {
    rate = Math.max(rate, policy.newStarterRate);
    mode = policy.newStarterMode;
  }
  const draw = samplingDraw(d.caseId, policy.version);
  return { sampled: draw < rate, mode, rate, draw, tenure, stratum: stratumOf(d, tenure), rule: index >= 0 ? index : 'default' };
}
