/**
 * The escalation's vocabulary: statuses, the taxonomy a resolution is filed under, clocks, tasks and
 * notification templates, each declared once here and imported by the state, the machine, the
 * contract and the API. Nothing here imports the machine.
 */

export const ESCALATION_STATUSES = [
  'new',
  'triage',
  'queued',
  'assigned',
  'in_progress',
  'waiting_on_seller',
  'waiting_on_handoff',
  'escalated_to_manager',
  /** A resolution sampled for pre-release QA: decided, not yet in effect (README: Decision quality). */
  'qa_hold',
  'resolved',
  'reopened',
  'closed',
] as const;
export type EscalationStatus = (typeof ESCALATION_STATUSES)[number];

/** Statuses in which the case is no longer worked; every other status counts as open work. */
export const ESCALATION_FINISHED_STATUSES = ['resolved', 'closed'] as const satisfies readonly EscalationStatus[];

/**
 * Every value the taxonomy has had in any version (escalation.taxonomy.ts says which version has
 * which, and which pairs a version allows): what the read model and its filters may hold.
 */
export const ESCALATION_CATEGORIES = [
  'identity_verification_failure',
  'document_forgery',
  'linked_accounts',
  'account_takeover',
  'sanctions_screening_hit',
  'payment_chargeback_abuse',
  'counterfeit',
  'fraud',
  'prohibited_item',
  'ip_complaint',
  'performance',
  'policy_violation',
  'other',
] as const;
export type EscalationCategory = (typeof ESCALATION_CATEGORIES)[number];

/** Who brought the case to the team. */
export const ESCALATION_SOURCES = ['seller_support', 'executive_escalation', 'account_management', 'internal_detection', 'regulator_or_law_enforcement'] as const;
export type EscalationSource = (typeof ESCALATION_SOURCES)[number];

/** The enforcement in question: what the seller disputes (`none` when there is none yet). */
export const ENFORCEMENT_TYPES = ['none', 'suspension', 'funds_hold', 'listing_removal', 'verification_block'] as const;
export type EnforcementType = (typeof ENFORCEMENT_TYPES)[number];

/** What set the case off. */
export const TRIGGERS = ['buyer_complaint', 'third_party_report', 'automated_detection', 'manual_review', 'seller_contact', 'regulator_request'] as const;
export type Trigger = (typeof TRIGGERS)[number];

/** How a case was resolved. */
export const RESOLUTION_CODES = [
  'enforcement_upheld',
  'enforcement_reversed',
  'enforcement_modified',
  'seller_remediated',
  'no_violation_found',
  'referred_to_other_team',
  'duplicate',
  'withdrawn',
] as const;
export type ResolutionCode = (typeof RESOLUTION_CODES)[number];

/** Why the case arose (version 1 also filed triggers here: buyer_complaint, third_party_report). */
export const ROOT_CAUSES = [
  'seller_error',
  'seller_bad_faith',
  'automation_false_positive',
  'reviewer_error',
  'system_defect',
  'third_party_error',
  'policy_ambiguity',
  'buyer_complaint',
  'third_party_report',
  'not_applicable',
] as const;
export type RootCause = (typeof ROOT_CAUSES)[number];

/** The upstream teams whose signal or decision can lead to a case: seller lifecycle management, seller identity verification, trust and safety investigations. */
export const UPSTREAM_TEAMS = ['slm', 'spiv', 'tsi', 'other'] as const;
export type UpstreamTeam = (typeof UPSTREAM_TEAMS)[number];

/** The team's SLA clocks on a case: what the team owes. */
export const CASE_CLOCKS = ['first_response', 'resolution'] as const;
export type CaseClock = (typeof CASE_CLOCKS)[number];

/** The seller's own clock while an information request is open: the seller's deadline, never the team's SLA. */
export const SELLER_CLOCK = 'seller_response';

/** queue: the team's unassigned work item; work: the assignee's; manager_review: the team's managers'. */
export const TASK_KINDS = ['queue', 'work', 'manager_review'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** Every notification an escalation sends; the texts are in activities/messages. */
export const NOTIFICATION_TEMPLATES = [
  'case_assigned',
  'case_queued',
  'case_queued_no_one_eligible',
  'case_released',
  'case_escalated',
  'sla_warning',
  'sla_breached',
  'sla_breached_again',
  'seller_info_requested',
  'seller_info_reminder',
  'seller_responded',
  'seller_deadline_expired',
  'handoff_answered',
  'case_resolved',
  'case_reopened',
  'case_retriaged',
] as const;
export type NotificationTemplate = (typeof NOTIFICATION_TEMPLATES)[number];

export const DEFAULT_REOPEN_WINDOW_MS = 14 * 24 * 60 * 60 * 1000;
