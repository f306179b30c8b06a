/**
 * The strategic seller review's vocabulary: statuses, decisions, reason codes, check findings, risk
 * bands, tasks and notification templates, each declared once and imported by the state, the machine,
 * the contract, the API and the console. Nothing here imports the machine or Temporal.
 */

export const REVIEW_STATUSES = [
  'new',
  'queued',
  'assigned',
  'in_review',
  'waiting_on_handoff',
  'pending_approval',
  'awaiting_consultation',
  /** A decision sampled for pre-release QA (an enforcement once approved): decided, not yet in effect. */
  'qa_hold',
  'enforcing',
  'enforcement_failed',
  'closed',
] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** A closed review is finished; every other status is open work (one open review per seller). */
export const REVIEW_FINISHED_STATUSES = ['closed'] as const satisfies readonly ReviewStatus[];

/** The decision taxonomy, least to most severe. Anything but no_action needs maker-checker approval. */
export const DECISIONS = ['no_action', 'warning', 'listing_restriction', 'funds_hold', 'suspension'] as const;
export type Decision = (typeof DECISIONS)[number];
export type EnforcementDecision = Exclude<Decision, 'no_action'>;

/** Why a decision was taken; `no_violation` goes with no_action only, the others with enforcement. */
export const REASON_CODES = [
  'no_violation',
  'identity_misrepresentation',
  'linked_to_enforced_account',
  'counterfeit_goods',
  'order_manipulation',
  'payment_abuse',
  'repeated_policy_violation',
  'regulatory_requirement',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** What a specialist found when completing a playbook check. */
export const CHECK_FINDINGS = ['clear', 'concern', 'inconclusive', 'not_applicable'] as const;
export type CheckFinding = (typeof CHECK_FINDINGS)[number];

export const RISK_BANDS = ['low', 'medium', 'high', 'critical'] as const;
export type RiskBand = (typeof RISK_BANDS)[number];

export const bandRank = (band: RiskBand | null | undefined): number => (band ? RISK_BANDS.indexOf(band) : -1);

/** How the Account Management consultation ended. */
export const CONSULTATION_RESPONSES = ['agree', 'object'] as const;
export type ConsultationResponse = (typeof CONSULTATION_RESPONSES)[number];
export const CONSULTATION_STATUSES = ['open', 'answered', 'window_closed', 'cancelled'] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];

/** What opened a review. */
export const REVIEW_TRIGGERS = ['manual', 'escalation_resolved', 'risk_band_rise'] as const;
export type ReviewTrigger = (typeof REVIEW_TRIGGERS)[number];

/** Escalation resolutions that, on a strategic seller, open a review automatically. */
export const ENFORCEMENT_WORTHY_RESOLUTIONS = ['enforcement_upheld', 'enforcement_modified'] as const;

/** The team's SLA clocks on a review. */
export const REVIEW_CLOCKS = ['first_response', 'resolution'] as const;
export type ReviewClock = (typeof REVIEW_CLOCKS)[number];
/** A policy gap's own clock: the leadership's decision, not the team's SLA. */
export const POLICY_GAP_CLOCK = 'policy_gap';

export const REVIEW_TASK_KINDS = ['queue', 'work', 'approval', 'approval_overdue', 'leadership_decision'] as const;
export type ReviewTaskKind = (typeof REVIEW_TASK_KINDS)[number];

export const POLICY_GAP_STATUSES = ['open', 'decided'] as const;
export type PolicyGapStatus = (typeof POLICY_GAP_STATUSES)[number];

/** Every notification a review sends; the texts are in activities/messages. */
export const REVIEW_NOTIFICATION_TEMPLATES = [
  'review_assigned',
  'review_queued',
  'review_sla_warning',
  'review_sla_breached',
  'review_approval_requested',
  'review_approval_reminder',
  'review_approval_escalated',
  'review_decision_rejected',
  'review_urgency_requested',
  'review_handoff_answered',
  'review_consultation_answered',
  'review_enforced',
  'review_enforcement_failed',
  'policy_gap_flagged',
  'policy_gap_reminder',
  'policy_gap_overdue',
  'policy_gap_decided',
] as const;
export type ReviewNotificationTemplate = (typeof REVIEW_NOTIFICATION_TEMPLATES)[number];
