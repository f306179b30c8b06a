import { APPEAL_EN } from './catalog.appeal.en';
import type { Facts } from './format';

/** A case kind as a phrase in a sentence (an older notice without its kind reads "a case"). */
const CASE_PHRASE: Record<string, string> = { escalation: 'an escalation', strategic_review: 'a strategic review', appeal: 'an appeal' };

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
    `${f.text('requestedBy')} asks ${f.text('teamLabel')} about ${CASE_PHRASE[f.text('caseKind')] ?? 'a case'}${f.text('blocking') === 'true' ? ' (the case waits for your answer)' : ''}, due ${f.date('dueAt')}: ${f.text('question')}`,
  handoff_reminder: (f) => `Reminder: a ${f.text('teamLabel')} handoff is waiting for your team's answer, due ${f.date('dueAt')}: ${f.text('question')}`,
  handoff_escalated: (f) => `A ${f.text('teamLabel')} handoff is past its SLA and needs your attention: ${f.text('question')}`,

  review_assigned: (f) => `The strategic review of ${f.text('legalName')} (${f.text('sellerId')}, ${f.text('tier')}) was assigned to you: ${f.text('summary')}`,
  review_queued: (f) => `A strategic review of ${f.text('legalName')} (${f.text('sellerId')}) is waiting in the ${f.text('team')} queue: ${f.text('reason')}.`,
  review_sla_warning: (f) => `The ${f.words('clock')} SLA of the strategic review of ${f.text('legalName')} (${f.text('sellerId')}) breaches at ${f.date('deadlineAt')}.`,
  review_sla_breached: (f) => `The ${f.words('clock')} SLA of the strategic review of ${f.text('legalName')} (${f.text('sellerId')}) breached at ${f.date('breachedAt')}.`,
  review_approval_requested: (f) =>
    `${f.text('maker')} proposes ${f.words('decision')} for ${f.text('legalName')} (${f.text('sellerId')}); it needs ${f.text('needed')}. Approve or reject it on the review.`,
  review_approval_reminder: (f) =>
    `Reminder: the proposed ${f.words('decision')} for ${f.text('legalName')} (${f.text('sellerId')}) still needs ${f.text('needed')}; it escalates at ${f.date('dueAt')}.`,
  review_approval_escalated: (f) =>
    `The proposed ${f.words('decision')} for ${f.text('legalName')} (${f.text('sellerId')}) is past its approval SLA and still needs ${f.text('needed')}.`,
  review_decision_rejected: (f) => `${f.text('rejectedBy')} rejected your proposed ${f.words('decision')} for ${f.text('legalName')} (${f.text('sellerId')}): ${f.text('reasons')}`,
  review_urgency_requested: (f) =>
    `The proposed ${f.words('decision')} for ${f.text('legalName')} (${f.text('sellerId')}) is marked urgent (${f.text('reason')}): approve the urgency to enforce without waiting for Account Management.`,
  review_handoff_answered: (f) => `${f.words('handoffTeam')} answered the handoff on the strategic review of ${f.text('legalName')}: ${f.text('outcome')}.`,
  review_consultation_answered: (f) => `Account Management (${f.text('answeredBy')}) answered on ${f.text('legalName')} (${f.text('sellerId')}): ${f.text('response')}.`,
  review_enforced: (f) => `The ${f.words('decision')} of ${f.text('legalName')} (${f.text('sellerId')}) was applied; the review is closed.`,
  review_enforcement_failed: (f) => `Enforcement on ${f.text('legalName')} (${f.text('sellerId')}) failed and was undone: ${f.text('failure')}. Retry or withdraw the decision.`,
  policy_gap_flagged: (f) => `${f.text('flaggedBy')} asks leadership about ${f.text('tag')} on the review of ${f.text('legalName')}: ${f.text('question')}`,
  policy_gap_reminder: (f) => `A policy gap on the review of ${f.text('legalName')} waits for leadership's decision, due ${f.date('dueAt')}.`,
  policy_gap_overdue: (f) => `A policy gap on the review of ${f.text('legalName')} is past its decision SLA (${f.date('breachedAt')}).`,
  policy_gap_decided: (f) => `Leadership decided the policy gap ${f.text('tag')} you raised: ${f.text('decision')}`,

  seller_info_requested: (f) =>
    `We are reviewing your seller account and need more information: ${f.text('question')}\n` +
    `Please answer by ${f.date('deadline')} by replying to this message in Seller Central. ` +
    `If we do not hear from you by then, we will decide on the information we have.`,
  seller_info_reminder: (f) =>
    `Reminder: we still need your answer to: ${f.text('question')}\n` +
    `The deadline is ${f.date('deadline')}. Reply to this message in Seller Central; after the deadline we will decide on the information we have.`,
  seller_enforcement_notice: (f) =>
    `Statement of reasons ${f.text('statementId')}. We have taken the following measure on your seller account: ${f.text('measure')}\n` +
    `Scope: ${f.text('scope')}, ${f.text('territorialScope')}. ${f.text('endsAt') ? `Until ${f.date('endsAt')}.` : 'Until lifted.'}\n` +
    `Facts relied on:\n- ${f.text('facts')}\n` +
    `Ground: ${f.text('ground')}.\n${f.text('automation')}\n` +
    `Your options:\n- ${f.text('redress')}`,
  ...APPEAL_EN,
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
