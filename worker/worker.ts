import { NativeConnection, Worker, type WorkflowBundleOption } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createActivities } from '../activities';

export interface WorkerDeps {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  dataSource: DataSource;
  /** A pre-built bundle (tests build one per run); otherwise the workflows are bundled from source. */
  workflowBundle?: WorkflowBundleOption;
}

/** The composition root of the worker: real dependencies in, a ready (not yet running) Worker out. */
export async function createWorker(deps: WorkerDeps): Promise<Worker> {
  return Worker.create({
    connection: deps.connection,
    namespace: deps.namespace,
    taskQueue: deps.taskQueue,
    activities: createActivities({ dataSource: deps.dataSource }),
    ...(deps.workflowBundle ? { workflowBundle: deps.workflowBundle } : { workflowsPath: workflowsEntry() }),
  });
}

/** The bundler's entry point: the TS source under jest, the compiled JS under node. */
export function workflowsEntry(): string {
  return require.resolve('../workflows');
}
