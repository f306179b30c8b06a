import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { DataSource } from 'typeorm';

/**
 * CPU time spent by each part of the system during a phase of a benchmark, read from the kernel's
 * counters: this process (client, API and worker threads), the Temporal dev server the benchmark
 * started, and the PostgreSQL backends serving the benchmark's own database. Unlike throughput, CPU
 * time per lifecycle barely moves when other work shares the machine, so a ratio of two systems' CPU
 * per lifecycle can be compared across runs made under different loads.
 */
export interface CpuSample {
  self: number;
  temporal: number | undefined;
  postgres: number | undefined;
}

/** The counters at one instant; PostgreSQL's per backend, as backends come and go. */
interface CpuReading {
  self: number;
  temporal: number | undefined;
  backends: Map<number, number> | undefined;
}

export type CpuPart = keyof CpuSample;
export const CPU_PARTS: readonly CpuPart[] = ['self', 'temporal', 'postgres'];

/**
 * Clock ticks per second of /proc's counters (USER_HZ): 100 on Linux unless getconf says otherwise.
 * Asked once, when first needed, not when the module is loaded.
 */
let ticksPerSecond: number | undefined;
function clockTicksPerSecond(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** User plus system CPU milliseconds of a process on this machine; undefined when /proc cannot tell. */
export function processCpuMs(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime: fields 14 and 15 of stat
    return Number.isFinite(ticks) ? (ticks * 1000) / clockTicksPerSecond() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads the counters now. PostgreSQL is counted when its backends run on this machine (their /proc
 * entries are readable); a remote server leaves it undefined.
 */
async function readCpu(opts: { dataSource: DataSource; temporalPid?: number }): Promise<CpuReading> {
  const usage = process.cpuUsage();
  const rows: Array<{ pid: number }> = await opts.dataSource.query(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'`,
  );
  return {
    self: (usage.user + usage.system) / 1000,
    temporal: opts.temporalPid === undefined ? undefined : processCpuMs(opts.temporalPid),
    backends: backendCpu(rows.map((r) => Number(r.pid)), processCpuMs),
  };
}

/**
 * The CPU counters of the backends PostgreSQL listed, by pid; undefined when none could be read (a
 * server on another machine). A backend that closed between the listing and its /proc read (a pool
 * closes idle connections within seconds) is left out: what it spent up to the sample before still
 * counts. Until 7 December one such backend made the phase's whole PostgreSQL figure unknown: the
 * 100,000 run's opening printed "PostgreSQL - ms".
 */
export function backendCpu(pids: readonly number[], cpuMsOf: (pid: number) => number | undefined): Map<number, number> | undefined {
  const backends = new Map<number, number>();
  for (const pid of pids) {
    const ms = cpuMsOf(pid);
    if (ms !== undefined) backends.set(pid, ms);
  }
  return backends.size > 0 ? backends : undefined;
}

/** Measures the CPU each part spent while `work` ran (followCpu with one sample, at the end). */
export async function measureCpu<T>(opts: { dataSource: DataSource; temporalPid?: number }, work: () => Promise<T>): Promise<{ result: T; cpu: CpuSample }> {
  const cpu = await followCpu({ ...opts, pids: [] });
  const result = await work();
  await cpu.sample();
  const { self, temporal, postgres } = cpu.spent();
  return { result, cpu: { self, temporal, postgres } };
}

/** CPU per part over a phase, and per other process (undefined where /proc could not tell). */
export interface CpuSpent extends CpuSample {
  processes: Array<number | undefined>;
}

/** A phase's counters, read at its start and again at each `sample()` (see followCpu). */
export interface CpuFollower {
  sample(): Promise<void>;
  /** What each part spent from the start to the latest sample. */
  spent(): CpuSpent;
}

/**
 * Follows the counters through a phase, with other processes of the benchmark (worker processes, by
 * pid). PostgreSQL's backends are read at every sample: one that opened during the phase (a pool
 * opening a connection) counts whole, and one that closes before the phase ends (a pool closes idle
 * connections after seconds) still counts what it spent up to its last sample.
 */
export async function followCpu(opts: { dataSource: DataSource; temporalPid?: number; pids: readonly number[] }): Promise<CpuFollower> {
  const read = async () => ({ reading: await readCpu(opts), processes: opts.pids.map(processCpuMs) });
  const start = await read();
  let latest = start;
  // Per backend: its counter when first seen (0 when it opened during the phase) and when last seen.
  const first = new Map(start.reading.backends ?? []);
  const last = new Map(first);
  let readable = start.reading.backends !== undefined;
  const since = (before: number | undefined, now: number | undefined) => (before === undefined || now === undefined ? undefined : now - before);
  return {
    async sample() {
      latest = await read();
      const backends = latest.reading.backends;
      if (!backends) readable = false;
      for (const [pid, ms] of backends ?? []) {
        if (!first.has(pid)) first.set(pid, 0);
        last.set(pid, ms);
      }
    },
    spent() {
      let postgres: number | undefined;
      if (readable) {
        postgres = 0;
        for (const [pid, ms] of last) postgres += Math.max(0, ms - (first.get(pid) ?? 0));
      }
      return {
        self: latest.reading.self - start.reading.self,
        temporal: since(start.reading.temporal, latest.reading.temporal),
        postgres,
        processes: latest.processes.map((ms, i) => since(start.processes[i], ms)),
      };
    },
  };
}
