import type { DataSource } from 'typeorm';
import { eventually } from '../support/eventually';
import { createIntegrationContext, type IntegrationContext } from '../support/harness';
import { appealClient, enforcementAccount, sellerWithAccount, type AppealBody } from './appeal-api.helpers';

/**
 * With QA_SAMPLING=on, an appeal decision of a new starter is held for its pre-release review: dana's
 * start date is moved into the new-starter window for this file (and restored after), so her denial is
 * sampled at 100% and held. Nobody as senior as dana but the team's manager can review it.
 */
describe('QA hold of an appeal decision (QA_SAMPLING=on)', () => {
  let ctx: IntegrationContext;
  let ds: DataSource;
  let startedOn: string | null;
  beforeAll(async () => {
    ctx = await createIntegrationContext({ api: true, env: { QA_SAMPLING: 'on' } });
    ds = ctx.dataSource;
    [{ started_on: startedOn }] = await ds.query(`SELECT to_char(started_on, 'YYYY-MM-DD') AS started_on FROM roster_members WHERE user_id = 'dana'`);
    await ds.query(`UPDATE roster_members SET started_on = (now() - interval '7 days')::date WHERE user_id = 'dana'`);
  });
  afterAll(async () => {
    await ds?.query(`UPDATE roster_members SET started_on = $1 WHERE user_id = 'dana'`, [startedOn]);
    await ctx?.close();
  });

  it('holds the denial (no action on it, the seller still sees it in review) until the review releases it', async () => {
    const api = appealClient(ctx);
    const seller = await sellerWithAccount(ds);
    const { appealId } = await api.appealExternal(await enforcementAccount(ds), seller);
    let a = (await api.as('dana').get(`/appeals/${appealId}`)).body as AppealBody;
    expect(a).toMatchObject({ assigneeId: 'dana' });
    await api.act('dana', appealId, 'acknowledge');
    a = await api.act('dana', appealId, 'decision', { decision: 'deny', reasonCode: 'evidence_insufficient', rationale: 'Audit covers one market', facts: 'The audit covers the US listings only' });
    expect(a).toMatchObject({ state: 'qa_hold', outcome: null, statement: null });
    const acts = (who: string) => api.as(who).get(`/appeals/${appealId}`).then((r) => (r.body as { allowedActions: Array<{ action: string }> }).allowedActions.map((x) => x.action));
    // A staff note is all that is left: nothing decides, approves, reassigns or withdraws.
    expect(await acts('dana')).toEqual(['add_note']);
    expect(await acts('mia')).toEqual(['add_note']);
    expect((await api.as('dana').post(`/appeals/${appealId}/decision/withdraw`).send({ reason: 'second thoughts' })).status).toBe(409);
    const seen = await api.as(seller.account).get(`/seller/appeals/${appealId}`);
    expect(seen.body).toMatchObject({ status: 'in_review', outcome: null });

    const reviewId = `${appealId}:appeal_decision:1`;
    await eventually(() => api.as('mia').get(`/qa-reviews/${reviewId}`).then((r) => r.status), (s) => s === 200, { timeoutMs: 20_000 });
    const [task] = await eventually(
      (): Promise<Array<{ assignee_id: string | null }>> => ds.query(`SELECT assignee_id FROM tasks WHERE case_id = $1 AND kind = 'qa_review'`, [appealId]),
      (r) => r.length === 1,
      { timeoutMs: 20_000 },
    );
    const reviewer = task.assignee_id ?? 'mia';
    await api.as(reviewer).post(`/qa-reviews/${reviewId}/review`).send({ decision: 'deny', reason: 'evidence_insufficient', processError: false, notes: 'Agree' }).expect(200);

    const closed = await eventually(() => api.as('dana').get(`/appeals/${appealId}`).then((r) => r.body as AppealBody), (b) => b.state === 'closed', { timeoutMs: 20_000 });
    expect(closed).toMatchObject({ outcome: 'denied', statement: { decision: 'deny', facts: 'The audit covers the US listings only' } });
    expect((await api.as(seller.account).get(`/seller/appeals/${appealId}`)).body).toMatchObject({ status: 'closed', outcome: 'denied' });
  });
});
