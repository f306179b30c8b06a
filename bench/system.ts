import type { INestApplication } from '@nestjs/common';
import { Connection, type Client } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createApiApp } from '../api/bootstrap';
import { loadConfig } from '../config/env';
import { createDataSource } from '../db/data-source';
import { actorProofKeys } from '../platform/actor-proof-client';
import { freePort } from '../platform/free-port';
import { bundleWorkflows, createWorker } from '../worker/worker';
import type { WorkerTuning } from '../worker/worker-options';
import { explain, type BenchInfra, type Teardown } from './infra';
import { signedClient } from './signed-client';

/**
 * Riskdesk as the benchmarks run it: a signed client, the production worker (bundled with the proof
 * keys, plus the baseline workflow), and the HTTP API built by createApiApp, all in this process.
 */
export interface BenchSystem {
  client: Client;
  taskQueue: string;
  proofSecret: string;
  /** Rejects when the worker stops or fails: race long work against it. */
  workerStopped: Promise<never>;
  guarded<T>(work: Promise<T>): Promise<T>;
}

export async function startSystem(
  infra: BenchInfra,
  opts: {
    namespace: string;
    log: (msg: string) => void;
    tuning?: WorkerTuning;
  },
  teardown: Teardown,
): Promise<BenchSystem> {
  const taskQueue = `bench-${randomUUID()}`;
  const connection = await explain('connecting the client', Connection.connect({ address: infra.temporalAddress }));
  teardown.push('client connection', () => connection.close());
  // Signed as the API's and the worker's clients are: the workflows accept nothing else.
  const proofSecret = randomBytes(32).toString('hex');
  const client = signedClient(connection, opts.namespace, proofSecret);
  const workerConnection = await explain(`connecting to Temporal at ${infra.temporalAddress}`, NativeConnection.connect({ address: infra.temporalAddress }));
  teardown.push('worker connection', () => workerConnection.close());
  opts.log('bundling workflows and starting the worker');
  const worker = await explain(
    'creating the worker',
    (async () =>
      createWorker({
        connection: workerConnection,
        namespace: opts.namespace,
        taskQueue,
        dataSource: infra.dataSource,
        temporal: client,
        workflowBundle: await bundleWorkflows(actorProofKeys(proofSecret), require.resolve('./workflows'), { stackFrames: opts.tuning?.workflowStackFrames }),
        tuning: opts.tuning,
      }))(),
  );
  const running = worker.run();
  teardown.push('worker', async () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running;
  });
  const workerStopped = running.then(
    () => Promise.reject(new Error('the worker stopped during the benchmark')),
    (err: unknown) => Promise.reject(new Error(`the worker failed: ${(err as Error).message}`)),
  );
  workerStopped.catch(() => undefined);
  return { client, taskQueue, proofSecret, workerStopped, guarded: (work) => Promise.race([work, workerStopped]) };
}

/**
 * The HTTP API as `npm run api` builds it (createApiApp), in this process, on its own connection pool,
 * on a free port. Writes are not rate-limited per user here: a few bench users make every write.
 */
export async function startApi(
  databaseUrl: string,
  temporal: Client,
  taskQueue: string,
  teardown: Teardown,
  env: Record<string, string> = {},
): Promise<{ baseUrl: string; jwtSecret: string; dataSource: DataSource }> {
  const jwtSecret = randomBytes(32).toString('hex');
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: databaseUrl,
    TEMPORAL_TASK_QUEUE: taskQueue,
    JWT_SECRET: jwtSecret,
    RATE_LIMIT_WRITES_PER_MINUTE: '100000',
    ...env,
  });
  const dataSource = await explain('connecting the API pool', createDataSource(databaseUrl, { applicationName: 'riskdesk-bench-api', poolSize: config.DB_POOL_SIZE }).initialize());
  teardown.push('API pool', () => dataSource.destroy());
  const app: INestApplication = await explain('starting the API', createApiApp({ config, dataSource, temporal }));
  const port = await freePort();
  await app.listen(port, '127.0.0.1');
  teardown.push('API', () => app.close());
  return { baseUrl: `http://127.0.0.1:${port}`, jwtSecret, dataSource };
}
