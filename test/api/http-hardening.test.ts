import { Controller, Module, Post } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Public } from '../../api/auth/public.decorator';
import { createApiApp } from '../../api/bootstrap';
import { HttpErrorFilter } from '../../api/common/http-error.filter';
import { RateLimitGuard, rateLimitModule, TokenIssuing } from '../../api/common/rate-limit';
import { loadConfig } from '../../config/env';
import { keyIdOf, keyRing, signAccessToken } from '../../platform/access-tokens';
import { required, TEST_ENV } from '../support/env';
import { bearer, createIntegrationContext, TEST_JWT_SECRET, type IntegrationContext } from '../support/harness';

const CREATE = { marketplace: 'DE', severity: 'low', category: 'other', source: 'seller_support', trigger: 'seller_contact', enforcementType: 'none', summary: 'Idempotency check' };

describe('HTTP hardening', () => {
  let ctx: IntegrationContext;
  const server = () => ctx.app!.getHttpServer();
  const as = (user: string) => ({
    get: (url: string) => request(server()).get(url).set('Authorization', bearer(user)),
    post: (url: string) => request(server()).post(url).set('Authorization', bearer(user)),
  });
  const count = async (sql: string, params: unknown[] = []) => Number((await ctx.dataSource.query(sql, params))[0].count);

  beforeAll(async () => {
    ctx = await createIntegrationContext({ api: true });
  });
  afterAll(() => ctx.close());

  describe('Idempotency-Key', () => {
    it('a replay of the same request answers with the first result; the same key with another body is 422 naming the conflict', async () => {
      const key = `create-${randomUUID()}`;
      const body = { ...CREATE, sellerId: `seller-${randomUUID().slice(0, 8)}` };
      const first = await as('ana').post('/escalations').set('Idempotency-Key', key).send(body).expect(201);
      // Same body, keys in another order: the same request.
      const replay = await as('ana').post('/escalations').set('Idempotency-Key', key).send(Object.fromEntries(Object.entries(body).reverse())).expect(201);
      expect(replay.body.id).toBe(first.body.id);

      const cases = await count(`SELECT count(*) FROM cases WHERE created_by = 'ana'`);
      const other = await as('ana').post('/escalations').set('Idempotency-Key', key).send({ ...body, summary: 'A different request' });
      expect(other.status).toBe(422);
      expect(other.body).toMatchObject({
        error: 'unprocessable',
        details: { conflict: 'idempotency_key_reused', key, firstUsedFor: 'POST /escalations', sameRoute: true },
      });
      expect(other.body.message).toMatch(/different body/);
      expect(await count(`SELECT count(*) FROM cases WHERE created_by = 'ana'`)).toBe(cases);
    });

    it('the same key on another route is 422 too; another caller may use the same key for their own request', async () => {
      const key = `k-${randomUUID()}`;
      const created = await as('ana').post('/escalations').set('Idempotency-Key', key).send({ ...CREATE, sellerId: 'seller-route' }).expect(201);
      const elsewhere = await as('ana').post(`/escalations/${created.body.id}/escalate`).set('Idempotency-Key', key).send({ reason: 'x' });
      expect(elsewhere.status).toBe(422);
      expect(elsewhere.body.details).toMatchObject({ firstUsedFor: 'POST /escalations', sameRoute: false });
      await as('chloe').post('/escalations').set('Idempotency-Key', key).send({ ...CREATE, sellerId: 'seller-chloe' }).expect(201);
    });

    it('a request refused with a 4xx frees its key for a corrected request', async () => {
      const key = `fix-${randomUUID()}`;
      await as('ana').post('/escalations').set('Idempotency-Key', key).send({ ...CREATE, sellerId: 'bad seller id!' }).expect(400);
      await as('ana').post('/escalations').set('Idempotency-Key', key).send({ ...CREATE, sellerId: 'seller-fixed' }).expect(201);
    });

    it('a malformed key is a 400 naming the header', async () => {
      const res = await as('ana').post('/escalations').set('Idempotency-Key', 'has spaces in it').send({ ...CREATE, sellerId: 's' }).expect(400);
      expect(res.body.details.fields[0].field).toBe('Idempotency-Key');
    });
  });

  describe('before any route', () => {
    it('sets security headers and no X-Powered-By', async () => {
      const res = await request(server()).get('/health').expect(200);
      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'strict-transport-security': expect.stringContaining('max-age='),
        'content-security-policy': expect.stringContaining("default-src 'self'"),
      });
      expect(res.headers['x-powered-by']).toBeUndefined();
    });

    it('refuses a body over BODY_LIMIT_KB with 413 and the error body, writing nothing', async () => {
      const before = await count('SELECT count(*) FROM cases');
      const res = await as('ana').post('/escalations').send({ ...CREATE, sellerId: 's', summary: 'x'.repeat(200 * 1024) });
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ statusCode: 413, error: 'payload_too_large', details: { limitBytes: 100 * 1024 } });
      expect(await count('SELECT count(*) FROM cases')).toBe(before);
    });

    it('refuses a body that is not JSON with 415, and malformed JSON with 400', async () => {
      const form = await as('ana').post('/escalations').type('form').send('sellerId=s&marketplace=DE');
      expect(form.status).toBe(415);
      expect(form.body).toMatchObject({ error: 'unsupported_media_type', message: expect.stringMatching(/application\/json/) });
      const text = await as('ana').post('/escalations').set('Content-Type', 'text/plain').send('{"sellerId":"s"}');
      expect(text.status).toBe(415);
      const broken = await as('ana').post('/escalations').set('Content-Type', 'application/json').send('{"sellerId": ');
      expect(broken.status).toBe(400);
      expect(broken.body).toMatchObject({ error: 'validation_failed', message: 'the request body is not valid JSON' });
    });

    it('answers 405 with Allow for a method a known path does not take (TRACE included), 404 for an unknown path', async () => {
      const trace = await request(server()).trace('/escalations');
      expect(trace.status).toBe(405);
      expect(trace.headers.allow).toBe('GET, POST, HEAD');
      expect(trace.body).toMatchObject({ error: 'method_not_allowed', details: { allow: ['GET', 'POST', 'HEAD'] } });
      const put = await request(server()).put(`/escalations/${randomUUID()}/claim`).set('Authorization', bearer('ana'));
      expect(put.status).toBe(405);
      expect(put.headers.allow).toBe('POST');
      await request(server()).get('/no-such-thing').expect(404);
    });

    it('keeps CORS closed by default: no Access-Control-Allow-Origin for any origin', async () => {
      const res = await request(server()).get('/health').set('Origin', 'https://evil.example');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await request(server()).options('/escalations').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('with CORS_ORIGINS and tight rate limits', () => {
    let app: Awaited<ReturnType<typeof createApiApp>>;
    beforeAll(async () => {
      const config = loadConfig({
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DATABASE_URL: required(TEST_ENV.databaseUrl),
        TEMPORAL_TASK_QUEUE: ctx.taskQueue,
        JWT_SECRET: 'the-new-secret-after-rotation-0123456789',
        JWT_PREVIOUS_SECRETS: JSON.stringify([
          { secret: TEST_JWT_SECRET, acceptUntil: new Date(Date.now() + 3_600_000).toISOString() },
          { secret: 'a-retired-secret-whose-grace-has-ended-000', acceptUntil: '2020-01-01T00:00:00Z' },
        ]),
        CORS_ORIGINS: 'https://console.example.com',
        RATE_LIMIT_WRITES_PER_MINUTE: '3',
      });
      app = await createApiApp({ config, dataSource: ctx.dataSource, temporal: ctx.client });
      await app.init();
    });
    afterAll(() => app.close());

    it('allows the configured origin only', async () => {
      const ok = await request(app.getHttpServer()).options('/escalations').set('Origin', 'https://console.example.com').set('Access-Control-Request-Method', 'POST');
      expect(ok.status).toBe(204);
      expect(ok.headers['access-control-allow-origin']).toBe('https://console.example.com');
      expect(ok.headers['access-control-allow-headers']).toMatch(/Idempotency-Key/);
      const other = await request(app.getHttpServer()).get('/health').set('Origin', 'https://evil.example');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('limits writes per user: past the limit 429 with Retry-After, reads still pass, other users unaffected', async () => {
      const post = (user: string) =>
        request(app.getHttpServer()).post(`/notifications/${randomUUID()}/read`).set('Authorization', bearer(user)).send({});
      for (let i = 0; i < 3; i++) expect((await post('ben')).status).toBe(404);
      const limited = await post('ben');
      expect(limited.status).toBe(429);
      expect(limited.body).toMatchObject({ error: 'rate_limited', details: { limit: 3, windowSeconds: 60 } });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      await request(app.getHttpServer()).get('/notifications').set('Authorization', bearer('ben')).expect(200);
      expect((await post('dana')).status).toBe(404);
    });

    it('accepts tokens of the current key and of a previous key within its grace; refuses a retired key and tokens without a key id', async () => {
      const call = (token: string) => request(app.getHttpServer()).get('/notifications').set('Authorization', `Bearer ${token}`);
      const ring = keyRing('the-new-secret-after-rotation-0123456789');
      await call(signAccessToken('ana', ring, '5m')).expect(200);
      await call(signAccessToken('ana', TEST_JWT_SECRET, '5m')).expect(200);
      const retired = await call(signAccessToken('ana', 'a-retired-secret-whose-grace-has-ended-000', '5m'));
      expect(retired.status).toBe(401);
      expect(retired.body.message).toMatch(/retired at 2020-01-01/);
      const jwt = require('jsonwebtoken') as typeof import('jsonwebtoken');
      const noKid = jwt.sign({}, TEST_JWT_SECRET, { algorithm: 'HS256', subject: 'ana', issuer: 'riskdesk', expiresIn: 60 });
      expect((await call(noKid)).body.message).toMatch(/names no signing key/);
      expect(JSON.parse(Buffer.from(signAccessToken('ana', ring, '5m').split('.')[0], 'base64url').toString())).toMatchObject({
        alg: 'HS256',
        kid: keyIdOf('the-new-secret-after-rotation-0123456789'),
      });
    });
  });

  it('limits a @TokenIssuing route per client address, apart from the write limit', async () => {
    @Controller('auth')
    class TokenController {
      @Public()
      @TokenIssuing()
      @Post('dev-token')
      issue() {
        return { token: 'not-a-real-token' };
      }
    }
    const config = loadConfig({ RATE_LIMIT_TOKENS_PER_MINUTE: '2', RATE_LIMIT_WRITES_PER_MINUTE: '100' });
    @Module({ imports: [rateLimitModule(config)], controllers: [TokenController], providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }] })
    class TokenModule {}
    const app = await NestFactory.create(TokenModule, { logger: false });
    app.useGlobalFilters(new HttpErrorFilter());
    await app.init();
    try {
      await request(app.getHttpServer()).post('/auth/dev-token').expect(201);
      await request(app.getHttpServer()).post('/auth/dev-token').expect(201);
      const limited = await request(app.getHttpServer()).post('/auth/dev-token');
      expect(limited.status).toBe(429);
      expect(limited.body.message).toMatch(/too many token requests from this address: at most 2 a minute/);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  });

  it('keeps the audit trail append-only: UPDATE, DELETE and TRUNCATE of case_events are refused by the database', async () => {
    const created = await as('ana').post('/escalations').send({ ...CREATE, sellerId: 'seller-audit' }).expect(201);
    const before = await count('SELECT count(*) FROM case_events WHERE case_id = $1', [created.body.id]);
    expect(before).toBeGreaterThan(0);
    await expect(ctx.dataSource.query(`UPDATE case_events SET reason = 'rewritten' WHERE case_id = $1`, [created.body.id])).rejects.toThrow(/append-only/);
    await expect(ctx.dataSource.query(`DELETE FROM case_events WHERE case_id = $1`, [created.body.id])).rejects.toThrow(/append-only: DELETE refused/);
    await expect(ctx.dataSource.query(`DELETE FROM cases WHERE id = $1`, [created.body.id])).rejects.toThrow(/append-only: DELETE refused/);
    await expect(ctx.dataSource.query(`TRUNCATE case_events CASCADE`)).rejects.toThrow(/append-only: TRUNCATE refused/);
    expect(await count('SELECT count(*) FROM case_events WHERE case_id = $1', [created.body.id])).toBe(before);
  });
});
