import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { createApiApp } from '../api/bootstrap';
import { seedTeams } from '../api/teams/team-seed';
import { loadConfig } from '../config/env';
import { createDataSource, databaseTimeouts, migrate } from '../db/data-source';
import { seedDemoRoster } from '../db/seed/demo-roster';
import { seedDemoSellers } from '../db/seed/sellers';
import { startEmbeddedPostgres } from '../platform/embedded-postgres';
import { actorProofKeysFrom } from '../platform/actor-proof-client';
import { metricsTokenFile, metricsTokenFor } from '../platform/local-metrics-token';
import { actorProofSecretFor, jwtSecretFor } from '../platform/local-runtime';
import { runMain } from '../platform/process';
import { connectClient, connectWorker, setNamespaceRetention, startDevServer } from '../platform/temporal';
import { installWorkerTelemetry } from '../platform/worker-telemetry';
import { riskModelFor } from '../activities/risk/http-risk-model';
import { RulesRiskModel } from '../activities/risk/rules-risk-model';
import { createWorker } from '../worker/worker';
import { workerTuningFrom } from '../worker/worker-options';
import { webhookSettingsFrom } from '../platform/webhooks/webhook-settings';

/**
 * `npm start`: the whole system on embedded defaults. PostgreSQL from DATABASE_URL or embedded,
 * Temporal from TEMPORAL_ADDRESS or a dev server with SQLite and the Web UI, migrations, the worker
 * and the API in this process. Ctrl-C stops everything, in reverse order.
 */
runMain(async () => {
  const loaded = loadConfig();
  const config = { ...loaded, JWT_SECRET: jwtSecretFor(loaded), METRICS_TOKEN: metricsTokenFor(loaded), ACTOR_PROOF_SECRET: actorProofSecretFor(loaded) };
  const actorProofKeys = actorProofKeysFrom(config);
  const log = (msg: string) => console.log(`[riskdesk] ${msg}`);
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((e: unknown) => console.error(e));
  };

  try {
    // First: the dev server and the worker's connection would install the SDK's default runtime.
    const workerMetrics = installWorkerTelemetry(config.WORKER_METRICS_ADDRESS);
    const dataDir = path.resolve(config.DATA_DIR);
    fs.mkdirSync(dataDir, { recursive: true });

    let databaseUrl = config.DATABASE_URL;
    if (!databaseUrl) {
      log(`starting embedded PostgreSQL on port ${config.EMBEDDED_PG_PORT} (data in ${path.join(dataDir, 'postgres')})`);
      const db = await startEmbeddedPostgres({ dir: path.join(dataDir, 'postgres'), port: config.EMBEDDED_PG_PORT, log });
      stops.push(db.stop);
      databaseUrl = db.url;
    }
    const dataSource = await createDataSource(databaseUrl, {
      applicationName: 'riskdesk',
      poolSize: config.DB_POOL_SIZE,
      timeouts: databaseTimeouts(config),
    }).initialize();
    stops.push(() => dataSource.destroy());
    const applied = await migrate(dataSource);
    log(applied.length ? `applied migrations: ${applied.join(', ')}` : 'database schema is up to date');
    const teams = await seedTeams(dataSource);
    if (teams.seeded.length) log(`seeded teams: ${teams.seeded.join(', ')}${teams.inactive.length ? ` (inactive, rules taken: ${teams.inactive.join(', ')})` : ''}`);
    const seeded = config.SEED_DEMO_ROSTER ? await seedDemoRoster(dataSource) : [];
    const sellers = config.SEED_DEMO_ROSTER ? await seedDemoSellers(dataSource) : 0;
    if (sellers) log(`seeded ${sellers} demo sellers (import your own with npm run sellers:import -- file.csv)`);

    let address = config.TEMPORAL_ADDRESS;
    let uiUrl: string | null = null;
    if (!address) {
      log(`starting Temporal dev server on port ${config.TEMPORAL_DEV_PORT} (SQLite in ${path.join(dataDir, 'temporal.sqlite')})`);
      const server = await startDevServer({
        port: config.TEMPORAL_DEV_PORT,
        uiPort: config.TEMPORAL_UI_PORT,
        dbFile: path.join(dataDir, 'temporal.sqlite'),
        namespace: config.TEMPORAL_NAMESPACE,
        log,
      });
      stops.push(server.stop);
      address = server.address;
      await setNamespaceRetention(address, config.TEMPORAL_NAMESPACE, config.TEMPORAL_RETENTION_DAYS);
      log(`Temporal keeps closed workflows' histories for ${config.TEMPORAL_RETENTION_DAYS} days (TEMPORAL_RETENTION_DAYS); the read model keeps cases and their audit trail for good`);
      uiUrl = server.uiUrl;
    }

    const temporal = await connectClient(address, config.TEMPORAL_NAMESPACE, actorProofKeys);
    stops.push(() => temporal.connection.close());
    const workerConnection = await connectWorker(address);
    stops.push(() => workerConnection.close());
    const worker = await createWorker({
      temporal,
      connection: workerConnection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      dataSource,
      actorProofKeys,
      riskModel: riskModelFor(config, new RulesRiskModel()),
      webhooks: webhookSettingsFrom(config),
      tuning: workerTuningFrom(config),
    });
    const running = worker.run();
    stops.push(async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    });

    // The console links to workflows in the Web UI of the dev server started here, unless told another.
    const apiConfig = { ...config, TEMPORAL_UI_URL: config.TEMPORAL_UI_URL ?? uiUrl?.replace('127.0.0.1', 'localhost') ?? undefined };
    const app = await createApiApp({ config: apiConfig, dataSource, temporal });
    await app.listen(config.PORT, config.HOST);
    stops.push(() => app.close());

    const api = `http://localhost:${config.PORT}`;
    console.log(
      [
        '',
        'Riskdesk is running.',
        `  Web console:      ${api}/console/${config.DEV_SIGN_IN ? '  (development sign-in: pick a demo user)' : ''}`,
        `  API:              ${api}`,
        `  API docs:         ${api}/docs  (OpenAPI JSON: ${api}/openapi.json)`,
        `  Temporal:         ${address} (namespace ${config.TEMPORAL_NAMESPACE})`,
        uiUrl ? `  Temporal Web UI:  ${uiUrl}` : `  Temporal Web UI:  (external cluster: see its own UI)`,
        `  API metrics:      ${api}/metrics  (Prometheus; Authorization: Bearer ${loaded.METRICS_TOKEN ? '$METRICS_TOKEN' : `$(cat ${metricsTokenFile(config)})`})`,
        `  Worker metrics:   ${workerMetrics ?? 'off (WORKER_METRICS_ADDRESS=off)'}`,
        '',
        ...(seeded.length
          ? [
              'Demo roster (sign in to the console as any of them, or get a token with: npm run token -- <userId>):',
              ...seeded.map((m) => `  ${m.userId.padEnd(8)} ${m.role.padEnd(18)} ${m.team}`),
              '',
            ]
          : []),
        `Get a token with: ${tokenCommand(config)}`,
        '',
        'Press Ctrl-C to stop.',
        '',
      ].join('\n'),
    );
  } catch (err) {
    await stopAll();
    throw err;
  }
  return stopAll;
});

/**
 * How to get a token for this instance: `npm run token` finds the embedded database and the JWT
 * secret through DATA_DIR and EMBEDDED_PG_PORT, so it must be given the same values as `npm start`.
 */
function tokenCommand(config: { DATA_DIR: string; EMBEDDED_PG_PORT: number; DATABASE_URL?: string }): string {
  const env = [
    ...(config.DATA_DIR !== '.data' ? [`DATA_DIR=${config.DATA_DIR}`] : []),
    ...(!config.DATABASE_URL && config.EMBEDDED_PG_PORT !== 5488 ? [`EMBEDDED_PG_PORT=${config.EMBEDDED_PG_PORT}`] : []),
    ...(config.DATABASE_URL ? ['DATABASE_URL=<the same URL>'] : []),
    ...(process.env.JWT_SECRET ? ['JWT_SECRET=<the same secret>'] : []),
  ];
  return [...env, 'npm run -s token -- <userId>'].join(' ');
}

