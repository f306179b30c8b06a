import { UPDATES_PER_CASE, type Metric, type Step } from './lifecycle';
import type { RunResult } from './runner';
import { formatTable, summarize } from './stats';

const METRIC_ROWS: Array<{ metric: Metric; label: string; step?: Step }> = [
  { metric: 'create', label: 'create (start + awaitRecorded)', step: 'create' },
  { metric: 'claim', label: 'claim', step: 'claim' },
  { metric: 'handOff', label: 'handOff (to Legal)', step: 'handOff' },
  { metric: 'answer', label: 'answer (handoff update)' },
  { metric: 'answerToResumed', label: 'answer -> case in_progress', step: 'answer' },
  { metric: 'resolve', label: 'resolve', step: 'resolve' },
];

/** The table the benchmark exists for, and the lifecycle throughput under it. */
export function report(opts: { n: number }, riskdesk: RunResult<unknown>, baseline: RunResult<unknown>): string {
  const ms = (v: number) => v.toFixed(1);
  const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}x` : '-');
  const rows: string[][] = [];
  for (const { metric, label, step } of METRIC_ROWS) {
    const r = summarize(riskdesk.samples.get(metric) ?? []);
    const b = summarize(baseline.samples.get(metric) ?? []);
    const rate = (run: RunResult<unknown>) => (step ? opts.n / (run.stepMs.get(step)! / 1000) : Number.NaN);
    const [rr, br] = [rate(riskdesk), rate(baseline)];
    const fmtRate = (v: number) => (Number.isNaN(v) ? '-' : v.toFixed(1));
    rows.push([label, 'riskdesk', fmtRate(rr), ms(r.p50), ms(r.p95), ms(r.p99), ms(r.max)]);
    rows.push(['', 'baseline', fmtRate(br), ms(b.p50), ms(b.p95), ms(b.p99), ms(b.max)]);
    rows.push(['', 'ratio', step ? ratio(rr, br) : '-', ratio(r.p50, b.p50), ratio(r.p95, b.p95), ratio(r.p99, b.p99), ratio(r.max, b.max)]);
  }
  const lifecycle = (run: RunResult<unknown>) => {
    const s = run.totalMs / 1000;
    return { seconds: s, cases: opts.n / s, updates: (opts.n * UPDATES_PER_CASE) / s };
  };
  const [lr, lb] = [lifecycle(riskdesk), lifecycle(baseline)];
  const line = (name: string, l: typeof lr) =>
    `  ${name.padEnd(9)} ${opts.n} lifecycles in ${l.seconds.toFixed(1)} s: ${l.cases.toFixed(1)} cases/s, ${l.updates.toFixed(1)} updates/s`;
  return [
    formatTable(['step', 'system', 'ops/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'], rows),
    '',
    'ops/s: that step over all N cases, one step at a time. The answer update has no rate of its own: its step',
    'ends when the case is back in_progress (seen by polling getEscalation). ratio = riskdesk / baseline.',
    '',
    'Full lifecycle (create, claim, hand off, answer, resolve; 5 updates per case):',
    line('riskdesk', lr),
    line('baseline', lb),
    `  ratio     throughput ${ratio(lr.cases, lb.cases)}, wall time ${ratio(lr.seconds, lb.seconds)}`,
  ].join('\n');
}
