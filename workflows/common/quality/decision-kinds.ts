import type { CaseKind } from '../actor';

/**
 * The decisions Riskdesk samples for quality assurance, one entry per kind. A new decision kind (the
 * reinstatement appeal's decision, for one) plugs into sampling, peer review, error typing and the
 * reports by adding an entry here: nothing else switches on the kind.
 * Pure data: bundled into workflow code.
 */
export interface DecisionKindDefinition {
  /** The case kind whose workflow makes the decision. */
  caseKind: CaseKind;
  title: string;
  /** Every decision value a maker may take. */
  decisions: readonly string[];
  /** The audit-trail action (case_events.action) that records the maker's decision: what scorecards count. */
  auditAction: string;
  /**
   * Decisions that act against the seller. An adverse decision the reviewer would not have taken is a
   * false positive; a non-adverse one where the reviewer would have acted is a false negative.
   */
  adverse: readonly string[];
}

export const DECISION_KINDS = {
  escalation_resolution: {
    caseKind: 'escalation',
    title: 'Escalation resolution',
    auditAction: 'resolved',
    decisions: [
      'enforcement_upheld',
      'enforcement_reversed',
      'enforcement_modified',
      'seller_remediated',
      'no_violation_found',
      'referred_to_other_team',
      'duplicate',
      'withdrawn',
    ],
    adverse: ['enforcement_upheld', 'enforcement_modified'],
  },
  strategic_review_decision: {
    caseKind: 'strategic_review',
    title: 'Strategic review decision',
    auditAction: 'decision_proposed',
    decisions: ['no_action', 'warning', 'listing_restriction', 'funds_hold', 'suspension'],
    adverse: ['warning', 'listing_restriction', 'funds_hold', 'suspension'],
  },
  appeal_decision: {
    caseKind: 'appeal',
    title: 'Appeal decision',
    auditAction: 'decision_made',
    decisions: ['reinstate', 'deny'],
    // A denial keeps the enforcement in force: the decision that acts against the seller.
    adverse: ['deny'],
  },
} as const satisfies Record<string, DecisionKindDefinition>;

export type DecisionKindId = keyof typeof DECISION_KINDS;
export const DECISION_KIND_IDS = Object.keys(DECISION_KINDS) as DecisionKindId[];

export function decisionKind(id: string): DecisionKindDefinition | undefined {
  return (DECISION_KINDS as Record<string, DecisionKindDefinition>)[id];
}

export function isAdverse(kind: DecisionKindDefinition, decision: string): boolean {
  return kind.adverse.includes(decision);
}
