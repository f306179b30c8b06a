import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import path from 'node:path';
import type { AppConfig } from '../config/env';
import type { ProofKey } from '../workflows/common/actor-proof/actor-proof';
import { actorProofInterceptor } from './actor-proof-client';
import { RISKDESK_SEARCH_ATTRIBUTES } from '../workflows/common/search-attributes';

// Plain JS so `npm install` can run it before TypeScript is compiled.
const binaries = require('../scripts/temporal-binaries.js') as {
  findBinary(kind: 'cli' | 'testServer', opts?: { install?: boolean }): { path: string | null; source: string; tried: string[] };
  sdkExecutable(found: { path: string | null }): { type: 'existing-path'; path: string } | { type: 'cached-download' };
};

export function temporalAddress(config: AppConfig): string {
  return config.TEMPORAL_ADDRESS ?? `127.0.0.1:${config.TEMPORAL_DEV_PORT}`;
}

/** A client that signs every start, update and signal with the actor-proof key (see actor-proof-client.ts). */
export async function connectClient(address: string, namespace: string, actorProofKeys: readonly ProofKey[]): Promise<Client> {
  const connection = await Connection.connect({ address });
  return new Client({ connection, namespace, interceptors: { workflow: [actorProofInterceptor(actorProofKeys)] } });
}

export async function connectWorker(address: string): Promise<NativeConnection> {
  return NativeConnection.connect({ address });
}

/** The dev server's CLI: a local binary when there is one, else the SDK's own download. */
export function devServerExecutable() {
  const found = binaries.findBinary('cli', { install: true });
  return { executable: binaries.sdkExecutable(found), found };
}

export function testServerExecutable() {
  const found = binaries.findBinary('testServer', { install: true });
  return { executable: binaries.sdkExecutable(found), found };
}

/**
 * The dev server logs at warn level, except its "Slow gRPC call" warning: it fires on every call
 * slower than 5 s, and an UpdateWorkflowExecution is slow by design while it waits for the workflow
 * to accept and record the update, so a busy `npm start` terminal filled with them. Only calls slower
 * than a minute (a real stall) are still reported; errors and other warnings are untouched.
 */
export const DEV_SERVER_ARGS = ['--log-level', 'warn', '--dynamic-config-value', 'rpc.slowRequestLoggingThreshold="1m"'] as const;

export interface DevServer {
  address: string;
  uiUrl: string | null;
  stop(): Promise<void>;
}

/**
 * Starts `temporal server start-dev` with SQLite persistence under the data folder, the Web UI on,
 * and Riskdesk's search attributes registered. The SDK's ephemeral-server helper supervises the
 * process (readiness, shutdown), whichever way the binary was obtained.
 */
export async function startDevServer(opts: {
  port: number;
  uiPort?: number;
  dbFile?: string;
  namespace: string;
  log?: (msg: string) => void;
}): Promise<DevServer> {
  const { executable, found } = devServerExecutable();
  opts.log?.(
    found.path
      ? `Temporal CLI: ${found.path} (${found.source})`
      : `Temporal CLI not found locally (tried ${found.tried.join('; ')}); letting the SDK download it`,
  );
  let env: TestWorkflowEnvironment;
  try {
    env = await TestWorkflowEnvironment.createLocal({
      server: {
        executable,
        ip: '127.0.0.1',
        port: opts.port,
        ui: opts.uiPort !== undefined,
        uiPort: opts.uiPort,
        dbFilename: opts.dbFile ? path.resolve(opts.dbFile) : undefined,
        namespace: opts.namespace,
        searchAttributes: RISKDESK_SEARCH_ATTRIBUTES,
        extraArgs: [...DEV_SERVER_ARGS],
      },
    });
  } catch (err) {
    throw new Error(
      `Could not start the Temporal dev server (tried: ${[...found.tried, found.path ?? 'SDK download'].join('; ')}): ${(err as Error).message}`,
    );
  }
  return {
    address: env.address,
    uiUrl: opts.uiPort !== undefined ? `http://127.0.0.1:${opts.uiPort}` : null,
    stop: () => env.teardown(),
  };
}
