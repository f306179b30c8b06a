import 'reflect-metadata';
import { NativeConnection } from '@temporalio/worker';
import { actorProofKeys } from '../../platform/actor-proof-client';
import { connectClient } from '../../platform/temporal';
import { createDataSource } from '../../db/data-source';
import { createWorker } from '../../worker/worker';

/**
 * A worker in a process of its own, for fault tests that kill it with SIGKILL: the production
 * composition root (createWorker) with the run's pre-built workflow bundle, so a restarted worker
 * polls within seconds instead of bundling again. Configured by environment: DATABASE_URL,
 * TEMPORAL_ADDRESS, TEMPORAL_TASK_QUEUE, WORKFLOW_BUNDLE, ACTOR_PROOF_SECRET.
 */
async function main(): Promise<void> {
  const env = (name: string) => {
    const v = process.env[name];
    if (!v) throw new Error(`${name} is required`);
    return v;
  };
  const keys = actorProofKeys(env('ACTOR_PROOF_SECRET'));
  const dataSource = await createDataSource(env('DATABASE_URL'), {
    applicationName: 'riskdesk-fault-worker',
    poolSize: 4,
    timeouts: { connectMs: 2000, statementMs: 5000 },
  }).initialize();
  const connection = await NativeConnection.connect({ address: env('TEMPORAL_ADDRESS') });
  const temporal = await connectClient(env('TEMPORAL_ADDRESS'), 'default', keys);
  const worker = await createWorker({
    connection,
    temporal,
    namespace: 'default',
    taskQueue: env('TEMPORAL_TASK_QUEUE'),
    dataSource,
    workflowBundle: { codePath: env('WORKFLOW_BUNDLE') },
  });
  const running = worker.run();
  console.log('fault-worker polling');
  await running;
  await connection.close();
  await temporal.connection.close();
  await dataSource.destroy();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
