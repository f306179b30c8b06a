import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { DataSource } from 'typeorm';

export interface CheckResult {
  ok: boolean;
  /** Why the check failed, or what it saw. */
  error?: string;
  ms: number;
}

export interface WorkerCheck extends CheckResult {
  taskQueue: string;
  workflowPollers: number;
  activityPollers: number;
}

/** A poller long-polls for about a minute; one not seen for longer than this has gone. */
const POLLER_FRESH_MS = 90_000;

/** Runs `probe`, but answers within `timeoutMs` whatever the dependency does. */
export async function bounded<T>(timeoutMs: number, what: string, probe: () => Promise<T>): Promise<{ value?: T; result: CheckResult }> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const value = await Promise.race([probe(), timeout]);
    return { value, result: { ok: true, ms: Date.now() - started } };
  } catch (err) {
    return { result: { ok: false, error: err instanceof Error ? err.message : String(err), ms: Date.now() - started } };
  } finally {
    clearTimeout(timer);
  }
}

export function checkPostgres(dataSource: DataSource, timeoutMs: number): Promise<CheckResult> {
  return bounded(timeoutMs, 'PostgreSQL', () => dataSource.query('SELECT 1')).then((r) => r.result);
}

export function checkTemporal(client: Client, timeoutMs: number): Promise<CheckResult> {
  return bounded(timeoutMs, 'Temporal', () =>
    client.withDeadline(Date.now() + timeoutMs, () => client.workflowService.getSystemInfo({})),
  ).then((r) => r.result);
}

/**
 * Whether a worker polls the task queue for workflow and activity tasks now (DescribeTaskQueue): with
 * none, every action would wait until the API's Temporal deadline and answer 503.
 */
export async function checkWorker(client: Client, taskQueue: string, timeoutMs: number, now = Date.now()): Promise<WorkerCheck> {
  const T = temporal.api.enums.v1;
  const describe = (type: temporal.api.enums.v1.TaskQueueType) =>
    client.workflowService.describeTaskQueue({
      namespace: client.options.namespace,
      taskQueue: { name: taskQueue, kind: T.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
      taskQueueType: type,
    });
  const { value, result } = await bounded(timeoutMs, 'Temporal (DescribeTaskQueue)', () =>
    client.withDeadline(Date.now() + timeoutMs, () =>
      Promise.all([describe(T.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW), describe(T.TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY)]),
    ),
  );
  if (!value) return { ...result, taskQueue, workflowPollers: 0, activityPollers: 0 };
  const fresh = (pollers: temporal.api.taskqueue.v1.IPollerInfo[] | null | undefined) =>
    (pollers ?? []).filter((p) => {
      const seconds = Number(p.lastAccessTime?.seconds ?? 0);
      return now - seconds * 1000 < POLLER_FRESH_MS;
    }).length;
  const workflowPollers = fresh(value[0].pollers);
  const activityPollers = fresh(value[1].pollers);
  const ok = workflowPollers > 0 && activityPollers > 0;
  return {
    ...result,
    ok,
    ...(ok ? {} : { error: `no worker is polling task queue '${taskQueue}' (workflow pollers: ${workflowPollers}, activity pollers: ${activityPollers})` }),
    taskQueue,
    workflowPollers,
    activityPollers,
  };
}
