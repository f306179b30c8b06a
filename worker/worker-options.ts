import type { WorkerOptions } from '@temporalio/worker';
import type { AppConfig } from '../config/env';

/** The worker options Riskdesk lets an operator tune; everything else is the SDK's. */
export type TunedWorkerOptions = Pick<
  WorkerOptions,
  | 'maxCachedWorkflows'
  | 'maxConcurrentWorkflowTaskExecutions'
  | 'maxConcurrentActivityTaskExecutions'
  | 'maxConcurrentLocalActivityExecutions'
  | 'workflowThreadPoolSize'
  | 'workflowTaskPollerBehavior'
  | 'activityTaskPollerBehavior'
>;

type WorkerTuning = Pick<
  AppConfig,
  | 'WORKER_MAX_CACHED_WORKFLOWS'
  | 'WORKER_MAX_CONCURRENT_WORKFLOW_TASKS'
  | 'WORKER_MAX_CONCURRENT_ACTIVITIES'
  | 'WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES'
  | 'WORKER_WORKFLOW_THREADS'
>;

/** The WORKER_* settings as worker options; an unset one is left out, so the SDK's default applies. */
export function workerOptionsFrom(config: WorkerTuning): TunedWorkerOptions {
  const options: TunedWorkerOptions = {
    maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
    maxConcurrentWorkflowTaskExecutions: config.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    maxConcurrentActivityTaskExecutions: config.WORKER_MAX_CONCURRENT_ACTIVITIES,
    maxConcurrentLocalActivityExecutions: config.WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES,
    workflowThreadPoolSize: config.WORKER_WORKFLOW_THREADS,
  };
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as TunedWorkerOptions;
}

/** For start-up logs and benchmark reports: "SDK defaults" or the options set. */
export function describeWorkerOptions(options: TunedWorkerOptions | undefined): string {
  const set = Object.entries(options ?? {}).filter(([, v]) => v !== undefined);
  return set.length ? set.map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join(', ') : "the SDK's default options";
}
