import { backendCpu, processCpuMs } from '../../bench/cpu';
import { cpuPer, cpuReport } from '../../bench/report';

describe("the lifecycle benchmark's CPU accounting", () => {
  it("reads a process's CPU time from /proc, and it grows with work", () => {
    const before = processCpuMs(process.pid)!;
    expect(before).toBeGreaterThan(0);
    const until = Date.now() + 200;
    let spin = 0;
    while (Date.now() < until) spin++;
    expect(spin).toBeGreaterThan(0);
    expect(processCpuMs(process.pid)!).toBeGreaterThan(before);
    expect(processCpuMs(2 ** 22 + 12345)).toBeUndefined();
  });

  it('reports CPU per lifecycle per part, the ratios, and the ceiling they put on throughput', () => {
    const text = cpuReport(10, {
      api: { self: 2000, temporal: 1500, postgres: 500 },
      client: { self: 1500, temporal: 1400, postgres: 300 },
      baseline: { self: 500, temporal: 500, postgres: 0 },
    });
    expect(text).toMatch(/api\s+200\.0\s+150\.0\s+50\.0\s+400\.0/);
    expect(text).toMatch(/baseline\s+50\.0\s+50\.0\s+0\.0\s+100\.0/);
    expect(text).toContain('api/base CPU per lifecycle 4.00x, client/base 3.20x');
    expect(text).toContain("throughput can reach at most 0.25x the baseline's (target 0.8x)");
  });

  it('says when a part is not on this machine and leaves it out', () => {
    const text = cpuReport(4, {
      api: { self: 400, temporal: undefined, postgres: undefined },
      client: { self: 300, temporal: undefined, postgres: undefined },
      baseline: { self: 100, temporal: undefined, postgres: undefined },
    });
    expect(text).toContain('is not counted');
    expect(text).toMatch(/api\s+100\.0\s+-\s+-\s+100\.0/);
    expect(text).toContain('at most 0.25x');
  });
});

describe("bench:scale's CPU per start and per deadline", () => {
  const cpu = { self: 0, temporal: 3_440, postgres: 490, processes: [2_360] };

  it('divides what each process spent over the opening by the cases started', () => {
    expect(cpuPer('start', { cpu, seconds: 74.6, fired: 100 }, 1)).toBe(
      '  CPU per start: worker 23.6 ms, Temporal server 34.4 ms, PostgreSQL 4.9 ms (100 started in 75 s)',
    );
  });

  it('says a deadline phase holds idle time, and lists each worker process', () => {
    expect(cpuPer('breach', { cpu: { ...cpu, processes: [1_000, 500] }, seconds: 30, fired: 50 }, 2)).toBe(
      '  CPU per breach: workers 20.0 + 10.0 ms, Temporal server 68.8 ms, PostgreSQL 9.8 ms (50 fired in 30 s, idle time included)',
    );
  });

  it('prints a dash where a process could not be read or nothing fired', () => {
    expect(cpuPer('warning', { cpu: { ...cpu, postgres: undefined }, seconds: 10, fired: 0 }, 1)).toBe(
      '  CPU per warning: worker - ms, Temporal server - ms, PostgreSQL - ms (0 fired in 10 s, idle time included)',
    );
    expect(cpuPer('warning', { cpu: { ...cpu, postgres: undefined }, seconds: 10, fired: 10 }, 1)).toContain('PostgreSQL - ms');
  });
});

describe("the benchmarks' PostgreSQL backends", () => {
  it('leaves out a backend that closed between the listing and its read, and counts the rest', () => {
    const cpu = new Map([[11, 500], [13, 70]]);
    expect(backendCpu([11, 12, 13], (pid) => cpu.get(pid))).toEqual(new Map([[11, 500], [13, 70]]));
  });

  it('is unknown when no backend can be read (a server on another machine)', () => {
    expect(backendCpu([11, 12], () => undefined)).toBeUndefined();
    expect(backendCpu([], () => 5)).toBeUndefined();
  });
});
