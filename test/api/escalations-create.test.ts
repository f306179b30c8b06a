import request from 'supertest';
import { escalationWorkflowId } from '../../workflows/escalation/escalation.contract';
import { bearer, createIntegrationContext, type IntegrationContext } from '../support/harness';

const validBody = {
  sellerId: 'seller-4711',
  marketplace: 'DE',
  severity: 'high',
  category: 'counterfeit',
  source: 'seller_support',
  trigger: 'buyer_complaint',
  enforcementType: 'listing_removal',
  summary: 'Buyers report counterfeit goods on 14 orders',
};

describe('POST /escalations and GET /escalations/:id (real Temporal, real PostgreSQL)', () => {
  let ctx: IntegrationContext;
  beforeAll(async () => {
    ctx = await createIntegrationContext({ api: true });
  });
  afterAll(() => ctx.close());

  const server = () => ctx.app!.getHttpServer();
  const ana = bearer('ana');
  const http = () => ({
    get: (url: string) => request(server()).get(url).set('Authorization', ana),
    post: (url: string) => request(server()).post(url).set('Authorization', ana),
  });

  it('creates a case as a running workflow, written to PostgreSQL and readable through the API', async () => {
    const created = await http().post('/escalations').send(validBody).expect(201);
    expect(created.body).toMatchObject({ ...validBody, createdBy: 'ana', team: 'seller-risk-eu' });
    // Routing runs before the case is first recorded: it is already with someone, or in the queue.
    expect(['assigned', 'queued']).toContain(created.body.state);
    expect(created.body.workflowId).toBe(`escalation-${created.body.id}`);

    const fetched = await http().get(`/escalations/${created.body.id}`).expect(200);
    expect(fetched.body).toMatchObject({ id: created.body.id, state: created.body.state, sellerId: 'seller-4711' });

    const description = await ctx.client.workflow.getHandle(created.body.workflowId).describe();
    expect(description.status.name).toBe('RUNNING');
    const events = await ctx.dataSource.query(`SELECT action, actor_id FROM case_events WHERE case_id = $1 ORDER BY seq`, [
      created.body.id,
    ]);
    expect(events.slice(0, 2)).toEqual([
      { action: 'created', actor_id: 'ana' },
      { action: 'triage_started', actor_id: 'system' },
    ]);
  });

  it.each([
    ['severity', { severity: 'urgent' }],
    ['marketplace', { marketplace: 'germany' }],
    ['sellerId', { sellerId: '' }],
    ['category', { category: 'spam' }],
    ['summary', { summary: undefined }],
    ['unexpected', { unexpected: true }],
  ])('refuses a body with a bad %s with a 400 naming the field, and writes nothing', async (field, patch) => {
    const [{ count: before }] = await ctx.dataSource.query(`SELECT count(*)::int AS count FROM cases`);
    const res = await http()
      .post('/escalations')
      .send({ ...validBody, ...patch })
      .expect(400);
    expect(res.body.error).toBe('validation_failed');
    expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    const [{ count: after }] = await ctx.dataSource.query(`SELECT count(*)::int AS count FROM cases`);
    expect(after).toBe(before);
  });

  it('answers 404 for an unknown case and 400 for a malformed id', async () => {
    await http().get('/escalations/7d7c4a58-4ad4-4c53-9a5c-1f4e4b1f9c11').expect(404);
    const bad = await http().get('/escalations/not-a-uuid').expect(400);
    expect(bad.body.message).toMatch(/uuid/i);
  });

  it('returns the same case for a replayed Idempotency-Key', async () => {
    const key = `key-${Date.now()}`;
    const first = await http().post('/escalations').set('Idempotency-Key', key).send(validBody).expect(201);
    const second = await http().post('/escalations').set('Idempotency-Key', key).send(validBody).expect(201);
    expect(second.body.id).toBe(first.body.id);
    const [{ count }] = await ctx.dataSource.query(`SELECT count(*)::int AS count FROM cases WHERE id = $1`, [first.body.id]);
    expect(count).toBe(1);
  });

  it('answers a replayed Idempotency-Key from the read model once its workflow has ended', async () => {
    const key = `key-ended-${Date.now()}`;
    const first = await http().post('/escalations').set('Idempotency-Key', key).send(validBody).expect(201);
    const handle = ctx.client.workflow.getHandle(escalationWorkflowId(first.body.id));
    await handle.terminate('the test ends the case workflow');
    const replay = await http().post('/escalations').set('Idempotency-Key', key).send(validBody).expect(201);
    expect(replay.body).toMatchObject({ id: first.body.id, sellerId: validBody.sellerId, summary: validBody.summary });
    // No second run was started for the key.
    expect((await handle.describe()).status.name).toBe('TERMINATED');
  });
});
