import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createApiAppWith } from '../support/api-app';
import { bearer, createIntegrationContext, type IntegrationContext } from '../support/harness';
import { apiClient } from './escalation-api.helpers';

/** GET /cases and GET /cases/:id: the read model every kind shares, with each kind's own fields under `details`. */
describe('cases of every kind: GET /cases, GET /cases/:id (real Temporal, real PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let api: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    ctx = await createIntegrationContext({ api: true });
    api = apiClient(ctx);
  });
  afterAll(() => ctx.close());
  const fieldsOf = (body: { details?: { fields?: Array<{ field: string }> } }) => (body.details?.fields ?? []).map((f) => f.field);

  it('lists an escalation among the cases, with the shared columns and its own fields under details', async () => {
    const sellerId = `seller-cases-${randomUUID().slice(0, 8)}`;
    const c = await api.createCase({ sellerId, language: 'de' });
    const res = await api.as('max').get(`/cases?sellerId=${sellerId}`).expect(200);
    expect(res.body.total).toBe(1);
    expect(res.body.items[0]).toMatchObject({
      id: c.id,
      kind: 'escalation',
      open: true,
      team: 'seller-risk-eu',
      breached: false,
      dueAt: expect.any(String),
      details: { category: 'counterfeit', language: 'de', resolutionCode: null, rootCause: null, reopenCount: 0 },
    });
    expect((await api.as('max').get(`/cases?sellerId=${sellerId}&kind=escalation`).expect(200)).body.total).toBe(1);
    expect(fieldsOf((await api.as('max').get(`/cases?kind=reinstatement`).expect(400)).body)).toContain('kind');
    expect((await api.as('max').get(`/cases?sellerId=${sellerId}&open=false`).expect(200)).body.total).toBe(0);
    expect((await api.as('ben').get(`/cases?sellerId=${sellerId}`).expect(200)).body.total).toBe(0);
  });

  it('counts matching cases up to LIST_TOTAL_CAP, and says when more match', async () => {
    const sellerId = `seller-cap-${randomUUID().slice(0, 8)}`;
    for (let i = 0; i < 3; i++) await api.createCase({ sellerId });
    const capped = await createApiAppWith(ctx, { LIST_TOTAL_CAP: '2' });
    try {
      const auth = bearer('max');
      for (const path of [`/cases?sellerId=${sellerId}`, `/escalations?sellerId=${sellerId}`]) {
        const over = await request(capped.getHttpServer()).get(`${path}&limit=1`).set('Authorization', auth).expect(200);
        expect(over.body).toMatchObject({ total: 2, totalCapped: true, nextCursor: expect.any(String) });
        expect(over.body.items).toHaveLength(1);
      }
    } finally {
      await capped.close();
    }
    const exact = await api.as('max').get(`/escalations?sellerId=${sellerId}`).expect(200);
    expect(exact.body).toMatchObject({ total: 3, totalCapped: false });
  });

  it('shows one case of any kind with its clocks, tasks and timeline; 404 for an unknown id, 403 across teams', async () => {
    const c = await api.createCase();
    const res = await api.as('olga').get(`/cases/${c.id}`).expect(200);
    expect(res.body).toMatchObject({ id: c.id, kind: 'escalation', details: { category: 'counterfeit' } });
    expect(res.body.clocks.map((k: { kind: string }) => k.kind)).toEqual(expect.arrayContaining(['first_response', 'resolution']));
    expect(res.body.timeline[0]).toMatchObject({ seq: 0, action: 'created' });
    await api.as('olga').get(`/cases/${randomUUID()}`).expect(404);
    expect((await api.as('ben').get(`/cases/${c.id}`).expect(403)).body.details.denial).toBe('wrong_team');
  });

  it('refuses unknown kinds and malformed filters with a 400 naming the field', async () => {
    const kind = await api.as('max').get('/cases?kind=parcel').expect(400);
    expect(kind.body.details.fields.map((f: { field: string }) => f.field)).toContain('kind');
    const open = await api.as('max').get('/cases?open=perhaps').expect(400);
    expect(open.body.details.fields.map((f: { field: string }) => f.field)).toContain('open');
  });
});
