import type { DataSource } from 'typeorm';

/** What a read-only transaction's work may do: run statements on its one connection. */
export type ReadOnlyQuery = <T = unknown>(sql: string, parameters?: unknown[]) => Promise<T[]>;

/**
 * Runs `work` in one read-only READ COMMITTED transaction under `timeoutMs` of statement_timeout.
 * The transaction opens with one round trip (BEGIN and SET LOCAL sent as one simple-protocol
 * string) where `dataSource.transaction` took four (START TRANSACTION, the isolation level, READ ONLY,
 * the timeout). On failure it rolls back and, as TypeORM's own transactions do, releases the
 * connection to the pool whether or not the rollback succeeded (a connection that errored is dropped
 * by the pool itself).
 */
export async function readOnlyTransaction<T>(dataSource: DataSource, timeoutMs: number, work: (query: ReadOnlyQuery) => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`BEGIN ISOLATION LEVEL READ COMMITTED, READ ONLY; SET LOCAL statement_timeout = ${Math.max(1, Math.round(timeoutMs))}`);
    try {
      const result = await work((sql, parameters) => runner.query(sql, parameters));
      await runner.query('COMMIT');
      return result;
    } catch (err) {
      await runner.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  } finally {
    await runner.release();
  }
}
