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
  'resolved',
  'reopened',
  'closed',
] as const;
export type EscalationStatus = (typeof ESCALATION_STATUSES)[number];

/** Statuses in which the case is no longer worked; every other status counts as open work. */
export const ESCALATION_FINISHED_STATUSES = ['resolved', 'closed'] as const satisfies readonly EscalationStatus[];

export const ESCALATION_CATEGORIES = [
  'counterfeit',
  'fraud',
  'prohibited_item',
  'ip_complaint',
  'account_takeover',
  'performance',
  'policy_violation',
  'other',
] as const;
export type EscalationCategory = (typeof ESCALATION_CATEGORIES)[number];

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

/** Why the case arose, for trend reporting. */
export const ROOT_CAUSES = [
  'seller_error',
  'seller_bad_faith',
  'automation_false_positive',
  'reviewer_error',
  'policy_ambiguity',
  'buyer_complaint',
  'third_party_report',
  'system_defect',
  'not_applicable',
] as const;
export type RootCause = (typeof ROOT_CAUSES)[number];

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
] as const;
export type NotificationTemplate = (typeof NOTIFICATION_TEMPLATES)[number];

export const DEFAULT_REOPEN_WINDOW_MS = 14 * 24 * 60 * 60 * 1000;
