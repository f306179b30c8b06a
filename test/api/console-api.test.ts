import request from 'supertest';
import { createIntegrationContext, type IntegrationContext } from '../support/harness';
import { apiClient, eventually } from './escalation-api.helpers';

interface Allowed {
  action: string;
  method: string;
  href: string;
}

/** The routes the web console added: dev sign-in, who am I, console settings, allowedActions, inbox SLA, runs. */
describe('console API (real Temporal, real PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let api: ReturnType<typeof apiClient>;
  const http = () => request(ctx.app!.getHttpServer());

  beforeAll(async () => {
    ctx = await createIntegrationContext({ api: true, env: { DEV_SIGN_IN: 'true', TEMPORAL_UI_URL: 'https://temporal.example.test/' } });
    api = apiClient(ctx);
  });
  afterAll(() => ctx.close());

  describe('sign-in', () => {
    it('lists the active roster for dev sign-in and issues a working token', async () => {
      const users = (await http().get('/auth/dev-users').expect(200)).body.users as Array<{ userId: string; role: string; team: string; name: string }>;
      expect(users).toEqual(expect.arrayContaining([expect.objectContaining({ userId: 'ana', role: 'specialist', team: 'seller-risk-eu', name: expect.any(String) })]));
      const { token, expiresAt } = (await http().post('/auth/dev-token').send({ userId: 'lea' }).expect(200)).body;
      expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now());
      const me = await http().get('/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
      expect(me.body).toEqual({ userId: 'lea', name: expect.any(String), role: 'legal', team: 'legal', teamLead: true });
    });

    it('refuses a token for someone not on the roster, or a malformed id, naming the field', async () => {
      const unknown = await http().post('/auth/dev-token').send({ userId: 'mallory' }).expect(400);
      expect(unknown.body).toMatchObject({ error: 'validation_failed', details: { fields: [{ field: 'userId', problems: ['must be an active roster member'] }] } });
      const malformed = await http().post('/auth/dev-token').send({ userId: 'a b' }).expect(400);
      expect(malformed.body.details.fields[0].field).toBe('userId');
      await http().post('/auth/dev-token').send({}).expect(400);
    });

    it('answers /auth/me only with a valid token', async () => {
      await http().get('/auth/me').expect(401);
      const res = await api.as('max').get('/auth/me').expect(200);
      expect(res.body).toMatchObject({ userId: 'max', role: 'manager', team: 'seller-risk-eu' });
    });

    it('gives the console its public settings', async () => {
      const res = await http().get('/console/config').expect(200);
      expect(res.body).toEqual({ devSignIn: true, temporalUiUrl: 'https://temporal.example.test', temporalNamespace: 'default' });
    });

    it('has no dev sign-in when DEV_SIGN_IN is off (the default outside development)', async () => {
      const off = await createIntegrationContext({ api: true });
      try {
        const server = off.app!.getHttpServer();
        expect((await request(server).get('/auth/dev-users').expect(404)).body.error).toBe('not_found');
        expect((await request(server).post('/auth/dev-token').send({ userId: 'ana' }).expect(404)).body.error).toBe('not_found');
        expect((await request(server).get('/console/config').expect(200)).body).toMatchObject({ devSignIn: false, temporalUiUrl: null });
      } finally {
        await off.close();
      }
    });

    it('documents every answer of the new routes in OpenAPI', async () => {
      const paths = (await http().get('/openapi.json').expect(200)).body.paths;
      expect(Object.keys(paths['/auth/dev-token'].post.responses).sort()).toEqual(['200', '400', '404', '413', '415', '429', '503']);
      expect(Object.keys(paths['/auth/dev-users'].get.responses).sort()).toEqual(['200', '404', '503']);
      expect(Object.keys(paths['/auth/me'].get.responses).sort()).toEqual(['200', '401', '503']);
      expect(Object.keys(paths['/escalations/{id}/resolve'].post.responses).sort()).toEqual(['200', '400', '401', '403', '404', '409', '413', '415', '422', '429', '503']);
      expect(paths['/']).toBeUndefined();
    });
  });

  describe('allowedActions', () => {
    it("on the case view: exactly what the caller may do, each a POST to the action's route", async () => {
      const c = await api.caseWorkedBy('ana');
      const as = async (userId: string) => ((await api.as(userId).get(`/escalations/${c.id}`).expect(200)).body.allowedActions as Allowed[]);
      const ana = await as('ana');
      expect(ana.map((a) => a.action).sort()).toEqual(['escalate', 'hand_off', 'release', 'renew_lease', 'request_info', 'resolve', 'retriage']);
      expect(ana.find((a) => a.action === 'resolve')).toEqual({ action: 'resolve', method: 'POST', href: `/escalations/${c.id}/resolve` });
      expect((await as('max')).map((a) => a.action).sort()).toEqual(['extend_sla', 'hand_off', 'reassign', 'release', 'request_info', 'resolve', 'retriage']);
      expect(await as('olga')).toEqual([]);
      expect(await as('alex')).toEqual([]);

      // Each listed action works: the hrefs are the real routes.
      const handedOff = await api.as('ana').post(ana.find((a) => a.action === 'hand_off')!.href).send({ team: 'policy', question: 'Policy view?' }).expect(200);
      expect((handedOff.body.allowedActions as Allowed[]).map((a) => a.action)).not.toContain('resolve');
      expect(handedOff.body.state).toBe('waiting_on_handoff');
    });

    it('on every action response, after the action', async () => {
      const queued = await api.queuedCase();
      const before = (await api.as('ana').get(`/escalations/${queued.id}`).expect(200)).body.allowedActions as Allowed[];
      expect(before.map((a) => a.action)).toEqual(['claim']);
      const claimed = await api.as('ana').post(before[0].href).send({}).expect(200);
      expect((claimed.body.allowedActions as Allowed[]).map((a) => a.action).sort()).toEqual(['escalate', 'hand_off', 'release', 'renew_lease', 'request_info', 'resolve', 'retriage']);
      const resolved = await api.as('ana').post(`/escalations/${queued.id}/resolve`).send({ resolutionCode: 'duplicate', rootCause: 'not_applicable' }).expect(200);
      expect((resolved.body.allowedActions as Allowed[]).map((a) => a.action)).toEqual(['reopen']);
    });
  });

  describe('inbox SLA', () => {
    it("gives each task its clock's warning point and deadline", async () => {
      const c = await api.caseWorkedBy('ana', { severity: 'critical' });
      const item = await eventually(
        async () => ((await api.as('ana').get('/inbox?limit=100').expect(200)).body.items as Array<{ case: { id: string }; dueAt: string; sla: Record<string, unknown> | null }>).find((i) => i.case?.id === c.id),
        "ana's work task",
      );
      const detail = (await api.as('ana').get(`/escalations/${c.id}`).expect(200)).body as { clocks: Array<{ id: string; warnAt: string; deadlineAt: string }> };
      const resolution = detail.clocks.find((k) => k.id === 'resolution')!;
      expect(item.sla).toEqual({ clockId: 'resolution', status: 'running', warnAt: resolution.warnAt, deadlineAt: resolution.deadlineAt, warned: false, breached: false });
      expect(item.dueAt).toBe(resolution.deadlineAt);

      await api.action('ana', c.id, 'handoffs', { team: 'customer_trust', question: 'Refund the buyers?' });
      const handoff = await eventually(
        async () => ((await api.as('cora').get('/inbox/team?limit=100').expect(200)).body.items as Array<{ case: { id: string }; kind: string; dueAt: string; sla: Record<string, unknown> | null }>).find((i) => i.case?.id === c.id && i.kind === 'handoff'),
        "the handoff in customer trust's queue",
      );
      expect(handoff.sla).toMatchObject({ clockId: 'handoff', status: 'running', deadlineAt: handoff.dueAt, warnAt: expect.any(String), warned: false, breached: false });
      expect(Date.parse(handoff.sla!.warnAt as string)).toBeLessThan(Date.parse(handoff.dueAt));
    });
  });

  describe('workflow runs', () => {
    it("the history lists the runs, and ?runId narrows the events to one run (404 for a run the case does not have)", async () => {
      const c = await api.caseWorkedBy('ana');
      const all = (await api.as('olga').get(`/escalations/${c.id}/history?compact=true`).expect(200)).body;
      expect(all.runs).toEqual([expect.objectContaining({ run: 1, status: 'RUNNING', closedAt: null, eventCount: expect.any(Number) })]);
      const runId = all.runs[0].runId as string;
      const history = (await api.as('olga').get(`/escalations/${c.id}/history?runId=${runId}&compact=true`).expect(200)).body;
      expect(history.runId).toBe(runId);
      expect(history.events[0]).toMatchObject({ run: 1, type: 'WORKFLOW_EXECUTION_STARTED' });
      const bad = await api.as('olga').get(`/escalations/${c.id}/history?runId=nope`).expect(400);
      expect(bad.body.details.fields[0].field).toBe('runId');
      await api.as('olga').get(`/escalations/${c.id}/history?runId=7d7c4a58-4ad4-4c53-9a5c-1f4e4b1f9c11`).expect(404);
    });
  });
});
