import 'reflect-metadata';
import { loadConfig, requireSet } from '../config/env';
import { createDataSource, databaseTimeouts } from '../db/data-source';
import { runMain } from '../platform/process';
import { actorProofKeysFrom } from '../platform/actor-proof-client';
import { connectClient, connectWorker, temporalAddress } from '../platform/temporal';
import { installWorkerTelemetry } from '../platform/worker-telemetry';
import { riskModelFor } from '../activities/risk/http-risk-model';
import { RulesRiskModel } from '../activities/risk/rules-risk-model';
import { createWorker } from './worker';
import { workerTuningFrom } from './worker-options';
import { webhookSettingsFrom } from '../platform/webhooks/webhook-settings';

/** `npm run worker`: the Temporal worker alone, for deployments. */
runMain(async () => {
  const config = loadConfig();
  requireSet(config, ['DATABASE_URL', 'ACTOR_PROOF_SECRET']);
  const metricsUrl = installWorkerTelemetry(config.WORKER_METRICS_ADDRESS);
  const actorProofKeys = actorProofKeysFrom(config);
  const dataSource = await createDataSource(config.DATABASE_URL!, {
    applicationName: 'riskdesk-worker',
    poolSize: config.DB_POOL_SIZE,
    timeouts: databaseTimeouts(config),
  }).initialize();
  const connection = await connectWorker(temporalAddress(config));
  const temporal = await connectClient(temporalAddress(config), config.TEMPORAL_NAMESPACE, actorProofKeys);
  const worker = await createWorker({
    temporal,
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    dataSource,
    actorProofKeys,
    riskModel: riskModelFor(config, new RulesRiskModel()),
    webhooks: webhookSettingsFrom(config),
    tuning: workerTuningFrom(config),
  });
  const running = worker.run();
  console.log(`Riskdesk worker polling task queue '${config.TEMPORAL_TASK_QUEUE}' on ${temporalAddress(config)}`);
  console.log(metricsUrl ? `Worker metrics (Prometheus) at ${metricsUrl}` : 'Worker metrics off (WORKER_METRICS_ADDRESS=off)');
  return async () => {
    // The SDK also reacts to SIGINT/SIGTERM; shut down only if it has not already begun.
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running;
    await connection.close();
    await temporal.connection.close();
    await dataSource.destroy();
  };
});
