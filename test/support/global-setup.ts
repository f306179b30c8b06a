import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { adminQuery } from '../../db/admin-query';
import { createDataSource, migrate } from '../../db/data-source';
import { seedTeams } from '../../api/teams/team-seed';
import { seedDemoRoster } from '../../db/seed/demo-roster';
import { seedDemoSellers } from '../../db/seed/sellers';
import { startDevServerOnFreePort, type DevServer } from '../../platform/temporal';
import { actorProofKeys } from '../../platform/actor-proof-client';
import { bundleWorkflows } from '../../worker/worker';
import { TEST_ACTOR_PROOF_SECRET, TEST_DEMO_CAPACITY, TEST_ENV } from './env';

/**
 * Once per `npm test`: a fresh PostgreSQL database (on DATABASE_URL's server, else the local one),
 * migrated; a real Temporal dev server (or TEMPORAL_ADDRESS's, reused); one workflow bundle. A setup
 * that fails part way removes what it had made (jest runs no teardown then): before, a dev server that
 * would not start left each failed run's database behind.
 */
export default async function globalSetup(): Promise<void> {
  const adminUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const dbName = `riskdesk_test_${process.pid}_${Date.now()}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${dbName}`);
  let server: DevServer | undefined;
  let bundleDir: string | undefined;
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${dbName}`;
    const ds = await createDataSource(url.toString(), { poolSize: 2 }).initialize();
    try {
      await migrate(ds);
      await seedTeams(ds);
      await seedDemoRoster(ds);
      await seedDemoSellers(ds);
      await ds.query(`UPDATE roster_members SET capacity = $1 WHERE role IN ('specialist', 'senior_specialist')`, [TEST_DEMO_CAPACITY]);
    } finally {
      await ds.destroy();
    }

    let address = process.env.TEMPORAL_ADDRESS;
    if (!address) {
      server = await startDevServerOnFreePort({ namespace: 'default', quiet: true });
      address = server.address;
    }

    const bundle = await bundleWorkflows(actorProofKeys(TEST_ACTOR_PROOF_SECRET));
    const code = 'code' in bundle ? bundle.code : '';
    bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'riskdesk-test-'));
    const bundlePath = path.join(bundleDir, 'workflows.js');
    fs.writeFileSync(bundlePath, code);

    process.env[TEST_ENV.databaseUrl] = url.toString();
    process.env[TEST_ENV.temporalAddress] = address;
    process.env[TEST_ENV.workflowBundle] = bundlePath;
    (globalThis as Record<string, unknown>).__riskdesk = { server, adminUrl, dbName, bundlePath };
  } catch (err) {
    await server?.stop();
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    if (bundleDir) fs.rmSync(bundleDir, { recursive: true, force: true });
    throw err;
  }
}
