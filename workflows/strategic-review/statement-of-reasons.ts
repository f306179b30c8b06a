import type { Proposal, ReviewState, StatementOfReasons } from './review.state';
import type { Decision } from './review.vocabulary';
import { DAY_MS } from '../common/time-units';

/**
 * The statement of reasons for an enforcement decision, with what the EU Digital Services Act,
 * Art. 17(3), asks of one: the measure with its scope and duration, the facts relied on, whether
 * automated means were used, the ground, and the redress available. Pure: built from the review's
 * state when its decision goes to enforcement, stored with the case and sent to the seller.
 */
const MEASURES: Record<Decision, string> = {
  no_action: 'No measure is taken.',
  warning: 'A formal warning on the seller account; no restriction is applied.',
  listing_restriction: 'Listings are removed from sale and new listings are blocked within the scope below.',
  funds_hold: 'Disbursement of the funds in the scope below is withheld.',
  suspension: 'The seller account is suspended: listings are removed, disbursements withheld and selling privileges removed.',
};

const DEFAULT_SCOPE: Record<Decision, string> = {
  no_action: 'none',
  warning: 'the seller account',
  listing_restriction: 'all listings',
  funds_hold: 'all funds pending disbursement',
  suspension: 'the seller account and all its listings',
};

export function defaultScope(decision: Decision): string {
  return DEFAULT_SCOPE[decision];
}


export function statementOfReasons(s: ReviewState, p: Proposal, now: number): StatementOfReasons {
  const facts = [
    ...s.checks
      .filter((c) => c.status === 'done' && (c.finding === 'concern' || c.finding === 'inconclusive'))
      .map((c) => `${c.title}: ${c.finding}. ${c.notes ?? ''}`.trim() + (c.evidence.length ? ` (evidence: ${c.evidence.join(', ')})` : '')),
    ...(s.risk
      ? [`Risk assessment ${s.risk.score}/100 (${s.risk.band}) by model ${s.risk.modelVersion}; main signals: ${s.risk.signals
          .filter((x) => x.contribution > 0)
          .sort((a, b) => b.contribution - a.contribution)
          .slice(0, 3)
          .map((x) => x.description)
          .join('; ') || 'none'}.`]
      : []),
    p.rationale,
  ];
  const detection = s.trigger.kind === 'risk_band_rise' || (s.risk?.signals.some((x) => x.name.startsWith('detection_') && x.contribution > 0) ?? false);
  return {
    id: `${s.caseId}/statement/${p.n}`,
    caseId: s.caseId,
    sellerId: s.seller.sellerId,
    issuedAt: now,
    measure: {
      decision: p.decision,
      description: MEASURES[p.decision],
      scope: p.scope,
      territorialScope: `marketplace ${s.seller.marketplace}`,
      durationDays: p.durationDays,
      startsAt: now,
      endsAt: p.durationDays === null ? null : now + p.durationDays * DAY_MS,
    },
    facts,
    automation: {
      detection,
      decision: false,
      description: detection
        ? 'Automated risk detection contributed to opening or assessing this review; the decision was taken and approved by people.'
        : 'The decision was taken and approved by people; no automated means decided it.',
    },
    ground: {
      type: 'contractual',
      reasonCode: p.reasonCode,
      policyCitation: p.policyCitation,
      explanation: `The facts above fall under ${p.policyCitation} (${p.reasonCode.replace(/_/g, ' ')}).`,
    },
    redress: [
      'Appeal through Seller Central within 60 days: a different reviewer decides (internal complaint handling, DSA Art. 20).',
      'Refer the decision to a certified out-of-court dispute settlement body (DSA Art. 21).',
      'Seek redress before the competent courts.',
    ],
  };
}
