import 'reflect-metadata';
import { WorkflowNotFoundError } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { loadConfig } from '../config/env';
import { startApi, startSystem } from './system';
import { apiCaseWorkflowIds, apiScenario, type ApiCase } from './api-scenario';
import { handoffWorkflowId } from '../workflows/handoff/handoff.contract';
import { BASELINE_STEPS, type BaselineInput } from './baseline.workflow';
import { describeProfiles } from './history-profile';
import { runBench } from './bench-process';
import { startInfra, type Teardown } from './infra';
import { baselineScenario, escalationInput, riskdeskScenario, seedBenchRoster } from './lifecycle';
import { measureCpu } from './cpu';
import { cpuReport, report } from './report';
import { describeWorkerOptions, workerTuningFrom } from '../worker/worker-options';
import { inPool, runScenario } from './runner';
import { median } from './stats';

/**
 * `npm run bench`: N escalations through create, claim, hand off, answer and resolve on a real
 * Temporal server and PostgreSQL, next to a no-I/O baseline workflow taking the same updates on the
 * same server and worker in the same run. A benchmark, not a test: it reports figures and asserts
 * only that each lifecycle went where it should.
 */

interface Options {
  n: number;
  concurrency: number;
  warmup: number;
  pollMs: number;
}

/** Histories read for the profile at the end: enough for a stable median, few enough to fetch in a moment. */
const PROFILED_CASES = 20;

const log = (msg: string) => console.log(`[bench] ${msg}`);

function parseOptions(argv: string[], env: NodeJS.ProcessEnv): Options {
  const flags = new Map(
    argv.filter((a) => a.startsWith('--')).map((a) => {
      const [key, value = ''] = a.slice(2).split('=');
      return [key, value] as const;
    }),
  );
  const int = (flag: string, variable: string, fallback: number, min: number): number => {
    const text = flags.get(flag) ?? env[variable];
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < min) throw new Error(`--${flag} / ${variable} must be an integer >= ${min}, got "${text}"`);
    return value;
  };
  const known = new Set(['n', 'concurrency', 'warmup', 'poll-ms']);
  const unknown = [...flags.keys()].filter((k) => !known.has(k));
  if (unknown.length) throw new Error(`unknown option ${unknown.map((k) => `--${k}`).join(', ')} (known: --n, --concurrency, --warmup, --poll-ms)`);
  return {
    n: int('n', 'BENCH_N', 200, 1),
    concurrency: int('concurrency', 'BENCH_CONCURRENCY', 20, 1),
    warmup: int('warmup', 'BENCH_WARMUP', 10, 0),
    pollMs: int('poll-ms', 'BENCH_POLL_MS', 10, 1),
  };
}

async function main(opts: Options, teardown: Teardown, keepSignalsToOurselves: () => void): Promise<void> {
  const config = loadConfig();
  const cpus = os.cpus();
  console.log(
    [
      'Riskdesk escalation benchmark',
      `  machine:     ${cpus.length} cores (${cpus[0]?.model ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.platform()} ${os.release()}`,
      `  load:        ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (1, 5, 15 min) before starting`,
      `  node:        ${process.version}`,
      `  config:      N=${opts.n}, concurrency=${opts.concurrency}, warm-up=${opts.warmup} (excluded), poll=${opts.pollMs} ms`,
    ].join('\n'),
  );

  Runtime.install({ logger: new DefaultLogger('WARN') });
  const infra = await startInfra(
    { databaseUrl: config.DATABASE_URL, temporalAddress: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE, dataDir: config.DATA_DIR, log },
    teardown,
  );
  keepSignalsToOurselves();
  await seedBenchRoster(infra.dataSource);

  const tuning = workerTuningFrom(config);
  const { client, taskQueue, guarded } = await startSystem(infra, { namespace: config.TEMPORAL_NAMESPACE, log, tuning }, teardown);


  // On a server that outlives the run, nothing of ours may keep running (its database is about to go).
  // Cases, not ids: a case's handoff id is known only once it has been handed off.
  const started: Array<{ workflowId: string; handoffId?: string }> = [];
  const apiCases: ApiCase[] = [];
  const startedIds = () => [
    ...started.flatMap((c) => (c.handoffId ? [c.workflowId, handoffWorkflowId(c.handoffId)] : [c.workflowId])),
    ...apiCases.flatMap(apiCaseWorkflowIds),
  ];
  if (infra.sharedTemporal) {
    teardown.push('bench workflows', () =>
      inPool(startedIds(), opts.concurrency, async (id) => {
        await client.workflow.getHandle(id).terminate('riskdesk bench finished').catch((err: unknown) => {
          if (!(err instanceof WorkflowNotFoundError)) throw err;
        });
      }),
    );
  }
  console.log(
    [
      `  temporal:    ${infra.temporal}, SDK 1.24 worker with ${describeWorkerOptions(tuning.options)} (WORKER_* settings), ${tuning.workflowStackFrames} workflow stack frames, task queue ${taskQueue}`,
      `  postgresql:  ${infra.database}, pool 10`,
      '',
    ].join('\n'),
  );

  const riskdesk = riskdeskScenario(client, taskQueue, { pollMs: opts.pollMs, resumeTimeoutMs: 60_000 });
  const track = (c: { workflowId: string; handoffId?: string }) => started.push(c);
  if (opts.warmup) {
    log(`riskdesk warm-up: ${opts.warmup} cases`);
    await guarded(runScenario(riskdesk, opts.warmup, opts.concurrency, track));
  }
  // CPU per part while each measured phase runs (warm-ups excluded): comparable under any load.
  const cpuOf = { dataSource: infra.dataSource, temporalPid: infra.temporalPid };
  log(`riskdesk: ${opts.n} cases`);
  const { result: measured, cpu: clientCpu } = await measureCpu(cpuOf, () => guarded(runScenario(riskdesk, opts.n, opts.concurrency, track)));

  const api = await startApi(infra.databaseUrl, client, taskQueue, teardown);
  const viaApi = apiScenario(api.baseUrl, api.jwtSecret, { pollMs: opts.pollMs, resumeTimeoutMs: 60_000 });
  const trackApi = (c: ApiCase) => apiCases.push(c);
  if (opts.warmup) {
    log(`api warm-up: ${opts.warmup} cases`);
    await guarded(runScenario(viaApi, opts.warmup, opts.concurrency, trackApi));
  }
  log(`api: ${opts.n} cases through HTTP on ${api.baseUrl}`);
  const { result: throughApi, cpu: apiCpu } = await measureCpu(cpuOf, () => guarded(runScenario(viaApi, opts.n, opts.concurrency, trackApi)));

  const sizeOf = (step: (typeof BASELINE_STEPS)[number]) => median(measured.cases.map((c) => c.replyBytes[step] ?? 0));
  const baselineInput: BaselineInput = {
    replyBytes: Object.fromEntries(BASELINE_STEPS.map((s) => [s, sizeOf(s)])) as BaselineInput['replyBytes'],
    ballast: 'x'.repeat(JSON.stringify(escalationInput(randomUUID(), 0)).length),
  };
  const baseline = baselineScenario(client, taskQueue, baselineInput);
  if (opts.warmup) {
    log(`baseline warm-up: ${opts.warmup} workflows`);
    await guarded(runScenario(baseline, opts.warmup, opts.concurrency, track));
  }
  log(`baseline: ${opts.n} workflows`);
  const { result: base, cpu: baselineCpu } = await measureCpu(cpuOf, async () => {
    const run = await guarded(runScenario(baseline, opts.n, opts.concurrency, track));
    await guarded(Promise.all(run.cases.map((c) => client.workflow.getHandle(c.workflowId).result())));
    return run;
  });

  const sampled = measured.cases.slice(-PROFILED_CASES);
  const profiles = [
    `  escalation: ${await describeProfiles(client, sampled.map((c) => c.workflowId))}`,
    `  handoff:    ${await describeProfiles(client, sampled.map((c) => handoffWorkflowId(c.handoffId!)))}`,
    `  baseline:   ${await describeProfiles(client, base.cases.slice(-PROFILED_CASES).map((c) => c.workflowId))}`,
  ];
  const sizes = BASELINE_STEPS.map((s) => `${s} ${baselineInput.replyBytes[s]} B`).join(', ');

  console.log(
    [
      '',
      report(opts, measured, base, throughApi),
      '',
      cpuReport(opts.n, { api: apiCpu, client: clientCpu, baseline: baselineCpu }),
      '',
      `One lifecycle as Temporal recorded it (median over the last ${sampled.length} measured cases; the escalation stays open for its reopen window):`,
      ...profiles,
      `Reply sizes (median JSON; the baseline pads its replies to match): ${sizes}`,
      `Load after the run: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (1, 5, 15 min; the machine is shared, so compare ratios)`,
      '',
    ].join('\n'),
  );
}

runBench('bench', parseOptions, main);
