import type { DataSource } from 'typeorm';
import { createScratchDatabase } from '../support/scratch-database';

/** What every connection of createDataSource sets for its session (real PostgreSQL). */
describe('database sessions', () => {
  let ds: DataSource;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ dataSource: ds, drop } = await createScratchDatabase('session'));
  });
  afterAll(() => drop?.());

  it('runs with JIT compilation off', async () => {
    const [row]: Array<{ jit: string }> = await ds.query('SHOW jit');
    expect(row.jit).toBe('off');
  });
});
