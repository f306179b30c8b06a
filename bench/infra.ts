import { freePort } from '../platform/free-port';
import fs from 'node:fs/promises';
import path from 'node:path';
import { adminQuery } from '../db/admin-query';
import type { DataSource } from 'typeorm';
import { createDataSource, migrate } from '../db/data-source';
import { startEmbeddedPostgres } from '../platform/embedded-postgres';
import { DEV_SERVER_SQLITE_PRAGMAS, startDevServerOnFreePort } from '../platform/temporal';

/** What the benchmark started, stopped in reverse order; a failing stop is reported and the rest still run. */
export class Teardown {
  private readonly steps: Array<{ name: string; stop: () => Promise<unknown> }> = [];

  push(name: string, stop: () => Promise<unknown>): void {
    this.steps.push({ name, stop });
  }

  /** Returns the names of the steps that failed. */
  async run(log: (msg: string) => void): Promise<string[]> {
    const failed: string[] = [];
    for (const { name, stop } of this.steps.splice(0).reverse()) {
      try {
        await stop();
      } catch (err) {
        failed.push(name);
        log(`could not stop ${name}: ${(err as Error).message}`);
      }
    }
    return failed;
  }
}

/** Says which part of the set-up failed, keeping the underlying message. */
export async function explain<T>(what: string, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    throw new Error(`${what}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

export interface BenchInfra {
  dataSource: DataSource;
  /** The benchmark database's URL, for a second pool (the API's) or another process. */
  databaseUrl: string;
  /** For the report: where PostgreSQL and Temporal came from. */
  database: string;
  temporalAddress: string;
  temporal: string;
  /** The dev server's process and SQLite file, when this run started one (bench:scale measures both). */
  temporalPid?: number;
  temporalDbFile?: string;
  /** True when Temporal is someone else's: the benchmark must end the workflows it leaves running. */
  sharedTemporal: boolean;
}

/**
 * Like `npm start`: PostgreSQL from DATABASE_URL or embedded (its own data folder and a free port),
 * Temporal from TEMPORAL_ADDRESS or a dev server on a free port without the UI and without a file, so
 * nothing outlives the run. The database is always a fresh one, migrated, and dropped at the end unless
 * `keepDatabase` asks to leave it.
 */
export async function startInfra(
  opts: {
    databaseUrl?: string;
    temporalAddress?: string;
    namespace: string;
    dataDir: string;
    log: (msg: string) => void;
    /** Persist the dev server's state in this SQLite file (removed at the end) instead of memory, to measure its size. */
    temporalDbFile?: string;
    /** Leave the database in place at the end (named in the log), to inspect it afterwards. */
    keepDatabase?: boolean;
  },
  teardown: Teardown,
): Promise<BenchInfra> {
  let adminUrl = opts.databaseUrl;
  let database = `DATABASE_URL (${redact(adminUrl ?? '')})`;
  if (!adminUrl) {
    const dir = path.resolve(opts.dataDir, 'bench-postgres');
    const port = await freePort();
    opts.log(`starting embedded PostgreSQL on port ${port} (data in ${dir})`);
    const pg = await explain('starting embedded PostgreSQL', startEmbeddedPostgres({ dir, port, log: opts.log }));
    teardown.push('embedded PostgreSQL', pg.stop);
    adminUrl = pg.url;
    database = `embedded PostgreSQL on port ${port}`;
  }

  const dbName = `riskdesk_bench_${process.pid}_${Date.now()}`;
  await explain(`creating database ${dbName} on ${redact(adminUrl)}`, adminQuery(adminUrl, `CREATE DATABASE ${dbName}`));
  if (opts.keepDatabase) opts.log(`database ${dbName} is kept after the run (DROP DATABASE ${dbName} when done with it)`);
  else teardown.push(`database ${dbName}`, () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  // The pool size of the production worker (createDataSource's default), so the activities queue alike.
  const dataSource = await explain(`connecting to ${dbName}`, createDataSource(url.toString(), { applicationName: 'riskdesk-bench' }).initialize());
  teardown.push('data source', () => dataSource.destroy());
  await explain(`migrating ${dbName}`, migrate(dataSource));

  let temporalAddress = opts.temporalAddress;
  let temporal = `TEMPORAL_ADDRESS (${temporalAddress})`;
  let temporalPid: number | undefined;
  const dbFile = opts.temporalDbFile;
  if (!temporalAddress) {
    opts.log(`starting Temporal dev server on a free port (${dbFile ? `SQLite file ${dbFile}` : 'in memory'}, no UI)`);
    if (dbFile) {
      await fs.mkdir(path.dirname(dbFile), { recursive: true });
      teardown.push('Temporal SQLite file', () => Promise.all(['', '-wal', '-shm'].map((s) => fs.rm(`${dbFile}${s}`, { force: true }))));
    }
    const server = await explain('starting the Temporal dev server', startDevServerOnFreePort({ namespace: opts.namespace, log: opts.log, quiet: true, dbFile }));
    teardown.push('Temporal dev server', server.stop);
    temporalAddress = server.address;
    temporalPid = server.pid;
    temporal = `dev server on ${temporalAddress} (${dbFile ? `SQLite file, ${DEV_SERVER_SQLITE_PRAGMAS.join(', ')}` : 'in memory'})`;
  }

  return {
    dataSource,
    databaseUrl: url.toString(),
    database: `${database}, database ${dbName}`,
    temporalAddress,
    temporal,
    sharedTemporal: opts.temporalAddress !== undefined,
    temporalPid,
    temporalDbFile: temporalPid !== undefined ? dbFile : undefined,
  };
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

