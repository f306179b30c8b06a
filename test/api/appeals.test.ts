import type { DataSource } from 'typeorm';
import { createIntegrationContext, type IntegrationContext } from '../support/harness';
import { appealClient, enforcementAccount, PLAN, sellerWithAccount, type AppealBody } from './appeal-api.helpers';
import { eventually } from './escalation-api.helpers';
import { reviewClient } from './review-api.helpers';

/**
 * Reinstatement appeals through the HTTP API against the real system (Temporal, worker, PostgreSQL):
 * a seller appeals and answers through the seller routes (and sees nothing of another seller's), the
 * reviewer asks for information and denies with a statement of reasons; an appeal against dana's own
 * enforcement is refused to her; a reinstatement needs a senior's approval, runs the saga and watches
 * the seller until the enforcement system reports a new enforcement (a restumble).
 */
describe('appeals through the API (real Temporal and PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let ds: DataSource;
  let api: ReturnType<typeof appealClient>;
  let enforcer: string;

  beforeAll(async () => {
    ctx = await createIntegrationContext({ api: true });
    ds = ctx.dataSource;
    api = appealClient(ctx);
    enforcer = await enforcementAccount(ds);
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it("writes to a seller who appealed in German in German: the appeal received and its denial", async () => {
    const seller = await sellerWithAccount(ds);
    const badLanguage = await api.as(seller.account).post('/seller/appeals').send({ sellerId: seller.sellerId, enforcement: { source: 'external', ref: 'ext-x' }, plan: PLAN, language: 'German' });
    expect(badLanguage.status).toBe(400);
    expect(badLanguage.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['language']);

    const { appealId } = await api.appealExternal(enforcer, seller, ['enforcer.one'], { language: 'de' });
    const sellerMessage = (template: string) =>
      eventually(async () => {
        const [n] = await ds.query(`SELECT message FROM notifications WHERE case_id = $1 AND user_id = $2 AND template = $3`, [appealId, `seller:${seller.sellerId}`, template]);
        return n?.message as string | undefined;
      }, `the seller's ${template}`);
    expect(await sellerMessage('appeal_received')).toMatch(/^Wir haben Ihren Widerspruch gegen die Sperrung Ihres Verkäuferkontos erhalten/);

    // Routing prefers German speakers; with none on the team the appeal waits in the queue for a claim.
    const routed = await eventually(async () => {
      const a = (await api.as('mia').get(`/appeals/${appealId}`)).body as AppealBody;
      return a.state === 'assigned' || a.state === 'queued' ? a : undefined;
    }, 'the appeal to be routed');
    const reviewer = routed.assigneeId ?? 'ben';
    await api.act(reviewer, appealId, routed.assigneeId ? 'acknowledge' : 'claim');
    const denied = await api.act(reviewer, appealId, 'decision', { decision: 'deny', reasonCode: 'evidence_insufficient', rationale: 'No audit', facts: 'The audit report was not provided' });
    expect(denied.state).toBe('closed');
    const message = await sellerMessage('appeal_denied');
    expect(message).toContain('abgelehnt: Die Nachweise reichen nicht aus.');
    expect(message).toContain('Zugrunde gelegte Tatsachen: The audit report was not provided');
  });

  it('takes an appeal from the seller, refuses a duplicate and hides it from other sellers; request info, answer, deny', async () => {
    const seller = await sellerWithAccount(ds);
    const other = await sellerWithAccount(ds);
    const { enforcementId, appealId } = await api.appealExternal(enforcer, seller);

    const again = await api.as(seller.account).post('/seller/appeals').send({ sellerId: seller.sellerId, enforcement: { source: 'external', ref: enforcementId }, plan: PLAN });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ details: { conflict: 'open_appeal_exists', openAppealId: appealId } });

    const incomplete = await api.as(seller.account).post('/seller/appeals').send({ sellerId: seller.sellerId, enforcement: { source: 'external', ref: 'ext-new' }, plan: { ...PLAN, correctiveActions: [] } });
    expect(incomplete.status).toBe(400);
    expect(JSON.stringify(incomplete.body.details)).toContain('correctiveActions');

    expect((await api.as(other.account).get(`/seller/appeals/${appealId}`)).status).toBe(404);
    expect((await api.as(other.account).post(`/seller/appeals/${appealId}/response`).send({ answer: 'mine?' })).status).toBe(404);
    const forOther = await api.as(other.account).post('/seller/appeals').send({ sellerId: seller.sellerId, enforcement: { source: 'external', ref: enforcementId }, plan: PLAN });
    expect(forOther.status).toBe(403);
    expect((await api.as(seller.account).get(`/appeals/${appealId}`)).status).toBe(403);

    let a = (await api.as('dana').get(`/appeals/${appealId}`)).body as AppealBody;
    expect(a).toMatchObject({ state: 'assigned', assigneeId: 'dana' });
    a = await api.act('dana', appealId, 'acknowledge');
    a = await api.act('dana', appealId, 'notes', { text: 'Supplier invoices look genuine' });
    a = await api.act('dana', appealId, 'request-info', { question: 'Send the listing audit report', deadlineDays: 5 });
    expect(a).toMatchObject({ state: 'waiting_on_seller', infoRequestsLeft: 1 });

    const seen = await api.as(seller.account).get(`/seller/appeals/${appealId}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ status: 'information_requested', infoRequests: [{ question: 'Send the listing audit report', status: 'open' }] });
    expect(JSON.stringify(seen.body)).not.toContain('Supplier invoices look genuine');
    expect(seen.body).not.toHaveProperty('assigneeId');

    const answered = await api.as(seller.account).post(`/seller/appeals/${appealId}/response`).send({ answer: 'Attached', evidence: ['audit.pdf'] });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'in_review', infoRequests: [{ status: 'answered', answer: 'Attached' }] });

    const noFacts = await api.as('dana').post(`/appeals/${appealId}/decision`).send({ decision: 'deny', reasonCode: 'evidence_insufficient', rationale: 'Audit covers one market' });
    expect(noFacts.status).toBe(400);
    a = await api.act('dana', appealId, 'decision', { decision: 'deny', reasonCode: 'evidence_insufficient', rationale: 'Audit covers one market', facts: 'The audit covers the US listings only' });
    expect(a).toMatchObject({ state: 'closed', outcome: 'denied', statement: { decidedByHuman: true } });

    const decided = (await api.as(seller.account).get(`/seller/appeals/${appealId}`)).body;
    expect(decided).toMatchObject({ status: 'closed', outcome: 'denied', decidedByHuman: true, statement: { facts: 'The audit covers the US listings only', reasonCode: 'evidence_insufficient' } });
    expect(decided.statement.redress).toHaveLength(3);
    const [row] = await ds.query(`SELECT decided_by, decided_by_human, is_active, outcome FROM appeals WHERE case_id = $1`, [appealId]);
    expect(row).toEqual({ decided_by: 'dana', decided_by_human: true, is_active: false, outcome: 'denied' });

    // The seller's survey after the decision, once, feeding the satisfaction metric.
    const survey = await api.as(seller.account).get(`/seller/surveys/${appealId}`);
    expect(survey.body).toMatchObject({ kind: 'appeal', decision: 'denied', answered: false, scale: [1, 2, 3, 4, 5] });
    expect((await api.as(other.account).post(`/seller/surveys/${appealId}`).send({ score: 5 })).status).toBe(404);
    expect((await api.as(seller.account).post(`/seller/surveys/${appealId}`).send({ score: 9 })).status).toBe(400);
    const answer = await api.as(seller.account).post(`/seller/surveys/${appealId}`).send({ score: 2, comment: 'Too slow' });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ answered: true, score: 2, comment: 'Too slow' });
    expect((await api.as(seller.account).post(`/seller/surveys/${appealId}`).send({ score: 5 })).status).toBe(409);
    const [{ n: denied, avg }] = await ds.query(
      `SELECT count(*)::int AS n, round(avg(score), 2)::float AS avg FROM seller_surveys WHERE case_kind = 'appeal' AND team = 'seller-risk-us' AND decision = 'denied'`,
    );
    const satisfaction = await api.as('mia').get('/metrics/satisfaction?kind=appeal');
    expect(satisfaction.body).toMatchObject({ responses: expect.any(Number) });
    expect(satisfaction.body.groups).toContainEqual(expect.objectContaining({ kind: 'appeal', team: 'seller-risk-us', decision: 'denied', responses: denied, averageScore: avg }));
    expect((await api.as('ben').get('/metrics/satisfaction')).status).toBe(403);
  });

  it("keeps the original decision maker off the appeal, reinstates with a senior's approval, and records a restumble", async () => {
    const seller = await sellerWithAccount(ds);
    const { appealId, enforcementId } = await api.appealExternal(enforcer, seller, ['dana']);
    let a = (await api.as('mia').get(`/appeals/${appealId}`)).body as AppealBody;
    expect(a).toMatchObject({ state: 'queued', assigneeId: null });

    const byDecider = await api.as('dana').post(`/appeals/${appealId}/claim`).send({});
    expect(byDecider.status).toBe(403);
    expect(byDecider.body).toMatchObject({ details: { denial: 'original_decision_maker' } });
    const toDecider = await api.as('mia').post(`/appeals/${appealId}/reassign`).send({ assigneeId: 'dana' });
    expect(toDecider.status).toBe(403);

    a = await api.act('ben', appealId, 'claim');
    a = await api.act('ben', appealId, 'decision', {
      decision: 'reinstate', reasonCode: 'enforcement_error', rationale: 'The passport was valid',
      enforcementError: { upstreamTeam: 'SPIV', note: 'The ID check misread a valid passport' },
    });
    expect(a).toMatchObject({ state: 'pending_approval', decision: { decision: 'reinstate', approval: { status: 'pending' } } });
    expect((await api.as(seller.account).post(`/seller/surveys/${appealId}`).send({ score: 5 })).status).toBe(409);
    expect((await api.as('ben').post(`/appeals/${appealId}/decision/approve`).send({})).status).toBe(403);
    const deciderApproves = await api.as('dana').post(`/appeals/${appealId}/decision/approve`).send({});
    expect(deciderApproves.body).toMatchObject({ details: { denial: 'original_decision_maker' } });
    a = await api.act('mia', appealId, 'decision/approve', { note: 'Agreed' });
    expect(a.state).toBe('reinstating');

    a = await eventually(async () => {
      const r = (await api.as('mia').get(`/appeals/${appealId}`)).body as AppealBody;
      return r.state === 'monitoring' ? r : undefined;
    }, 'the reinstatement saga');
    expect(a).toMatchObject({ outcome: 'reinstated', monitoring: { reinstatedBy: 'ben', result: null } });
    const actions = await ds.query(`SELECT action FROM enforcement_actions WHERE case_id = $1 ORDER BY applied_at, action`, [appealId]);
    expect(actions.map((r: { action: string }) => r.action).sort()).toEqual(['notify_seller', 'reinstate_account', 'release_funds', 'restore_listings']);

    expect((await api.as('ben').post('/enforcements/inbound').send({ enforcementId: 'x', sellerId: seller.sellerId, type: 'warning', upstreamTeam: 'TSI', reason: 'x' })).status).toBe(403);
    const resent = await api.as(enforcer).post('/enforcements/inbound').send({ enforcementId, sellerId: seller.sellerId, type: 'suspension', upstreamTeam: 'SPIV', reason: 'resent' });
    expect(resent.body).toEqual({ enforcementId, signalledAppeals: [] });
    const report = await api.as(enforcer).post('/enforcements/inbound').send({ enforcementId: `again-${appealId}`, sellerId: seller.sellerId, type: 'listing_restriction', upstreamTeam: 'TSI', reason: 'counterfeit again' });
    expect(report.body).toEqual({ enforcementId: `again-${appealId}`, signalledAppeals: [appealId] });
    a = await eventually(async () => {
      const r = (await api.as('mia').get(`/appeals/${appealId}`)).body as AppealBody;
      return r.state === 'closed' ? r : undefined;
    }, 'the restumble');
    expect(a).toMatchObject({ outcome: 'reinstated', monitoring: { result: 'restumbled', restumble: { daysSinceReinstatement: 0, reinstatedBy: 'ben' } } });
    const [row] = await ds.query(`SELECT enforcement_error, error_upstream_team, monitoring_result, restumble_days, reinstated_by FROM appeals WHERE case_id = $1`, [appealId]);
    expect(row).toEqual({ enforcement_error: true, error_upstream_team: 'SPIV', monitoring_result: 'restumbled', restumble_days: 0, reinstated_by: 'ben' });

    // The false-positive feedback to SPIV: this appeal with its note, rated against SPIV's reported enforcements.
    expect((await api.as('ben').get('/reports/false-positives?upstreamTeam=SPIV')).status).toBe(403);
    const feedback = await api.as('mia').get('/reports/false-positives?upstreamTeam=SPIV');
    expect(feedback.status).toBe(200);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM reported_enforcements WHERE upstream_team = 'SPIV'`);
    expect(feedback.body).toMatchObject({ upstreamTeam: 'SPIV', enforcements: n });
    expect(feedback.body.rate).toBeCloseTo(feedback.body.enforcementErrors / n, 4);
    expect(feedback.body.cases).toContainEqual(expect.objectContaining({ caseId: appealId, note: 'The ID check misread a valid passport', decidedBy: 'ben' }));
    const csv = await api.as('mia').get('/reports/false-positives/csv?upstreamTeam=SPIV');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text.split('\n')[0]).toBe('upstream_team,period_from,period_to,team_enforcements,enforcement_errors,rate,case_id,seller_id,enforcement_ref,enforcement_type,reason_code,note,decided_by,decided_at');
    expect(csv.text).toContain(`${appealId},${seller.sellerId}`);
    const badTeam = await api.as('mia').get('/reports/false-positives?upstreamTeam=ABC');
    expect(badTeam.status).toBe(400);
  });

  it("records a restumble when a strategic review enforces on a reinstated seller again", async () => {
    const seller = await sellerWithAccount(ds);
    const { appealId } = await api.appealExternal(enforcer, seller);
    await api.act('dana', appealId, 'acknowledge');
    await api.act('dana', appealId, 'decision', { decision: 'reinstate', reasonCode: 'plan_of_action_accepted', rationale: 'Plan complete' });
    await api.act('mia', appealId, 'decision/approve');
    await eventually(async () => ((await api.as('mia').get(`/appeals/${appealId}`)).body.state === 'monitoring' ? true : undefined), 'monitoring');

    const reviews = reviewClient(ctx);
    const r = await reviews.checksDone('ben', await reviews.reviewInReview(seller.sellerId));
    await reviews.act('ben', r.id, 'decision', reviews.enforcement);
    await reviews.act('mia', r.id, 'decision/approve');
    const a = await eventually(async () => {
      const body = (await api.as('mia').get(`/appeals/${appealId}`)).body as AppealBody;
      return body.state === 'closed' ? body : undefined;
    }, 'the restumble from the review');
    expect(a.monitoring).toMatchObject({ result: 'restumbled', restumble: { enforcementRef: `${r.id}/enforcement/1`, source: 'strategic_review', enforcementType: 'listing_restriction', reinstatedBy: 'dana' } });
  });
});
