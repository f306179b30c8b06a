import type { INestApplication } from '@nestjs/common';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import type { DataSource } from 'typeorm';
import { Connection } from '@temporalio/client';
import { createApiApp } from '../../api/bootstrap';
import { seedTeams } from '../../api/teams/team-seed';
import { loadConfig } from '../../config/env';
import { createDataSource, databaseTimeouts, migrate } from '../../db/data-source';
import { seedDemoRoster } from '../../db/seed/demo-roster';
import { createWorker } from '../../worker/worker';
import { required, TEST_DEMO_CAPACITY, TEST_ENV } from '../support/env';
import { bearer, signedClient, TEST_JWT_SECRET } from '../support/harness';

// Plain JS so npm install and .ci/run can use it before TypeScript is compiled.
const { findSchemathesis } = require('../../scripts/schemathesis.js') as {
  findSchemathesis(opts: { install: boolean }): { path: string | null; problem?: string };
};

/**
 * Schemathesis (PyPI) fuzzes the API from its own OpenAPI document, as several roles, against a real
 * API, worker, Temporal and a PostgreSQL database of this file's own (so whatever it creates or
 * changes cannot touch the other tests' data). The run must find no 5xx, no status code or body the
 * document does not list, no schema-valid request refused, no invalid request accepted, and no
 * undocumented method answered (405). Bounded by --max-examples and --max-time per role.
 */
const ROLES = ['olga', 'max', 'ana', 'lea'];
const MAX_EXAMPLES = Number(process.env.FUZZ_MAX_EXAMPLES ?? 12);
const MAX_SECONDS_PER_ROLE = Number(process.env.FUZZ_MAX_SECONDS ?? 30);
// Fixed so a failure can be replayed; FUZZ_SEED explores other inputs.
const SEED = process.env.FUZZ_SEED ?? '20261202';

describe('OpenAPI fuzzing (schemathesis)', () => {
  const adminUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const dbName = `riskdesk_fuzz_${process.pid}_${Date.now()}`;
  let dataSource: DataSource;
  let connection: Connection;
  let workerConnection: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  let app: INestApplication;
  let baseUrl: string;
  let reportDir: string;

  beforeAll(async () => {
    const admin = new PgClient({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${dbName}`;
    const config = loadConfig({
      NODE_ENV: 'test',
      // Errors only: an unexpected 500 logs its stack, so a failing run shows the cause, not just the request.
      LOG_LEVEL: process.env.FUZZ_LOG_LEVEL ?? 'error',
      DATABASE_URL: url.toString(),
      TEMPORAL_TASK_QUEUE: `fuzz-${randomUUID()}`,
      JWT_SECRET: TEST_JWT_SECRET,
      // The fuzzer is one client making thousands of writes: the limit would answer most of them 429.
      RATE_LIMIT_WRITES_PER_MINUTE: '100000',
      // GET /metrics on, as Prometheus would have it: the fuzzer's user tokens must be refused there (401).
      METRICS_TOKEN: 'fuzz-metrics-token-0123456789abcdef0123456789',
    });
    dataSource = await createDataSource(url.toString(), { poolSize: 4, timeouts: databaseTimeouts(config) }).initialize();
    await migrate(dataSource);
    await seedTeams(dataSource);
    await seedDemoRoster(dataSource);
    await dataSource.query(`UPDATE roster_members SET capacity = $1 WHERE role IN ('specialist', 'senior_specialist')`, [TEST_DEMO_CAPACITY]);
    await dataSource.query('CREATE TABLE fuzz_roster_snapshot AS SELECT * FROM roster_members');

    const address = required(TEST_ENV.temporalAddress);
    connection = await Connection.connect({ address });
    const client = signedClient(connection);
    workerConnection = await NativeConnection.connect({ address });
    worker = await createWorker({
      connection: workerConnection,
      temporal: client,
      namespace: 'default',
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      dataSource,
      workflowBundle: { codePath: required(TEST_ENV.workflowBundle) },
    });
    running = worker.run();
    app = await createApiApp({ config, dataSource, temporal: client });
    await app.listen(0, '127.0.0.1');
    baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'riskdesk-fuzz-'));
  });

  afterAll(async () => {
    await app?.close();
    if (worker?.getState() === 'RUNNING') worker.shutdown();
    await running;
    await workerConnection?.close();
    await connection?.close();
    await dataSource?.destroy();
    const admin = new PgClient({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
    fs.rmSync(reportDir, { recursive: true, force: true });
  });

  it.each(ROLES)('finds no server error, undocumented answer or wrongly refused request as %s', async (user) => {
    const st = findSchemathesis({ install: true });
    if (!st.path) throw new Error(`schemathesis is needed for this test: ${st.problem}`);
    // An operator's or manager's run deactivates members and changes roles (PATCH /roster is fair game):
    // each role starts from the seeded roster, or a later role would be fuzzing with a revoked token.
    await dataSource.transaction(async (m) => {
      await m.query('DELETE FROM roster_members');
      await m.query('INSERT INTO roster_members SELECT * FROM fuzz_roster_snapshot');
    });
    const junit = path.join(reportDir, `${user}.xml`);
    const { code, output } = await run(
      st.path,
      [
        '--config-file',
        path.join(__dirname, 'schemathesis.toml'),
        'run',
        `${baseUrl}/openapi.json`,
        '--header',
        `Authorization: ${bearer(user, '2h')}`,
        '--phases',
        'examples,coverage,fuzzing',
        '--max-examples',
        String(MAX_EXAMPLES),
        '--max-time',
        String(MAX_SECONDS_PER_ROLE),
        // One worker: CPython 3.11 intermittently fails compiling schemathesis' regexes from several threads.
        '--workers',
        '1',
        '--request-timeout',
        '30',
        '--seed',
        SEED,
        '--generation-codec',
        'utf-8',
        '--suppress-health-check',
        'all',
        '--no-color',
        '--report',
        'junit',
        '--report-junit-path',
        junit,
      ],
      MAX_SECONDS_PER_ROLE * 4,
      reportDir,
    );
    const requests = Number(/(\d+) (?:generated|test cases?)/i.exec(output)?.[1] ?? NaN);
    console.log(`schemathesis as ${user}: exit ${code}; ${output.split('\n').filter((l) => /generated|passed|failed|errors?\b|Seed/i.test(l)).slice(-6).join(' | ')}`);
    if (process.env.FUZZ_LOG_DIR) fs.writeFileSync(path.join(process.env.FUZZ_LOG_DIR, `${user}.log`), output);
    if (code !== 0) throw new Error(`schemathesis found problems as ${user} (exit ${code}):\n${failuresOf(output)}`);
    expect(Number.isNaN(requests) || requests > 0).toBe(true);
  }, (MAX_SECONDS_PER_ROLE * 4 + 30) * 1000);
});

/** The run's FAILURES section first (each failing request with its curl line), then the summary. */
function failuresOf(output: string): string {
  const start = output.search(/^=+ FAILURES =+$/m);
  const failures = start >= 0 ? output.slice(start, start + 15_000) : '';
  return `${failures}\n...\n${output.slice(-3_000)}`;
}

/** Runs in `cwd` (a temporary folder): schemathesis and hypothesis keep their caches in the working directory. */
function run(command: string, args: string[], timeoutSeconds: number, cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PYTHONUNBUFFERED: '1' } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutSeconds * 1000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
