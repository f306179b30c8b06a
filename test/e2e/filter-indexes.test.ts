import type { DataSource } from 'typeorm';
import { CasesRepository } from '../../api/cases/cases.repository';
import { MIGRATIONS } from '../../db/data-source';
import { FilterIndexes1764144000000 } from '../../db/migrations/1764144000000-filter-indexes';
import type { ViewScope } from '../../api/cases/view-scope';
import { captureQueries } from '../../bench/explain';
import type { CaseKind } from '../../workflows/common/actor';
import { createScratchDatabase } from '../support/scratch-database';

const TEAM = 'seller-risk-eu';
const CASES = 120_000;

/**
 * The filter indexes migration (1764144000000) on a scratch database filled with synthetic cases: the
 * list API's own queries for a rare severity and for a state, as CasesRepository sends them, are planned
 * as index-only scans of the new indexes; its down restores the indexes before it.
 */
describe('filter indexes migration (real PostgreSQL)', () => {
  let ds: DataSource;
  let drop: () => Promise<void>;
  const scopes = new Map<CaseKind, ViewScope>([['escalation', { everywhere: false, team: TEAM, assigneeId: null, handoffTeam: null }]]);

  /** The plan of every query one list page runs (the page and its capped count). */
  const plans = async (filter: { severities?: string[]; states?: string[] }): Promise<string[]> => {
    const queries = await captureQueries(ds, () => new CasesRepository(ds).list(filter, scopes, 25, undefined, 10_000));
    return Promise.all(
      queries.map(async (q) => ((await ds.query(`EXPLAIN ${q.sql}`, q.parameters)) as Array<{ 'QUERY PLAN': string }>).map((r) => r['QUERY PLAN']).join('\n')),
    );
  };
  const definitions = async (): Promise<Record<string, string>> => {
    const rows: Array<{ name: string; definition: string }> = await ds.query(
      `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        WHERE c.relname IN ('ix_cases_team_severity_created', 'ix_cases_team_state_created', 'ix_cases_team_state_created_next') AND i.indisvalid`,
    );
    return Object.fromEntries(rows.map((r) => [r.name, r.definition]));
  };

  beforeAll(async () => {
    ({ dataSource: ds, drop } = await createScratchDatabase('filter_ix'));
    // One case in 97 critical, one in 20 open, three teams, one a minute going back: the newest of a team are mostly not critical.
    await ds.query(
      `INSERT INTO cases (id, kind, workflow_id, seller_id, marketplace, severity, summary, state, team, created_by, snapshot, projection_seq, created_at, updated_at, is_open)
       SELECT gen_random_uuid(), 'escalation', 'wf-' || g, 's' || g, 'DE',
              CASE WHEN g % 97 = 0 THEN 'critical' ELSE (ARRAY['low', 'medium', 'high'])[1 + g % 5 % 3] END, 'synthetic',
              CASE WHEN g % 20 = 0 THEN 'in_progress' ELSE 'closed' END, (ARRAY['seller-risk-eu', 'seller-risk-us', 'seller-risk-apac'])[1 + g % 3],
              'fill', '{}', 1, now() - make_interval(mins => g), now(), g % 20 = 0
         FROM generate_series(1, $1::int) g`,
      [CASES],
    );
    await ds.query('VACUUM ANALYZE cases');
  }, 120_000);
  afterAll(() => drop?.());

  it('a rare severity: the page walks the team-severity index and the count reads only it', async () => {
    const [page, count] = await plans({ severities: ['critical'] });
    // The page reads every column of 26 rows, so it visits the table for them, but walks only critical cases.
    expect(page).toMatch(/Index Scan Backward using ix_cases_team_severity_created/);
    expect(count).toMatch(/Index Only Scan using ix_cases_team_severity_created/);
  });

  it('a state: the count reads only the team-state index, which now holds the kind', async () => {
    // The page of a common state walks created_at, whatever index: it finds 26 rows at once.
    const [, count] = await plans({ states: ['closed'] });
    expect(count).toMatch(/Index Only Scan using ix_cases_team_state_created /);
  });

  it('undoes to the indexes before it, and builds them again', async () => {
    // Undo down to (and including) this migration; the ones after it come back with it.
    const later = MIGRATIONS.slice(MIGRATIONS.indexOf(FilterIndexes1764144000000));
    for (let i = 0; i < later.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    expect(await definitions()).toEqual({
      ix_cases_team_state_created: 'CREATE INDEX ix_cases_team_state_created ON public.cases USING btree (team, state, created_at, id)',
    });
    await ds.runMigrations({ transaction: 'each' });
    expect(await definitions()).toEqual({
      ix_cases_team_severity_created: 'CREATE INDEX ix_cases_team_severity_created ON public.cases USING btree (team, severity, created_at, id) INCLUDE (kind)',
      ix_cases_team_state_created: 'CREATE INDEX ix_cases_team_state_created ON public.cases USING btree (team, state, created_at, id) INCLUDE (kind)',
    });
  });
});
