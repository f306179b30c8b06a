import 'reflect-metadata';
import { loadConfig, requireSet } from '../config/env';
import { createDataSource, databaseTimeouts } from '../db/data-source';
import { actorProofKeysFrom } from '../platform/actor-proof-client';
import { connectClient, temporalAddress } from '../platform/temporal';
import { runMain } from '../platform/process';
import { createApiApp } from './bootstrap';

/** `npm run api`: the HTTP API alone, for deployments where the worker runs elsewhere. */
runMain(async () => {
  const config = loadConfig();
  requireSet(config, ['DATABASE_URL', 'JWT_SECRET', 'ACTOR_PROOF_SECRET']);
  const dataSource = await createDataSource(config.DATABASE_URL!, {
    applicationName: 'riskdesk-api',
    poolSize: config.DB_POOL_SIZE,
    timeouts: databaseTimeouts(config),
  }).initialize();
  const temporal = await connectClient(temporalAddress(config), config.TEMPORAL_NAMESPACE, actorProofKeysFrom(config));
  const app = await createApiApp({ config, dataSource, temporal });
  await app.listen(config.PORT, config.HOST);
  console.log(`Riskdesk API on http://localhost:${config.PORT} (web console at /console/, docs at /docs)`);
  return async () => {
    await app.close();
    await temporal.connection.close();
    await dataSource.destroy();
  };
});
