import type { Client } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker, type WorkflowBundleOption } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createActivities } from '../activities';

export interface WorkerDeps {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  dataSource: DataSource;
  /** A client of the same namespace, for activities that act on other workflows. */
  temporal: Client;
  /** A pre-built bundle (tests build one per run); otherwise the workflows are bundled from source. */
  workflowBundle?: WorkflowBundleOption;
}

/** The composition root of the worker: real dependencies in, a ready (not yet running) Worker out. */
export async function createWorker(deps: WorkerDeps): Promise<Worker> {
  return Worker.create({
    connection: deps.connection,
    namespace: deps.namespace,
    taskQueue: deps.taskQueue,
    activities: createActivities({ dataSource: deps.dataSource, temporal: deps.temporal }),
    workflowBundle: deps.workflowBundle ?? (await bundleWorkflows()),
  });
}

/**
 * Bundles the workflows for Temporal's sandbox. Done here rather than by Worker.create so the
 * bundler's module-by-module report stays out of the service log (warnings and errors still show).
 */
export async function bundleWorkflows(workflowsPath = workflowsEntry()): Promise<WorkflowBundleOption> {
  const quiet = () => undefined;
  const { code } = await bundleWorkflowCode({
    workflowsPath,
    logger: { log: quiet, trace: quiet, debug: quiet, info: quiet, warn: console.warn, error: console.error },
  });
  return { code };
}

/** The bundler's entry point: the TS source under jest, the compiled JS under node. */
export function workflowsEntry(): string {
  return require.resolve('../workflows');
}
