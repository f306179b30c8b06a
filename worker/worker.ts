import type { Client } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker, type WorkflowBundleOption } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createActivities } from '../activities';
import { DEFAULT_WORKFLOW_STACK_FRAMES } from '../config/env';
import type { ProofKey } from '../workflows/common/actor-proof/actor-proof';
import type { EnforcementGateway } from '../activities/enforcement/enforcement-gateway';
import type { RiskModel } from '../activities/risk/risk-model';
import type { WebhookSettings } from '../activities/webhook.activities';
import type { WorkerTuning } from './worker-options';

export interface WorkerDeps {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  dataSource: DataSource;
  /** A client of the same namespace, for activities that act on other workflows. */
  temporal: Client;
  /** The risk model reviews use (riskModelFor(config)); default: the rules model. */
  riskModel?: RiskModel;
  /** The marketplace's enforcement system; default: the enforcement_actions table. */
  enforcementGateway?: EnforcementGateway;
  /** Outgoing webhooks (webhookSettingsFrom(config)). */
  webhooks?: WebhookSettings;
  /** A pre-built bundle (tests build one per run, with their keys); otherwise the workflows are bundled from source with `actorProofKeys`. */
  workflowBundle?: WorkflowBundleOption;
  /** The keys workflows check actor proofs with (ACTOR_PROOF_SECRET and earlier ones); needed when bundling here. */
  actorProofKeys?: readonly ProofKey[];
  /** Tuning (cache size, task slots, pollers; the stack frames compiled into a bundle built here); the defaults otherwise. The benchmarks measure what each buys. */
  tuning?: WorkerTuning;
}

/** The composition root of the worker: real dependencies in, a ready (not yet running) Worker out. */
export async function createWorker(deps: WorkerDeps): Promise<Worker> {
  return Worker.create({
    connection: deps.connection,
    namespace: deps.namespace,
    taskQueue: deps.taskQueue,
    activities: createActivities({
      dataSource: deps.dataSource,
      temporal: deps.temporal,
      riskModel: deps.riskModel,
      enforcementGateway: deps.enforcementGateway,
      webhooks: deps.webhooks,
    }),
    workflowBundle: deps.workflowBundle ?? (await bundleWorkflows(requireKeys(deps.actorProofKeys), workflowsEntry(), { stackFrames: deps.tuning?.workflowStackFrames })),
    ...deps.tuning?.options,
  });
}

function requireKeys(keys: readonly ProofKey[] | undefined): readonly ProofKey[] {
  if (!keys?.length) throw new Error('the worker needs ACTOR_PROOF_SECRET: workflows accept only messages signed with it');
  return keys;
}

/** What a bundle compiles in besides the actor-proof keys. */
export interface BundleSettings {
  /** Stack frames the sandbox captures (WORKER_WORKFLOW_STACK_FRAMES); DEFAULT_WORKFLOW_STACK_FRAMES if unset. */
  stackFrames?: number;
}

/**
 * Bundles the workflows for Temporal's sandbox, with the actor-proof interceptors and the keys they
 * check, and the sandbox's stack-frame limit (the sandbox cannot read configuration: both are compiled
 * into the bundle, which lives in the worker's memory). Done here rather than by Worker.create so the bundler's module-by-module
 * report stays out of the service log (warnings and errors still show).
 */
export async function bundleWorkflows(
  actorProofKeys: readonly ProofKey[],
  workflowsPath = workflowsEntry(),
  settings: BundleSettings = {},
): Promise<WorkflowBundleOption> {
  const stackFrames = settings.stackFrames ?? DEFAULT_WORKFLOW_STACK_FRAMES;
  const quiet = () => undefined;
  // The bundler's own webpack, so the plugin matches the compiler it is given to.
  const webpack = require(require.resolve('webpack', { paths: [require.resolve('@temporalio/worker')] })) as {
    DefinePlugin: new (definitions: Record<string, string>) => unknown;
  };
  const { code } = await bundleWorkflowCode({
    workflowsPath,
    workflowInterceptorModules: workflowInterceptorModules(),
    preloadModules: workflowPreloadModules(workflowsPath),
    webpackConfigHook: (config) => ({
      ...config,
      plugins: [
        ...(config.plugins ?? []),
        new webpack.DefinePlugin({
          __RISKDESK_ACTOR_PROOF_KEYS__: JSON.stringify(JSON.stringify(actorProofKeys)),
          __RISKDESK_WORKFLOW_STACK_FRAMES__: JSON.stringify(stackFrames),
        }) as never,
      ],
    }),
    logger: { log: quiet, trace: quiet, debug: quiet, info: quiet, warn: console.warn, error: console.error },
  });
  return { code };
}

/**
 * Modules the workflow sandbox evaluates once per workflow thread and shares between workflows (issue
 * 13): first the stack-frame limit (it must run before the SDK freezes the sandbox's `Error`), then
 * the workflows entry, so every module it reaches (ours, luxon, noble's hashes), and the
 * interceptors. Otherwise the sandbox evaluates each of them anew for every workflow it starts or
 * replays: with 10,000 cases cached that was about a third of the worker's memory (4,601 against
 * 3,122 MiB), and about 16 ms of the worker's time on every replay of an evicted case. Sharing is safe because a workflow's state lives in its own function's closure
 * and in what the SDK keeps per workflow, never at a module's top level: no module under workflows/
 * declares a top-level `let` or `var`, and its only top-level collections are memos of pure functions
 * (test/unit/workflow-module-state.test.ts holds both). The SDK freezes a shared module's exports.
 */
export function workflowPreloadModules(workflowsPath: string): string[] {
  return [require.resolve('../workflows/common/sandbox-stack-frames'), workflowsPath, ...workflowInterceptorModules()];
}

/** Interceptors every workflow runs with (also given to replays, which have no keys and re-judge nothing). */
export function workflowInterceptorModules(): string[] {
  return [require.resolve('../workflows/common/actor-proof/actor-proof.interceptors')];
}

/** The bundler's entry point: the TS source under jest, the compiled JS under node. */
export function workflowsEntry(): string {
  return require.resolve('../workflows');
}
