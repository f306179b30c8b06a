import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createApiApp } from '../../api/bootstrap';
import { loadConfig } from '../../config/env';
import { createDataSource } from '../../db/data-source';
import { signAccessToken } from '../../platform/access-tokens';
import { actorProofInterceptor, actorProofKeys } from '../../platform/actor-proof-client';
import { createWorker, type WorkerDeps } from '../../worker/worker';
import { required, TEST_ACTOR_PROOF_SECRET, TEST_ENV } from './env';

/**
 * The real system, assembled for one test file: the run's PostgreSQL database, the run's Temporal
 * server, a worker on a task queue of this file's own, and (optionally) the HTTP API in-process.
 */
export interface IntegrationContext {
  dataSource: DataSource;
  client: Client;
  taskQueue: string;
  readonly app?: INestApplication;
  /** Stops the worker only (to test a restart); `startWorker` brings a new one up. */
  stopWorker(): Promise<void>;
  startWorker(): Promise<void>;
  /** Closes the HTTP API (as if its process died) and starts a new one on the same database and Temporal. */
  restartApi(): Promise<void>;
  close(): Promise<void>;
}

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-signing';

/** `Authorization` header value for a demo roster member (see db/seed/demo-roster.ts). */
export function bearer(userId: string, ttl = '10m', secret = TEST_JWT_SECRET): string {
  return `Bearer ${signAccessToken(userId, secret, ttl)}`;
}

/** A Temporal client that signs what it sends, as the API's and the worker's do (actor proofs). */
export function signedClient(connection: Connection): Client {
  return new Client({ connection, namespace: 'default', interceptors: { workflow: [actorProofInterceptor(actorProofKeys(TEST_ACTOR_PROOF_SECRET))] } });
}

export async function openTestDatabase(): Promise<DataSource> {
  return createDataSource(required(TEST_ENV.databaseUrl), { poolSize: 4, applicationName: 'riskdesk-test' }).initialize();
}

export interface IntegrationOptions {
  api?: boolean;
  env?: Record<string, string>;
  /** Stand-ins for outside systems the worker talks to (the marketplace's enforcement system). */
  worker?: Pick<WorkerDeps, 'enforcementGateway' | 'riskModel' | 'webhooks'>;
}

export async function createIntegrationContext(opts: IntegrationOptions = {}): Promise<IntegrationContext> {
  const address = required(TEST_ENV.temporalAddress);
  const taskQueue = `test-${randomUUID()}`;
  const dataSource = await openTestDatabase();
  const connection = await Connection.connect({ address });
  const client = signedClient(connection);
  const workerConnection = await NativeConnection.connect({ address });

  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  const startWorker = async () => {
    worker = await createWorker({
      connection: workerConnection,
      temporal: client,
      namespace: 'default',
      taskQueue,
      dataSource,
      workflowBundle: { codePath: required(TEST_ENV.workflowBundle) },
      ...opts.worker,
    });
    running = worker.run();
  };
  const stopWorker = async () => {
    if (worker?.getState() === 'RUNNING') worker.shutdown();
    await running;
    worker = undefined;
  };
  await startWorker();

  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: required(TEST_ENV.databaseUrl),
    TEMPORAL_ADDRESS: address,
    TEMPORAL_TASK_QUEUE: taskQueue,
    JWT_SECRET: TEST_JWT_SECRET,
    ...opts.env,
  });
  const startApi = async () => {
    const created = await createApiApp({ config, dataSource, temporal: client });
    await created.init();
    return created;
  };
  let app: INestApplication | undefined = opts.api ? await startApi() : undefined;

  return {
    dataSource,
    client,
    taskQueue,
    get app() {
      return app;
    },
    stopWorker,
    startWorker,
    async restartApi() {
      await app?.close();
      app = await startApi();
    },
    async close() {
      await app?.close();
      await stopWorker();
      await workerConnection.close();
      await connection.close();
      await dataSource.destroy();
    },
  };
}

