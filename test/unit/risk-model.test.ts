import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpRiskModel, riskModelFor } from '../../activities/risk/http-risk-model';
import type { RiskFacts } from '../../activities/risk/risk-model';
import { bandFor, RulesRiskModel, RULES_MODEL_VERSION, scoreFacts } from '../../activities/risk/rules-risk-model';

const NOW = Date.UTC(2026, 2, 2);
const facts = (over: Partial<RiskFacts> = {}): RiskFacts => ({
  sellerId: 's1', annualSales: 1_000_000, strategic: false, enforcementHistory: [], linkedAccounts: [], linkedAccountsWithEnforcement: 0,
  openEscalations: 0, findings: [], detection: {}, now: NOW, ...over,
});

describe('the rules risk model', () => {
  it.each<[string, Partial<RiskFacts>, number, string]>([
    ['nothing on record', {}, 0, 'low'],
    ['one identity concern', { findings: [{ checkId: 'identity_documents', finding: 'concern' }] }, 30, 'medium'],
    ['an inconclusive identity check counts half', { findings: [{ checkId: 'identity_documents', finding: 'inconclusive' }] }, 15, 'low'],
    ['a clear finding adds nothing', { findings: [{ checkId: 'identity_documents', finding: 'clear' }] }, 0, 'low'],
    ['two recent enforcements', { enforcementHistory: [{ at: '2025-12-01', action: 'warning' }, { at: '2025-06-01', action: 'warning' }] }, 26, 'medium'],
    ['prior enforcement is capped', { enforcementHistory: Array.from({ length: 9 }, () => ({ at: '2019-01-01', action: 'warning' })) }, 24, 'low'],
    ['linked accounts with enforcement', { linkedAccounts: ['a', 'b'], linkedAccountsWithEnforcement: 2 }, 30, 'medium'],
    ['detection signals', { detection: { chargebackRate: 0.05, orderDefectRate: 0.05, listingAnomalyScore: 1 } }, 55, 'high'],
    ['everything at once is capped at 100', {
      enforcementHistory: Array.from({ length: 5 }, () => ({ at: '2026-01-01', action: 'suspension' })), linkedAccountsWithEnforcement: 5, openEscalations: 5,
      findings: [{ checkId: 'identity_documents', finding: 'concern' }, { checkId: 'order_anomalies', finding: 'concern' }],
    }, 100, 'critical'],
  ])('%s -> %d (%s)', (_name, over, score, band) => {
    const a = scoreFacts(facts(over));
    expect(a).toMatchObject({ score, band, modelVersion: RULES_MODEL_VERSION, model: 'rules', fallback: null });
    if (score < 100) expect(a.signals.reduce((s, x) => s + x.contribution, 0)).toBeCloseTo(score, 0);
    expect(a.signals.every((s) => s.contribution > 0 && s.description.length > 0)).toBe(true);
  });

  it.each<[number, string]>([[0, 'low'], [24, 'low'], [25, 'medium'], [49, 'medium'], [50, 'high'], [74, 'high'], [75, 'critical'], [100, 'critical']])('score %d is %s', (score, band) => {
    expect(bandFor(score)).toBe(band);
  });
});

describe('the external scoring service', () => {
  let server: http.Server;
  let url: string;
  let answer: (res: http.ServerResponse) => void;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => answer(res));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/score`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const json = (status: number, body: unknown) => (res: http.ServerResponse) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

  it('uses its score when it answers in time', async () => {
    answer = json(200, { score: 81, modelVersion: 'science-7', signals: [{ name: 'graph', description: 'fraud ring proximity', value: 0.9, weight: 90, contribution: 81 }] });
    const a = await new HttpRiskModel(url, 1000, new RulesRiskModel()).assess(facts());
    expect(a).toMatchObject({ score: 81, band: 'critical', modelVersion: 'science-7', model: 'http', fallback: null });
  });

  it.each<[string, (res: http.ServerResponse) => void, RegExp]>([
    ['an error status', json(503, { error: 'down' }), /answered HTTP 503/],
    ['a wrong shape', json(200, { risk: 'high' }), /unexpected shape \(score/],
    ['too slow an answer', (res) => setTimeout(() => json(200, { score: 1, modelVersion: 'x' })(res), 500), /did not answer within 100 ms/],
  ])('falls back to the rules model on %s, and says so', async (_name, handler, reason) => {
    answer = handler;
    const a = await new HttpRiskModel(url, 100, new RulesRiskModel()).assess(facts({ openEscalations: 1 }));
    expect(a).toMatchObject({ model: 'rules', modelVersion: RULES_MODEL_VERSION, score: 8, fallback: { reason: expect.stringMatching(reason) } });
  });

  it('falls back when nothing listens', async () => {
    const a = await new HttpRiskModel('http://127.0.0.1:9/score', 500, new RulesRiskModel()).assess(facts());
    expect(a.fallback?.reason).toMatch(/could not be reached/);
  });

  it('is off unless configured', () => {
    const rules = new RulesRiskModel();
    expect(riskModelFor({ RISK_SCORING_TIMEOUT_MS: 2000 }, rules)).toBe(rules);
    expect(riskModelFor({ RISK_SCORING_URL: url, RISK_SCORING_TIMEOUT_MS: 2000 }, rules)).toBeInstanceOf(HttpRiskModel);
  });
});
