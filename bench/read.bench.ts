import 'reflect-metadata';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../config/env';
import { signAccessToken } from '../platform/access-tokens';
import { apiScenario, type ApiCase } from './api-scenario';
import { intFlags, runBench } from './bench-process';
import { explainQueries, captureQueries, timeQueries } from './explain';
import { startInfra, type Teardown } from './infra';
import { MANAGER, SPECIALISTS, TEAM, seedBenchRoster, type Step } from './lifecycle';
import { fillMemberId, fillReadModel } from './read-fill';
import { formatTable, summarize } from './stats';
import { startApi, startSystem } from './system';

/**
 * `npm run bench:read`: the read model filled with `--cases` cases (a million by default) and their
 * events, tasks, clocks and handoffs in bulk SQL, then every read route a person opens timed through
 * the HTTP API, one request at a time: p95 against issue 13's 25 ms, and the query plans behind it.
 */

const TARGET_P95_MS = 25;
const FILL_TEAMS = ['seller-risk-eu', 'seller-risk-us', 'seller-risk-apac'];
const MEMBERS_PER_TEAM = 40;

interface Options {
  cases: number;
  samples: number;
  openEvery: number;
  keepDatabase: boolean;
}

const log = (msg: string) => console.log(`[bench:read] ${msg}`);

function parse(argv: string[], env: NodeJS.ProcessEnv): Options {
  const f = intFlags(argv, env, {
    cases: { variable: 'BENCH_CASES', fallback: 1_000_000, min: 10 },
    samples: { variable: 'BENCH_SAMPLES', fallback: 60, min: 5 },
    'open-every': { variable: 'BENCH_OPEN_EVERY', fallback: 20, min: 1 },
    // 1: leave the filled database for EXPLAIN afterwards (a million cases take minutes to fill).
    'keep-db': { variable: 'BENCH_KEEP_DB', fallback: 0, min: 0 },
  });
  return { cases: f.cases, samples: f.samples, openEvery: f['open-every'], keepDatabase: f['keep-db'] > 0 };
}

interface Route {
  name: string;
  as: string;
  /** Called per sample: a route over many cases may take a different one each time. */
  path: (i: number) => string;
}

async function main(opts: Options, teardown: Teardown, ownSignals: () => void): Promise<void> {
  const config = loadConfig();
  const cpus = os.cpus();
  console.log(
    [
      'Riskdesk read benchmark',
      `  machine:     ${cpus.length} cores (${cpus[0]?.model ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.platform()} ${os.release()}`,
      `  load:        ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (1, 5, 15 min) before starting`,
      `  config:      ${opts.cases} cases, one open in ${opts.openEvery}, ${opts.samples} requests per route (after 3 warm-up), one at a time`,
    ].join('\n'),
  );
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const infra = await startInfra(
    { databaseUrl: config.DATABASE_URL, temporalAddress: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE, dataDir: config.DATA_DIR, log, keepDatabase: opts.keepDatabase },
    teardown,
  );
  ownSignals();
  await seedBenchRoster(infra.dataSource);
  await infra.dataSource.query(
    `INSERT INTO roster_members (user_id, display_name, email, role, team, skills, capacity, active, team_lead)
     VALUES ('bench-operator', 'bench-operator', 'bench-operator@bench.riskdesk.example', 'operator', 'operations', '{"kinds":[],"marketplaces":[],"languages":[]}', 0, true, false)`,
  );
  const system = await startSystem(infra, { namespace: config.TEMPORAL_NAMESPACE, log }, teardown);
  const api = await startApi(infra.databaseUrl, system.client, system.taskQueue, teardown);

  log('templates: four real cases through the API (queued, in progress, waiting on Legal, resolved)');
  const scenario = apiScenario(api.baseUrl, api.jwtSecret, { pollMs: 20, resumeTimeoutMs: 60_000 });
  const templates: ApiCase[] = [0, 1, 2, 3].map((i) => scenario.newCase(i));
  const steps: Array<[Step, number[]]> = [['create', [0, 1, 2, 3]], ['claim', [1, 2, 3]], ['handOff', [2, 3]], ['answer', [3]], ['resolve', [3]]];
  for (const [step, which] of steps) {
    for (const i of which) await system.guarded(scenario.run(step, templates[i], () => undefined));
  }

  log(`filling the read model with ${opts.cases} cases`);
  const t0 = performance.now();
  await fillReadModel(
    infra.dataSource,
    { open: templates.slice(0, 3).map((c) => c.caseId!), closed: templates[3].caseId! },
    { count: opts.cases, openEvery: opts.openEvery, teams: FILL_TEAMS, membersPerTeam: MEMBERS_PER_TEAM, sellers: Math.max(1, Math.floor(opts.cases / 5)) },
    log,
  );
  const fillSeconds = (performance.now() - t0) / 1000;
  const sizes = await tableSizes(infra.dataSource);

  const teamCases: Array<{ id: string }> = await infra.dataSource.query(
    `SELECT id FROM cases WHERE team = $1 AND workflow_id LIKE 'bench-fill/%' ORDER BY created_at DESC LIMIT 200`,
    [TEAM],
  );
  const openCase: Array<{ id: string }> = await infra.dataSource.query(`SELECT id FROM cases WHERE team = $1 AND is_open AND workflow_id LIKE 'bench-fill/%' LIMIT 200`, [TEAM]);
  const specialist = fillMemberId(TEAM, 1);
  const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString();
  const yearAgo = new Date(Date.now() - 400 * 86_400_000).toISOString();
  const pick = (rows: Array<{ id: string }>, i: number) => rows[i % rows.length].id;
  const routes: Route[] = [
    { name: 'inbox (own tasks)', as: specialist, path: () => '/inbox' },
    { name: 'team queue', as: SPECIALISTS[0].userId, path: () => '/inbox/team' },
    { name: 'list (no filter)', as: MANAGER.userId, path: () => '/escalations' },
    { name: 'list state=in_progress', as: MANAGER.userId, path: () => '/escalations?state=in_progress' },
    { name: 'list state=closed', as: MANAGER.userId, path: () => '/escalations?state=closed' },
    { name: 'list severity=critical', as: MANAGER.userId, path: () => '/escalations?severity=critical' },
    { name: 'list assigneeId', as: MANAGER.userId, path: () => `/escalations?assigneeId=${specialist}` },
    { name: 'list sellerId', as: MANAGER.userId, path: (i) => `/escalations?sellerId=fill-seller-${i * 7}` },
    { name: 'list team', as: MANAGER.userId, path: () => `/escalations?team=${TEAM}` },
    { name: 'list breached=true', as: MANAGER.userId, path: () => '/escalations?breached=true' },
    { name: 'list created last 7 days', as: MANAGER.userId, path: () => `/escalations?createdFrom=${weekAgo}` },
    { name: 'list created a year ago', as: MANAGER.userId, path: () => `/escalations?createdFrom=${yearAgo}&createdTo=${weekAgo}` },
    { name: 'list all kinds (/cases)', as: MANAGER.userId, path: () => '/cases' },
    { name: 'list, operator (every team)', as: 'bench-operator', path: () => '/escalations' },
    { name: 'case view', as: MANAGER.userId, path: (i) => `/escalations/${pick(teamCases, i)}` },
    { name: 'case view (open case)', as: MANAGER.userId, path: (i) => `/escalations/${pick(openCase, i)}` },
    { name: 'history (audit part)', as: MANAGER.userId, path: (i) => `/escalations/${pick(teamCases, i)}/history` },
    { name: 'workload', as: MANAGER.userId, path: () => '/workload' },
    ...['sla', 'response-times', 'volume', 'breaches', 'handoffs', 'backlog', 'staffing'].map((m) => ({ name: `metrics/${m}`, as: MANAGER.userId, path: () => `/metrics/${m}` })),
  ];

  const tokens = new Map<string, string>();
  const token = (user: string) => {
    if (!tokens.has(user)) tokens.set(user, `Bearer ${signAccessToken(user, api.jwtSecret, '8h')}`);
    return tokens.get(user)!;
  };
  const get = async (route: Route, i: number) => {
    const path = route.path(i);
    const res = await fetch(`${api.baseUrl}${path}`, { headers: { authorization: token(route.as) } });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${route.name}: GET ${path} answered ${res.status}: ${body.slice(0, 300)}`);
    return body;
  };

  const rows: string[][] = [];
  const plans: string[] = [];
  const explained = new Set<string>();
  // Each request's SQL time beside its latency: a slow request with little SQL was slow outside the database.
  const sql = timeQueries(api.dataSource);
  for (const route of routes) {
    for (let i = 0; i < 3; i++) await get(route, i);
    const samples: number[] = [];
    const sqlMs: number[] = [];
    let bytes = 0;
    for (let i = 0; i < opts.samples; i++) {
      sql.take();
      const t = performance.now();
      bytes = (await get(route, i)).length;
      samples.push(performance.now() - t);
      sqlMs.push(sql.take());
    }
    const s = summarize(samples);
    const q = summarize(sqlMs);
    const slowest = samples.indexOf(s.max);
    rows.push([
      route.name,
      s.p50.toFixed(1),
      s.p95.toFixed(1),
      s.p99.toFixed(1),
      s.max.toFixed(1),
      q.p50.toFixed(1),
      q.p95.toFixed(1),
      sqlMs[slowest].toFixed(1),
      String(bytes),
      s.p95 < TARGET_P95_MS ? 'met' : 'NOT met',
    ]);
    // The slowest sample's request again (its pages now cached): a route whose requests differ (sellerId) shows the one that took longest.
    const captured = await captureQueries(api.dataSource, () => get(route, slowest));
    plans.push(`-- ${route.name}: GET ${route.path(slowest)} (sample ${slowest}, the slowest)`, ...(await explainQueries(infra.dataSource, captured, explained)), '');
  }
  sql.detach();

  console.log(
    [
      '',
      `Read model: ${opts.cases} cases filled in ${fillSeconds.toFixed(0)} s; ${sizes}`,
      '',
      formatTable(['route', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'sql p50', 'sql p95', 'sql of max', 'bytes', `p95 < ${TARGET_P95_MS} ms`], rows),
      '',
      'sql: milliseconds of each request spent on its SQL statements, summed, as the API saw them (sent to answer back).',
      '',
      'Query plans (EXPLAIN (ANALYZE, BUFFERS) of each query the route ran, on the filled database):',
      ...plans,
      `Load after the run: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (1, 5, 15 min; the machine is shared)`,
    ].join('\n'),
  );
}

async function tableSizes(ds: DataSource): Promise<string> {
  const rows: Array<{ name: string; n: string; size: string }> = await ds.query(
    `SELECT c.relname AS name, c.reltuples::bigint AS n, pg_size_pretty(pg_total_relation_size(c.oid)) AS size
       FROM pg_class c WHERE c.relname = ANY($1) ORDER BY c.relname`,
    [['cases', 'escalation_cases', 'case_events', 'tasks', 'sla_clocks', 'handoffs']],
  );
  const total: Array<{ size: string }> = await ds.query(`SELECT pg_size_pretty(pg_database_size(current_database())) AS size`);
  return `${rows.map((r) => `${r.name} ${r.n} rows (${r.size})`).join(', ')}; database ${total[0].size}`;
}

runBench('bench:read', parse, main);
