import { ConfigError, loadConfig } from '../../config/env';
import { buildEscalationSettings, defaultSellerDeadline } from '../../api/escalations/escalation-settings';
import { HANDOFF_TEAMS } from '../../workflows/common/actor';
import { ALWAYS_ON_CALENDAR_ID } from '../../workflows/common/business-calendar';
import { DEFAULT_SLA_POLICY } from '../../workflows/common/sla-policy';
import { caseCalendars } from '../../api/teams/team-calendar';
import { SEED_TEAMS } from '../../db/seed/teams';

/** The calendars the API gives a case of `team` created in March 2026, from the seeded teams. */
const calendarsOf = (team: string) => caseCalendars(SEED_TEAMS, team, Date.parse('2026-03-02T10:00:00Z'));

const H = 3_600_000;

describe('SLA_POLICY_JSON, CLAIM_LEASE_MINUTES, REOPEN_WINDOW_DAYS', () => {
  it('default to the built-in policy, 120 minutes and 14 days', () => {
    const config = loadConfig({});
    expect(config.SLA_POLICY_JSON).toEqual(DEFAULT_SLA_POLICY);
    expect(config.CLAIM_LEASE_MINUTES).toBe(120);
    expect(config.REOPEN_WINDOW_DAYS).toBe(14);
  });

  it('merge an override over the default policy', () => {
    const config = loadConfig({ SLA_POLICY_JSON: '{"cases":{"escalation":{"high":{"resolutionMs":"PT12H"}}}}' });
    expect(config.SLA_POLICY_JSON.cases.escalation.high.resolutionMs).toBe(12 * H);
    expect(config.SLA_POLICY_JSON.cases.escalation.low).toEqual(DEFAULT_SLA_POLICY.cases.escalation.low);
  });

  it.each([
    ['{"cases":{"escalation":{"high":{"resolutionMs":"soon"}}}}', 'SLA_POLICY_JSON: cases.escalation.high.resolutionMs: must be'],
    ['{not json', 'SLA_POLICY_JSON: (root): not valid JSON'],
    ['{"handoffs":{"legal":{"calendarId":"mars"}}}', "SLA_POLICY_JSON: handoffs.legal.calendarId: unknown calendar 'mars'"],
    ['{"teamCalendars":{"seller-risk-eu":"x"}}', 'SLA_POLICY_JSON: teamCalendars: team calendars are configured in the teams table'],
  ])('a bad override %s stops start-up naming the variable and the path', (value, problem) => {
    let error: unknown;
    try {
      loadConfig({ SLA_POLICY_JSON: value });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.some((p) => p.startsWith(problem))).toBe(true);
  });

  it.each([
    ['CLAIM_LEASE_MINUTES', '0'],
    ['CLAIM_LEASE_MINUTES', 'two hours'],
    ['REOPEN_WINDOW_DAYS', '-1'],
  ])('%s=%s is refused', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`${name}:`));
  });
});

describe('buildEscalationSettings', () => {
  const config = loadConfig({ CLAIM_LEASE_MINUTES: '30', REOPEN_WINDOW_DAYS: '7' });

  it("takes the case targets for the severity on the owning team's calendar", () => {
    const eu = buildEscalationSettings(config, 'high', calendarsOf('seller-risk-eu'));
    expect(eu.firstResponse).toMatchObject({ kind: 'first_response', budgetMs: 2 * H, warningFraction: 0.75 });
    expect(eu.resolution).toMatchObject({ kind: 'resolution', budgetMs: 16 * H });
    expect(eu.resolution.calendar.id).toBe('seller-risk-eu');
    expect(buildEscalationSettings(config, 'high', calendarsOf('seller-risk-us')).resolution.calendar.id).toBe('seller-risk-us');
    expect(buildEscalationSettings(config, 'critical', calendarsOf('seller-risk-eu')).resolution.calendar.id).toBe(ALWAYS_ON_CALENDAR_ID);
  });

  it('carries a target for every handoff team and the seller, and the lease and reopen window from config', () => {
    const settings = buildEscalationSettings(config, 'low', calendarsOf('seller-risk-eu'));
    expect(Object.keys(settings.handoffs).sort()).toEqual([...HANDOFF_TEAMS].sort());
    expect(settings.handoffs.legal).toMatchObject({ kind: 'handoff', budgetMs: 16 * H });
    expect(settings.handoffs.legal.calendar.id).toBe('legal');
    expect(settings.handoffs.customer_trust.calendar).toMatchObject({ id: 'customer_trust', holidays: [] });
    expect(buildEscalationSettings(config, 'low', calendarsOf('seller-risk-apac')).firstResponse.calendar.timeZone).toBe('Asia/Singapore');
    expect(settings.sellerResponse).toMatchObject({ kind: 'seller_response', budgetMs: 120 * H });
    expect(settings.claimLeaseMs).toBe(30 * 60_000);
    expect(settings.reopenWindowMs).toBe(7 * 24 * H);
  });

  it('is plain JSON, as a workflow input must be', () => {
    const settings = buildEscalationSettings(config, 'medium', calendarsOf('seller-risk-us'));
    expect(JSON.parse(JSON.stringify(settings))).toEqual(settings);
  });

  it('a policy override changes the targets of new cases', () => {
    const custom = loadConfig({ SLA_POLICY_JSON: '{"cases":{"escalation":{"medium":{"firstResponseMs":"PT1H"}}}}' });
    expect(buildEscalationSettings(custom, 'medium', calendarsOf('seller-risk-eu')).firstResponse.budgetMs).toBe(H);
  });
});

describe('defaultSellerDeadline', () => {
  it('counts the seller-response budget on its calendar (always on by default: five days)', () => {
    const now = Date.parse('2026-03-02T10:00:00Z');
    const settings = buildEscalationSettings(loadConfig({}), 'high', calendarsOf('seller-risk-eu'));
    expect(new Date(defaultSellerDeadline(settings.sellerResponse, now)).toISOString()).toBe('2026-03-07T10:00:00.000Z');
  });
});
