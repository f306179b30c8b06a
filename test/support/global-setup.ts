import fs from 'node:fs';
import { freePort } from '../../platform/free-port';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { createDataSource, migrate } from '../../db/data-source';
import { seedTeams } from '../../api/teams/team-seed';
import { seedDemoRoster } from '../../db/seed/demo-roster';
import { seedDemoSellers } from '../../db/seed/sellers';
import { DevServerStartError, startDevServer, type DevServer } from '../../platform/temporal';
import { actorProofKeys } from '../../platform/actor-proof-client';
import { bundleWorkflows } from '../../worker/worker';
import { TEST_ACTOR_PROOF_SECRET, TEST_DEMO_CAPACITY, TEST_ENV } from './env';

/**
 * Once per `npm test`: a fresh PostgreSQL database (on DATABASE_URL's server, else the local one),
 * migrated; a real Temporal dev server (or TEMPORAL_ADDRESS's, reused); one workflow bundle.
 */
export default async function globalSetup(): Promise<void> {
  const adminUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const dbName = `riskdesk_test_${process.pid}_${Date.now()}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const ds = await createDataSource(url.toString(), { poolSize: 2 }).initialize();
  await migrate(ds);
  await seedTeams(ds);
  await seedDemoRoster(ds);
  await seedDemoSellers(ds);
  await ds.query(`UPDATE roster_members SET capacity = $1 WHERE role IN ('specialist', 'senior_specialist')`, [TEST_DEMO_CAPACITY]);
  await ds.destroy();

  let server: DevServer | undefined;
  let address = process.env.TEMPORAL_ADDRESS;
  if (!address) {
    server = await startTestServer();
    address = server.address;
  }

  const bundle = await bundleWorkflows(actorProofKeys(TEST_ACTOR_PROOF_SECRET));
  const code = 'code' in bundle ? bundle.code : '';
  const bundlePath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'riskdesk-test-')), 'workflows.js');
  fs.writeFileSync(bundlePath, code);

  process.env[TEST_ENV.databaseUrl] = url.toString();
  process.env[TEST_ENV.temporalAddress] = address;
  process.env[TEST_ENV.workflowBundle] = bundlePath;
  (globalThis as Record<string, unknown>).__riskdesk = { server, adminUrl, dbName, bundlePath };
}

/**
 * The suite's dev server, on a free port. A start that exits at once is tried again, on a fresh port, up
 * to three times in all. Once, in a CI run on 6 December, the CLI exited with a Go panic at start-up
 * (code 2; the output kept then did not show its cause, see StartOutput) that three starts by hand
 * right after did not repeat. A server that runs but does not answer is not retried.
 */
async function startTestServer(): Promise<DevServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startDevServer({ port: await freePort(), namespace: 'default', quiet: true });
    } catch (err) {
      if (!(err instanceof DevServerStartError) || err.exitCode === undefined || attempt === 3) throw err;
      console.warn(`[global-setup] the Temporal dev server exited at start (attempt ${attempt} of 3), starting another:\n${err.message}`);
    }
  }
}
