import request from 'supertest';
import { bearer, createIntegrationContext, type IntegrationContext } from '../support/harness';

describe('authentication on every protected route', () => {
  let ctx: IntegrationContext;
  beforeAll(async () => {
    ctx = await createIntegrationContext({ api: true });
  });
  afterAll(() => ctx.close());

  const protectedRoutes: Array<[string, string]> = [
    ['post', '/escalations'],
    ['get', '/escalations/7d7c4a58-4ad4-4c53-9a5c-1f4e4b1f9c11'],
  ];

  const badCredentials: Array<[string, string | undefined, RegExp]> = [
    ['no header', undefined, /missing Authorization/],
    ['not a bearer token', 'Basic YW5hOnNlY3JldA==', /malformed/],
    ['garbage token', 'Bearer not.a.jwt', /invalid token/],
    ['expired token', bearer('ana', '-10'), /expired/],
    ['wrongly signed token', bearer('ana', '10m', 'another-secret-another-secret-another-secret'), /invalid signature/],
    ['unknown user', bearer('mallory'), /not an active roster member/],
  ];

  describe.each(protectedRoutes)('%s %s', (method, url) => {
    it.each(badCredentials)('refuses %s with 401 and a reason', async (_name, header, reason) => {
      let req = (request(ctx.app!.getHttpServer()) as unknown as Record<string, (u: string) => request.Test>)[method](url);
      if (header) req = req.set('Authorization', header);
      const res = await req.send({});
      expect(res.status).toBe(401);
      expect(res.body.error).toBe('unauthenticated');
      expect(res.body.message).toMatch(reason);
    });
  });

  it('leaves liveness, readiness and the API docs open', async () => {
    const server = ctx.app!.getHttpServer();
    await request(server).get('/health').expect(200);
    const ready = await request(server).get('/ready').expect(200);
    expect(ready.body.checks).toMatchObject({ postgres: { ok: true }, temporal: { ok: true }, worker: { ok: true, workflowPollers: 1 } });
    const spec = await request(server).get('/openapi.json').expect(200);
    expect(Object.keys(spec.body.paths)).toEqual(expect.arrayContaining(['/escalations', '/escalations/{id}']));
  });
});
