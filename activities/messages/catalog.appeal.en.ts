import type { Facts } from './format';

/** Notification texts of reinstatement appeals in English (merged into the EN catalog). */
export const APPEAL_EN: Record<string, (f: Facts) => string> = {
  appeal_received: (f) =>
    `We received your appeal against the ${f.words('enforcementType')} on your seller account (case ${f.text('caseId')}). A specialist who did not take the original decision will review your plan of action.`,
  appeal_assigned: (f) => `The appeal of ${f.text('legalName')} (${f.text('sellerId')}) against a ${f.words('enforcementType')} was assigned to you.`,
  appeal_queued: (f) => `An appeal of ${f.text('legalName')} (${f.text('sellerId')}) is waiting in the ${f.text('team')} queue: ${f.text('reason')}.`,
  appeal_sla_warning: (f) => `The ${f.words('clock')} SLA of the appeal of ${f.text('legalName')} (${f.text('sellerId')}) breaches at ${f.date('deadlineAt')}.`,
  appeal_sla_breached: (f) => `The ${f.words('clock')} SLA of the appeal of ${f.text('legalName')} (${f.text('sellerId')}) breached at ${f.date('breachedAt')}.`,
  appeal_info_requested: (f) =>
    `To decide your appeal (case ${f.text('caseId')}) we need more information: ${f.text('question')}\n` +
    `Please answer by ${f.date('deadline')} in Seller Central. If we do not hear from you by then, the appeal is closed as abandoned.`,
  appeal_info_reminder: (f) =>
    `Reminder: your appeal (case ${f.text('caseId')}) waits for your answer to: ${f.text('question')}\nThe deadline is ${f.date('deadline')}; after it the appeal is closed as abandoned.`,
  appeal_seller_responded: (f) => `${f.text('legalName')} (${f.text('sellerId')}) answered the request for information on their appeal. It is back with you.`,
  appeal_abandoned: (f) => `The appeal (case ${f.text('caseId')}) was closed as abandoned: no answer arrived by ${f.date('deadline')}. You may submit a new appeal.`,
  appeal_approval_requested: (f) =>
    `${f.text('maker')} decided to reinstate ${f.text('legalName')} (${f.text('sellerId')}); it needs ${f.text('needed')}. Approve or reject it on the appeal.`,
  appeal_approval_reminder: (f) =>
    `Reminder: the reinstatement of ${f.text('legalName')} (${f.text('sellerId')}) still needs ${f.text('needed')}; it escalates at ${f.date('dueAt')}.`,
  appeal_approval_escalated: (f) => `The reinstatement of ${f.text('legalName')} (${f.text('sellerId')}) is past its approval SLA and still needs ${f.text('needed')}.`,
  appeal_decision_rejected: (f) => `${f.text('rejectedBy')} rejected the reinstatement of ${f.text('legalName')} (${f.text('sellerId')}): ${f.text('reasons')}`,
  appeal_denied: (f) =>
    `Your appeal (case ${f.text('caseId')}) was reviewed by a person and denied (${f.words('reasonCode')}).\nFacts relied on: ${f.text('facts')}\nYour options: ${f.text('redress')}.\nTell us how we handled your appeal: a one-question survey waits in Seller Central.`,
  appeal_reinstatement_failed: (f) => `Reinstating ${f.text('legalName')} (${f.text('sellerId')}) failed and was undone: ${f.text('failure')}. Retry or withdraw the decision.`,
  appeal_reinstated: (f) => `${f.text('legalName')} (${f.text('sellerId')}) was reinstated; the account is watched for a restumble until ${f.date('monitoringUntil')}.`,
  appeal_restumbled: (f) =>
    `${f.text('legalName')} (${f.text('sellerId')}), reinstated by ${f.text('reinstatedBy')}, was enforced again (${f.words('newEnforcement')}) ${f.text('days')} days after reinstatement.`,
  appeal_monitoring_ended: (f) => `${f.text('legalName')} (${f.text('sellerId')}), whom you reinstated, had no new enforcement in the monitoring window.`,
  seller_reinstatement_notice: (f) =>
    `Your appeal (case ${f.text('caseId')}) was granted: the ${f.words('appealed')} on your seller account has been lifted. You do not need to do anything. Tell us how we handled your appeal: a one-question survey waits in Seller Central.`,
};
