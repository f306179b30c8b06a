import type { DataSource } from 'typeorm';
import { captureQueries, explainQueries, timeQueries } from '../../bench/explain';
import { createScratchDatabase } from '../support/scratch-database';

/**
 * What bench:read reports beside each route's latency (bench/explain.ts), on a scratch database: the
 * SQL time of a request, and a plan per query and parameters.
 */
describe('bench:read SQL time and plans (real PostgreSQL)', () => {
  let ds: DataSource;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ dataSource: ds, drop } = await createScratchDatabase('bench_explain', { seed: false }));
  });
  afterAll(() => drop?.());

  it("sums the statements' time until taken, starts again after, and stops when detached", async () => {
    const sql = timeQueries(ds);
    await Promise.all([ds.query('SELECT pg_sleep(0.05)'), ds.query('SELECT pg_sleep(0.05)')]);
    const both = sql.take();
    // Two statements of 50 ms each, run at once: both counted (sums, not wall time of the request).
    expect(both).toBeGreaterThanOrEqual(100);
    expect(both).toBeLessThan(5_000);
    expect(sql.take()).toBe(0);
    await ds.query('SELECT pg_sleep(0.02)');
    expect(sql.take()).toBeGreaterThanOrEqual(20);
    sql.detach();
    await ds.query('SELECT pg_sleep(0.02)');
    expect(sql.take()).toBe(0);
  });

  it('explains the same SQL again with other parameters, not with the same ones', async () => {
    const run = (n: number) => ds.query('SELECT relname FROM pg_class WHERE relpages >= $1', [n]);
    const seen = new Set<string>();
    const first = await explainQueries(ds, await captureQueries(ds, () => run(0)), seen);
    const again = await explainQueries(ds, await captureQueries(ds, () => run(0)), seen);
    const other = await explainQueries(ds, await captureQueries(ds, () => run(1)), seen);
    expect(first.join('\n')).toMatch(/Execution Time/);
    expect(again).toEqual([expect.stringMatching(/\(plan above\)$/)]);
    expect(other.join('\n')).toMatch(/Execution Time/);
  });
});
