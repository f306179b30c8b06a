import 'reflect-metadata';
import { seedTeams } from '../api/teams/team-seed';
import { loadConfig, requireSet } from '../config/env';
import { createDataSource, migrate } from '../db/data-source';
import { runMain } from '../platform/process';

/**
 * `npm run migrate`: applies pending migrations to DATABASE_URL, seeds the default teams that have no
 * row yet (routing needs them; existing rows are never changed), and exits.
 */
runMain(async () => {
  const config = loadConfig();
  requireSet(config, ['DATABASE_URL']);
  const ds = await createDataSource(config.DATABASE_URL!, { poolSize: 2, applicationName: 'riskdesk-migrate' }).initialize();
  try {
    const applied = await migrate(ds);
    console.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database schema is up to date');
    const teams = await seedTeams(ds);
    if (teams.seeded.length) console.log(`Seeded teams: ${teams.seeded.join(', ')}`);
    if (teams.inactive.length) console.log(`Seeded inactive (another team claims their rules): ${teams.inactive.join(', ')}`);
  } finally {
    await ds.destroy();
  }
  process.exit(0);
});
