import type { Severity } from '../common/severity';
import {
  ENFORCEMENT_TYPES,
  ESCALATION_CATEGORIES,
  ESCALATION_SOURCES,
  RESOLUTION_CODES,
  TRIGGERS,
  UPSTREAM_TEAMS,
  type EscalationCategory,
  type ResolutionCode,
  type RootCause,
} from './escalation.vocabulary';

/**
 * The escalation taxonomy as versioned data: what a case is about, where it came from, the
 * enforcement the seller disputes, and how it was resolved and why. A case records the version it
 * started with and is validated against it to the end, so a later version never refuses a running
 * case's resolution (nor changes how an old history replays).
 *
 * Version 1 is the first, generic help-desk list (no source, trigger or enforcement; root causes mix
 * triggers with causes; any resolution with any cause). Version 2 is the identity-risk taxonomy the
 * seller-risk team works with.
 */

export interface SeverityGuidance {
  severity: Severity;
  why: string;
}

export interface EscalationTaxonomy {
  version: number;
  categories: readonly EscalationCategory[];
  /** Who brought the case to the team (v2). */
  sources: readonly string[];
  /** The enforcement the seller disputes, `none` when there is none (v2). */
  enforcementTypes: readonly string[];
  /** What set the case off (v2; in v1 triggers sat among the root causes). */
  triggers: readonly string[];
  /** The severity the team starts a category at, and why (a specialist re-triages when the case says otherwise). */
  severityGuidance: Readonly<Partial<Record<EscalationCategory, SeverityGuidance>>>;
  resolutionCodes: readonly ResolutionCode[];
  rootCauses: readonly RootCause[];
  /** For each resolution code, the root causes it may be filed with; null: any. */
  allowedCauses: Readonly<Record<ResolutionCode, readonly RootCause[]>> | null;
  /** Root causes that must name the upstream team whose signal or decision was wrong. */
  attributedCauses: readonly RootCause[];
}

const V1: EscalationTaxonomy = {
  version: 1,
  categories: ['counterfeit', 'fraud', 'prohibited_item', 'ip_complaint', 'account_takeover', 'performance', 'policy_violation', 'other'],
  sources: [],
  enforcementTypes: [],
  triggers: [],
  severityGuidance: {},
  resolutionCodes: RESOLUTION_CODES,
  rootCauses: [
    'seller_error', 'seller_bad_faith', 'automation_false_positive', 'reviewer_error', 'policy_ambiguity', 'buyer_complaint',
    'third_party_report', 'system_defect', 'not_applicable',
  ],
  allowedCauses: null,
  attributedCauses: [],
};

/** Causes that say the enforcement or its signal was wrong: the upstream team learns of each. */
const UPSTREAM_ERRORS = ['automation_false_positive', 'reviewer_error', 'system_defect'] as const satisfies readonly RootCause[];

const V2: EscalationTaxonomy = {
  version: 2,
  categories: ESCALATION_CATEGORIES,
  sources: ESCALATION_SOURCES,
  enforcementTypes: ENFORCEMENT_TYPES,
  triggers: TRIGGERS,
  severityGuidance: {
    identity_verification_failure: { severity: 'high', why: 'the seller cannot sell until verified; every hour is lost sales' },
    document_forgery: { severity: 'high', why: 'forged documents point to fraud; act before funds leave' },
    linked_accounts: { severity: 'medium', why: 'links need investigation; enforcement waits on the evidence' },
    account_takeover: { severity: 'critical', why: 'an attacker controls the account: buyers and the seller are harmed now' },
    sanctions_screening_hit: { severity: 'critical', why: 'a possible legal breach: decide around the clock' },
    payment_chargeback_abuse: { severity: 'high', why: 'losses grow with every order' },
    counterfeit: { severity: 'high', why: 'buyer harm and brand-owner claims' },
    prohibited_item: { severity: 'high', why: 'listings may be illegal in the marketplace' },
    ip_complaint: { severity: 'medium', why: 'a rights owner waits for an answer' },
    fraud: { severity: 'high', why: 'buyer harm' },
    performance: { severity: 'low', why: 'metrics, no immediate harm' },
    policy_violation: { severity: 'medium', why: 'depends on the policy; start in the middle' },
    other: { severity: 'medium', why: 'no guidance: start in the middle and re-triage' },
  },
  resolutionCodes: V1.resolutionCodes,
  rootCauses: [
    'seller_error', 'seller_bad_faith', 'automation_false_positive', 'reviewer_error', 'system_defect', 'third_party_error',
    'policy_ambiguity', 'not_applicable',
  ],
  allowedCauses: {
    enforcement_upheld: ['seller_error', 'seller_bad_faith'],
    enforcement_reversed: [...UPSTREAM_ERRORS, 'third_party_error', 'policy_ambiguity'],
    enforcement_modified: ['seller_error', 'seller_bad_faith', ...UPSTREAM_ERRORS, 'policy_ambiguity'],
    seller_remediated: ['seller_error'],
    no_violation_found: [...UPSTREAM_ERRORS, 'third_party_error', 'not_applicable'],
    referred_to_other_team: ['not_applicable', 'policy_ambiguity'],
    duplicate: ['not_applicable'],
    withdrawn: ['not_applicable', 'seller_error'],
  },
  attributedCauses: UPSTREAM_ERRORS,
};

const TAXONOMIES: Readonly<Record<number, EscalationTaxonomy>> = { 1: V1, 2: V2 };

/** What new cases start with. */
export const CURRENT_TAXONOMY_VERSION = 2;

/** The taxonomy a case was created with (cases from before versioning are version 1). */
export function taxonomyOf(version: number | null | undefined): EscalationTaxonomy {
  return TAXONOMIES[version ?? 1] ?? V1;
}

export const CURRENT_TAXONOMY = taxonomyOf(CURRENT_TAXONOMY_VERSION);

export const KNOWN_TAXONOMY_VERSIONS = Object.keys(TAXONOMIES).map(Number);

/** The resolution field at fault and why. */
export interface ResolutionProblem {
  field: 'resolutionCode' | 'rootCause' | 'upstreamTeam';
  reason: string;
}

/**
 * Why a resolution may not be filed this way under `taxonomy`, or null. A cause that says the
 * enforcement was wrong needs the upstream team it came from; a pair the taxonomy does not allow is refused.
 */
export function resolutionProblem(
  taxonomy: EscalationTaxonomy,
  resolutionCode: string,
  rootCause: string,
  upstreamTeam: string | undefined,
): ResolutionProblem | null {
  const problem = (field: ResolutionProblem['field'], reason: string) => ({ field, reason });
  if (!(taxonomy.resolutionCodes as readonly string[]).includes(resolutionCode)) {
    return problem('resolutionCode', `resolutionCode must be one of ${taxonomy.resolutionCodes.join(', ')}`);
  }
  if (!(taxonomy.rootCauses as readonly string[]).includes(rootCause)) return problem('rootCause', `rootCause must be one of ${taxonomy.rootCauses.join(', ')}`);
  const allowed = taxonomy.allowedCauses?.[resolutionCode as ResolutionCode];
  if (allowed && !(allowed as readonly string[]).includes(rootCause)) {
    return problem('rootCause', `rootCause ${rootCause} does not go with resolutionCode ${resolutionCode} (allowed: ${allowed.join(', ')})`);
  }
  if (upstreamTeam !== undefined && !(UPSTREAM_TEAMS as readonly string[]).includes(upstreamTeam)) {
    return problem('upstreamTeam', `upstreamTeam must be one of ${UPSTREAM_TEAMS.join(', ')}`);
  }
  if ((taxonomy.attributedCauses as readonly string[]).includes(rootCause) && upstreamTeam === undefined) {
    return problem('upstreamTeam', `upstreamTeam is required with rootCause ${rootCause}: name the team whose signal or decision it was (${UPSTREAM_TEAMS.join(', ')})`);
  }
  return null;
}
