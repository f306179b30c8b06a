import { type Client, Connection } from '@temporalio/client';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../../platform/free-port';
import { awaitRecordedUpdate, escalationWorkflowId } from '../../workflows/escalation/escalation.contract';
import type { escalationWorkflow } from '../../workflows/escalation/escalation.workflow';
import { required, TEST_ACTOR_PROOF_SECRET, TEST_ENV } from '../support/env';
import { HAND_BACK_WORKFLOW_TYPE, handBackWorkflowId } from '../../workflows/hand-back/hand-back.contract';
import type { handBackWorkflow } from '../../workflows/hand-back/hand-back.workflow';
import { actors, escalationInput } from '../support/escalation-fixtures';
import { signedClient } from '../support/harness';
import { eventually } from '../support/eventually';
import { dashboardMetricNames, ROOT } from '../support/observability';

/** `npm run worker`'s entry point, run as its own process, with the run's database and Temporal server. */
function startWorkerProcess(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let output = '';
  const child = spawn(process.execPath, [path.join(ROOT, 'test/support/run-ts.js'), path.join(ROOT, 'worker/main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: required(TEST_ENV.databaseUrl),
      TEMPORAL_ADDRESS: required(TEST_ENV.temporalAddress),
      ACTOR_PROOF_SECRET: TEST_ACTOR_PROOF_SECRET,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/**
 * The worker process serves the Temporal SDK's Prometheus metrics at WORKER_METRICS_ADDRESS: a real
 * worker/main.ts in a child process (the SDK's runtime is once per process), a real escalation on its
 * task queue, then the exporter's text, which must hold every Temporal metric the Grafana dashboard
 * reads. A busy address stops a second worker at start-up, naming the variable.
 */
describe('worker metrics (a real worker process, real Temporal and PostgreSQL)', () => {
  const taskQueue = `worker-metrics-${Date.now()}`;
  let address: string;
  let worker: ReturnType<typeof startWorkerProcess> | undefined;
  let connection: Connection;
  let client: Client;

  beforeAll(async () => {
    address = `127.0.0.1:${await freePort()}`;
    connection = await Connection.connect({ address: required(TEST_ENV.temporalAddress) });
    client = signedClient(connection);
    worker = startWorkerProcess({ TEMPORAL_TASK_QUEUE: taskQueue, WORKER_METRICS_ADDRESS: address });
    // The worker bundles the workflows before it polls: allow for a busy machine.
    await eventually(
      async () => worker!.output(),
      (out) => out.includes(`Worker metrics (Prometheus) at http://${address}/metrics`) || worker!.child.exitCode !== null,
      { timeoutMs: 150_000, intervalMs: 250 },
    );
    if (worker.child.exitCode !== null) throw new Error(`the worker exited: ${worker.output()}`);
  }, 180_000);

  afterAll(async () => {
    if (worker && worker.child.exitCode === null) {
      worker.child.kill('SIGTERM');
      await worker.exited;
    }
    await connection?.close();
  }, 60_000);

  it("serves the SDK's metrics for its task queue, including every Temporal metric the dashboard reads", async () => {
    const input = escalationInput({ severity: 'high' });
    const handle = await client.workflow.start<typeof escalationWorkflow>('escalationWorkflow', {
      taskQueue,
      workflowId: escalationWorkflowId(input.caseId),
      args: [input],
    });
    await handle.executeUpdate(awaitRecordedUpdate);
    // A new case routes and writes through local activities; the dashboard's activity panels need a
    // workflow that runs ordinary activity tasks too: a hand-back for someone with no cases.
    const away = `nobody-${Date.now()}`;
    const until = Date.now() + 3_600_000;
    await client.workflow.execute<typeof handBackWorkflow>(HAND_BACK_WORKFLOW_TYPE, {
      taskQueue,
      workflowId: handBackWorkflowId(away, until),
      args: [{ userId: away, markedBy: actors.max, outOfOfficeUntil: until, markedAt: Date.now() }],
    });
    try {
      const wanted = dashboardMetricNames('temporal_');
      expect(wanted.length).toBeGreaterThanOrEqual(5);
      const text = await eventually(
        async () => (await fetch(`http://${address}/metrics`)).text(),
        (t) => wanted.every((name) => new RegExp(`^${name}(_bucket|_sum|_count)?\\{`, 'm').test(t)),
        { timeoutMs: 30_000, intervalMs: 500 },
      );
      expect(text).toMatch(new RegExp(`^temporal_worker_task_slots_available\\{[^}]*task_queue="${taskQueue}"[^}]*worker_type="WorkflowWorker"`, 'm'));
      expect(text).toMatch(/^temporal_workflow_task_execution_latency_bucket\{[^}]*workflow_type="escalationWorkflow"/m);
      expect(text).toMatch(/^temporal_local_activity_execution_latency_bucket\{[^}]*activity_type="projectCase"/m);
      // Durations in seconds, as Prometheus names them (the SDK's default would be milliseconds).
      expect(text).toMatch(/^temporal_workflow_task_execution_latency_bucket\{[^}]*le="0\.001"/m);
    } finally {
      await handle.terminate('test over');
    }
  });

  it('stops a second worker whose metrics address is taken, naming the variable', async () => {
    const second = startWorkerProcess({ TEMPORAL_TASK_QUEUE: `${taskQueue}-2`, WORKER_METRICS_ADDRESS: address });
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(`WORKER_METRICS_ADDRESS: cannot serve worker metrics on ${address}`);
  }, 60_000);

  it('shuts down cleanly on SIGTERM', async () => {
    worker!.child.kill('SIGTERM');
    expect(await worker!.exited).toBe(0);
  }, 60_000);
});
