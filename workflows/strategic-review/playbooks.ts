import type { ApprovalPolicy } from '../common/approval/approval-policy';
import type { Severity } from '../common/severity';
import type { RiskBand } from './review.vocabulary';
import { HOUR_MS } from '../common/time-units';

/**
 * Tiers and playbooks as versioned configuration. A seller's tier (by strategic flag and annual
 * sales) selects a playbook; a playbook is an ordered list of checks, the SLA row it runs on, the
 * approval policy for enforcement, whether Account Management must be consulted and for how long, and
 * the risk band at which a review opens by itself.
 *
 * Versions are append-only: a published (id, version) never changes (test/unit/playbooks.test.ts
 * pins each one's fingerprint). A review records the id and version it started on and looks that
 * version up for its whole life, so publishing a new version changes new reviews only, and old
 * histories replay unchanged.
 */

export interface PlaybookCheck {
  id: string;
  title: string;
  /** What the specialist looks at, and what evidence to attach. */
  guidance: string;
  required: boolean;
}

export interface ConsultationRule {
  required: boolean;
  /** How long Account Management has to answer before the case proceeds without them (wall-clock). */
  windowMs: number;
}

export interface Playbook {
  id: string;
  version: number;
  title: string;
  /** The checks, in the order they are worked. */
  checks: readonly PlaybookCheck[];
  /** Which row of the SLA policy (cases.strategic_review.<severity>) the review's clocks use. */
  slaSeverity: Severity;
  approval: ApprovalPolicy;
  consultation: ConsultationRule;
  /** A seller's risk assessment at or above this band opens a review by itself. */
  autoOpenBand: RiskBand;
  /** Why this version exists (what changed). */
  changeNote: string;
}

export interface Tier {
  id: string;
  title: string;
  /** Matches when every given condition holds; tiers are tried in order, the first match wins. */
  when: { strategic?: boolean; minAnnualSales?: number };
  playbookId: string;
}

export interface SellerFacts {
  strategic: boolean;
  annualSales: number;
}


/** Ordered: the most demanding tier first. Amounts are annual sales in US dollars. */
export const TIERS: readonly Tier[] = [
  { id: 'tier_1', title: 'Strategic, top revenue', when: { strategic: true, minAnnualSales: 50_000_000 }, playbookId: 'strategic-top' },
  { id: 'tier_2', title: 'Strategic', when: { strategic: true }, playbookId: 'strategic' },
  { id: 'tier_3', title: 'High value', when: { minAnnualSales: 5_000_000 }, playbookId: 'high-value' },
  { id: 'tier_4', title: 'Standard', when: {}, playbookId: 'standard' },
];

const check = (id: string, title: string, guidance: string, required: boolean): PlaybookCheck => ({ id, title, guidance, required });

const identity = (required: boolean) =>
  check('identity_documents', 'Identity documents re-verified', 'Re-verify the registered identity and business documents against the issuing source; attach the verification reference.', required);
const linked = (required: boolean) =>
  check('linked_accounts', 'Linked accounts', 'Review accounts sharing payment instruments, addresses or devices; note any with enforcement.', required);
const listings = (required: boolean) =>
  check('listing_anomalies', 'Listing anomalies', 'Look for sudden catalogue changes, restricted products, price outliers and copied content.', required);
const orders = (required: boolean) =>
  check('order_anomalies', 'Order anomalies', 'Look for order velocity spikes, refund and chargeback patterns, and shipping mismatches.', required);
const history = (required: boolean) =>
  check('enforcement_history', 'Prior enforcement history', 'Read prior warnings, restrictions and reinstatements on this and linked accounts.', required);
const payouts = (required: boolean) =>
  check('payout_accounts', 'Payout accounts', 'Confirm every payout account belongs to the registered entity; note recent changes of bank details.', required);
const escalations = (required: boolean) =>
  check('open_escalations', 'Open escalations', 'Read every open escalation on the seller and whether it changes the picture.', required);

const approval = (requiredApprovals: number, minimumRole: ApprovalPolicy['minimumRole'], remindHours: number, escalateHours: number, atLeast?: ApprovalPolicy['atLeast']): ApprovalPolicy => ({
  requiredApprovals,
  minimumRole,
  ...(atLeast ? { atLeast } : {}),
  remindAfterMs: remindHours * HOUR_MS,
  escalateAfterMs: escalateHours * HOUR_MS,
});

/** Every published version of every playbook. Append a new version; never edit a published one. */
export const PLAYBOOKS: readonly Playbook[] = deepFreeze([
  {
    id: 'strategic-top',
    version: 1,
    title: 'Strategic seller, top revenue',
    checks: [identity(true), linked(true), listings(true), orders(true), history(true), escalations(true)],
    slaSeverity: 'high',
    approval: approval(2, 'senior_specialist', 4, 8, { role: 'manager', count: 1 }),
    consultation: { required: true, windowMs: 72 * HOUR_MS },
    autoOpenBand: 'medium',
    changeNote: 'First version.',
  },
  {
    id: 'strategic-top',
    version: 2,
    title: 'Strategic seller, top revenue',
    checks: [identity(true), linked(true), payouts(true), listings(true), orders(true), history(true), escalations(true)],
    slaSeverity: 'high',
    approval: approval(2, 'senior_specialist', 2, 6, { role: 'manager', count: 1 }),
    consultation: { required: true, windowMs: 48 * HOUR_MS },
    autoOpenBand: 'medium',
    changeNote: 'Payout accounts checked (bank-detail changes preceded most 2026 takeovers); approvals remind after 2 h and escalate after 6 h; Account Management answers within 48 h.',
  },
  {
    id: 'strategic',
    version: 1,
    title: 'Strategic seller',
    checks: [identity(true), linked(true), listings(false), orders(false), history(true), escalations(true)],
    slaSeverity: 'medium',
    approval: approval(1, 'manager', 4, 8),
    consultation: { required: true, windowMs: 72 * HOUR_MS },
    autoOpenBand: 'high',
    changeNote: 'First version.',
  },
  {
    id: 'high-value',
    version: 1,
    title: 'High-value seller',
    checks: [identity(true), linked(true), listings(false), orders(false), history(true), escalations(false)],
    slaSeverity: 'low',
    approval: approval(1, 'senior_specialist', 8, 16),
    consultation: { required: false, windowMs: 0 },
    autoOpenBand: 'high',
    changeNote: 'First version.',
  },
  {
    id: 'standard',
    version: 1,
    title: 'Standard seller',
    checks: [identity(true), linked(false), history(true), escalations(false)],
    slaSeverity: 'low',
    approval: approval(1, 'senior_specialist', 8, 16),
    consultation: { required: false, windowMs: 0 },
    autoOpenBand: 'critical',
    changeNote: 'First version.',
  },
]);

/** The version new reviews start on, per playbook. */
export const CURRENT_PLAYBOOK_VERSIONS: Readonly<Record<string, number>> = deepFreeze({
  'strategic-top': 2,
  strategic: 1,
  'high-value': 1,
  standard: 1,
});

export interface PlaybookRef {
  id: string;
  version: number;
}

export function selectTier(seller: SellerFacts, tiers: readonly Tier[] = TIERS): Tier {
  const tier = tiers.find(
    (t) =>
      (t.when.strategic === undefined || t.when.strategic === seller.strategic) &&
      (t.when.minAnnualSales === undefined || seller.annualSales >= t.when.minAnnualSales),
  );
  if (!tier) throw new Error('no tier matches the seller: the last tier must match everyone');
  return tier;
}

export function findPlaybook(ref: PlaybookRef): Playbook | undefined {
  return PLAYBOOKS.find((p) => p.id === ref.id && p.version === ref.version);
}

/** The current version of a playbook (what a new review starts on). */
export function currentPlaybook(id: string): Playbook {
  const version = CURRENT_PLAYBOOK_VERSIONS[id];
  const playbook = version === undefined ? undefined : findPlaybook({ id, version });
  if (!playbook) throw new Error(`no current version of playbook ${id}`);
  return playbook;
}

/** The tier and the current playbook for a seller. */
export function playbookFor(seller: SellerFacts): { tier: Tier; playbook: Playbook } {
  const tier = selectTier(seller);
  return { tier, playbook: currentPlaybook(tier.playbookId) };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
