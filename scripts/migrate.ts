import 'reflect-metadata';
import { loadConfig, requireSet } from '../config/env';
import { createDataSource, migrate } from '../db/data-source';
import { runMain } from '../platform/process';

/** `npm run migrate`: applies pending migrations to DATABASE_URL and exits. */
runMain(async () => {
  const config = loadConfig();
  requireSet(config, ['DATABASE_URL']);
  const ds = await createDataSource(config.DATABASE_URL!, { poolSize: 2, applicationName: 'riskdesk-migrate' }).initialize();
  try {
    const applied = await migrate(ds);
    console.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database schema is up to date');
  } finally {
    await ds.destroy();
  }
  process.exit(0);
});
