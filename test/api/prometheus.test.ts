import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createApiAppWith } from '../support/api-app';
import { bearer, createIntegrationContext, type IntegrationContext } from '../support/harness';
import { addCase, addClock, addHandoff } from './metrics-fixtures';

const TOKEN = `metrics-${randomUUID()}-${randomUUID()}`;
const HOUR = 3_600_000;

/** One sample's value from a Prometheus text exposition (NaN when the series is absent). */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : NaN;
}

/**
 * GET /metrics on the real API and PostgreSQL: who may scrape it (the static METRICS_TOKEN only), the
 * HTTP metrics by route template, and the read-model gauges, as deltas over fixture rows (the test
 * files run one at a time, and each app reads the database afresh on its first scrape).
 */
describe('Prometheus: GET /metrics on the API', () => {
  let ctx: IntegrationContext;
  const apps: INestApplication[] = [];
  const app = async (env: Record<string, string> = {}) => {
    const created = await createApiAppWith(ctx, env);
    apps.push(created);
    return created.getHttpServer();
  };
  const scrape = async (server: unknown) => (await request(server as never).get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200)).text;

  beforeAll(async () => {
    ctx = await createIntegrationContext();
  });
  afterAll(async () => {
    for (const a of apps) await a.close();
    await ctx.close();
  });

  it('is off (404) without METRICS_TOKEN', async () => {
    const server = await app();
    const res = await request(server).get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(404);
    expect(res.body).toMatchObject({ error: 'not_found', message: expect.stringMatching(/METRICS_TOKEN/) });
  });

  it('answers only the metrics token: not nobody, not a wrong token, not a user access token', async () => {
    const server = await app({ METRICS_TOKEN: TOKEN });
    for (const [header, reason] of [
      [undefined, /missing Authorization header/],
      ['Bearer wrong-token', /wrong metrics token/],
      [bearer('olga'), /wrong metrics token/],
    ] as const) {
      const req = request(server).get('/metrics');
      const res = await (header ? req.set('Authorization', header) : req).expect(401);
      expect(res.body).toMatchObject({ error: 'unauthenticated', message: expect.stringMatching(reason) });
    }
    const ok = await request(server).get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    expect(ok.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(ok.text).toContain('# TYPE riskdesk_http_requests_total counter');
    expect(ok.text).toContain('process_cpu_seconds_total');
  });

  it('counts requests by method, route template and status, never by raw path', async () => {
    const server = await app({ METRICS_TOKEN: TOKEN });
    const id = randomUUID();
    await request(server).get(`/cases/${id}`).set('Authorization', bearer('olga')).expect(404);
    await request(server).get(`/cases/${id}`).set('Authorization', bearer('olga')).expect(404);
    await request(server).get('/teams').expect(401);
    await request(server).get('/teams').set('Authorization', bearer('olga')).expect(200);
    await request(server).get(`/no-such-route/${id}`).expect(404);
    await request(server).get('/cases/not-a-uuid').set('Authorization', bearer('olga')).expect(400);
    const text = await scrape(server);
    expect(sample(text, 'riskdesk_http_requests_total{method="GET",route="/cases/:id",status="404"}')).toBe(2);
    expect(sample(text, 'riskdesk_http_requests_total{method="GET",route="/cases/:id",status="400"}')).toBe(1);
    expect(sample(text, 'riskdesk_http_requests_total{method="GET",route="/teams",status="401"}')).toBe(1);
    expect(sample(text, 'riskdesk_http_requests_total{method="GET",route="/teams",status="200"}')).toBe(1);
    expect(sample(text, 'riskdesk_http_requests_total{method="GET",route="unmatched",status="404"}')).toBe(1);
    expect(sample(text, 'riskdesk_http_request_duration_seconds_count{method="GET",route="/cases/:id",status="404"}')).toBe(2);
    expect(sample(text, 'riskdesk_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/teams",status="200"}')).toBe(1);
    expect(text).not.toContain(id);
    expect(text).not.toContain('not-a-uuid');
  });

  it('shows cases by state, open clocks, overdue clocks, breached open cases and open handoffs from the read model', async () => {
    const before = await scrape(await app({ METRICS_TOKEN: TOKEN }));
    const ds = ctx.dataSource;
    const team = `prom-${randomUUID().slice(0, 8)}`;
    const now = Date.now();
    const open = await addCase(ds, { kind: 'reinstatement', team, severity: 'high', state: 'in_progress', open: true, breached: true, createdAt: now - 5 * HOUR });
    await addCase(ds, { kind: 'reinstatement', team, severity: 'low', state: 'resolved', open: false, breached: true, createdAt: now - 9 * HOUR, resolvedAt: now - HOUR });
    const iso = (ms: number) => new Date(ms).toISOString();
    // Running past its deadline (the breach not recorded yet), paused, breached and still open, met (stopped).
    await addClock(ds, open, { id: 'first_response', kind: 'first_response', status: 'running', startedAt: iso(now - 5 * HOUR) });
    await addClock(ds, open, { id: 'resolution', kind: 'resolution', status: 'paused', startedAt: iso(now - 5 * HOUR) });
    await addClock(ds, open, { id: 'resolution#2', kind: 'resolution', status: 'breached', startedAt: iso(now - 5 * HOUR), breachedAt: iso(now - 2 * HOUR) });
    await addClock(ds, open, { id: 'seller_response', kind: 'seller_response', status: 'met', startedAt: iso(now - 5 * HOUR), stoppedAt: iso(now - 4 * HOUR) });
    await addHandoff(ds, open, { team: 'policy', status: 'open', requestedAt: iso(now - 3 * HOUR) });

    const after = await scrape(await app({ METRICS_TOKEN: TOKEN }));
    const delta = (series: string) => (sample(after, series) || 0) - (sample(before, series) || 0);
    expect(delta('riskdesk_cases{kind="reinstatement",state="in_progress"}')).toBe(1);
    expect(delta('riskdesk_cases{kind="reinstatement",state="resolved"}')).toBe(1);
    expect(delta('riskdesk_cases_open_breached{kind="reinstatement"}')).toBe(1);
    expect(delta('riskdesk_sla_clocks_open{clock="first_response",status="running"}')).toBe(1);
    expect(delta('riskdesk_sla_clocks_open{clock="resolution",status="paused"}')).toBe(1);
    expect(delta('riskdesk_sla_clocks_open{clock="resolution",status="breached"}')).toBe(1);
    expect(delta('riskdesk_sla_clocks_overdue{clock="first_response"}')).toBe(1);
    expect(delta('riskdesk_handoffs_open{team="policy"}')).toBe(1);
    expect(delta('riskdesk_handoffs_overdue{team="policy"}')).toBe(1);
    expect(sample(after, 'riskdesk_read_model_up')).toBe(1);
    expect(after).not.toMatch(/seller_response",status="met"/);
  });

  it('is documented in the OpenAPI document with its answers and its own security scheme', async () => {
    const doc = (await request(await app()).get('/openapi.json').expect(200)).body;
    const op = doc.paths['/metrics'].get;
    expect(Object.keys(op.responses).sort()).toEqual(['200', '401', '404']);
    expect(Object.keys(op.responses['200'].content)).toEqual(['text/plain']);
    expect(op.security).toEqual([{ 'metrics-token': [] }]);
    expect(doc.components.securitySchemes['metrics-token']).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});
