/**
 * The reinstatement appeal's vocabulary: statuses, decisions, the reason taxonomy, upstream teams,
 * redress options, tasks and notification templates, each declared once and imported by the state,
 * the machine, the contract, the API and the console. Nothing here imports the machine or Temporal.
 */

export const APPEAL_STATUSES = [
  'new',
  'queued',
  'assigned',
  'in_review',
  'waiting_on_seller',
  'pending_approval',
  /** A decision sampled for pre-release QA (a reinstatement once approved): decided, not yet in effect. */
  'qa_hold',
  'reinstating',
  'reinstatement_failed',
  'monitoring',
  'closed',
] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

/** Statuses in which nobody works the appeal: monitoring waits for the window or a restumble. */
export const APPEAL_IDLE_STATUSES = ['monitoring', 'closed'] as const satisfies readonly AppealStatus[];

/** What a reviewer decides; request_info is an action of its own (info_requested). */
export const APPEAL_DECISIONS = ['reinstate', 'deny'] as const;
export type AppealDecision = (typeof APPEAL_DECISIONS)[number];

/** How the appeal ended. */
export const APPEAL_OUTCOMES = ['reinstated', 'denied', 'abandoned'] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

/** How the restumble window ended, after a reinstatement. */
export const MONITORING_RESULTS = ['clean', 'restumbled'] as const;
export type MonitoringResult = (typeof MONITORING_RESULTS)[number];

/** Why a decision was taken: the first three go with reinstate, the rest with deny. */
export const REINSTATE_REASONS = ['plan_of_action_accepted', 'enforcement_error', 'new_evidence'] as const;
export const DENY_REASONS = [
  'root_cause_not_identified',
  'corrective_actions_insufficient',
  'preventive_measures_insufficient',
  'evidence_insufficient',
  'violation_confirmed',
  'repeat_violation',
] as const;
export const APPEAL_REASON_CODES = [...REINSTATE_REASONS, ...DENY_REASONS] as const;
export type AppealReasonCode = (typeof APPEAL_REASON_CODES)[number];

/** The teams whose enforcements an appeal can show to have been wrong (false positives). */
export const UPSTREAM_TEAMS = ['SLM', 'SPIV', 'TSI', 'other'] as const;
export type UpstreamTeam = (typeof UPSTREAM_TEAMS)[number];

/** Enforcement types an appeal may be against (a strategic review's decisions, or an external system's). */
export const APPEALABLE_ENFORCEMENTS = ['warning', 'listing_restriction', 'funds_hold', 'suspension'] as const;
export type AppealableEnforcement = (typeof APPEALABLE_ENFORCEMENTS)[number];

/** Where the enforcement under appeal came from. */
export const ENFORCEMENT_SOURCES = ['strategic_review', 'external'] as const;
export type EnforcementSource = (typeof ENFORCEMENT_SOURCES)[number];

/** What a denied seller may still do; every deny decision lists them in its statement of reasons. */
export const REDRESS_OPTIONS = [
  'submit a new appeal with a revised plan of action',
  'out-of-court dispute settlement (EU DSA Art. 21)',
  'judicial redress before the competent court',
] as const;

/** The team's SLA clocks on an appeal (resolution is the decision SLA; it pauses while the seller is asked). */
export const APPEAL_CLOCKS = ['first_response', 'resolution'] as const;
export type AppealClock = (typeof APPEAL_CLOCKS)[number];

export const APPEAL_TASK_KINDS = ['queue', 'work', 'approval', 'approval_overdue'] as const;
export type AppealTaskKind = (typeof APPEAL_TASK_KINDS)[number];

/** Every notification an appeal sends; the texts are in activities/messages. */
export const APPEAL_NOTIFICATION_TEMPLATES = [
  'appeal_received',
  'appeal_assigned',
  'appeal_queued',
  'appeal_sla_warning',
  'appeal_sla_breached',
  'appeal_info_requested',
  'appeal_info_reminder',
  'appeal_seller_responded',
  'appeal_abandoned',
  'appeal_approval_requested',
  'appeal_approval_reminder',
  'appeal_approval_escalated',
  'appeal_decision_rejected',
  'appeal_denied',
  'appeal_reinstatement_failed',
  'appeal_reinstated',
  'appeal_restumbled',
  'appeal_monitoring_ended',
] as const;
export type AppealNotificationTemplate = (typeof APPEAL_NOTIFICATION_TEMPLATES)[number];
