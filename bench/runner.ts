import { performance } from 'node:perf_hooks';
import { STEPS, type Metric, type Scenario, type Step } from './lifecycle';

export interface RunResult<C> {
  cases: C[];
  samples: Map<Metric, number[]>;
  stepMs: Map<Step, number>;
  totalMs: number;
}

/**
 * Step by step over all cases (every create, then every claim, ...), `concurrency` requests in
 * flight: each step's throughput and latency are measured on their own, under the same load.
 */
export async function runScenario<C>(scenario: Scenario<C>, count: number, concurrency: number, onCase: (c: C) => void): Promise<RunResult<C>> {
  const cases = Array.from({ length: count }, (_, i) => scenario.newCase(i));
  cases.forEach(onCase);
  const samples = new Map<Metric, number[]>();
  const record = (metric: Metric, ms: number) => {
    const list = samples.get(metric) ?? [];
    list.push(ms);
    samples.set(metric, list);
  };
  const stepMs = new Map<Step, number>();
  const started = performance.now();
  for (const step of STEPS) {
    const t0 = performance.now();
    await inPool(cases, concurrency, async (c, i) => {
      try {
        await scenario.run(step, c, record);
      } catch (err) {
        throw new Error(`${scenario.name} case #${i}, step ${step}: ${(err as Error).message}`, { cause: err });
      }
    });
    stepMs.set(step, performance.now() - t0);
  }
  return { cases, samples, stepMs, totalMs: performance.now() - started };
}

/**
 * Runs `fn` over `items` with at most `limit` in flight. After a failure no new item starts; the ones
 * in flight finish first (so nothing is still talking to the server during teardown), then it throws.
 */
export async function inPool<T>(items: T[], limit: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const errors: unknown[] = [];
  const lane = async () => {
    while (errors.length === 0 && next < items.length) {
      const i = next++;
      await fn(items[i], i).catch((err: unknown) => errors.push(err));
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (errors.length) throw errors[0];
}

/**
 * How long the `index`-th of a paced run waits before it starts: item i is due `i / perSecond` seconds
 * after `startedAt` (ms), so the run keeps to the rate on average however long each item takes, and an
 * item already late starts at once. `perSecond` 0 means unpaced.
 */
export function pacingDelayMs(startedAt: number, index: number, perSecond: number, now: number): number {
  if (perSecond <= 0) return 0;
  return Math.max(0, startedAt + (index * 1000) / perSecond - now);
}
