import type { Facts } from './format';

/**
 * Notification texts in English. Staff messages say exactly what happened and what to do; messages
 * to sellers say what is asked, by when, what happens next and how to answer.
 */
export const EN: Record<string, (f: Facts) => string> = {
  case_assigned: (f) => `The ${f.text('severity')} escalation about seller ${f.text('sellerId')} (${f.words('category')}) was assigned to you: ${f.text('summary')}`,
  case_queued: (f) => `An escalation about seller ${f.text('sellerId')} (${f.text('severity')}) is waiting in the ${f.text('team')} queue for someone to claim it.`,
  case_queued_no_one_eligible: (f) =>
    `No one in ${f.text('team')} could take the escalation about seller ${f.text('sellerId')} (${f.text('severity')}): ${f.text('reason')}. It waits in the queue; assign it or free up capacity.`,
  case_released: (f) =>
    f.text('reason') === 'lease_expired'
      ? `The escalation about seller ${f.text('sellerId')} went back to the ${f.text('team')} queue: you did not act on it before your claim lapsed.`
      : `The escalation about seller ${f.text('sellerId')} was taken off you and went back to the ${f.text('team')} queue${f.text('reason') ? ` (${f.text('reason')})` : ''}.`,
  case_escalated: (f) => `The escalation about seller ${f.text('sellerId')} (${f.text('severity')}) was escalated to the managers of ${f.text('team')}: ${f.text('reason')}.`,
  sla_warning: (f) => `The ${f.words('clock')} SLA on the escalation about seller ${f.text('sellerId')} breaches at ${f.date('deadlineAt')}.`,
  sla_breached: (f) => `The ${f.words('clock')} SLA on the escalation about seller ${f.text('sellerId')} breached at ${f.date('breachedAt')}.`,
  sla_breached_again: (f) =>
    `Another SLA breached on the escalation about seller ${f.text('sellerId')}: ${f.words('clock')}, at ${f.date('breachedAt')}. The case had already breached before.`,
  seller_responded: (f) => `Seller ${f.text('sellerId')} answered the request for information${f.text('summary') ? `: ${f.text('summary')}` : ''}. The case is back with you.`,
  seller_deadline_expired: (f) =>
    `Seller ${f.text('sellerId')} did not answer "${f.text('question')}" by ${f.date('deadline')}. The SLA clock runs again: continue without the answer.`,
  handoff_answered: (f) => `${f.words('handoffTeam')} answered the handoff on the escalation about seller ${f.text('sellerId')}: ${f.text('outcome')}.`,
  case_reopened: (f) => `The escalation about seller ${f.text('sellerId')} was reopened and is back with you: ${f.text('reason')}.`,
  case_retriaged: (f) =>
    `The escalation about seller ${f.text('sellerId')} was re-triaged from ${f.text('fromSeverity')} ${f.words('fromCategory')} to ${f.text('severity')} ${f.words('category')}: ${f.text('reason')}. Its SLA deadlines moved with it.`,
  handoff_requested: (f) =>
    `${f.text('requestedBy')} asks ${f.text('teamLabel')} about an escalation${f.text('blocking') === 'true' ? ' (the case waits for your answer)' : ''}, due ${f.date('dueAt')}: ${f.text('question')}`,
  handoff_reminder: (f) => `Reminder: a ${f.text('teamLabel')} handoff is waiting for your team's answer, due ${f.date('dueAt')}: ${f.text('question')}`,
  handoff_escalated: (f) => `A ${f.text('teamLabel')} handoff is past its SLA and needs your attention: ${f.text('question')}`,

  seller_info_requested: (f) =>
    `We are reviewing your seller account and need more information: ${f.text('question')}\n` +
    `Please answer by ${f.date('deadline')} by replying to this message in Seller Central. ` +
    `If we do not hear from you by then, we will decide on the information we have.`,
  seller_info_reminder: (f) =>
    `Reminder: we still need your answer to: ${f.text('question')}\n` +
    `The deadline is ${f.date('deadline')}. Reply to this message in Seller Central; after the deadline we will decide on the information we have.`,
  case_resolved: (f) => `We have completed the review of your seller account. ${OUTCOME_EN[f.text('resolutionCode')] ?? 'You will find the details in Seller Central.'}`,
};

const OUTCOME_EN: Record<string, string> = {
  enforcement_upheld: 'The action on your account stays in place. You may appeal this decision in Seller Central.',
  enforcement_reversed: 'The action on your account has been lifted; you do not need to do anything.',
  enforcement_modified: 'The action on your account has been changed; the details are in Seller Central. You may appeal it there.',
  seller_remediated: 'Thank you for fixing the issue; no further action is needed.',
  no_violation_found: 'We found no violation; no action is needed from you.',
  referred_to_other_team: 'Another team will continue the review and contact you if they need anything.',
  duplicate: 'This matter is handled in another open case; we will contact you there.',
  withdrawn: 'The matter was withdrawn; no action is needed from you.',
};
