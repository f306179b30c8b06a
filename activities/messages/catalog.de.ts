import { APPEAL_DE } from './catalog.appeal.de';
import type { Facts } from './format';

/**
 * Notification texts in German: the messages to sellers (staff read English). Each says what is asked,
 * by when, what happens next and how to answer.
 */
export const DE: Record<string, (f: Facts) => string> = {
  seller_info_requested: (f) =>
    `Wir prüfen Ihr Verkäuferkonto und benötigen weitere Informationen: ${f.text('question')}\n` +
    `Bitte antworten Sie bis ${f.date('deadline')}, indem Sie auf diese Nachricht in Seller Central antworten. ` +
    `Liegt uns bis dahin keine Antwort vor, entscheiden wir auf Grundlage der vorhandenen Informationen.`,
  seller_info_reminder: (f) =>
    `Erinnerung: Wir benötigen noch Ihre Antwort auf: ${f.text('question')}\n` +
    `Die Frist endet am ${f.date('deadline')}. Antworten Sie auf diese Nachricht in Seller Central; nach Ablauf der Frist entscheiden wir auf Grundlage der vorhandenen Informationen.`,
  case_resolved: (f) => `Wir haben die Prüfung Ihres Verkäuferkontos abgeschlossen. ${OUTCOME_DE[f.text('resolutionCode')] ?? 'Die Einzelheiten finden Sie in Seller Central.'}`,
  ...APPEAL_DE,
};

const OUTCOME_DE: Record<string, string> = {
  enforcement_upheld: 'Die Maßnahme gegen Ihr Konto bleibt bestehen. Sie können diese Entscheidung in Seller Central anfechten.',
  enforcement_reversed: 'Die Maßnahme gegen Ihr Konto wurde aufgehoben; Sie müssen nichts weiter tun.',
  enforcement_modified: 'Die Maßnahme gegen Ihr Konto wurde geändert; die Einzelheiten finden Sie in Seller Central. Sie können sie dort anfechten.',
  seller_remediated: 'Danke, dass Sie das Problem behoben haben; es sind keine weiteren Schritte nötig.',
  no_violation_found: 'Wir haben keinen Verstoß festgestellt; Sie müssen nichts tun.',
  referred_to_other_team: 'Ein anderes Team setzt die Prüfung fort und meldet sich bei Ihnen, falls es etwas benötigt.',
  duplicate: 'Dieser Vorgang wird in einem anderen offenen Fall bearbeitet; wir melden uns dort bei Ihnen.',
  withdrawn: 'Der Vorgang wurde zurückgezogen; Sie müssen nichts tun.',
};
