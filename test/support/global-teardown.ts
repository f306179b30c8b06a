import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import type { DevServer } from '../../platform/temporal';

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as Record<string, unknown>).__riskdesk as
    | { server?: DevServer; adminUrl: string; dbName: string; bundlePath: string }
    | undefined;
  if (!state) return;
  await state.server?.stop();
  const admin = new Client({ connectionString: state.adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${state.dbName} WITH (FORCE)`);
  await admin.end();
  fs.rmSync(path.dirname(state.bundlePath), { recursive: true, force: true });
}
