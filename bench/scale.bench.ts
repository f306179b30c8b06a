import 'reflect-metadata';
import { Connection, WorkflowNotFoundError } from '@temporalio/client';
import { randomBytes, randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../config/env';
import { ALWAYS_ON } from '../workflows/common/business-calendar';
import { ESCALATION_WORKFLOW_TYPE, awaitRecordedUpdate, escalationStartOptions, escalationWorkflowId } from '../workflows/escalation/escalation.contract';
import { describeWorkerOptions, workerOptionsFrom } from '../worker/worker-options';
import { followCpu } from './cpu';
import { deadlineSchedule, latenessKinds, overlapNote, type DeadlineSchedule } from './deadline-schedule';
import { cpuPer } from './report';
import { analyzeWhereAutovacuumIsOff, STAND_IN_ANALYZE_EVERY_MS } from './autovacuum-stand-in';
import { intFlags, runBench } from './bench-process';
import { latenessLine } from './lateness';
import { startInfra, type Teardown } from './infra';
import { escalationInput, seedBenchRoster } from './lifecycle';
import { benchWorkerMetricsAddress, rssMiB, spawnService, type ChildService } from './processes';
import { inPool, pacingDelayMs } from './runner';
import { signedClient } from './signed-client';
import { summarize } from './stats';

/**
 * `npm run bench:scale -- --open=N`: opens N escalations, each with live SLA clocks, as fast as the
 * server takes them (`--concurrency` starts in flight), with the production worker in its own process
 * and the dev server persisting to SQLite; then lets the first-response clocks warn and breach and
 * reports how late each fired against its due time, the start rate, memory and database sizes.
 *
 * Each case's first-response clock has `--budget-s` seconds (warning at `--warning-pct`, half by default), so with a budget shorter
 * than the opening phase, clocks fire while cases are still being opened: the load a team sees when
 * deadlines fall due all day. The resolution clock (30 days) stays live: one more timer per case.
 * `--workers=N` runs N worker processes on the one task queue, to see whether a second worker moves
 * the start rate and the lateness on this machine's cores.
 *
 * Every case gets the same budget, so the clocks fall due at the rate the cases were opened. `--rate=R`
 * opens at most R cases a second (0, the default: as fast as the server takes them), to measure the
 * lateness at a chosen rate of deadlines rather than at whatever rate the server's starts allow.
 *
 * `--watch-s=S` stops watching the deadlines S seconds after the first start (0, the default: until
 * every clock has breached) and reports the lateness of those due by then: for a run whose every
 * deadline would outlast the time at hand (at 100,000 cases, the opening alone takes most of an hour),
 * the warnings that fall due while every case is open are measured without waiting for the rest.
 * `--warning-pct=100` puts each case's warning at its deadline, applied with the breach in one
 * workflow task, so a run's breaches fall due a little after its opening (bench/deadline-schedule.ts).
 */

const TARGET_P99_LATENESS_MS = 2000;
const RESOLUTION_BUDGET_MS = 30 * 86_400_000;

interface Options {
  open: number;
  concurrency: number;
  budgetS: number;
  workers: number;
  /** Cases opened per second at most; 0: unpaced. */
  rate: number;
  /** Seconds after the first start when the watch of the deadlines ends; 0: when every clock has breached. */
  watchS: number;
  schedule: DeadlineSchedule;
}

const log = (msg: string) => console.log(`[bench:scale] ${msg}`);

function parse(argv: string[], env: NodeJS.ProcessEnv): Options {
  const f = intFlags(argv, env, {
    open: { variable: 'BENCH_OPEN', fallback: 1000, min: 1 },
    concurrency: { variable: 'BENCH_CONCURRENCY', fallback: 50, min: 1 },
    'budget-s': { variable: 'BENCH_BUDGET_S', fallback: 60, min: 10 },
    workers: { variable: 'BENCH_WORKERS', fallback: 1, min: 1 },
    rate: { variable: 'BENCH_RATE', fallback: 0, min: 0 },
    'watch-s': { variable: 'BENCH_WATCH_S', fallback: 0, min: 0 },
    'warning-pct': { variable: 'BENCH_WARNING_PCT', fallback: 50, min: 1 },
  });
  const schedule = deadlineSchedule(f['budget-s'], f['warning-pct']);
  return { open: f.open, concurrency: f.concurrency, budgetS: f['budget-s'], workers: f.workers, rate: f.rate, watchS: f['watch-s'], schedule };
}

async function main(opts: Options, teardown: Teardown, ownSignals: () => void): Promise<void> {
  const config = loadConfig();
  const cpus = os.cpus();
  console.log(
    [
      'Riskdesk scale benchmark',
      `  machine:     ${cpus.length} cores (${cpus[0]?.model ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.platform()} ${os.release()}`,
      `  load:        ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (1, 5, 15 min) before starting`,
      `  config:      ${opts.open} cases, ${opts.concurrency} starts in flight, first-response budget ${opts.budgetS} s (warning at ${Math.round(opts.schedule.warningFraction * 100)} %${opts.schedule.together ? ', with the breach' : ''}), resolution 30 days, ${opts.workers} worker process(es) on one task queue, ${opts.rate ? `opened at most ${opts.rate} cases/s (--rate)` : 'opened as fast as the server takes them'}${opts.watchS ? `, deadlines watched until ${opts.watchS} s after the first start (--watch-s)` : ''}`,
    ].join('\n'),
  );
  const dbFile = path.resolve(config.DATA_DIR, `bench-scale-${process.pid}`, 'temporal.sqlite');
  const infra = await startInfra(
    { databaseUrl: config.DATABASE_URL, temporalAddress: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE, dataDir: config.DATA_DIR, log, temporalDbFile: dbFile },
    teardown,
  );
  ownSignals();
  console.log(`  server:      ${infra.temporal}`);
  await seedBenchRoster(infra.dataSource);
  const analyzer = await analyzeWhereAutovacuumIsOff(infra.dataSource, log);
  teardown.push('ANALYZE standing in for autovacuum', () => analyzer.stop());
  console.log(
    `  read model:  ${analyzer.running ? `the server's autovacuum is off, so the benchmark runs ANALYZE every ${STAND_IN_ANALYZE_EVERY_MS / 1000} s (bench/autovacuum-stand-in.ts)` : "the server's autovacuum keeps the statistics"}`,
  );

  const taskQueue = `bench-scale-${randomUUID()}`;
  const proofSecret = randomBytes(32).toString('hex');
  log(`starting ${opts.workers} worker process(es) (npm run worker, each its own process, one task queue)`);
  const workers: ChildService[] = [];
  for (let n = 1; n <= opts.workers; n++) {
    workers.push(
      await spawnService(
        opts.workers === 1 ? 'worker' : `worker ${n}`,
        'worker',
        {
          NODE_ENV: 'production',
          DATABASE_URL: infra.databaseUrl,
          TEMPORAL_ADDRESS: infra.temporalAddress,
          TEMPORAL_NAMESPACE: config.TEMPORAL_NAMESPACE,
          TEMPORAL_TASK_QUEUE: taskQueue,
          ACTOR_PROOF_SECRET: proofSecret,
          WORKER_METRICS_ADDRESS: benchWorkerMetricsAddress(process.env, n),
        },
        /polling task queue/,
        teardown,
      ),
    );
  }
  const connection = await Connection.connect({ address: infra.temporalAddress });
  teardown.push('client connection', () => connection.close());
  const client = signedClient(connection, config.TEMPORAL_NAMESPACE, proofSecret);

  const ids: string[] = Array.from({ length: opts.open }, () => randomUUID());
  if (infra.sharedTemporal) {
    teardown.push('bench workflows', () =>
      inPool(ids, opts.concurrency, async (id) => {
        await client.workflow.getHandle(escalationWorkflowId(id)).terminate('riskdesk bench finished').catch((err: unknown) => {
          if (!(err instanceof WorkflowNotFoundError)) throw err;
        });
      }),
    );
  }

  // Peaks per worker process, and of the server.
  const memory = { workers: workers.map(() => 0), server: 0 };
  const sampleMemory = () => {
    workers.forEach((w, i) => (memory.workers[i] = Math.max(memory.workers[i], rssMiB(w.pid) || 0)));
    memory.server = Math.max(memory.server, rssMiB(infra.temporalPid) || 0);
  };
  const sampler = setInterval(sampleMemory, 1000);
  teardown.push('memory sampler', async () => clearInterval(sampler));

  const cpuOf = { dataSource: infra.dataSource, temporalPid: infra.temporalPid, pids: workers.map((w) => w.pid) };
  log(`opening ${opts.open} cases`);
  // What one start costs each process, read over the opening (sampled every 2 s, as the deadlines'
  // phases are, so PostgreSQL backends that close midway still count). With warnings falling due
  // before the opening ends, their cost is in it too.
  const openingCpu = await followCpu(cpuOf);
  let sampling: Promise<void> = Promise.resolve();
  const openingSampler = setInterval(() => {
    sampling = sampling.then(() => openingCpu.sample()).catch(() => undefined);
  }, 2000);
  teardown.push('opening CPU sampler', async () => clearInterval(openingSampler));
  const startLatency: number[] = [];
  const t0 = performance.now();
  const openedAt = Date.now();
  let opened = 0;
  let retries = 0;
  await inPool(ids, opts.concurrency, async (caseId, i) => {
    const wait = pacingDelayMs(t0, i, opts.rate, performance.now());
    if (wait > 0) await sleep(wait);
    const input = escalationInput(caseId, i);
    input.settings = {
      ...input.settings,
      firstResponse: { kind: 'first_response', budgetMs: opts.budgetS * 1000, warningFraction: opts.schedule.warningFraction, calendar: ALWAYS_ON },
      resolution: { kind: 'resolution', budgetMs: RESOLUTION_BUDGET_MS, warningFraction: 0.75, calendar: ALWAYS_ON },
      targetsBySeverity: undefined,
    };
    const t = performance.now();
    // An overloaded server answers a call with a deadline error; the start (USE_EXISTING) and the
    // update (its id) are idempotent, so the case is asked again, and the retry is counted.
    for (let attempt = 1; ; attempt++) {
      try {
        const started = await client.workflow.start(ESCALATION_WORKFLOW_TYPE, escalationStartOptions(input, taskQueue));
        await started.executeUpdate(awaitRecordedUpdate, { updateId: `recorded-${caseId}` });
        break;
      } catch (err) {
        if (attempt >= 5 || !/deadline exceeded|DEADLINE_EXCEEDED/i.test((err as Error).message)) throw err;
        retries++;
      }
    }
    startLatency.push(performance.now() - t);
    if (++opened % Math.max(1, Math.floor(opts.open / 10)) === 0) log(`${opened} open (${(opened / ((performance.now() - t0) / 1000)).toFixed(1)}/s)`);
  });
  const openSeconds = (performance.now() - t0) / 1000;
  clearInterval(openingSampler);
  await sampling;
  await openingCpu.sample();
  const openingPhase = { cpu: openingCpu.spent(), seconds: openSeconds, fired: opts.open };
  log(cpuPer('start', openingPhase, opts.workers).trim());
  const atOpen = { workers: workers.map((w) => rssMiB(w.pid)), server: rssMiB(infra.temporalPid) };
  const watchEnd = opts.watchS > 0 ? openedAt + opts.watchS * 1000 : undefined;
  log(`all ${opts.open} open in ${openSeconds.toFixed(1)} s; ${watchEnd === undefined ? 'waiting for every first-response clock to breach' : `watching the deadlines until ${opts.watchS} s after the first start`}`);
  // Warnings falling due sooner than the last start compete with the opening for the worker, and the
  // lateness measured is that of an overloaded worker.
  const overlap = overlapNote(opts.schedule, openSeconds);

  const count = async () => {
    const [row]: Array<{ warned: number; breached: number }> = await infra.dataSource.query(
      `SELECT count(*) FILTER (WHERE action = 'clock_warned')::int AS warned, count(*) FILTER (WHERE action = 'clock_breached')::int AS breached
         FROM case_events WHERE action IN ('clock_warned', 'clock_breached')`,
    );
    return row;
  };
  let seen = await count();
  const giveUp = Math.min(Date.now() + opts.budgetS * 1000 + Math.max(120_000, opts.open * 20), watchEnd ?? Infinity);
  // The CPU each process spends from the first deadline of a kind until every clock has fired it:
  // what one warning and one breach cost the worker, the server and PostgreSQL (a profile of the
  // deadlines, next to their lateness).
  const phase = async (firstDueAt: number, fired: () => number) => {
    await sleep(Math.max(0, Math.min(firstDueAt, giveUp) - Date.now()));
    const cpu = await followCpu(cpuOf);
    const startedAt = performance.now();
    seen = await count();
    while (fired() < opts.open && Date.now() < giveUp) {
      await sleep(2000);
      seen = await count();
      await cpu.sample();
    }
    await cpu.sample();
    return { cpu: cpu.spent(), seconds: (performance.now() - startedAt) / 1000, fired: fired() };
  };
  // Warned and breached together, the two are one phase: its CPU is that of the task applying both.
  const warningPhase = opts.schedule.together ? undefined : await phase(openedAt + opts.schedule.firstWarningS * 1000, () => seen.warned);
  const breachPhase = await phase(openedAt + opts.schedule.firstBreachS * 1000, () => Math.min(seen.warned, seen.breached));
  clearInterval(sampler);
  sampleMemory();

  // Warning: the event's time (the workflow's clock when it applied it) against the clock's warning point;
  // breach: against the deadline. Both come from the audit trail the workflow projected.
  const lateness: Array<{ action: string; ms: number; due: number }> = await infra.dataSource.query(
    `SELECT e.action, extract(epoch FROM e.occurred_at - k.due) * 1000 AS ms, extract(epoch FROM k.due) * 1000 AS due
       FROM case_events e JOIN sla_clocks s ON s.case_id = e.case_id AND s.kind = e.details->>'clock'
      CROSS JOIN LATERAL (SELECT CASE WHEN e.action = 'clock_warned' THEN s.warn_at ELSE s.deadline_at END AS due) k
      WHERE e.action IN ('clock_warned', 'clock_breached') AND s.kind = 'first_response'`,
  );
  // A watched run's sample: the deadlines due by the end of the watch less the target (each had the
  // target's time to fire), counted from the clocks so that one that never fired counts too.
  const cutoffAt = watchEnd === undefined ? undefined : Math.min(Date.now(), watchEnd) - TARGET_P99_LATENESS_MS;
  const cutoff = cutoffAt === undefined ? undefined : { at: cutoffAt, afterFirstStartS: (cutoffAt - openedAt) / 1000 };
  const [due]: Array<{ warnings: number; breaches: number }> = cutoff
    ? await infra.dataSource.query(
        `SELECT count(*) FILTER (WHERE warn_at <= $1)::int AS warnings, count(*) FILTER (WHERE deadline_at <= $1)::int AS breaches
           FROM sla_clocks WHERE kind = 'first_response'`,
        [new Date(cutoff.at)],
      )
    : [{ warnings: 0, breaches: 0 }];
  const sizes: Array<{ size: string }> = await infra.dataSource.query(`SELECT pg_size_pretty(pg_database_size(current_database())) AS size`);
  const sqlite = ['', '-wal'].map((s) => {
    try {
      return statSync(`${dbFile}${s}`).size;
    } catch {
      return 0;
    }
  });
  const start = summarize(startLatency);
  // The worker processes read the same WORKER_* variables from this process's environment.
  const tuned = workerOptionsFrom(config);
  const workerTuning =
    tuned.maxCachedWorkflows === undefined
      ? `${describeWorkerOptions(tuned)}; the SDK's default workflow cache is sized from the heap: 2,310 workflows on a 4 GiB heap`
      : describeWorkerOptions(tuned);
  const stackFrames = `${config.WORKER_WORKFLOW_STACK_FRAMES} workflow stack frames (WORKER_WORKFLOW_STACK_FRAMES)`;
  const rows = latenessKinds(opts.schedule).map((kind) => {
    const fired = lateness.filter((r) => r.action === kind.action).map((r) => ({ latenessMs: Number(r.ms), dueAt: Number(r.due) }));
    return latenessLine({ label: kind.label, open: opts.open, fired, dueByCutoff: due[kind.due], cutoff, targetP99Ms: TARGET_P99_LATENESS_MS });
  });
  console.log(
    [
      '',
      `Open cases: ${opts.open}`,
      `  start rate: ${(opts.open / openSeconds).toFixed(1)} cases/s sustained (${openSeconds.toFixed(1)} s; start + awaitRecorded p50 ${start.p50.toFixed(0)} ms, p99 ${start.p99.toFixed(0)} ms, ${opts.concurrency} in flight; ${retries} calls retried after a deadline error)`,
      `  worker RSS: ${mibList(atOpen.workers)} MiB when all were open, ${mibList(memory.workers)} MiB peak (npm run worker${opts.workers === 1 ? '' : ', per process'}; ${workerTuning}; ${stackFrames})`,
      `  Temporal dev server RSS: ${atOpen.server.toFixed(0)} MiB when all were open, ${memory.server.toFixed(0)} MiB peak`,
      `  Temporal SQLite: ${(sqlite[0] / 2 ** 20).toFixed(1)} MiB + WAL ${(sqlite[1] / 2 ** 20).toFixed(1)} MiB; read-model database ${sizes[0].size}`,
      overlap,
      ...rows,
      cpuPer('start', openingPhase, opts.workers),
      ...(warningPhase ? [cpuPer('warning', warningPhase, opts.workers), cpuPer('breach', breachPhase, opts.workers)] : [cpuPer('warning and breach', breachPhase, opts.workers)]),
      `Load after the run: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (1, 5, 15 min; the machine is shared)`,
    ].join('\n'),
  );
}

const mibList = (values: number[]) => values.map((v) => v.toFixed(0)).join(' + ');

runBench('bench:scale', parse, main);
