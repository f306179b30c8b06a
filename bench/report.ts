import type { CpuSample, CpuSpent } from './cpu';
import { UPDATES_PER_CASE, type Metric, type Step } from './lifecycle';
import type { RunResult } from './runner';
import { formatTable, summarize } from './stats';

const METRIC_ROWS: Array<{ metric: Metric; label: string; step?: Step; action?: boolean }> = [
  { metric: 'create', label: 'create (update-with-start)', step: 'create', action: true },
  { metric: 'claim', label: 'claim', step: 'claim', action: true },
  { metric: 'handOff', label: 'handOff (to Legal)', step: 'handOff', action: true },
  { metric: 'answer', label: 'answer (handoff update)', action: true },
  { metric: 'answerToResumed', label: 'answer -> case in_progress', step: 'answer' },
  { metric: 'resolve', label: 'resolve', step: 'resolve', action: true },
];

/** Issue 13's targets for the lifecycle through the API, against the bare baseline in the same run. */
export const TARGET_THROUGHPUT_RATIO = 0.8;
export const TARGET_P99_RATIO = 1.5;

const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}x` : '-');
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');

/**
 * The table the benchmark exists for: each step through the Temporal client (`client`), through the
 * HTTP API (`api`) and on the bare baseline, with both ratios; then the lifecycle throughput and the
 * targets, so API overhead and workflow overhead are seen apart.
 */
export function report(opts: { n: number }, client: RunResult<unknown>, baseline: RunResult<unknown>, api: RunResult<unknown>): string {
  const ms = (v: number) => v.toFixed(1);
  const rows: string[][] = [];
  const targets: string[] = [];
  for (const { metric, label, step, action } of METRIC_ROWS) {
    const rate = (run: RunResult<unknown>) => (step ? opts.n / (run.stepMs.get(step)! / 1000) : Number.NaN);
    const fmtRate = (v: number) => (Number.isNaN(v) ? '-' : v.toFixed(1));
    const b = summarize(baseline.samples.get(metric) ?? []);
    const runs: Array<[string, RunResult<unknown>]> = [['api', api], ['client', client]];
    for (const [name, run] of runs) {
      const r = summarize(run.samples.get(metric) ?? []);
      rows.push([name === 'api' ? label : '', name, fmtRate(rate(run)), ms(r.p50), ms(r.p95), ms(r.p99), ms(r.max)]);
    }
    rows.push(['', 'baseline', fmtRate(rate(baseline)), ms(b.p50), ms(b.p95), ms(b.p99), ms(b.max)]);
    for (const [name, run] of runs) {
      const r = summarize(run.samples.get(metric) ?? []);
      rows.push(['', `${name}/base`, step ? ratio(rate(run), rate(baseline)) : '-', ratio(r.p50, b.p50), ratio(r.p95, b.p95), ratio(r.p99, b.p99), ratio(r.max, b.max)]);
    }
    if (action) {
      const p99 = summarize(api.samples.get(metric) ?? []).p99 / b.p99;
      targets.push(`  ${metric.padEnd(9)} p99 through the API ${p99.toFixed(2)}x the bare update's (target <= ${TARGET_P99_RATIO}x): ${verdict(p99 <= TARGET_P99_RATIO)}`);
    }
  }
  const lifecycle = (run: RunResult<unknown>) => {
    const s = run.totalMs / 1000;
    return { seconds: s, cases: opts.n / s, updates: (opts.n * UPDATES_PER_CASE) / s };
  };
  const [la, lr, lb] = [lifecycle(api), lifecycle(client), lifecycle(baseline)];
  const line = (name: string, l: typeof lr) =>
    `  ${name.padEnd(9)} ${opts.n} lifecycles in ${l.seconds.toFixed(1)} s: ${l.cases.toFixed(1)} cases/s, ${l.updates.toFixed(1)} updates/s`;
  const throughput = la.cases / lb.cases;
  return [
    formatTable(['step', 'system', 'ops/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'], rows),
    '',
    'api: HTTP requests to the API (tokens, validation, permission table, signed proofs; the resume read back',
    'through GET /escalations/:id). client: the same updates through the Temporal client, no HTTP.',
    'ops/s: that step over all N cases, one step at a time. The answer update has no rate of its own: its step',
    'ends when the case is back in_progress (polled). x/base = that system / baseline.',
    '',
    'Full lifecycle (create, claim, hand off, answer, resolve; 5 updates per case):',
    line('api', la),
    line('client', lr),
    line('baseline', lb),
    `  ratio     api/base throughput ${ratio(la.cases, lb.cases)}, client/base ${ratio(lr.cases, lb.cases)}, api/client ${ratio(la.cases, lr.cases)}`,
    '',
    'Targets (issue 13):',
    `  throughput through the API ${throughput.toFixed(2)}x the bare baseline's (target >= ${TARGET_THROUGHPUT_RATIO}x): ${verdict(throughput >= TARGET_THROUGHPUT_RATIO)}`,
    ...targets,
  ].join('\n');
}

/**
 * CPU milliseconds per lifecycle of each part, per system, and what they imply: on a machine whose
 * cores are the limit, throughput can be at most the baseline's CPU per lifecycle over the system's.
 */
export function cpuReport(n: number, cpu: { api: CpuSample; client: CpuSample; baseline: CpuSample }): string {
  const per = (ms: number | undefined) => (ms === undefined ? undefined : ms / n);
  const fmt = (ms: number | undefined) => (ms === undefined ? '-' : ms.toFixed(1));
  const total = (c: CpuSample) => c.self + (c.temporal ?? 0) + (c.postgres ?? 0);
  const systems: Array<[string, CpuSample]> = [['api', cpu.api], ['client', cpu.client], ['baseline', cpu.baseline]];
  const rows = systems.map(([name, c]) => [name, fmt(per(c.self)), fmt(per(c.temporal)), fmt(per(c.postgres)), fmt(per(total(c)))]);
  const counted = [cpu.api.temporal, cpu.api.postgres].every((v) => v !== undefined) ? '' : ' (a part shown "-" is not on this machine and is not counted)';
  const ceiling = total(cpu.baseline) / total(cpu.api);
  return [
    `CPU per lifecycle, ms (this process: client, API and worker; Temporal: the dev server; PostgreSQL: the benchmark database's backends)${counted}:`,
    formatTable(['system', 'this process', 'Temporal', 'PostgreSQL', 'total'], rows),
    `  api/base CPU per lifecycle ${ratio(total(cpu.api), total(cpu.baseline))}, client/base ${ratio(total(cpu.client), total(cpu.baseline))}:`,
    `  with the cores as the limit, the API's throughput can reach at most ${ceiling.toFixed(2)}x the baseline's (target ${TARGET_THROUGHPUT_RATIO}x)`,
  ].join('\n');
}

/**
 * CPU milliseconds per start or per fired clock in one phase, per process. The opening runs from the
 * first start to the last; a deadline's phase from the first deadline of its kind until the last has
 * fired, so it also holds what the processes spend idle (seconds shown).
 */
export function cpuPer(what: 'start' | 'warning' | 'breach' | 'warning and breach', phase: { cpu: CpuSpent; seconds: number; fired: number }, workerCount: number): string {
  const per = (ms: number | undefined) => (ms === undefined || phase.fired === 0 ? '-' : (ms / phase.fired).toFixed(1));
  const workerCpu = phase.cpu.processes.map(per).join(' + ');
  return `  CPU per ${what}: worker${workerCount === 1 ? '' : 's'} ${workerCpu} ms, Temporal server ${per(phase.cpu.temporal)} ms, PostgreSQL ${per(phase.cpu.postgres)} ms (${phase.fired} ${what === 'start' ? 'started' : 'fired'} in ${phase.seconds.toFixed(0)} s${what === 'start' ? '' : ', idle time included'})`;
}
