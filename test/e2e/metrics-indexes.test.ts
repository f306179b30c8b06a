import type { DataSource } from 'typeorm';
import { migrate, MIGRATIONS } from '../../db/data-source';
import { indexesNamed } from '../support/indexes';
import { createScratchDatabase } from '../support/scratch-database';
import { MetricsIndexes1764104400000 } from '../../db/migrations/1764104400000-metrics-indexes';

const NAMES = [
  'ix_sla_clocks_decided',
  'ix_sla_clocks_unstopped',
  'ix_cases_open_breached',
  'ix_case_events_metric_actions',
  'ix_case_events_case_actions',
  'ix_case_events_escalated',
  'ix_cases_metric_dimensions',
  'ix_cases_created_dimensions',
  'ix_cases_completed',
  'ix_handoffs_answered',
];

/**
 * The metrics indexes migration on a scratch database of its own: it builds every index valid, its
 * down drops exactly those, and a run that finds an index of the same name left by an interrupted
 * build replaces it with the real definition.
 */
describe('metrics indexes migration (real PostgreSQL)', () => {
  let ds: DataSource;
  let drop: (() => Promise<void>) | undefined;

  const indexes = () => indexesNamed(ds, NAMES);

  beforeAll(async () => {
    ({ dataSource: ds, drop } = await createScratchDatabase('metrics_ix', { seed: false }));
  });
  afterAll(async () => drop?.());

  it('builds every index, valid, partial where the metric counts only some rows', async () => {
    const built = await indexes();
    expect(Object.keys(built).sort()).toEqual([...NAMES].sort());
    expect(Object.values(built).every((i) => i.valid)).toBe(true);
    expect(built.ix_sla_clocks_decided.definition).toMatch(/COALESCE\(breached_at, stopped_at\).*INCLUDE.*WHERE/);
    expect(built.ix_cases_completed.definition).toMatch(/WHERE \(NOT is_open\)/);
  });

  it('undoes to exactly the indexes before it, and replaces a stray index of the same name when applied again', async () => {
    // Undo down to (and including) the metrics migration; the ones after it come back with it.
    const later = MIGRATIONS.slice(MIGRATIONS.indexOf(MetricsIndexes1764104400000)).map((m) => m.name);
    for (let i = 0; i < later.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    expect(await indexes()).toEqual({});
    expect((await ds.query(`SELECT count(*)::int AS n FROM pg_indexes WHERE indexname = 'ix_cases_created_at'`))[0].n).toBe(1);
    // What an interrupted build could leave behind: an index of that name, but not the one wanted.
    await ds.query(`CREATE INDEX ix_cases_completed ON cases (id)`);
    expect(await migrate(ds)).toEqual(later);
    const rebuilt = await indexes();
    expect(Object.keys(rebuilt)).toHaveLength(NAMES.length);
    expect(rebuilt.ix_cases_completed.definition).toMatch(/COALESCE\(resolved_at, closed_at\)/);
  });
});
