import type { DataSource } from 'typeorm';
import { CasesRepository } from '../../api/cases/cases.repository';
import type { ViewScope } from '../../api/cases/view-scope';
import { captureQueries } from '../../bench/explain';
import { MIGRATIONS } from '../../db/data-source';
import { AssigneeBreachedListIndexes1764151200000 } from '../../db/migrations/1764151200000-assignee-breached-list-indexes';
import type { CaseKind } from '../../workflows/common/actor';
import { createScratchDatabase } from '../support/scratch-database';

const TEAM = 'seller-risk-eu';
const CASES = 120_000;

/**
 * The assignee and breached list indexes (1764151200000) on a scratch database of synthetic cases: the
 * list API's own queries (CasesRepository) for one person's cases and for breached cases walk the new
 * indexes for the page and count from them alone; down removes them.
 */
describe('assignee and breached list indexes (real PostgreSQL)', () => {
  let ds: DataSource;
  let drop: () => Promise<void>;
  const scopes = new Map<CaseKind, ViewScope>([['escalation', { everywhere: false, team: TEAM, assigneeId: null, handoffTeam: null }]]);

  const plans = async (filter: { assigneeId?: string; breached?: boolean }): Promise<string[]> => {
    const queries = await captureQueries(ds, () => new CasesRepository(ds).list(filter, scopes, 25, undefined, 10_000));
    return Promise.all(
      queries.map(async (q) => ((await ds.query(`EXPLAIN ${q.sql}`, q.parameters)) as Array<{ 'QUERY PLAN': string }>).map((r) => r['QUERY PLAN']).join('\n')),
    );
  };
  const names = async (): Promise<string[]> =>
    (
      (await ds.query(
        `SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
          WHERE c.relname IN ('ix_cases_assignee_created', 'ix_cases_team_breached_created') AND i.indisvalid ORDER BY 1`,
      )) as Array<{ name: string }>
    ).map((r) => r.name);

  beforeAll(async () => {
    ({ dataSource: ds, drop } = await createScratchDatabase('assignee_ix'));
    // 60 people across three teams, one case in 30 breached, one a minute going back.
    await ds.query(
      `INSERT INTO cases (id, kind, workflow_id, seller_id, marketplace, severity, summary, state, team, assignee_id, breached, created_by, snapshot, projection_seq, created_at, updated_at, is_open)
       SELECT gen_random_uuid(), 'escalation', 'wf-' || g, 's' || g, 'DE', 'medium', 'synthetic', 'closed',
              (ARRAY['seller-risk-eu', 'seller-risk-us', 'seller-risk-apac'])[1 + g % 3], 'person-' || (g % 60), g % 30 = 0,
              'fill', '{}', 1, now() - make_interval(mins => g), now(), false
         FROM generate_series(1, $1::int) g`,
      [CASES],
    );
    await ds.query('VACUUM ANALYZE cases');
  }, 120_000);
  afterAll(() => drop?.());

  it("one person's cases: the page walks the person's index newest first, the count reads only it", async () => {
    const [page, count] = await plans({ assigneeId: 'person-3' });
    expect(page).toMatch(/Index Scan Backward using ix_cases_assignee_created/);
    expect(count).toMatch(/Index Only Scan using ix_cases_assignee_created/);
  });

  it('breached cases: the page walks the partial index of breached cases, the count reads only it', async () => {
    const [page, count] = await plans({ breached: true });
    expect(page).toMatch(/Index Scan Backward using ix_cases_team_breached_created/);
    expect(count).toMatch(/Index Only Scan using ix_cases_team_breached_created/);
  });

  it('undoes to the indexes before it, and builds them again', async () => {
    const later = MIGRATIONS.slice(MIGRATIONS.indexOf(AssigneeBreachedListIndexes1764151200000));
    for (let i = 0; i < later.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    expect(await names()).toEqual([]);
    await ds.runMigrations({ transaction: 'each' });
    expect(await names()).toEqual(['ix_cases_assignee_created', 'ix_cases_team_breached_created']);
  });
});
