import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { DevServerStartError } from '../../platform/temporal';
import globalSetup from '../support/global-setup';

/**
 * The test run's own setup, when the dev server will not start: it fails with the server's error and
 * leaves no database behind. jest runs no teardown after a failed setup, and before this each such run
 * left a migrated `riskdesk_test_…` database on the server.
 */
describe('the test run setup when the dev server will not start', () => {
  let dir: string;
  const saved = { cli: process.env.TEMPORAL_CLI_PATH, address: process.env.TEMPORAL_ADDRESS };
  const adminUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const leftBehind = async (): Promise<string[]> => {
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      // The setup names its database after the process it runs in: this one, here.
      const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`riskdesk_test_${process.pid}_%`]);
      return rows.map((r) => r.datname);
    } finally {
      await admin.end();
    }
  };

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'riskdesk-dead-cli-'));
    const cli = path.join(dir, 'temporal');
    writeFileSync(cli, '#!/bin/sh\necho "panic: runtime error" >&2\nexit 2\n');
    chmodSync(cli, 0o755);
    process.env.TEMPORAL_CLI_PATH = cli;
    delete process.env.TEMPORAL_ADDRESS;
  });
  afterAll(() => {
    for (const [name, value] of [['TEMPORAL_CLI_PATH', saved.cli], ['TEMPORAL_ADDRESS', saved.address]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('fails with the dev server error and drops the database it created', async () => {
    // Run in band, this process is the one whose setup made the run's own database: it stays.
    const before = await leftBehind();
    // The setup says each retry on the console (the run's output); kept out of this test's.
    const warned = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const failure = await globalSetup().catch((err: unknown) => err);
    const notes = warned.mock.calls.map(([note]) => String(note).split('\n')[0]);
    warned.mockRestore();
    expect(notes).toEqual([
      'the Temporal dev server exited at start (attempt 1 of 3), starting another:',
      'the Temporal dev server exited at start (attempt 2 of 3), starting another:',
    ]);
    expect(failure).toBeInstanceOf(DevServerStartError);
    expect((failure as DevServerStartError).message).toContain('panic: runtime error');
    expect(await leftBehind()).toEqual(before);
  });
});
