import request from 'supertest';
import { eventually } from '../support/eventually';
import { bearer, createIntegrationContext, type IntegrationContext } from '../support/harness';

describe('notifications: each person reads their own feed (real Temporal, real PostgreSQL)', () => {
  let ctx: IntegrationContext;
  beforeAll(async () => {
    ctx = await createIntegrationContext({ api: true });
  });
  afterAll(() => ctx.close());

  const as = (userId: string) => ({
    get: (url: string) => request(ctx.app!.getHttpServer()).get(url).set('Authorization', bearer(userId)),
    post: (url: string) => request(ctx.app!.getHttpServer()).post(url).set('Authorization', bearer(userId)),
  });

  it('tells the assignee about a new case; only they see it; marking it read is idempotent', async () => {
    const created = await as('ana')
      .post('/escalations')
      .send({ sellerId: 'seller-notify-1', marketplace: 'DE', severity: 'medium', category: 'fraud', source: 'seller_support', trigger: 'buyer_complaint', enforcementType: 'suspension', summary: 'Chargebacks spike' })
      .expect(201);
    const assignee: string = created.body.assigneeId;
    const other = assignee === 'ana' ? 'chloe' : 'ana';

    const feed = await eventually(
      () => as(assignee).get('/notifications?unread=true&limit=100').expect(200),
      (res) => res.body.items.some((n: { caseId: string }) => n.caseId === created.body.id),
    );
    const note = feed.body.items.find((n: { caseId: string }) => n.caseId === created.body.id);
    expect(note).toMatchObject({ template: 'case_assigned', readAt: null, message: expect.stringMatching(/seller-notify-1/) });
    const unreadBefore: number = feed.body.unread;

    const theirs = await as(other).get('/notifications?limit=100').expect(200);
    expect(theirs.body.items.map((n: { id: string }) => n.id)).not.toContain(note.id);
    await as(other).post(`/notifications/${encodeURIComponent(note.id)}/read`).expect(404);

    const read = await as(assignee).post(`/notifications/${encodeURIComponent(note.id)}/read`).expect(200);
    expect(read.body.readAt).not.toBeNull();
    const again = await as(assignee).post(`/notifications/${encodeURIComponent(note.id)}/read`).expect(200);
    expect(again.body.readAt).toBe(read.body.readAt);
    const after = await as(assignee).get('/notifications?unread=true&limit=100').expect(200);
    expect(after.body.unread).toBe(unreadBefore - 1);
    expect(after.body.items.map((n: { id: string }) => n.id)).not.toContain(note.id);
  });

  it('refuses a bad filter with a 400 naming it, and no token with a 401', async () => {
    const bad = await as('ana').get('/notifications?unread=maybe').expect(400);
    expect(bad.body.details.fields.map((f: { field: string }) => f.field)).toContain('unread');
    await request(ctx.app!.getHttpServer()).get('/notifications').expect(401);
  });
});
