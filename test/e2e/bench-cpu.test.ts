import type { DataSource } from 'typeorm';
import { spawn } from 'node:child_process';
import { DataSource as Pool } from 'typeorm';
import { followCpu, measureCpu } from '../../bench/cpu';
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

  it("follows another process by its pid through a phase (bench:scale's worker per deadline)", async () => {
    // A child that spins for 400 ms of CPU and then idles; and a pid that does not exist.
    const child = spawn(process.execPath, ['-e', 'const t = process.cpuUsage(); while ((process.cpuUsage(t).user + process.cpuUsage(t).system) < 400000); setInterval(() => {}, 1000)']);
    try {
      const cpu = await followCpu({ dataSource: ds, pids: [child.pid!, 2 ** 22 + 1] });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await cpu.sample();
      const spent = cpu.spent();
      expect(spent.processes).toHaveLength(2);
      expect(spent.processes[0]).toBeGreaterThanOrEqual(200);
      expect(spent.processes[1]).toBeUndefined();
      expect(spent.temporal).toBeUndefined();
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('still counts a backend that closed before the phase ended, from the samples taken while it was open', async () => {
    // A second pool on the same database: its one connection opens during the phase, works, and closes.
    const other = new Pool({ type: 'postgres', url: (ds.options as { url: string }).url, poolSize: 1 });
    const cpu = await followCpu({ dataSource: ds, pids: [] });
    await other.initialize();
    await other.query(`SELECT count(DISTINCT md5(g::text)) FROM generate_series(1, 300000) g`);
    await cpu.sample();
    const seen = cpu.spent().postgres!;
    await other.destroy();
    await cpu.sample();
    expect(seen).toBeGreaterThanOrEqual(10);
    // Closed now, and absent from the last sample: what it spent while seen still counts.
    expect(cpu.spent().postgres).toBeGreaterThanOrEqual(seen);
  });
});
