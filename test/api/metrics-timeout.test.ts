import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { createApiAppWith } from '../support/api-app';
import { required, TEST_ENV } from '../support/env';
import { bearer, createIntegrationContext, type IntegrationContext } from '../support/harness';

/**
 * A metric query that cannot finish in METRICS_QUERY_TIMEOUT_MS is stopped by the database and
 * answered 503 with the reason, and the next request is served normally. The query is held up by a
 * lock another connection keeps on sla_clocks (lock waits count towards a statement timeout).
 */
describe('metrics API: a query past its time limit', () => {
  let ctx: IntegrationContext;
  let app: INestApplication;
  let locker: Client;

  beforeAll(async () => {
    ctx = await createIntegrationContext();
    app = await createApiAppWith(ctx, { METRICS_QUERY_TIMEOUT_MS: '500' });
    locker = new Client({ connectionString: required(TEST_ENV.databaseUrl) });
    await locker.connect();
  });
  afterAll(async () => {
    await locker.end();
    await app.close();
    await ctx.close();
  });

  it('answers 503 unavailable naming the limit, then serves the next request', async () => {
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE sla_clocks IN ACCESS EXCLUSIVE MODE');
    try {
      const res = await request(app.getHttpServer()).get('/metrics/sla?team=seller-risk-eu').set('Authorization', bearer('max')).expect(503);
      expect(res.body).toMatchObject({ error: 'unavailable', message: expect.stringMatching(/longer than 500 ms: ask for a shorter period or one team/) });
    } finally {
      await locker.query('ROLLBACK');
    }
    await request(app.getHttpServer()).get('/metrics/sla?team=seller-risk-eu').set('Authorization', bearer('max')).expect(200);
  });
});
