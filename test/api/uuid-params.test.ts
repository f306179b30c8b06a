import request from 'supertest';
import { bearer, createIntegrationContext, type IntegrationContext } from '../support/harness';

/**
 * Every route with a case id in its path, read from the OpenAPI document: a malformed id is a 400 in
 * the documented validation_failed shape naming the parameter, like a bad body field.
 */
describe('malformed :id path parameters', () => {
  let ctx: IntegrationContext;
  let routes: Array<{ method: 'get' | 'post'; path: string }>;

  beforeAll(async () => {
    ctx = await createIntegrationContext({ api: true });
    const spec = await request(ctx.app!.getHttpServer()).get('/openapi.json').expect(200);
    routes = Object.entries(spec.body.paths as Record<string, Record<string, unknown>>)
      .filter(([path]) => path.startsWith('/escalations/{id}'))
      .flatMap(([path, ops]) => (['get', 'post'] as const).filter((m) => m in ops).map((method) => ({ method, path })));
  });
  afterAll(() => ctx.close());

  it('finds the case routes', () => {
    expect(routes.map((r) => `${r.method.toUpperCase()} ${r.path}`)).toEqual(
      expect.arrayContaining(['GET /escalations/{id}', 'POST /escalations/{id}/claim', 'GET /escalations/{id}/history']),
    );
  });

  it('answers GET /escalations/not-a-uuid with validation_failed naming id', async () => {
    const res = await request(ctx.app!.getHttpServer()).get('/escalations/not-a-uuid').set('Authorization', bearer('ana')).expect(400);
    expect(res.body).toEqual({
      statusCode: 400,
      error: 'validation_failed',
      message: 'id must be a UUID such as 7d7c4a58-4ad4-4c53-9a5c-1f4e4b1f9c11',
      details: { fields: [{ field: 'id', problems: ['id must be a UUID such as 7d7c4a58-4ad4-4c53-9a5c-1f4e4b1f9c11'] }] },
    });
  });

  it('answers the same on every route with a case id', async () => {
    const failures: string[] = [];
    for (const r of routes) {
      const url = r.path.replace('{id}', 'not-a-uuid');
      const req = request(ctx.app!.getHttpServer())[r.method](url).set('Authorization', bearer('max'));
      const res = await (r.method === 'post' ? req.send({}) : req);
      const fields = res.body?.details?.fields?.map((f: { field: string }) => f.field);
      if (res.status !== 400 || res.body.error !== 'validation_failed' || !fields?.includes('id')) {
        failures.push(`${r.method.toUpperCase()} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
