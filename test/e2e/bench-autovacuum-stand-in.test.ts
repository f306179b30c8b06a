import type { DataSource } from 'typeorm';
import { analyzeWhereAutovacuumIsOff } from '../../bench/autovacuum-stand-in';
import { createScratchDatabase } from '../support/scratch-database';

/**
 * bench:scale's stand-in for autovacuum (bench/autovacuum-stand-in.ts): on a server whose autovacuum
 * is off, as this machine's is, it analyzes the benchmark's database on a timer, so the plans the
 * connections keep are made again as the tables grow; on a server with autovacuum, it does nothing.
 */
describe("bench:scale's ANALYZE where the server's autovacuum is off (real PostgreSQL)", () => {
  let ds: DataSource;
  let drop: () => Promise<void>;

  beforeAll(async () => ({ dataSource: ds, drop } = await createScratchDatabase('autovacuum_stand_in', { seed: false })));
  afterAll(() => drop?.());

  const analyzedCases = async () => {
    await ds.query('SELECT pg_stat_clear_snapshot()');
    const [{ n }] = await ds.query(`SELECT analyze_count::int AS n FROM pg_stat_user_tables WHERE relname = 'cases'`);
    return n as number;
  };

  it('analyzes on its timer only when autovacuum is off, and stops', async () => {
    const [{ autovacuum }] = await ds.query(`SELECT current_setting('autovacuum') AS autovacuum`);
    const before = await analyzedCases();
    const messages: string[] = [];
    const analyzer = await analyzeWhereAutovacuumIsOff(ds, (m) => messages.push(m), 50);
    expect(analyzer.running).toBe(autovacuum === 'off');
    let after = before;
    for (let i = 0; i < 100 && after === before && analyzer.running; i++) {
      await new Promise((r) => setTimeout(r, 100));
      after = await analyzedCases();
    }
    await analyzer.stop();
    expect(after > before).toBe(autovacuum === 'off');
    expect(messages).toEqual([]);
    // Stopped: no ANALYZE after it. A backend reports its statistics within a second or so, so the
    // count is read once they have settled, then again after ten of the timer's periods.
    await new Promise((r) => setTimeout(r, 1500));
    const stoppedAt = await analyzedCases();
    await new Promise((r) => setTimeout(r, 500));
    expect(await analyzedCases()).toBe(stoppedAt);
  });
});
