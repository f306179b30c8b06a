import { CATEGORIES, CLOCKS, HANDOFF_TEAMS, RESOLUTION_CODES, ROOT_CAUSES, SEVERITIES, UPSTREAM_TEAMS } from '../lib/case-vocabulary';

export interface FieldSpec {
  /** The request body's field, as the API names it in `details.fields[].field`. */
  name: string;
  label: string;
  type: 'text' | 'textarea' | 'select' | 'checkbox' | 'number' | 'datetime' | 'assignee';
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

/** One form per action name in `allowedActions`; the fields follow the API's request bodies (api/escalations/dto). */
export const ACTION_FORMS: Record<string, ActionFormSpec> = {
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
};
