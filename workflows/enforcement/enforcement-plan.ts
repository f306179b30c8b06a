import type { EnforcementDecision } from '../strategic-review/review.vocabulary';

/**
 * Which gateway steps a decision takes, in order, and how each is undone. Telling the seller comes
 * last, so a failure before it leaves the seller untold of a measure that was then undone. Pure.
 */
export const ENFORCEMENT_STEP_KINDS = [
  'restrict_listings',
  'hold_funds',
  'suspend_account',
  'notify_seller',
  // A reinstatement's steps (an appeal's reversal), each undone by the measure it lifted.
  'reinstate_account',
  'restore_listings',
  'release_funds',
] as const;
export type EnforcementStepKind = (typeof ENFORCEMENT_STEP_KINDS)[number];

export interface EnforcementStep {
  step: EnforcementStepKind;
  /** Facts the gateway needs: scope, duration, the statement of reasons' id. */
  params: Record<string, string | number | boolean | null>;
}

const PLANS: Record<EnforcementDecision, readonly EnforcementStepKind[]> = {
  warning: ['notify_seller'],
  listing_restriction: ['restrict_listings', 'notify_seller'],
  funds_hold: ['hold_funds', 'notify_seller'],
  suspension: ['restrict_listings', 'hold_funds', 'suspend_account', 'notify_seller'],
};

/** The step that undoes each one; null: nothing to undo (a message once sent stays sent). */
export const COMPENSATIONS: Readonly<Record<EnforcementStepKind, string | null>> = {
  restrict_listings: 'restore_listings',
  hold_funds: 'release_funds',
  suspend_account: 'reinstate_account',
  notify_seller: null,
  reinstate_account: 'suspend_account',
  restore_listings: 'restrict_listings',
  release_funds: 'hold_funds',
};

/** The saga's decision for a reversal: what the enforcement system records against the reinstatement's actions. */
export const REINSTATEMENT = 'reinstatement';

/** What reinstating lifts, by the enforcement under appeal; the seller is told last, as with any decision. */
const REINSTATEMENT_PLANS: Record<EnforcementDecision, readonly EnforcementStepKind[]> = {
  warning: ['notify_seller'],
  listing_restriction: ['restore_listings', 'notify_seller'],
  funds_hold: ['release_funds', 'notify_seller'],
  suspension: ['reinstate_account', 'restore_listings', 'release_funds', 'notify_seller'],
};

export function reinstatementPlan(appealed: EnforcementDecision, params: EnforcementStep['params']): EnforcementStep[] {
  return REINSTATEMENT_PLANS[appealed].map((step) => ({ step, params }));
}

export function enforcementPlan(decision: EnforcementDecision, params: EnforcementStep['params']): EnforcementStep[] {
  return PLANS[decision].map((step) => ({ step, params }));
}
