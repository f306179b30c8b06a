import type { DataSource } from 'typeorm';
import { measureCpu } from '../../bench/cpu';
import { createScratchDatabase } from '../support/scratch-database';

/**
 * The lifecycle benchmark's CPU accounting on a real PostgreSQL server on this machine: the work the
 * database did for a phase is found in its backends' counters, and this process's own work in its.
 */
describe('CPU per part of a benchmark phase (real PostgreSQL)', () => {
  let ds: DataSource;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ dataSource: ds, drop } = await createScratchDatabase('bench_cpu', { seed: false }));
  });
  afterAll(() => drop?.());

  it('counts the backends that served the phase, and nothing for a Temporal server it was not given', async () => {
    const { result, cpu } = await measureCpu({ dataSource: ds }, async () => {
      const [row] = await ds.query(`SELECT count(DISTINCT md5(g::text))::int AS s FROM generate_series(1, 300000) g`);
      return row.s as number;
    });
    expect(result).toBeGreaterThan(0);
    expect(cpu.temporal).toBeUndefined();
    // A few hundred thousand md5s keep a backend busy for tens of milliseconds at least.
    expect(cpu.postgres).toBeGreaterThanOrEqual(10);
    expect(cpu.self).toBeGreaterThanOrEqual(0);
  });

  it("counts this process's own work", async () => {
    const { cpu } = await measureCpu({ dataSource: ds }, async () => {
      const until = Date.now() + 300;
      let spin = 0;
      while (Date.now() < until) spin++;
      return spin;
    });
    expect(cpu.self).toBeGreaterThanOrEqual(100);
    expect(cpu.postgres).toBeGreaterThanOrEqual(0);
  });
});
