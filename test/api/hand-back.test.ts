import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { eventually } from '../support/eventually';
import { bearer, createIntegrationContext, type IntegrationContext } from '../support/harness';

/**
 * The out-of-office hand-back is a workflow, not work inside an HTTP request: the API answers at once
 * with its id, and the hand-back finishes even when the API that started it dies right after (and
 * even when no worker was up at that moment).
 */
describe('out-of-office hand-back across an API restart (real Temporal, real PostgreSQL)', () => {
  let ctx: IntegrationContext;
  beforeAll(async () => {
    ctx = await createIntegrationContext({ api: true });
  });
  afterAll(() => ctx.close());

  const http = () => request(ctx.app!.getHttpServer());

  it('answers at once with the hand-back id; a new API shows it finished, the case released in the manager\'s name', async () => {
    // Only this member sells in NZ, so routing gives the new case to them.
    const who = `ooo-restart-${randomUUID().slice(0, 6)}`;
    await ctx.dataSource.query(
      `INSERT INTO roster_members (user_id, display_name, role, team, skills, capacity) VALUES ($1, $1, 'specialist', 'seller-risk-eu', $2, 5)`,
      [who, JSON.stringify({ kinds: ['escalation'], marketplaces: ['NZ'], languages: ['en'] })],
    );
    const created = await http()
      .post('/escalations')
      .set('Authorization', bearer('max'))
      .send({ sellerId: 'seller-nz-1', marketplace: 'NZ', severity: 'high', category: 'fraud', source: 'seller_support', trigger: 'buyer_complaint', enforcementType: 'suspension', summary: 'Chargebacks on 9 orders' })
      .expect(201);
    const caseId: string = created.body.id;
    await eventually(() => ctx.dataSource.query(`SELECT assignee_id FROM cases WHERE id = $1`, [caseId]), (r) => r[0]?.assignee_id === who);

    await ctx.stopWorker();
    const until = new Date(Date.now() + 5 * 24 * 3_600_000).toISOString();
    const marked = await http().patch(`/roster/${who}`).set('Authorization', bearer('max')).send({ outOfOfficeUntil: until }).expect(200);
    const { handBackId } = marked.body.offeredBack;
    expect(handBackId).toBe(`hand-back-${who}-${Date.parse(until)}`);

    await ctx.restartApi();
    await ctx.startWorker();
    const progress = await eventually(
      async () => (await http().get(`/hand-backs/${handBackId}`).set('Authorization', bearer('max')).expect(200)).body,
      (body) => body.status === 'done',
      { timeoutMs: 30_000 },
    );
    expect(progress).toMatchObject({
      userId: who,
      markedBy: 'max',
      total: 1,
      released: [{ caseId, kind: 'escalation', workflowId: `escalation-${caseId}`, state: 'queued' }],
      notReleased: [],
    });
    const events = await eventually(
      () => ctx.dataSource.query(`SELECT actor_id, reason FROM case_events WHERE case_id = $1 AND action = 'released'`, [caseId]),
      (rows) => rows.length > 0,
    );
    expect(events).toEqual([{ actor_id: 'max', reason: 'out_of_office (marked by max)' }]);
  });
});
