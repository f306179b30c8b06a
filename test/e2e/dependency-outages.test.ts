import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createApiApp } from '../../api/bootstrap';
import { seedTeams } from '../../api/teams/team-seed';
import { loadConfig } from '../../config/env';
import { createDataSource, databaseTimeouts, migrate } from '../../db/data-source';
import { seedDemoRoster } from '../../db/seed/demo-roster';
import { freePort } from '../../platform/free-port';
import { getEscalationQuery } from '../../workflows/escalation/escalation.contract';
import { createWorker } from '../../worker/worker';
import { required, TEST_DEMO_CAPACITY, TEST_ENV } from '../support/env';
import { eventually } from '../support/eventually';
import { bearer, signedClient, TEST_JWT_SECRET } from '../support/harness';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../support/throwaway-postgres';

/**
 * Dependencies that are down, frozen or slow, for real: a PostgreSQL server of this file's own (so it
 * can be frozen with SIGSTOP, locked and stopped), the run's Temporal server with a worker that is
 * stopped, a task queue nobody polls, and a Temporal address where nothing listens. Every answer is a
 * 503 `unavailable` with a reason and Retry-After, within the configured bounds: never a 500, never a hang.
 */
const TIMEOUTS = { DB_CONNECT_TIMEOUT_MS: '1000', DB_STATEMENT_TIMEOUT_MS: '1000', TEMPORAL_RPC_TIMEOUT_MS: '2500', READY_CHECK_TIMEOUT_MS: '1000' };

describe('dependency outages answer 503 with a reason and Retry-After', () => {
  let pg: ThrowawayPostgres;
  let dataSource: DataSource;
  let temporalConnection: Connection;
  let client: Client;
  let workerConnection: NativeConnection;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  const taskQueue = `outage-${randomUUID()}`;
  let app: INestApplication;
  /** Closed last: the SDK's retry timers may still fire on a connection to nowhere for a few seconds. */
  const deadClients: Client[] = [];

  const startWorker = async () => {
    worker = await createWorker({
      connection: workerConnection,
      temporal: client,
      namespace: 'default',
      taskQueue,
      dataSource,
      workflowBundle: { codePath: required(TEST_ENV.workflowBundle) },
    });
    running = worker.run();
  };
  const stopWorker = async () => {
    if (worker?.getState() === 'RUNNING') worker.shutdown();
    await running;
    worker = undefined;
  };

  const apiFor = async (overrides: Record<string, string>, temporal: Client = client) => {
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.DEBUG_OUTAGES ? 'error' : 'silent',
      DATABASE_URL: pg.url,
      TEMPORAL_TASK_QUEUE: taskQueue,
      JWT_SECRET: TEST_JWT_SECRET,
      ...TIMEOUTS,
      ...overrides,
    });
    const api = await createApiApp({ config, dataSource, temporal });
    await api.init();
    return api;
  };
  const as = (user: string, api = app) => ({
    get: (url: string) => request(api.getHttpServer()).get(url).set('Authorization', bearer(user)),
    post: (url: string) => request(api.getHttpServer()).post(url).set('Authorization', bearer(user)),
  });

  beforeAll(async () => {
    pg = await startThrowawayPostgres();
    const config = loadConfig({ ...TIMEOUTS, DATABASE_URL: pg.url });
    dataSource = await createDataSource(pg.url, { poolSize: 4, timeouts: databaseTimeouts(config) }).initialize();
    await migrate(dataSource);
    await seedTeams(dataSource);
    await seedDemoRoster(dataSource);
    await dataSource.query(`UPDATE roster_members SET capacity = $1 WHERE role IN ('specialist', 'senior_specialist')`, [TEST_DEMO_CAPACITY]);

    const address = required(TEST_ENV.temporalAddress);
    temporalConnection = await Connection.connect({ address });
    client = signedClient(temporalConnection);
    workerConnection = await NativeConnection.connect({ address });
    await startWorker();
    app = await apiFor({});
  });

  afterAll(async () => {
    await app?.close();
    await stopWorker();
    await workerConnection?.close();
    await temporalConnection?.close();
    for (const dead of deadClients) await dead.connection.close();
    await dataSource?.destroy().catch(() => undefined);
    await pg?.stop().catch(() => undefined);
  });

  async function createCase(): Promise<{ id: string; workflowId: string; state: string; assigneeId: string | null }> {
    const res = await as('ana')
      .post('/escalations')
      .send({ sellerId: `seller-${randomUUID().slice(0, 8)}`, marketplace: 'DE', severity: 'high', category: 'counterfeit', source: 'seller_support', trigger: 'buyer_complaint', enforcementType: 'listing_removal', summary: 'Counterfeit reports' });
    expect(res.status).toBe(201);
    return res.body;
  }

  /** A case held by `who`, not yet acknowledged. */
  async function assignedTo(who: string) {
    const c = await createCase();
    if (c.assigneeId === who) return c;
    const res = await as('max').post(`/escalations/${c.id}/reassign`).send({ assigneeId: who, reason: 'test setup' });
    expect(res.status).toBe(200);
    return res.body as { id: string; workflowId: string };
  }

  function expectUnavailable(res: request.Response, dependency: string) {
    expect({ status: res.status, error: res.body.error, dependency: res.body.details?.dependency }).toEqual({
      status: 503,
      error: 'unavailable',
      dependency,
    });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.body.message).toEqual(expect.any(String));
  }

  it('a worker that is gone: the action answers 503 saying it may still apply, and the same key applies it once later', async () => {
    const c = await assignedTo('ana');
    await stopWorker();
    const key = `ack-${randomUUID()}`;
    const first = await as('ana').post(`/escalations/${c.id}/acknowledge`).set('Idempotency-Key', key);
    expectUnavailable(first, 'temporal');
    expect(first.body.details).toMatchObject({ mayStillApply: true, applied: false });
    expect(first.body.message).toMatch(/may still apply.*same Idempotency-Key is safe/);

    await startWorker();
    // As a client told Retry-After would: repeat with the same key until the restarted worker has
    // caught up (on a busy machine that can outlast one request's Temporal deadline).
    const retry = await eventually(
      () => as('ana').post(`/escalations/${c.id}/acknowledge`).set('Idempotency-Key', key),
      (res) => res.status !== 503,
      { timeoutMs: 60_000, intervalMs: 1_000 },
    );
    expect(retry.status).toBe(200);
    expect(retry.body.state).toBe('in_progress');
    const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM case_events WHERE case_id = $1 AND action = 'acknowledged'`, [c.id]);
    expect(count).toBe(1);
  });

  it('a task queue nobody polls: /ready names the missing worker, a new case answers 503 instead of waiting', async () => {
    const idle = await apiFor({ TEMPORAL_TASK_QUEUE: `nobody-${randomUUID()}` });
    try {
      const ready = await request(idle.getHttpServer()).get('/ready');
      expect({ status: ready.status, error: ready.body.error, retryAfter: ready.headers['retry-after'] }).toEqual({ status: 503, error: 'unavailable', retryAfter: '5' });
      expect(ready.body.details.checks).toMatchObject({ postgres: { ok: true }, temporal: { ok: true }, worker: { ok: false, workflowPollers: 0 } });
      expect(ready.body.message).toMatch(/no worker is polling task queue 'nobody-/);

      const res = await as('ana', idle)
        .post('/escalations')
        .send({ sellerId: 'seller-idle', marketplace: 'DE', severity: 'low', category: 'other', source: 'seller_support', trigger: 'seller_contact', enforcementType: 'none', summary: 'No worker' });
      expectUnavailable(res, 'temporal');
      expect(res.body.details.mayStillApply).toBe(true);
    } finally {
      await idle.close();
    }
  });

  it('Temporal unreachable: reads from PostgreSQL still work, what needs Temporal answers 503', async () => {
    const dead = new Client({ connection: Connection.lazy({ address: `127.0.0.1:${await freePort()}` }), namespace: 'default' });
    deadClients.push(dead);
    const api = await apiFor({}, dead);
    try {
      const c = await createCase();
      await as('max', api).get(`/escalations/${c.id}`).expect(200);
      expectUnavailable(await as('max', api).get(`/escalations/${c.id}/history`), 'temporal');
      const ready = await request(api.getHttpServer()).get('/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.details.checks).toMatchObject({ postgres: { ok: true }, temporal: { ok: false } });
    } finally {
      await api.close();
    }
  });

  it('the read model refusing a write: the action was applied, the answer is 503 not_recorded with Retry-After', async () => {
    const c = await assignedTo('chloe');
    await dataSource.query(`
      CREATE FUNCTION refuse_acknowledged() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.action = 'acknowledged' THEN RAISE EXCEPTION 'test: refusing acknowledged'; END IF; RETURN NEW; END $$`);
    await dataSource.query(`CREATE TRIGGER tr_refuse_acknowledged BEFORE INSERT ON case_events FOR EACH ROW EXECUTE FUNCTION refuse_acknowledged()`);
    try {
      const res = await as('chloe').post(`/escalations/${c.id}/acknowledge`).set('Idempotency-Key', `ack-${randomUUID()}`);
      expectUnavailable(res, 'read_model');
      expect(res.body.details).toMatchObject({ applied: true, mayStillApply: true });
      expect(res.headers['retry-after']).toBe('15');
      const view = await client.workflow.getHandle(c.workflowId).query(getEscalationQuery);
      expect(view.state).toBe('in_progress');
    } finally {
      await dataSource.query(`DROP TRIGGER tr_refuse_acknowledged ON case_events`);
      await dataSource.query(`DROP FUNCTION refuse_acknowledged()`);
    }
  });

  it('a statement stuck behind a lock is cancelled by statement_timeout: 503, not a hang', async () => {
    const locker = new PgClient({ connectionString: pg.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      // The list reads cases (the caller's roster entry may come from the API's roster cache).
      await locker.query('LOCK TABLE cases IN ACCESS EXCLUSIVE MODE');
      const res = await as('max').get('/escalations');
      expectUnavailable(res, 'postgres');
      expect(res.body.message).toMatch(/cancelled a statement that ran past its time limit/);
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    await as('max').get('/escalations').expect(200);
  });

  it('PostgreSQL frozen (SIGSTOP): /ready and every route answer 503 within their bounds, and recover after', async () => {
    const pids = pg.pids();
    for (const pid of pids) process.kill(pid, 'SIGSTOP');
    try {
      const ready = await request(app.getHttpServer()).get('/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.details.checks.postgres).toMatchObject({ ok: false, error: expect.stringMatching(/did not answer within 1000 ms/) });
      expectUnavailable(await as('max').get('/escalations'), 'postgres');
      const write = await as('ana').post('/escalations').send({ sellerId: 's', marketplace: 'DE', severity: 'low', category: 'other', source: 'seller_support', trigger: 'seller_contact', enforcementType: 'none', summary: 'x' });
      expectUnavailable(write, 'postgres');
    } finally {
      for (const pid of pids) process.kill(pid, 'SIGCONT');
    }
    // Connections whose answers were lost are replaced; within a few attempts the API serves again.
    await expectEventually200(() => as('max').get('/escalations'));
  });

  it('PostgreSQL stopped: case routes answer 503 unavailable (not 500), /ready says which check failed', async () => {
    await pg.stop();
    const list = await as('max').get('/escalations');
    expectUnavailable(list, 'postgres');
    const one = await as('max').get(`/escalations/${randomUUID()}`);
    expectUnavailable(one, 'postgres');
    const ready = await request(app.getHttpServer()).get('/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.details.checks.postgres.ok).toBe(false);
    expect(ready.body.message).toMatch(/postgres: /);
  });
});

async function expectEventually200(call: () => request.Test): Promise<void> {
  let last: request.Response | undefined;
  for (let attempt = 0; attempt < 10; attempt++) {
    last = await call();
    if (last.status === 200) return;
  }
  throw new Error(`still ${last?.status} ${JSON.stringify(last?.body)}`);
}
