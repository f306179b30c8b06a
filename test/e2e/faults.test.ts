import { Connection, type Client } from '@temporalio/client';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { seedTeams } from '../../api/teams/team-seed';
import { createDataSource, migrate } from '../../db/data-source';
import { seedDemoRoster } from '../../db/seed/demo-roster';
import { freePort } from '../../platform/free-port';
import { startDevServer, type DevServer } from '../../platform/temporal';
import { escalationWorkflowId, getEscalationQuery } from '../../workflows/escalation/escalation.contract';
import { required, TEST_ACTOR_PROOF_SECRET, TEST_DEMO_CAPACITY, TEST_ENV } from '../support/env';
import { eventually } from '../support/eventually';
import { bearer, signedClient, TEST_JWT_SECRET } from '../support/harness';
import { ROOT } from '../support/observability';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../support/throwaway-postgres';

/**
 * Faults injected while escalation lifecycles run concurrently through the real API process, the real
 * worker process, and a Temporal dev server (SQLite file) and a PostgreSQL server of this file's own:
 * the worker killed with SIGKILL at random points, PostgreSQL stopped mid-run, the API process killed
 * while its clients retry with the same Idempotency-Keys, the Temporal server stopped and started again. Clients behave as the API tells them to: a 503 is
 * retried after its Retry-After, a refused connection after a moment, always with the same key.
 *
 * Each test asserts what a case's legal record needs: every case reaches the state its actions asked
 * for, the read model says what the workflow says, each case's audit trail is exactly the trail of the
 * same lifecycle run without faults (no gap, no double), and no answer was a 5xx other than 503.
 */
jest.setTimeout(420_000);

interface Proc {
  child: ChildProcess;
  output: () => string;
  exited: Promise<void>;
}

function startProcess(entry: string, env: Record<string, string>): Proc {
  let output = '';
  const child = spawn(process.execPath, [path.join(ROOT, 'test/support/run-ts.js'), path.join(ROOT, entry)], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  child.stderr!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, output: () => output, exited };
}

async function kill(proc: Proc | undefined, signal: NodeJS.Signals): Promise<void> {
  if (!proc || proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  proc.child.kill(signal);
  await proc.exited;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const between = (lo: number, hi: number) => lo + Math.floor(Math.random() * (hi - lo));

/** What the clients saw, for the assertions and the log line each test prints. */
interface ClientStats {
  requests: number;
  retried503: number;
  connectionErrors: number;
  /** Each 5xx other than 503, with the API's log around it (the stack it logged), so a failure explains itself. */
  serverErrors: { status: number; path: string; body: unknown; apiLog: string }[];
}

describe('faults while lifecycles run (real API and worker processes, Temporal, PostgreSQL)', () => {
  let pg: ThrowawayPostgres;
  let temporalServer: DevServer;
  let temporalPort: number;
  const temporalDir = fs.mkdtempSync(path.join(os.tmpdir(), 'riskdesk-temporal-'));
  const startTemporal = async () => {
    temporalServer = await startDevServer({ port: temporalPort, dbFile: path.join(temporalDir, 'temporal.sqlite'), namespace: 'default', quiet: true });
  };
  let dataSource: DataSource;
  let connection: Connection;
  let temporal: Client;
  let worker: Proc | undefined;
  let api: Proc | undefined;
  let apiUrl: string;
  let apiPort: number;
  const taskQueue = `faults-${randomUUID()}`;
  let controlTrail: string[];

  const processEnv = () => ({
    DATABASE_URL: pg.url,
    TEMPORAL_ADDRESS: temporalServer.address,
    TEMPORAL_TASK_QUEUE: taskQueue,
    ACTOR_PROOF_SECRET: TEST_ACTOR_PROOF_SECRET,
  });

  async function startWorker(): Promise<void> {
    worker = startProcess('test/support/fault-worker.ts', { ...processEnv(), WORKFLOW_BUNDLE: required(TEST_ENV.workflowBundle) });
    const w = worker;
    await eventually(async () => w.output(), (out) => out.includes('fault-worker polling') || w.child.exitCode !== null, { timeoutMs: 120_000, intervalMs: 200 });
    if (w.child.exitCode !== null) throw new Error(`the worker exited: ${w.output()}`);
  }

  async function startApi(): Promise<void> {
    api = startProcess('api/main.ts', {
      ...processEnv(),
      PORT: String(apiPort),
      HOST: '127.0.0.1',
      // Errors only: a 500's stack lands in the process output, which a recorded 5xx carries.
      LOG_LEVEL: 'error',
      JWT_SECRET: TEST_JWT_SECRET,
      RATE_LIMIT_WRITES_PER_MINUTE: '100000',
      DB_CONNECT_TIMEOUT_MS: '1000',
      DB_STATEMENT_TIMEOUT_MS: '2000',
      TEMPORAL_RPC_TIMEOUT_MS: '5000',
      READY_CHECK_TIMEOUT_MS: '1000',
    });
    const a = api;
    await eventually(
      async () => (a.child.exitCode !== null ? 'exited' : (await fetch(`${apiUrl}/health`).then((r) => String(r.status)).catch(() => 'down'))),
      (s) => s === '200' || s === 'exited',
      { timeoutMs: 120_000, intervalMs: 250 },
    );
    if (a.child.exitCode !== null) throw new Error(`the API exited: ${a.output()}`);
  }

  beforeAll(async () => {
    pg = await startThrowawayPostgres();
    dataSource = await createDataSource(pg.url, { poolSize: 2 }).initialize();
    await migrate(dataSource);
    await seedTeams(dataSource);
    await seedDemoRoster(dataSource);
    await dataSource.query(`UPDATE roster_members SET capacity = $1 WHERE role IN ('specialist', 'senior_specialist')`, [TEST_DEMO_CAPACITY]);
    temporalPort = await freePort();
    await startTemporal();
    connection = await Connection.connect({ address: temporalServer.address });
    temporal = signedClient(connection);
    apiPort = await freePort();
    apiUrl = `http://127.0.0.1:${apiPort}`;
    await Promise.all([startWorker(), startApi()]);
    // The trail of a lifecycle no fault touched: what every faulted case must end with, exactly.
    const stats = newStats();
    const control = await lifecycle('control', stats);
    controlTrail = await trail(control);
    expect(controlTrail).toEqual(expect.arrayContaining(['created', 'acknowledged', 'resolved']));
  }, 300_000);

  afterAll(async () => {
    await kill(api, 'SIGKILL');
    await kill(worker, 'SIGKILL');
    await connection?.close();
    await temporalServer?.stop();
    fs.rmSync(temporalDir, { recursive: true, force: true });
    await dataSource?.destroy().catch(() => undefined);
    await pg?.stop().catch(() => undefined);
  }, 60_000);

  function newStats(): ClientStats {
    return { requests: 0, retried503: 0, connectionErrors: 0, serverErrors: [] };
  }

  /**
   * One request as a well-behaved client sends it: the same Idempotency-Key on every attempt, a 503
   * retried after its Retry-After (at most a second here), a refused or cut connection retried after
   * a moment. Any other answer is returned; a 5xx other than 503 is recorded as a defect and returned.
   */
  async function call(stats: ClientStats, user: string, method: 'GET' | 'POST', url: string, body?: unknown, key?: string) {
    const deadline = Date.now() + 240_000;
    for (;;) {
      stats.requests++;
      try {
        const res = await fetch(`${apiUrl}${url}`, {
          method,
          headers: {
            Authorization: bearer(user, '30m'),
            ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
            ...(key ? { 'Idempotency-Key': key } : {}),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(30_000),
        });
        const json = (await res.json().catch(() => null)) as Record<string, unknown> | null;
        if (res.status === 503 && Date.now() < deadline) {
          stats.retried503++;
          await sleep(Math.min(1000, Number(res.headers.get('retry-after') ?? 1) * 1000));
          continue;
        }
        if (res.status >= 500) {
          const error = { status: res.status, path: `${method} ${url}`, body: json, apiLog: api?.output().slice(-4000) ?? '' };
          stats.serverErrors.push(error);
          // Printed at once: the lifecycle's own status assertion fails before expectConverged lists them.
          console.error('a 5xx other than 503', error);
        }
        return { status: res.status, body: json ?? {} };
      } catch (err) {
        stats.connectionErrors++;
        if (Date.now() > deadline) throw err;
        await sleep(250);
      }
    }
  }

  /** create, acknowledge, a blocking Legal handoff, Legal's answer, resolve: each with its own key. */
  async function lifecycle(tag: string, stats: ClientStats): Promise<string> {
    const k = (step: string) => `${tag}-${step}`;
    const created = await call(stats, 'ana', 'POST', '/escalations', {
      sellerId: `seller-${tag}`, marketplace: 'DE', severity: 'high', category: 'document_forgery', source: 'seller_support',
      trigger: 'automated_detection', enforcementType: 'verification_block', summary: `Fault run ${tag}`,
    }, k('create'));
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    let holder = created.body.assigneeId as string | null;
    if (!holder) {
      expect((await call(stats, 'ana', 'POST', `/escalations/${id}/claim`, undefined, k('claim'))).status).toBe(200);
      holder = 'ana';
    } else {
      expect((await call(stats, holder, 'POST', `/escalations/${id}/acknowledge`, undefined, k('ack'))).status).toBe(200);
    }
    const asked = await call(stats, holder, 'POST', `/escalations/${id}/handoffs`, { team: 'legal', question: 'Is the forged passport reportable?', blocking: true }, k('handoff'));
    expect(asked.status).toBe(200);
    const handoffId = encodeURIComponent(`${id}/handoff/1`);
    // The handoff workflow starts a moment after the case's update answers: until then the answer is a 404.
    const answered = await eventually(
      () => call(stats, 'lea', 'POST', `/handoffs/${handoffId}/answer`, { outcome: 'approve', notes: 'Reportable; proceed' }, k('answer')),
      (r) => r.status !== 404,
      { timeoutMs: 240_000, intervalMs: 300 },
    );
    expect(answered.status).toBe(200);
    // Seen in progress, the case takes the resolution, even when the answer and the resolution reach
    // the workflow in one task after a kill (test/workflows/signals-before-updates.test.ts).
    await eventually(() => call(stats, holder!, 'GET', `/escalations/${id}`), (r) => r.body.state === 'in_progress', { timeoutMs: 240_000, intervalMs: 300 });
    const resolved = await call(stats, holder, 'POST', `/escalations/${id}/resolve`, { resolutionCode: 'seller_remediated', rootCause: 'seller_error' }, k('resolve'));
    // The body is in the comparison so that a refusal shows its reason.
    expect({ status: resolved.status, state: resolved.body.state, refusal: resolved.status === 200 ? undefined : resolved.body }).toEqual({ status: 200, state: 'resolved', refusal: undefined });
    return id;
  }

  async function trail(caseId: string): Promise<string[]> {
    const rows: { seq: number; action: string }[] = await dataSource.query(`SELECT seq, action FROM case_events WHERE case_id = $1 ORDER BY seq`, [caseId]);
    // No gap and no double: the sequence numbers are 0..n-1.
    expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i));
    return rows.map((r) => r.action);
  }

  /** Every case converged: resolved in the workflow and in the read model, with the control's trail. */
  async function expectConverged(ids: string[], stats: ClientStats): Promise<void> {
    expect(stats.serverErrors).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      const view = await temporal.workflow.getHandle(escalationWorkflowId(id)).query(getEscalationQuery);
      expect(view.state).toBe('resolved');
      const [row] = await eventually(
        () => dataSource.query(`SELECT state FROM cases WHERE id = $1`, [id]),
        (rows: { state: string }[]) => rows[0]?.state === view.state,
        { timeoutMs: 60_000 },
      );
      expect(row.state).toBe('resolved');
      expect(await trail(id)).toEqual(controlTrail);
      const handoffs = await dataSource.query(`SELECT status FROM handoffs WHERE case_id = $1`, [id]);
      expect(handoffs).toEqual([{ status: 'answered' }]);
      const open = await dataSource.query(`SELECT count(*)::int AS n FROM tasks WHERE case_id = $1 AND status = 'open'`, [id]);
      expect(open[0].n).toBe(0);
    }
  }

  /**
   * Resolves once the clients have sent `n` requests in all (or the lifecycles are over): a fault then
   * lands in the middle of the run however fast or slow the machine is, which a timer cannot promise.
   */
  const afterRequests = (stats: ClientStats, n: number, running: () => boolean = () => true) =>
    eventually(async () => stats.requests, (sent) => sent >= n || !running(), { timeoutMs: 240_000, intervalMs: 5 });

  const runLifecycles = (n: number, label: string, stats: ClientStats) =>
    Promise.all(Array.from({ length: n }, (_, i) => lifecycle(`${label}-${i}-${randomUUID().slice(0, 8)}`, stats)));

  it('the worker killed with SIGKILL at random points: a new worker finishes every case, once', async () => {
    const stats = newStats();
    let kills = 0;
    let running = true;
    const lifecycles = runLifecycles(8, 'worker-kill', stats).finally(() => (running = false));
    const chaos = (async () => {
      while (running && kills < 4) {
        await afterRequests(stats, stats.requests + between(3, 15), () => running);
        if (!running) break;
        await kill(worker, 'SIGKILL');
        kills++;
        await sleep(between(0, 1500));
        await startWorker();
      }
    })();
    const ids = await lifecycles;
    await chaos;
    console.log(`worker SIGKILL: ${kills} kills, ${ids.length} cases, ${stats.requests} requests, ${stats.retried503} answered 503 and retried, ${stats.serverErrors.length} other 5xx`);
    expect(kills).toBeGreaterThan(0);
    await expectConverged(ids, stats);
  });

  it('PostgreSQL stopped mid-run: the API answers 503, activities retry, projections converge after it returns', async () => {
    const stats = newStats();
    const lifecycles = runLifecycles(6, 'pg-stop', stats);
    await afterRequests(stats, between(5, 20));
    await pg.shutDown();
    const down = await fetch(`${apiUrl}/ready`).then(async (r) => ({ status: r.status, body: await r.json() }));
    await sleep(4000);
    await pg.startAgain();
    const ids = await lifecycles;
    console.log(`PostgreSQL stopped 4 s: ${ids.length} cases, ${stats.requests} requests, ${stats.retried503} answered 503 and retried, ${stats.serverErrors.length} other 5xx`);
    expect(down.status).toBe(503);
    await expectConverged(ids, stats);
  });

  it('the API killed with SIGKILL while clients retry with the same keys: every action applied once', async () => {
    const stats = newStats();
    let kills = 0;
    let running = true;
    const lifecycles = runLifecycles(6, 'api-kill', stats).finally(() => (running = false));
    const chaos = (async () => {
      while (running && kills < 2) {
        await afterRequests(stats, stats.requests + between(3, 12), () => running);
        if (!running) break;
        await kill(api, 'SIGKILL');
        kills++;
        await startApi();
      }
    })();
    const ids = await lifecycles;
    await chaos;
    console.log(`API SIGKILL: ${kills} kills, ${ids.length} cases, ${stats.requests} requests, ${stats.connectionErrors} refused or cut connections retried, ${stats.serverErrors.length} 5xx`);
    expect(kills).toBeGreaterThan(0);
    await expectConverged(ids, stats);
  });

  it('the Temporal server stopped and started again mid-run: the API answers 503 meanwhile, every case finishes once', async () => {
    const stats = newStats();
    const lifecycles = runLifecycles(6, 'temporal-restart', stats);
    await afterRequests(stats, between(5, 20));
    await temporalServer.stop();
    const down = await fetch(`${apiUrl}/ready`).then((r) => r.status);
    await sleep(3000);
    await startTemporal();
    const ids = await lifecycles;
    console.log(`Temporal server restarted: ${ids.length} cases, ${stats.requests} requests, ${stats.retried503} answered 503 and retried, ${stats.serverErrors.length} other 5xx`);
    expect(down).toBe(503);
    await expectConverged(ids, stats);
  });
});
