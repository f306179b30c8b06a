import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Teardown } from './infra';

/**
 * Riskdesk's own entry points (`npm run worker`, `npm run api`: dist/worker/main.js, dist/api/main.js)
 * as child processes, as a deployment runs them: each has its own memory, pool and event loop.
 */
export interface ChildService {
  name: string;
  pid: number;
  stop(): Promise<void>;
}

const STOP_TIMEOUT_MS = 30_000;

export async function spawnService(
  name: string,
  entry: 'worker' | 'api',
  env: Record<string, string>,
  /** A line of its output that says it is ready. */
  ready: RegExp,
  teardown: Teardown,
  startTimeoutMs = 180_000,
): Promise<ChildService> {
  const script = path.resolve(__dirname, '..', entry, 'main.js');
  const child = spawn(process.execPath, [...serviceNodeArgs(process.env), script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const tail: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };
  teardown.push(name, stop);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within ${startTimeoutMs / 1000} s; last output:\n${tail.join('\n')}`)), startTimeoutMs);
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        tail.push(line);
        if (tail.length > 20) tail.shift();
        if (ready.test(line)) {
          clearTimeout(timer);
          resolve();
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with code ${code}; last output:\n${tail.join('\n')}`));
    });
  });
  return { name, pid: child.pid!, stop };
}

/** Resident memory of a process in MiB, from /proc (Linux); NaN where it cannot be read. */
export function rssMiB(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/**
 * Extra arguments for node in every service a benchmark spawns, from BENCH_NODE_ARGS (space-separated),
 * for what NODE_OPTIONS refuses: `--cpu-prof --cpu-prof-dir=DIR` writes each thread's CPU profile when
 * the service stops (the workflow threads' too).
 */
export function serviceNodeArgs(env: NodeJS.ProcessEnv): string[] {
  return (env.BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
}

/**
 * Where worker `n` (from 1) of a benchmark serves its Prometheus metrics: off unless
 * BENCH_WORKER_METRICS_PORT names a port, then 127.0.0.1 on that port plus n - 1, so a run's
 * workflow-task schedule-to-start latencies and sticky-cache hits can be scraped while it runs.
 */
export function benchWorkerMetricsAddress(env: NodeJS.ProcessEnv, n: number): string {
  const port = Number(env.BENCH_WORKER_METRICS_PORT);
  return Number.isInteger(port) && port > 0 && port + n - 1 <= 65535 ? `127.0.0.1:${port + n - 1}` : 'off';
}
