import { APPEAL_DECISIONS, APPEAL_REASON_CODES, DENY_REASONS, REINSTATE_REASONS, UPSTREAM_TEAMS } from '../../../workflows/appeal/appeal.vocabulary';
import type { ActionFormSpec } from './action-forms';

/**
 * The forms of a reinstatement appeal's actions, where an appeal's request body differs from the
 * escalation's action of the same name (request_info takes days, not a date) or the action is the
 * appeal's own; the rest (acknowledge, claim, release, reassign, withdraw_decision) are shared.
 * Fields follow api/appeals/dto; a dotted name is a field of a nested object.
 */
export const APPEAL_ACTION_FORMS: Record<string, ActionFormSpec> = {
  add_note: {
    label: 'Add note',
    description: 'A staff note on the appeal. The seller never sees it.',
    submit: 'Add note',
    fields: [{ name: 'text', label: 'Note', type: 'textarea', required: true }],
    done: 'Note added',
  },
  request_info: {
    label: 'Request information',
    description: "Ask the seller. The appeal's clock pauses until they answer; past the deadline the appeal closes as abandoned.",
    submit: 'Send request',
    fields: [
      { name: 'question', label: 'Question to the seller', type: 'textarea', required: true },
      { name: 'deadlineDays', label: 'Days to answer (optional)', type: 'number', hint: 'Default: the configured deadline' },
    ],
    done: 'Information requested',
  },
  decide: {
    label: 'Decide',
    description: 'Reinstate or deny. A reinstatement takes effect once a senior specialist or manager approves it.',
    submit: 'Decide',
    fields: [
      { name: 'decision', label: 'Decision', type: 'select', required: true, options: APPEAL_DECISIONS },
      {
        name: 'reasonCode',
        label: 'Reason',
        type: 'select',
        required: true,
        options: APPEAL_REASON_CODES,
        hint: `To reinstate: ${REINSTATE_REASONS.join(', ')}. To deny: ${DENY_REASONS.join(', ')}`,
      },
      { name: 'rationale', label: 'Rationale', type: 'textarea', required: true },
      { name: 'facts', label: 'Facts the seller is told (required to deny)', type: 'textarea' },
      {
        name: 'enforcementError.upstreamTeam',
        label: 'The enforcement was wrong: upstream team (reinstate only, optional)',
        type: 'select',
        options: UPSTREAM_TEAMS,
        hint: 'Feeds the false-positive report of the team that enforced',
      },
      { name: 'enforcementError.note', label: 'What the upstream team got wrong', type: 'textarea' },
    ],
    done: 'Decided',
  },
  approve_reinstatement: {
    label: 'Approve reinstatement',
    description: 'Approve as checker. You cannot approve your own decision.',
    submit: 'Approve',
    fields: [{ name: 'note', label: 'Note (optional)', type: 'textarea' }],
    done: 'Reinstatement approved',
  },
  reject_reinstatement: {
    label: 'Reject reinstatement',
    description: 'Send the decision back to its maker with your reasons.',
    submit: 'Reject',
    fields: [{ name: 'reasons', label: 'Reasons', type: 'textarea', required: true }],
    done: 'Reinstatement rejected',
  },
  retry_reinstatement: { label: 'Retry reinstatement', description: 'Lift the enforcement again after a failed attempt.', submit: 'Retry', fields: [], done: 'Reinstatement retried' },
};
