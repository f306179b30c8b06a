import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importSellers, sellersImportCommand } from '../../api/sellers/seller-import';
import { createIntegrationContext, type IntegrationContext } from '../support/harness';
import { apiClient, eventually } from './escalation-api.helpers';
import { insertSeller, reviewClient, type ReviewBody } from './review-api.helpers';

/**
 * The seller directory (bulk import, profiles on escalations and reviews), the automatic opening of
 * reviews (an enforcement-worthy resolution of a strategic seller's escalation; a risk band rising to
 * the playbook's threshold), and the leadership queue for policy gaps with its precedents and report.
 */
const HEADER = 'id,marketplace,legal_name,annual_sales,strategic,account_manager_id,enforcement_history,linked_accounts';

describe('sellers, automatic reviews and policy gaps (real Temporal and PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let api: ReturnType<typeof reviewClient>;
  let escalations: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    ctx = await createIntegrationContext({ api: true });
    api = reviewClient(ctx);
    escalations = apiClient(ctx);
  });
  afterAll(() => ctx?.close());

  it('imports a good CSV, and refuses a malformed one whole with the line of each problem', async () => {
    const stamp = Date.now();
    const good = [HEADER, `imp-${stamp}-a,DE,Import One GmbH,60000000,true,alex,,imp-${stamp}-b`, `imp-${stamp}-b,DE,Import Two UG,100,false,,2025-01-01|warning|test,`].join('\n');
    expect(await importSellers(ctx.dataSource, good)).toEqual({ ok: true, inserted: 2, updated: 0 });
    const bad = [HEADER, `imp-${stamp}-c,DE,Would Be New,5,false,,,`, `imp-${stamp}-a,DE,Renamed,x,true,nobody,,`, `imp-${stamp}-d,DE,Other,5,false,ana,,`].join('\n');
    const refused = await importSellers(ctx.dataSource, bad);
    expect(refused).toEqual({
      ok: false,
      problems: [
        { line: 3, field: 'annual_sales', problem: expect.stringContaining('non-negative amount') },
        { line: 4, field: 'account_manager_id', problem: 'ana is not an active account manager in the roster' },
      ],
    });
    const names = await ctx.dataSource.query(`SELECT id, legal_name FROM sellers WHERE id LIKE $1 ORDER BY id`, [`imp-${stamp}-%`]);
    expect(names).toEqual([{ id: `imp-${stamp}-a`, legal_name: 'Import One GmbH' }, { id: `imp-${stamp}-b`, legal_name: 'Import Two UG' }]);

    const profile = (await api.as('ana').get(`/sellers/imp-${stamp}-a`).expect(200)).body;
    expect(profile).toMatchObject({ legalName: 'Import One GmbH', tier: 'tier_1', playbookId: 'strategic-top', accountManagerId: 'alex', linkedAccounts: [`imp-${stamp}-b`] });
    expect((await api.as('ana').get('/sellers/bad%20id')).status).toBe(400);
    expect((await api.as('ana').get('/sellers/nobody-here')).status).toBe(404);
  });

  it('npm run sellers:import reports bad rows by line and imports nothing, or imports a good file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sellers-'));
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, [HEADER, 'cli-ok,DE,Fine,1,true,,,', 'cli-bad,XX1,Bad,1,true,,,'].join('\n'));
    const out: string[] = [];
    const err: string[] = [];
    expect(await sellersImportCommand(bad, ctx.dataSource, (l) => out.push(l), (l) => err.push(l))).toBe(1);
    expect(err).toEqual([`${bad}: nothing imported; 1 problem(s):`, '  line 3, marketplace: must be a two-letter upper-case code such as DE or US']);
    expect(await ctx.dataSource.query(`SELECT id FROM sellers WHERE id = 'cli-ok'`)).toEqual([]);
    const good = path.join(dir, 'good.csv');
    fs.writeFileSync(good, [HEADER, 'cli-ok,DE,Fine,1,true,,,'].join('\n'));
    expect(await sellersImportCommand(good, ctx.dataSource, (l) => out.push(l), (l) => err.push(l))).toBe(0);
    expect(out).toEqual([`${good}: imported 1 seller(s) (1 new, 0 updated)`]);
  });

  it("shows the seller's profile on escalations, and opens a review when a strategic seller's escalation is resolved with an enforcement-worthy code", async () => {
    const seller = await insertSeller(ctx.dataSource, { marketplace: 'DE', annualSales: 75_000_000, strategic: true });
    const c = await escalations.caseWorkedBy('ana', { sellerId: seller.id });
    const detail = (await escalations.as('ana').get(`/escalations/${c.id}`).expect(200)).body;
    expect(detail.seller).toMatchObject({ id: seller.id, strategic: true, tier: 'tier_1' });
    await escalations.action('ana', c.id, 'resolve', { resolutionCode: 'enforcement_upheld', rootCause: 'seller_bad_faith' });
    const reviews = (await api.as('max').get(`/reviews?sellerId=${seller.id}`).expect(200)).body as { items: Array<{ id: string; state: string }> };
    expect(reviews.items).toHaveLength(1);
    const review = (await api.as('max').get(`/reviews/${reviews.items[0].id}`).expect(200)).body as ReviewBody;
    expect(review).toMatchObject({ trigger: { kind: 'escalation_resolved', ref: c.id }, createdBy: 'system', playbook: { id: 'strategic-top' }, seller: { id: seller.id } });

    // A non-strategic seller's escalation opens nothing.
    const plain = await insertSeller(ctx.dataSource, { marketplace: 'DE', strategic: false, annualSales: 90_000_000 });
    const p = await escalations.caseWorkedBy('ana', { sellerId: plain.id });
    await escalations.action('ana', p.id, 'resolve', { resolutionCode: 'enforcement_upheld', rootCause: 'seller_bad_faith' });
    expect((await api.as('max').get(`/reviews?sellerId=${plain.id}`).expect(200)).body.items).toEqual([]);
  });

  it('opens a review when a risk assessment raises the band to the playbook threshold, and only once', async () => {
    const seller = await insertSeller(ctx.dataSource, { annualSales: 20_000_000, strategic: true });
    expect((await api.as('ben').post(`/sellers/${seller.id}/risk-assessments`).send({})).status).toBe(403);
    const low = (await api.as('olga').post(`/sellers/${seller.id}/risk-assessments`).send({ detection: { chargebackRate: 0.01 } }).expect(200)).body;
    expect(low).toMatchObject({ previousBand: null, assessment: { band: 'low', score: 4 }, review: { opened: false } });
    const bad = await api.as('olga').post(`/sellers/${seller.id}/risk-assessments`).send({ detection: { chargebackRate: 2 } });
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields[0].field).toBe('detection.chargebackRate');

    const high = (await api.as('olga').post(`/sellers/${seller.id}/risk-assessments`).send({ detection: { chargebackRate: 0.05, orderDefectRate: 0.05, listingAnomalyScore: 0.9 } }).expect(200)).body;
    expect(high).toMatchObject({ previousBand: 'low', assessment: { band: 'high' }, review: { opened: true } });
    const review = (await api.as('mia').get(`/reviews/${high.review.caseId}`).expect(200)).body as ReviewBody;
    expect(review).toMatchObject({ trigger: { kind: 'risk_band_rise' }, playbook: { id: 'strategic' } });

    const higher = (await api.as('olga').post(`/sellers/${seller.id}/risk-assessments`).send({ detection: { chargebackRate: 0.05, orderDefectRate: 0.05, listingAnomalyScore: 1 } }).expect(200)).body;
    expect(higher.review).toMatchObject({ opened: false });
    expect((await api.as('ana').get(`/sellers/${seller.id}`).expect(200)).body).toMatchObject({ openReviewId: high.review.caseId, risk: { band: 'high' } });
  });

  it('queues policy gaps for leadership, records decisions as precedents linked from later cases, and reports open gaps by age', async () => {
    const tag = `facilitator-tax-${Date.now()}`;
    const first = await api.reviewInReview((await insertSeller(ctx.dataSource)).id);
    const flagged = await api.act('dana', first.id, 'policy-gaps', { tag, question: 'Does a missing facilitator-tax registration alone justify a funds hold?' });
    const gap = (flagged.policyGaps as Array<{ id: string; status: string; dueAt: string }>)[0];
    expect(gap).toMatchObject({ status: 'open', dueAt: expect.any(String) });
    expect((await api.as('paul').post(`/reviews/${first.id}/policy-gaps`).send({ tag, question: 'x' })).status).toBe(403);

    const queue = (await api.as('mia').get(`/policy-gaps?tag=${tag}`).expect(200)).body;
    expect(queue.items).toEqual([expect.objectContaining({ id: gap.id, caseId: first.id, status: 'open', overdue: false })]);
    const report = (await api.as('mia').get('/policy-gaps/report').expect(200)).body;
    expect(report.items.map((i: { id: string }) => i.id)).toContain(gap.id);
    expect(report.byAge['<1d']).toBeGreaterThanOrEqual(1);
    expect((await api.as('lea').get('/policy-gaps')).status).toBe(403);

    expect((await api.as('dana').post(`/reviews/${first.id}/policy-gaps/decision`).send({ gapId: gap.id, decision: 'x', precedent: 'y' })).status).toBe(403);
    const decided = await api.act('mia', first.id, 'policy-gaps/decision', {
      gapId: gap.id,
      decision: 'No: warn first with a 30-day deadline',
      precedent: 'Missing facilitator-tax registration: warning first, funds hold only after the deadline',
    });
    expect((decided.policyGaps as Array<{ status: string; decidedBy: string }>)[0]).toMatchObject({ status: 'decided', decidedBy: 'mia' });

    const precedents = await eventually(async () => {
      const body = (await api.as('ana').get(`/precedents?q=${encodeURIComponent('facilitator-tax registration')}`).expect(200)).body;
      return body.items.length ? body : undefined;
    }, 'the precedent to be searchable');
    expect(precedents.items[0]).toMatchObject({ tag, decision: 'No: warn first with a 30-day deadline' });

    const later = await api.reviewInReview((await insertSeller(ctx.dataSource)).id);
    await api.act('ben', later.id, 'policy-gaps', { tag, question: 'Same question, another seller' });
    const detail = (await api.as('ben').get(`/reviews/${later.id}`).expect(200)).body;
    expect(detail.precedents).toEqual([expect.objectContaining({ caseId: first.id, tag, precedent: expect.stringContaining('warning first') })]);
  });
});
