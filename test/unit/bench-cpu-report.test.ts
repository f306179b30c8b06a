import { processCpuMs } from '../../bench/cpu';
import { cpuReport } from '../../bench/report';

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
