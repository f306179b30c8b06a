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

type WorkerOptionsConfig = Pick<
  AppConfig,
  | 'WORKER_MAX_CACHED_WORKFLOWS'
  | 'WORKER_MAX_CONCURRENT_WORKFLOW_TASKS'
  | 'WORKER_MAX_CONCURRENT_ACTIVITIES'
  | 'WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES'
  | 'WORKER_WORKFLOW_THREADS'
>;

type WorkerTuningConfig = WorkerOptionsConfig & Pick<AppConfig, 'WORKER_WORKFLOW_STACK_FRAMES'>;

/** The WORKER_* settings as worker options; an unset one is left out, so the SDK's default applies. */
export function workerOptionsFrom(config: WorkerOptionsConfig): TunedWorkerOptions {
  const options: TunedWorkerOptions = {
    maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
    maxConcurrentWorkflowTaskExecutions: config.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    maxConcurrentActivityTaskExecutions: config.WORKER_MAX_CONCURRENT_ACTIVITIES,
    maxConcurrentLocalActivityExecutions: config.WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES,
    workflowThreadPoolSize: config.WORKER_WORKFLOW_THREADS,
  };
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as TunedWorkerOptions;
}

/** Everything a worker takes from the WORKER_* settings: the SDK's options and what its bundle compiles in. */
export interface WorkerTuning {
  options: TunedWorkerOptions;
  /** WORKER_WORKFLOW_STACK_FRAMES (workflows/common/sandbox-stack-frames.ts). */
  workflowStackFrames: number;
}

/** The WORKER_* settings as one value, so every composition root passes all of them. */
export function workerTuningFrom(config: WorkerTuningConfig): WorkerTuning {
  return { options: workerOptionsFrom(config), workflowStackFrames: config.WORKER_WORKFLOW_STACK_FRAMES };
}

/** For start-up logs and benchmark reports: "SDK defaults" or the options set. */
export function describeWorkerOptions(options: TunedWorkerOptions | undefined): string {
  const set = Object.entries(options ?? {}).filter(([, v]) => v !== undefined);
  return set.length ? set.map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join(', ') : "the SDK's default options";
}
