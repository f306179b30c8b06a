import { hasTemplate, renderNotice } from '../../activities/messages/render';
import { NOTIFICATION_TEMPLATES } from '../../workflows/escalation/escalation.vocabulary';

const DEADLINE = Date.UTC(2026, 11, 9, 14, 0);
const FACTS = {
  caseId: 'c-1',
  sellerId: 'seller-4711',
  severity: 'high',
  category: 'document_forgery',
  team: 'seller-risk-eu',
  summary: 'Forged utility bill',
  reason: 'OFAC match',
  clock: 'first_response',
  deadlineAt: DEADLINE,
  breachedAt: DEADLINE,
  question: 'Please send a bank statement from the last 3 months',
  deadline: DEADLINE,
  resolutionCode: 'enforcement_upheld',
  handoffTeam: 'legal',
  outcome: 'approve',
  answeredBy: 'lea',
  fromSeverity: 'medium',
  fromCategory: 'linked_accounts',
  teamLabel: 'Legal',
  dueAt: DEADLINE,
  requestedBy: 'ana',
  blocking: true,
};
const HANDOFF_TEMPLATES = ['handoff_requested', 'handoff_reminder', 'handoff_escalated'];
const SELLER_TEMPLATES = ['seller_info_requested', 'seller_info_reminder', 'case_resolved'];

describe('notification texts', () => {
  it.each([...NOTIFICATION_TEMPLATES, ...HANDOFF_TEMPLATES])('%s has an English text with every fact filled in', (template) => {
    expect(hasTemplate(template)).toBe(true);
    const text = renderNotice(template, FACTS);
    expect(text).not.toMatch(/undefined|null|NaN|\$\{/);
    expect(text.length).toBeGreaterThan(20);
  });

  it.each(SELLER_TEMPLATES)('%s, a message to sellers, has a German text', (template) => {
    expect(hasTemplate(template, 'de')).toBe(true);
    expect(renderNotice(template, FACTS, 'de')).not.toMatch(/undefined|null|NaN/);
  });

  it('tells the seller what is asked, by when, what happens next and how to answer, in their language', () => {
    expect(renderNotice('seller_info_reminder', FACTS, 'en')).toBe(
      'Reminder: we still need your answer to: Please send a bank statement from the last 3 months\n' +
        'The deadline is 9 December 2026 at 14:00 UTC. Reply to this message in Seller Central; after the deadline we will decide on the information we have.',
    );
    expect(renderNotice('seller_info_reminder', FACTS, 'de')).toBe(
      'Erinnerung: Wir benötigen noch Ihre Antwort auf: Please send a bank statement from the last 3 months\n' +
        'Die Frist endet am 9. Dezember 2026 um 14:00 UTC. Antworten Sie auf diese Nachricht in Seller Central; nach Ablauf der Frist entscheiden wir auf Grundlage der vorhandenen Informationen.',
    );
    expect(renderNotice('case_resolved', FACTS, 'de')).toContain('Die Maßnahme gegen Ihr Konto bleibt bestehen');
    // A region is ignored; an unknown language falls back to English.
    expect(renderNotice('case_resolved', FACTS, 'de-AT')).toContain('Die Maßnahme');
    expect(renderNotice('case_resolved', FACTS, 'fr')).toContain('The action on your account stays in place');
  });

  const APPEAL_FACTS = { ...FACTS, enforcementType: 'funds_hold', appealed: 'suspension', reasonCode: 'evidence_insufficient', facts: 'The audit covers the US listings only' };
  const APPEAL_SELLER_TEMPLATES = ['appeal_received', 'appeal_info_requested', 'appeal_info_reminder', 'appeal_abandoned', 'appeal_denied', 'seller_reinstatement_notice'];

  it.each(APPEAL_SELLER_TEMPLATES)('%s, an appeal message to sellers, has a German text with every fact filled in', (template) => {
    expect(hasTemplate(template, 'de')).toBe(true);
    const text = renderNotice(template, APPEAL_FACTS, 'de');
    expect(text).not.toMatch(/undefined|null|NaN|\$\{|_/);
    expect(text).not.toBe(renderNotice(template, APPEAL_FACTS, 'en'));
  });

  it('writes appeal messages to German sellers in German, translating codes and quoting what staff wrote', () => {
    expect(renderNotice('appeal_received', APPEAL_FACTS, 'de')).toMatch(/^Wir haben Ihren Widerspruch gegen den Einbehalt Ihrer Auszahlungen erhalten \(Vorgang c-1\)/);
    expect(renderNotice('appeal_info_requested', APPEAL_FACTS, 'de')).toContain('Bitte antworten Sie bis 9. Dezember 2026 um 14:00 UTC in Seller Central');
    const denied = renderNotice('appeal_denied', APPEAL_FACTS, 'de');
    expect(denied).toContain('abgelehnt: Die Nachweise reichen nicht aus.');
    expect(denied).toContain('Zugrunde gelegte Tatsachen: The audit covers the US listings only');
    expect(denied).toContain('Art. 21 DSA');
    expect(renderNotice('seller_reinstatement_notice', APPEAL_FACTS, 'de')).toContain('Die Sperrung Ihres Verkäuferkontos wurde aufgehoben');
  });

  it('tells a first breach from a repeated one', () => {
    expect(renderNotice('sla_breached', FACTS)).toBe('The first response SLA on the escalation about seller seller-4711 breached at 9 December 2026 at 14:00 UTC.');
    expect(renderNotice('sla_breached_again', FACTS)).toContain('had already breached before');
    expect(renderNotice('sla_breached', FACTS)).not.toContain('again');
  });

  it('never fails a notification: an unknown template or missing facts still read as a sentence', () => {
    expect(renderNotice('something_new', { caseId: 'c-9' })).toBe('something new (case c-9)');
    expect(renderNotice('seller_info_requested', { caseId: 'c-9' })).not.toMatch(/undefined|null/);
  });
});
