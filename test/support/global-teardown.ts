import fs from 'node:fs';
import path from 'node:path';
import { adminQuery } from '../../db/admin-query';
import type { DevServer } from '../../platform/temporal';

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as Record<string, unknown>).__riskdesk as
    | { server?: DevServer; adminUrl: string; dbName: string; bundlePath: string }
    | undefined;
  if (!state) return;
  await state.server?.stop();
  await adminQuery(state.adminUrl, `DROP DATABASE IF EXISTS ${state.dbName} WITH (FORCE)`);
  fs.rmSync(path.dirname(state.bundlePath), { recursive: true, force: true });
}

