import { Client, Connection } from '@temporalio/client';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../platform/free-port';
import { DEV_SERVER_SQLITE_PRAGMAS, startDevServer } from '../../platform/temporal';

/**
 * The dev server `npm start` and `bench:scale` run keeps its SQLite file in write-ahead-log mode with
 * commits synced at checkpoints (platform/temporal.ts says why): the file says so in its header, and a
 * workflow started before a restart is still there after it.
 */
describe('the dev server on a SQLite file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'riskdesk-dev-sqlite-'));
  const dbFile = path.join(dir, 'temporal.sqlite');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('asks for a write-ahead log synced at checkpoints', () => {
    expect(DEV_SERVER_SQLITE_PRAGMAS).toEqual(['journal_mode=wal', 'synchronous=normal']);
  });

  it('writes the file in WAL mode, and keeps what it accepted across a restart', async () => {
    const port = await freePort();
    const workflowId = `dev-sqlite-${process.pid}`;
    let server = await startDevServer({ port, dbFile, namespace: 'default', quiet: true });
    try {
      const connection = await Connection.connect({ address: server.address });
      try {
        // No worker polls this queue: the start alone is what the server must keep.
        await new Client({ connection }).workflow.start('NoSuchWorkflow', { taskQueue: 'dev-sqlite', workflowId });
      } finally {
        await connection.close();
      }
    } finally {
      await server.stop();
    }

    // SQLite's header: bytes 18 and 19 are the file format's write and read versions, 2 in WAL mode.
    const header = fs.readFileSync(dbFile).subarray(0, 20);
    expect(header.subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
    expect([header[18], header[19]]).toEqual([2, 2]);

    server = await startDevServer({ port, dbFile, namespace: 'default', quiet: true });
    try {
      const connection = await Connection.connect({ address: server.address });
      try {
        const described = await new Client({ connection }).workflow.getHandle(workflowId).describe();
        expect(described.type).toBe('NoSuchWorkflow');
        expect(described.status.name).toBe('RUNNING');
      } finally {
        await connection.close();
      }
    } finally {
      await server.stop();
    }
  }, 120_000);
});
