import { QueryFailedError, type DataSource } from 'typeorm';
import { readOnlyTransaction } from '../../db/read-only-transaction';
import { captureQueries } from '../../bench/explain';
import { createScratchDatabase } from '../support/scratch-database';

/**
 * The read-only transaction the metric and Prometheus reads run in: read only, under its own statement
 * timeout, opened in one round trip, and leaving nothing behind on the pooled connection, whether the
 * work succeeded or failed.
 */
describe('readOnlyTransaction (real PostgreSQL)', () => {
  let ds: DataSource;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ dataSource: ds, drop } = await createScratchDatabase('read_only_tx', { seed: false }));
  });
  afterAll(() => drop?.());

  const codeOf = (err: unknown) => (err instanceof QueryFailedError ? (err.driverError as { code?: string }).code : undefined);
  const failure = async (work: Promise<unknown>) => work.then(() => undefined, (err: unknown) => err);

  it('runs the work in one READ COMMITTED, read-only transaction under the given statement timeout', async () => {
    const seen = await readOnlyTransaction(ds, 1234, async (query) => {
      const [row] = await query<{ iso: string; ro: string; timeout: string; started: Date }>(
        `SELECT current_setting('transaction_isolation') AS iso, current_setting('transaction_read_only') AS ro,
                current_setting('statement_timeout') AS timeout, now() AS started`,
      );
      // Both statements in the same transaction: now() is its start.
      const [again] = await query<{ started: Date }>(`SELECT now() AS started`);
      return { ...row, same: again.started.getTime() === row.started.getTime() };
    });
    expect(seen).toMatchObject({ iso: 'read committed', ro: 'on', timeout: '1234ms', same: true });
  });

  it('opens with one round trip, then the statements, then COMMIT', async () => {
    const queries = await captureQueries(ds, () => readOnlyTransaction(ds, 500, (query) => query('SELECT $1::int AS n', [1])));
    expect(queries.map((q) => q.sql)).toEqual(['BEGIN ISOLATION LEVEL READ COMMITTED, READ ONLY; SET LOCAL statement_timeout = 500', 'SELECT $1::int AS n', 'COMMIT']);
  });

  it('refuses a write (25006), rolls back, and the connection is clean for the next user', async () => {
    const err = await failure(readOnlyTransaction(ds, 5000, (query) => query(`CREATE TABLE nope (id int)`)));
    expect(codeOf(err)).toBe('25006');
    await expectCleanPool();
  });

  it('a statement past the timeout is cancelled (57014), and the timeout does not outlive the transaction', async () => {
    const err = await failure(readOnlyTransaction(ds, 100, (query) => query(`SELECT pg_sleep(2)`)));
    expect(codeOf(err)).toBe('57014');
    await expectCleanPool();
  });

  it('an error thrown by the work itself rolls back too', async () => {
    await expect(readOnlyTransaction(ds, 5000, async () => Promise.reject(new Error('the caller gave up')))).rejects.toThrow('the caller gave up');
    await expectCleanPool();
  });

  /** Every pooled connection answers outside any transaction, with the server's statement timeout. */
  async function expectCleanPool(): Promise<void> {
    const runners = await Promise.all(Array.from({ length: 4 }, async () => {
      const r = ds.createQueryRunner();
      await r.connect();
      return r;
    }));
    try {
      for (const r of runners) {
        const [row] = await r.query(`SELECT current_setting('statement_timeout') AS timeout, now() = statement_timestamp() AS outside`);
        expect(row.timeout).not.toMatch(/^(100|500|1234|5000)ms$/);
        expect(row.outside).toBe(true);
      }
    } finally {
      await Promise.all(runners.map((r) => r.release()));
    }
  }
});
