import { adminQuery } from '../../db/admin-query';
import type { DataSource } from 'typeorm';
import { seedTeams } from '../../api/teams/team-seed';
import { createDataSource, migrate } from '../../db/data-source';
import { seedDemoRoster } from '../../db/seed/demo-roster';

/**
 * A database of a test's own on the run's PostgreSQL server, migrated and seeded like the shared one,
 * for tests whose rows must not show in other tests' lists. `drop()` removes it. `seed: false` leaves
 * it migrated and empty, for tests of the seed or of the migrations themselves.
 */
export async function createScratchDatabase(name: string, options: { seed?: boolean } = {}): Promise<{ dataSource: DataSource; drop(): Promise<void> }> {
  const adminUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const dbName = `riskdesk_${name}_${process.pid}_${Date.now()}`;
  const admin = (sql: string) => adminQuery(adminUrl, sql);
  await admin(`CREATE DATABASE ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const dataSource = await createDataSource(url.toString(), { poolSize: 4, applicationName: 'riskdesk-test' }).initialize();
  await migrate(dataSource);
  if (options.seed !== false) {
    await seedTeams(dataSource);
    await seedDemoRoster(dataSource);
  }
  return {
    dataSource,
    async drop() {
      await dataSource.destroy();
      await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    },
  };
}
