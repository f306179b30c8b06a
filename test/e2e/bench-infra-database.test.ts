import { Client } from 'pg';
import { startInfra, Teardown } from '../../bench/infra';

const ADMIN_URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/**
 * The benchmarks' database on the run's PostgreSQL server (bench/infra.ts): a fresh one, migrated,
 * dropped when the benchmark stops, or left in place when asked (`bench:read -- --keep-db=1`). A
 * Temporal address is given, so no dev server starts (startInfra does not connect to it).
 */
describe('benchmark database: dropped at the end unless kept (real PostgreSQL)', () => {
  const exists = async (name: string): Promise<boolean> => {
    const admin = new Client({ connectionString: ADMIN_URL });
    await admin.connect();
    try {
      return (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name])).rowCount === 1;
    } finally {
      await admin.end();
    }
  };
  const start = async (keepDatabase: boolean) => {
    const teardown = new Teardown();
    const logged: string[] = [];
    const infra = await startInfra(
      { databaseUrl: ADMIN_URL, temporalAddress: '127.0.0.1:1', namespace: 'default', dataDir: '/tmp', log: (m) => logged.push(m), keepDatabase },
      teardown,
    );
    const name = new URL(infra.databaseUrl).pathname.slice(1);
    created.push(name);
    const [{ n }] = await infra.dataSource.query(`SELECT count(*)::int AS n FROM schema_migrations`);
    return { teardown, logged, name, migrations: n as number };
  };
  // Every database made here goes at the end, whatever the tests found.
  const created: string[] = [];
  afterAll(async () => {
    const admin = new Client({ connectionString: ADMIN_URL });
    await admin.connect();
    for (const name of created) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('creates and migrates a fresh database, and drops it when the benchmark stops', async () => {
    const { teardown, name, migrations } = await start(false);
    expect(migrations).toBeGreaterThan(20);
    expect(await exists(name)).toBe(true);
    expect(await teardown.run(() => undefined)).toEqual([]);
    expect(await exists(name)).toBe(false);
  });

  it('leaves it in place, named in the log, when asked to keep it', async () => {
    const { teardown, logged, name } = await start(true);
    expect(await teardown.run(() => undefined)).toEqual([]);
    expect(await exists(name)).toBe(true);
    expect(logged).toContain(`database ${name} is kept after the run (DROP DATABASE ${name} when done with it)`);
  });
});
