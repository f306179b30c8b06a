import 'reflect-metadata';
import { Connection } from '@temporalio/client';
import { randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import { loadConfig } from '../config/env';
import { freePort } from '../platform/free-port';
import { escalationWorkflowId } from '../workflows/escalation/escalation.contract';
import { apiScenario, type ApiCase } from './api-scenario';
import { intFlags, runBench } from './bench-process';
import { startInfra, type Teardown } from './infra';
import { STEPS, seedBenchRoster } from './lifecycle';
import { rssMiB, spawnService } from './processes';
import { runScenario } from './runner';
import { signedClient } from './signed-client';
import { formatTable, summarize } from './stats';

/**
 * `npm run bench:multi`: two API processes and two worker processes (npm run api / npm run worker)
 * against one Temporal server and one PostgreSQL database. Every case's steps alternate between the
 * two APIs (no affinity, as behind a load balancer), both workers poll the same task queue. Then it
 * checks that nothing was lost or done twice: every case has each lifecycle step exactly once in its
 * audit trail, one handoff, answered once; and which worker ran which workflow tasks.
 */

interface Options {
  n: number;
  concurrency: number;
}

const log = (msg: string) => console.log(`[bench:multi] ${msg}`);

function parse(argv: string[], env: NodeJS.ProcessEnv): Options {
  const f = intFlags(argv, env, {
    n: { variable: 'BENCH_N', fallback: 200, min: 1 },
    concurrency: { variable: 'BENCH_CONCURRENCY', fallback: 20, min: 1 },
  });
  return { n: f.n, concurrency: f.concurrency };
}

/** The audit actions one lifecycle writes, each exactly once. */
const LIFECYCLE_ACTIONS = ['created', 'queued', 'claimed', 'handed_off', 'handoff_answered', 'resolved'];

async function main(opts: Options, teardown: Teardown, ownSignals: () => void): Promise<void> {
  const config = loadConfig();
  const cpus = os.cpus();
  console.log(
    [
      'Riskdesk multi-process benchmark',
      `  machine:     ${cpus.length} cores (${cpus[0]?.model ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
      `  load:        ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (1, 5, 15 min) before starting`,
      `  config:      N=${opts.n}, concurrency=${opts.concurrency}; 2 APIs, 2 workers, 1 Temporal dev server, 1 database`,
    ].join('\n'),
  );
  const infra = await startInfra({ databaseUrl: config.DATABASE_URL, temporalAddress: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE, dataDir: config.DATA_DIR, log }, teardown);
  ownSignals();
  await seedBenchRoster(infra.dataSource);

  const taskQueue = `bench-multi-${randomUUID()}`;
  const proofSecret = randomBytes(32).toString('hex');
  const jwtSecret = randomBytes(32).toString('hex');
  const common = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: infra.databaseUrl,
    TEMPORAL_ADDRESS: infra.temporalAddress,
    TEMPORAL_NAMESPACE: config.TEMPORAL_NAMESPACE,
    TEMPORAL_TASK_QUEUE: taskQueue,
    ACTOR_PROOF_SECRET: proofSecret,
  };
  log('starting two workers and two APIs');
  const workers = await Promise.all(
    [1, 2].map((k) => spawnService(`worker ${k}`, 'worker', { ...common, WORKER_METRICS_ADDRESS: 'off' }, /polling task queue/, teardown)),
  );
  const ports = [await freePort(), await freePort()];
  const apis = await Promise.all(
    ports.map((port, k) =>
      spawnService(`API ${k + 1}`, 'api', { ...common, PORT: String(port), HOST: '127.0.0.1', JWT_SECRET: jwtSecret, RATE_LIMIT_WRITES_PER_MINUTE: '100000' }, /Riskdesk API on/, teardown),
    ),
  );
  const urls = ports.map((p) => `http://127.0.0.1:${p}`);
  const scenario = apiScenario(urls, jwtSecret, { pollMs: 10, resumeTimeoutMs: 60_000 });
  const cases: ApiCase[] = [];
  log(`warm-up: 10 cases`);
  await runScenario(scenario, 10, opts.concurrency, () => undefined);
  log(`${opts.n} cases, each case's steps alternating between ${urls.join(' and ')}`);
  const run = await runScenario(scenario, opts.n, opts.concurrency, (c) => cases.push(c));

  // Nothing lost, nothing doubled: per case, each lifecycle action once; one handoff, answered.
  const ids = cases.map((c) => c.caseId!);
  const actions: Array<{ action: string; events: number; cases: number }> = await infra.dataSource.query(
    `SELECT action, count(*)::int AS events, count(DISTINCT case_id)::int AS cases FROM case_events WHERE case_id = ANY($1::uuid[]) GROUP BY action ORDER BY action`,
    [ids],
  );
  const [handoffs]: Array<{ n: number; answered: number; cases: number }> = await infra.dataSource.query(
    `SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'answered')::int AS answered, count(DISTINCT case_id)::int AS cases FROM handoffs WHERE case_id = ANY($1::uuid[])`,
    [ids],
  );
  const [rows]: Array<{ n: number; resolved: number }> = await infra.dataSource.query(
    `SELECT count(*)::int AS n, count(*) FILTER (WHERE state = 'resolved')::int AS resolved FROM cases WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  const problems: string[] = [];
  for (const action of LIFECYCLE_ACTIONS) {
    const a = actions.find((r) => r.action === action);
    if (!a || a.events !== opts.n || a.cases !== opts.n) problems.push(`${action}: ${a?.events ?? 0} events on ${a?.cases ?? 0} cases (expected ${opts.n} on ${opts.n})`);
  }
  if (handoffs.n !== opts.n || handoffs.answered !== opts.n || handoffs.cases !== opts.n) problems.push(`handoffs: ${handoffs.n} (${handoffs.answered} answered) on ${handoffs.cases} cases`);
  if (rows.n !== opts.n || rows.resolved !== opts.n) problems.push(`cases: ${rows.n} rows, ${rows.resolved} resolved`);

  // Which worker completed the workflow tasks (its identity is pid@host), over a sample of cases.
  const connection = await Connection.connect({ address: infra.temporalAddress });
  teardown.push('client connection', () => connection.close());
  const client = signedClient(connection, config.TEMPORAL_NAMESPACE, proofSecret);
  const byWorker = new Map<string, number>();
  for (const c of cases.slice(0, 20)) {
    const history = await client.workflow.getHandle(escalationWorkflowId(c.caseId!)).fetchHistory();
    for (const e of history.events ?? []) {
      const identity = e.workflowTaskCompletedEventAttributes?.identity ?? e.activityTaskStartedEventAttributes?.identity;
      if (identity) byWorker.set(identity, (byWorker.get(identity) ?? 0) + 1);
    }
  }

  const seconds = run.totalMs / 1000;
  const table = STEPS.map((step) => {
    const s = summarize(run.samples.get(step) ?? []);
    return [step, (opts.n / (run.stepMs.get(step)! / 1000)).toFixed(1), s.p50.toFixed(1), s.p95.toFixed(1), s.p99.toFixed(1), s.max.toFixed(1)];
  });
  console.log(
    [
      '',
      formatTable(['step', 'ops/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'], table),
      '',
      `Lifecycle: ${opts.n} cases in ${seconds.toFixed(1)} s, ${(opts.n / seconds).toFixed(1)} cases/s through two APIs and two workers`,
      `Audit actions on the measured cases: ${actions.map((a) => `${a.action} ${a.events}/${a.cases}`).join(', ')}`,
      `Nothing lost or doubled: ${problems.length ? `NO: ${problems.join('; ')}` : `yes (each of ${LIFECYCLE_ACTIONS.join(', ')} exactly once per case; ${handoffs.n} handoffs, all answered; ${rows.resolved} cases resolved)`}`,
      `Workflow and activity tasks by worker (first 20 cases): ${[...byWorker].map(([id, n]) => `${id} ${n}`).join(', ')}`,
      `RSS: ${[...workers, ...apis].map((p) => `${p.name} ${rssMiB(p.pid).toFixed(0)} MiB`).join(', ')}`,
      `Load after the run: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (1, 5, 15 min; the machine is shared)`,
    ].join('\n'),
  );
  if (problems.length) throw new Error(`lost or doubled work: ${problems.join('; ')}`);
}

runBench('bench:multi', parse, main);
