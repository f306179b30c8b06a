import { Client } from 'pg';
import { DevServerStartError } from '../../platform/temporal';
import { fakeTemporalCli, FakeTemporalCli } from '../support/fake-temporal-cli';
import globalSetup from '../support/global-setup';

/**
 * The test run's own setup, when the dev server will not start: it fails with the server's error and
 * leaves no database behind. jest runs no teardown after a failed setup, and before this each such run
 * left a migrated `riskdesk_test_…` database on the server.
 */
describe('the test run setup when the dev server will not start', () => {
  let cli: FakeTemporalCli;
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

  // Without TEMPORAL_ADDRESS the setup starts a server of its own, with this CLI.
  beforeAll(() => {
    cli = fakeTemporalCli(() => ['echo "panic: runtime error" >&2', 'exit 2'], { unset: ['TEMPORAL_ADDRESS'] });
  });
  afterAll(() => cli.restore());

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
