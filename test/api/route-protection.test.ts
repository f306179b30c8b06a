import request from 'supertest';
import { bearer, createIntegrationContext, type IntegrationContext } from '../support/harness';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
const METHODS: readonly Method[] = ['get', 'post', 'put', 'patch', 'delete'];
// Public by design: liveness, readiness, the console's settings and (development only) its sign-in.
// GET /metrics is Prometheus's: it answers its own METRICS_TOKEN, never a user token (test/api/prometheus.test.ts).
const PUBLIC_PATHS = ['/health', '/ready', '/metrics', '/console/config', '/auth/dev-users', '/auth/dev-token'];

/**
 * Every route the app documents, read from its own OpenAPI document at run time, so a route added
 * later is covered without editing this file: each must refuse a caller without a valid token. Then a
 * representative set of wrong roles must be refused with 403 and the permission table's denial code.
 */
describe('route protection', () => {
  let ctx: IntegrationContext;
  let routes: Array<{ method: Method; path: string; url: string }>;

  beforeAll(async () => {
    ctx = await createIntegrationContext({ api: true });
    const spec = await request(ctx.app!.getHttpServer()).get('/openapi.json').expect(200);
    routes = Object.entries(spec.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, operations]) =>
      PUBLIC_PATHS.includes(path)
        ? []
        : METHODS.filter((m) => m in operations).map((method) => ({ method, path, url: concrete(path) })),
    );
  });
  afterAll(() => ctx.close());

  const call = (method: Method, url: string) => request(ctx.app!.getHttpServer())[method](url);

  it('finds the protected routes in the OpenAPI document', () => {
    const listed = routes.map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(listed).toEqual(
      expect.arrayContaining([
        'POST /escalations',
        'GET /escalations/{id}',
        'GET /roster',
        'GET /roster/{userId}',
        'PATCH /roster/{userId}',
        'GET /workload',
      ]),
    );
  });

  it.each([
    ['no token', undefined, /missing Authorization/],
    ['a malformed header', 'Token abc', /malformed/],
    ['a token that is not a JWT', 'Bearer not.a.jwt', /invalid token/],
    ['an expired token', bearer('max', '-10'), /expired/],
    ['a token for nobody on the roster', bearer('mallory'), /not an active roster member/],
  ])('every route but /health and /ready answers 401 to %s', async (_name, header, reason) => {
    const failures: string[] = [];
    for (const r of routes) {
      let req = call(r.method, r.url);
      if (header) req = req.set('Authorization', header);
      const res = await (r.method === 'get' || r.method === 'delete' ? req : req.send({}));
      if (res.status !== 401 || res.body.error !== 'unauthenticated' || !reason.test(res.body.message)) {
        failures.push(`${r.method.toUpperCase()} ${r.url}: ${res.status} ${JSON.stringify(res.body)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it.each([
    ['a specialist updating a roster member', 'ana', 'patch', '/roster/ben', { capacity: 1 }, 'roster.update', 'role_not_permitted'],
    ['a senior specialist updating a roster member', 'chloe', 'patch', '/roster/ana', { capacity: 1 }, 'roster.update', 'role_not_permitted'],
    ['a manager updating another team', 'mia', 'patch', '/roster/ana', { capacity: 1 }, 'roster.update', 'wrong_team'],
    ['legal updating a roster member', 'lea', 'patch', '/roster/ana', { capacity: 1 }, 'roster.update', 'role_not_permitted'],
    ['a specialist reading the roster', 'ana', 'get', '/roster', undefined, 'roster.view', 'role_not_permitted'],
    ["a specialist reading another team's roster", 'ben', 'get', '/roster?team=seller-risk-eu', undefined, 'roster.view', 'role_not_permitted'],
    ["a senior specialist reading another team's roster", 'dana', 'get', '/roster?team=seller-risk-eu', undefined, 'roster.view', 'wrong_team'],
    ["a manager reading another team's member", 'mia', 'get', '/roster/ana', undefined, 'roster.view', 'wrong_team'],
    ['customer trust reading the roster', 'cora', 'get', '/roster', undefined, 'roster.view', 'role_not_permitted'],
    ['legal reading the workload', 'lea', 'get', '/workload', undefined, 'workload.view', 'role_not_permitted'],
    ['policy reading the workload', 'paul', 'get', '/workload?team=seller-risk-us', undefined, 'workload.view', 'role_not_permitted'],
    ['a specialist reading the workload', 'ben', 'get', '/workload', undefined, 'workload.view', 'role_not_permitted'],
    ["a manager reading another team's workload", 'max', 'get', '/workload?team=seller-risk-us', undefined, 'workload.view', 'wrong_team'],
  ] as const)('refuses %s with 403', async (_name, user, method, url, body, action, denial) => {
    const target = /^\/roster\/([^?]+)/.exec(url)?.[1] ?? '';
    const row = () => ctx.dataSource.query(`SELECT * FROM roster_members WHERE user_id = $1`, [target]);
    const before = await row();
    let req = call(method, url).set('Authorization', bearer(user));
    if (body) req = req.send(body);
    const res = await req.expect(403);
    expect(res.body).toMatchObject({ statusCode: 403, error: 'forbidden', details: { denial, action } });
    expect(res.body.message).toEqual(expect.any(String));
    if (method === 'patch') expect(await row()).toEqual(before);
  });
});

/** A concrete URL for a templated path: a well-formed id, so a 401 cannot hide behind a 400. */
function concrete(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_m, name: string) =>
    /userid$/i.test(name) ? 'ana' : /id$/i.test(name) ? '7d7c4a58-4ad4-4c53-9a5c-1f4e4b1f9c11' : 'x',
  );
}
