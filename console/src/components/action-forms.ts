import { CATEGORIES, CLOCKS, HANDOFF_TEAMS, RESOLUTION_CODES, ROOT_CAUSES, SEVERITIES, UPSTREAM_TEAMS } from '../lib/case-vocabulary';
import { CHECK_FINDINGS, CONSULTATION_RESPONSES, DECISIONS, REASON_CODES } from '../lib/review-vocabulary';

export interface FieldSpec {
  /** The request body's field, as the API names it in `details.fields[].field`. */
  name: string;
  label: string;
  /** `list`: one value per line or comma, sent as an array; a select without `options` takes the form's `choices`. */
  type: 'text' | 'textarea' | 'select' | 'checkbox' | 'number' | 'datetime' | 'assignee' | 'list';
  required?: boolean;
  options?: readonly string[];
  hint?: string;
  initial?: string | boolean;
}

export interface ActionFormSpec {
  label: string;
  /** Shown above the fields: what the action does. */
  description: string;
  submit: string;
  fields: FieldSpec[];
  /** Past tense for the confirmation message. */
  done: string;
}

const reason = (required: boolean, hint?: string): FieldSpec => ({ name: 'reason', label: required ? 'Reason' : 'Reason (optional)', type: 'textarea', required, hint });

const qaStatementFields: FieldSpec[] = [
  { name: 'decision', label: 'Decision', type: 'select', required: true },
  { name: 'reason', label: 'Reason code (optional)', type: 'text', hint: 'Where the decision kind has one, e.g. counterfeit_goods' },
  { name: 'processError', label: 'Process error (a skipped check, missing evidence)', type: 'checkbox' },
  { name: 'notes', label: 'Notes', type: 'textarea', required: true },
];

/** One form per action name in `allowedActions`; the fields follow the API's request bodies (api/escalations/dto). */
export const ACTION_FORMS: Record<string, ActionFormSpec> = {
  // Peer review (POST /qa-reviews/:reviewId/review, /adjudication): the decision's options come from the decision kind.
  qa_review: {
    label: 'Your decision',
    description: "Decide on the evidence as if the case were yours. You do not see the maker's decision; agreeing releases it, disagreeing sends it to a manager.",
    submit: 'Submit review',
    fields: qaStatementFields,
    done: 'Review submitted',
  },
  qa_adjudicate: {
    label: 'Adjudicate',
    description: 'The reviewer disagreed with the maker. Your decision is the one that stands; the error types follow from it.',
    submit: 'Adjudicate',
    fields: qaStatementFields,
    done: 'Adjudicated',
  },
  acknowledge: { label: 'Acknowledge', description: 'Take the case on. This is the first response and stops the first-response clock.', submit: 'Acknowledge', fields: [], done: 'Acknowledged' },
  claim: { label: 'Claim', description: "Take this case from your team's queue.", submit: 'Claim case', fields: [], done: 'Claimed' },
  release: { label: 'Release', description: "Put the case back in the team's queue.", submit: 'Release', fields: [reason(false)], done: 'Released' },
  request_info: {
    label: 'Request information',
    description: 'Ask the seller. The resolution clock pauses until they answer or the deadline passes.',
    submit: 'Send request',
    fields: [
      { name: 'question', label: 'Question to the seller', type: 'textarea', required: true },
      { name: 'deadline', label: 'Deadline (optional)', type: 'datetime', hint: 'At most 30 days ahead. Default: the seller-response target.' },
    ],
    done: 'Information requested',
  },
  record_seller_response: {
    label: 'Record seller response',
    description: "Record the seller's answer. The resolution clock resumes.",
    submit: 'Record response',
    fields: [{ name: 'summary', label: 'Summary (optional)', type: 'textarea' }],
    done: 'Seller response recorded',
  },
  hand_off: {
    label: 'Hand off',
    description: 'Ask Legal, Policy or Customer Trust. A blocking handoff holds the case until it is answered.',
    submit: 'Hand off',
    fields: [
      { name: 'team', label: 'Team', type: 'select', required: true, options: HANDOFF_TEAMS },
      { name: 'question', label: 'Question', type: 'textarea', required: true },
      { name: 'blocking', label: 'Wait for the answer (blocking)', type: 'checkbox', initial: true },
    ],
    done: 'Handed off',
  },
  resolve: {
    label: 'Resolve',
    description: 'Close the work with a resolution code and root cause. Open handoffs are cancelled.',
    submit: 'Resolve case',
    fields: [
      { name: 'resolutionCode', label: 'Resolution', type: 'select', required: true, options: RESOLUTION_CODES },
      { name: 'rootCause', label: 'Root cause', type: 'select', required: true, options: ROOT_CAUSES, hint: 'Which causes go with which resolution depends on the case’s taxonomy: the API names the allowed ones' },
      {
        name: 'upstreamTeam',
        label: 'Upstream team (when the enforcement or its signal was wrong)',
        type: 'select',
        options: UPSTREAM_TEAMS,
        hint: 'Required for automation_false_positive, reviewer_error and system_defect: the team that learns of it',
      },
      { name: 'note', label: 'Note (optional)', type: 'textarea' },
    ],
    done: 'Resolved',
  },
  reopen: { label: 'Reopen', description: 'Reopen the resolved case; the resolution clock restarts.', submit: 'Reopen', fields: [reason(true)], done: 'Reopened' },
  escalate: { label: 'Escalate', description: "Escalate to the team's managers.", submit: 'Escalate', fields: [reason(true)], done: 'Escalated' },
  reassign: {
    label: 'Reassign',
    description: 'Give the case to someone. Someone in another team moves the case to that team.',
    submit: 'Reassign',
    fields: [{ name: 'assigneeId', label: 'Assignee', type: 'assignee', required: true }, reason(false)],
    done: 'Reassigned',
  },
  extend_sla: {
    label: 'Extend SLA',
    description: 'Give a running or paused clock more business time. The reason stays in the audit trail.',
    submit: 'Extend',
    fields: [
      { name: 'clock', label: 'Clock', type: 'select', required: true, options: CLOCKS },
      { name: 'byMinutes', label: 'Business minutes to add', type: 'number', required: true },
      reason(true),
    ],
    done: 'SLA extended',
  },
  assign: {
    label: 'Assign',
    description: "Give this queued case to a member of its team.",
    submit: 'Assign',
    fields: [{ name: 'assigneeId', label: 'Assignee', type: 'assignee', required: true }, reason(false)],
    done: 'Assigned',
  },
  retriage: {
    label: 'Re-triage',
    description: "Correct the severity or the category. The SLA clocks move to the new severity's targets; the time already used counts.",
    submit: 'Re-triage',
    fields: [
      { name: 'severity', label: 'New severity', type: 'select', options: SEVERITIES },
      { name: 'category', label: 'New category', type: 'select', options: CATEGORIES },
      reason(true),
    ],
    done: 'Re-triaged',
  },
  renew_lease: {
    label: 'Keep this case',
    description: 'You hold this case under a lease: without an action before it ends, it goes back to the queue. Renew it here.',
    submit: 'Renew lease',
    fields: [],
    done: 'Lease renewed',
  },
  // Strategic reviews (api/reviews/dto).
  open_review: {
    label: 'New review',
    description: "Open a strategic review of a seller in the directory; the seller's tier picks the playbook.",
    submit: 'Open review',
    fields: [
      { name: 'sellerId', label: 'Seller id', type: 'text', required: true, hint: 'e.g. seller-2003' },
      { name: 'summary', label: 'Why now', type: 'textarea', required: true },
    ],
    done: 'Review opened',
  },
  complete_check: {
    label: 'Complete a check',
    description: 'Record what a playbook check found, with references to the evidence.',
    submit: 'Record finding',
    fields: [
      { name: 'checkId', label: 'Check', type: 'select', required: true },
      { name: 'finding', label: 'Finding', type: 'select', required: true, options: CHECK_FINDINGS },
      { name: 'notes', label: 'Notes', type: 'textarea', required: true },
      { name: 'evidence', label: 'Evidence references (optional)', type: 'list', hint: 'One per line, e.g. kyc://verification/88123' },
    ],
    done: 'Check recorded',
  },
  assess_risk: { label: 'Assess risk', description: 'Run the risk model on the seller and the findings so far.', submit: 'Assess', fields: [], done: 'Risk assessed' },
  propose_decision: {
    label: 'Propose decision',
    description: 'Anything but no action needs approval by a checker, and Account Management is consulted where the playbook says.',
    submit: 'Propose',
    fields: [
      { name: 'decision', label: 'Decision', type: 'select', required: true, options: DECISIONS },
      { name: 'reasonCode', label: 'Reason code', type: 'select', required: true, options: REASON_CODES },
      { name: 'policyCitation', label: 'Policy citation', type: 'text', required: true },
      { name: 'rationale', label: 'Rationale (facts relied on)', type: 'textarea', required: true },
      { name: 'scope', label: 'Scope (optional)', type: 'text', hint: 'Default by decision, e.g. all listings' },
      { name: 'durationDays', label: 'Duration in days (optional)', type: 'number', hint: 'Empty: until lifted' },
      { name: 'urgent', label: 'Urgent: enforce without waiting for Account Management (a manager approves)', type: 'checkbox' },
      { name: 'urgencyReason', label: 'Why it is urgent', type: 'textarea' },
    ],
    done: 'Decision proposed',
  },
  approve_decision: { label: 'Approve decision', description: 'Approve as checker. You cannot approve your own proposal.', submit: 'Approve', fields: [{ name: 'note', label: 'Note (optional)', type: 'textarea' }], done: 'Approved' },
  reject_decision: { label: 'Reject decision', description: 'Send the proposal back to its maker with your reasons.', submit: 'Reject', fields: [{ name: 'reasons', label: 'Reasons', type: 'textarea', required: true }], done: 'Rejected' },
  withdraw_decision: { label: 'Withdraw decision', description: 'Take the proposal back to review.', submit: 'Withdraw', fields: [reason(true)], done: 'Withdrawn' },
  approve_urgency: { label: 'Approve urgency', description: 'Let the decision enforce without waiting for Account Management.', submit: 'Approve urgency', fields: [{ name: 'note', label: 'Note (optional)', type: 'textarea' }], done: 'Urgency approved' },
  answer_consultation: {
    label: 'Answer consultation',
    description: 'Agree with the proposed decision, or object with your reasons.',
    submit: 'Send answer',
    fields: [
      { name: 'response', label: 'Response', type: 'select', required: true, options: CONSULTATION_RESPONSES },
      { name: 'reasons', label: 'Reasons', type: 'textarea', required: true },
    ],
    done: 'Answered',
  },
  retry_enforcement: { label: 'Retry enforcement', description: 'Run the approved decision again.', submit: 'Retry', fields: [], done: 'Enforcement retried' },
  flag_policy_gap: {
    label: 'Flag policy gap',
    description: "Ask leadership to decide an edge case; the decision becomes a precedent for cases with the same tag.",
    submit: 'Flag',
    fields: [
      { name: 'tag', label: 'Tag', type: 'text', required: true, hint: 'lower-case words with dashes, e.g. marketplace-facilitator-tax' },
      { name: 'question', label: 'Question', type: 'textarea', required: true },
    ],
    done: 'Policy gap flagged',
  },
  decide_policy_gap: {
    label: 'Decide policy gap',
    description: 'Record the decision and the precedent it sets.',
    submit: 'Decide',
    fields: [
      { name: 'gapId', label: 'Gap', type: 'select', required: true },
      { name: 'decision', label: 'Decision', type: 'textarea', required: true },
      { name: 'precedent', label: 'Precedent', type: 'textarea', required: true },
    ],
    done: 'Policy gap decided',
  },
};
