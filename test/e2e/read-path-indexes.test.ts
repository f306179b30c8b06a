import type { DataSource } from 'typeorm';
import { migrate, MIGRATIONS } from '../../db/data-source';
import { ReadPathIndexes1764126000000 } from '../../db/migrations/1764126000000-read-path-indexes';
import { indexesNamed } from '../support/indexes';
import { createScratchDatabase } from '../support/scratch-database';

const NAMES = ['ix_cases_team_created', 'ix_cases_team_state_created', 'ix_cases_team_completed', 'ix_cases_team_open_created', 'ix_tasks_team_queue'];

/** The read-path indexes migration on a scratch database of its own: every index built valid, and its down drops exactly those. */
describe('read-path indexes migration (real PostgreSQL)', () => {
  let ds: DataSource;
  let drop: () => Promise<void>;

  const indexes = () => indexesNamed(ds, NAMES);

  beforeAll(async () => {
    ({ dataSource: ds, drop } = await createScratchDatabase('read_ix'));
  });
  afterAll(() => drop?.());

  it('builds every index valid, partial where the route reads only some rows', async () => {
    const built = await indexes();
    expect(Object.keys(built).sort()).toEqual([...NAMES].sort());
    expect(Object.values(built).every((i) => i.valid)).toBe(true);
    expect(built.ix_tasks_team_queue.definition).toMatch(/WHERE \(\(\(status\)::text = 'open'::text\) AND \(assignee_id IS NULL\)\)/);
    expect(built.ix_cases_team_open_created.definition).toMatch(/INCLUDE \(id, kind, severity\) WHERE is_open/);
  });

  it('undoes to exactly the indexes before it', async () => {
    // Undo down to (and including) this migration; the ones after it come back with it.
    const later = MIGRATIONS.slice(MIGRATIONS.indexOf(ReadPathIndexes1764126000000)).map((m) => m.name);
    for (let i = 0; i < later.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    expect(await indexes()).toEqual({});
    expect(await migrate(ds)).toEqual(later);
    expect(Object.keys(await indexes())).toHaveLength(NAMES.length);
  });
});
