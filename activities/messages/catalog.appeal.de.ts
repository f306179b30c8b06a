import type { Facts } from './format';

/**
 * The messages of a reinstatement appeal to sellers, in German (merged into the DE catalog; staff read
 * English). Codes are translated here; what a person wrote (a question, the facts of a denial) is quoted
 * as they wrote it.
 */
export const APPEAL_DE: Record<string, (f: Facts) => string> = {
  appeal_received: (f) =>
    `Wir haben Ihren Widerspruch gegen ${ENFORCEMENTS_DE[f.text('enforcementType')]?.against ?? 'die Maßnahme gegen Ihr Verkäuferkonto'} erhalten (Vorgang ${f.text('caseId')}). ` +
    `Eine Mitarbeiterin oder ein Mitarbeiter, die bzw. der an der ursprünglichen Entscheidung nicht beteiligt war, prüft Ihren Maßnahmenplan.`,
  appeal_info_requested: (f) =>
    `Um über Ihren Widerspruch (Vorgang ${f.text('caseId')}) zu entscheiden, benötigen wir weitere Informationen: ${f.text('question')}\n` +
    `Bitte antworten Sie bis ${f.date('deadline')} in Seller Central. Liegt uns bis dahin keine Antwort vor, wird der Widerspruch als aufgegeben geschlossen.`,
  appeal_info_reminder: (f) =>
    `Erinnerung: Ihr Widerspruch (Vorgang ${f.text('caseId')}) wartet auf Ihre Antwort auf: ${f.text('question')}\n` +
    `Die Frist endet am ${f.date('deadline')}; danach wird der Widerspruch als aufgegeben geschlossen.`,
  appeal_abandoned: (f) =>
    `Ihr Widerspruch (Vorgang ${f.text('caseId')}) wurde als aufgegeben geschlossen: Bis ${f.date('deadline')} ist keine Antwort eingegangen. Sie können einen neuen Widerspruch einreichen.`,
  appeal_denied: (f) =>
    `Ihr Widerspruch (Vorgang ${f.text('caseId')}) wurde von einem Menschen geprüft und abgelehnt: ${DENY_REASONS_DE[f.text('reasonCode')] ?? f.words('reasonCode')}.\n` +
    `Zugrunde gelegte Tatsachen: ${f.text('facts')}\n` +
    `Ihre Möglichkeiten: einen neuen Widerspruch mit einem überarbeiteten Maßnahmenplan einreichen; eine außergerichtliche Streitbeilegung (Art. 21 DSA); den Rechtsweg vor dem zuständigen Gericht.\n` +
    `Sagen Sie uns, wie wir Ihren Widerspruch behandelt haben: In Seller Central wartet eine Umfrage mit einer Frage.`,
  seller_reinstatement_notice: (f) =>
    `Ihrem Widerspruch (Vorgang ${f.text('caseId')}) wurde stattgegeben: ${ENFORCEMENTS_DE[f.text('appealed')]?.lifted ?? 'Die Maßnahme gegen Ihr Verkäuferkonto'} wurde aufgehoben. Sie müssen nichts weiter tun. ` +
    `Sagen Sie uns, wie wir Ihren Widerspruch behandelt haben: In Seller Central wartet eine Umfrage mit einer Frage.`,
};

/** The enforcement under appeal: after "gegen" (accusative), and as the subject of "wurde aufgehoben". */
const ENFORCEMENTS_DE: Record<string, { against: string; lifted: string }> = {
  warning: { against: 'die Verwarnung Ihres Verkäuferkontos', lifted: 'Die Verwarnung Ihres Verkäuferkontos' },
  listing_restriction: { against: 'die Einschränkung Ihrer Angebote', lifted: 'Die Einschränkung Ihrer Angebote' },
  funds_hold: { against: 'den Einbehalt Ihrer Auszahlungen', lifted: 'Der Einbehalt Ihrer Auszahlungen' },
  suspension: { against: 'die Sperrung Ihres Verkäuferkontos', lifted: 'Die Sperrung Ihres Verkäuferkontos' },
};

const DENY_REASONS_DE: Record<string, string> = {
  root_cause_not_identified: 'Die Ursache wurde nicht benannt',
  corrective_actions_insufficient: 'Die Korrekturmaßnahmen reichen nicht aus',
  preventive_measures_insufficient: 'Die vorbeugenden Maßnahmen reichen nicht aus',
  evidence_insufficient: 'Die Nachweise reichen nicht aus',
  violation_confirmed: 'Der Verstoß hat sich bestätigt',
  repeat_violation: 'Es handelt sich um einen wiederholten Verstoß',
};
