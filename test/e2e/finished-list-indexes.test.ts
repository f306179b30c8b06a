import type { DataSource } from 'typeorm';
import { CasesRepository, type CaseFilter } from '../../api/cases/cases.repository';
import type { PageCursor } from '../../api/cases/page-cursor';
import type { ViewScope } from '../../api/cases/view-scope';
import { captureQueries } from '../../bench/explain';
import { MIGRATIONS } from '../../db/data-source';
import { FinishedListIndexes1764162000000 } from '../../db/migrations/1764162000000-finished-list-indexes';
import type { CaseKind } from '../../workflows/common/actor';
import { indexesNamed } from '../support/indexes';
import { createScratchDatabase } from '../support/scratch-database';

const TEAM = 'seller-risk-eu';
const CASES = 60_000;
const OPEN = 3_000;
const PAGE = 25;
const CAP = 10_000;
const NAMES = ['ix_cases_finished_created', 'ix_cases_team_created'];

/**
 * The finished-case and created-range list indexes (1764162000000) on a scratch database shaped like
 * the read benchmark's: the newest cases open, every older one finished. The list API's own queries
 * (CasesRepository) for `state=closed` walk the finished cases' index, not every case newest first, and
 * a created-at range counts from the team's index alone; the pages are the rows and the order of the
 * plain query; down restores the indexes before it.
 */
describe('finished and created-range list indexes (real PostgreSQL)', () => {
  let ds: DataSource;
  let drop: () => Promise<void>;
  const scopes = new Map<CaseKind, ViewScope>([['escalation', { everywhere: false, team: TEAM, assigneeId: null, handoffTeam: null }]]);
  const list = (filter: CaseFilter, after?: PageCursor) => new CasesRepository(ds).list(filter, scopes, PAGE, after, CAP);

  const plans = async (filter: CaseFilter): Promise<string[]> => {
    const queries = await captureQueries(ds, () => list(filter));
    return Promise.all(
      queries.map(async (q) => ((await ds.query(`EXPLAIN ${q.sql}`, q.parameters)) as Array<{ 'QUERY PLAN': string }>).map((r) => r['QUERY PLAN']).join('\n')),
    );
  };
  /** The same cases by the plain query: the team's escalations matching `where`, newest first, id breaking ties. */
  const expected = async (where: string, params: unknown[], offset: number): Promise<string[]> =>
    (
      (await ds.query(
        `SELECT id FROM cases WHERE team = '${TEAM}' AND kind = 'escalation' AND ${where} ORDER BY created_at DESC, id DESC OFFSET ${offset} LIMIT ${PAGE}`,
        params,
      )) as Array<{ id: string }>
    ).map((r) => r.id);

  beforeAll(async () => {
    ({ dataSource: ds, drop } = await createScratchDatabase('finished_ix'));
    // Three teams, one case a minute going back over 41 days, six at a time sharing a creation time (two per
    // team, so ids break ties);
    // the newest OPEN are open, as in a live read model; of the finished, one in 50 still resolved.
    await ds.query(
      `INSERT INTO cases (id, kind, workflow_id, seller_id, marketplace, severity, summary, state, team, created_by, snapshot, projection_seq, created_at, updated_at, is_open)
       SELECT gen_random_uuid(), 'escalation', 'wf-' || g, 's' || g, 'DE', 'medium', 'synthetic',
              CASE WHEN g <= $2 THEN 'in_progress' WHEN g % 50 = 0 THEN 'resolved' ELSE 'closed' END,
              (ARRAY['seller-risk-eu', 'seller-risk-us', 'seller-risk-apac'])[1 + g % 3],
              'fill', '{}', 1, date_trunc('minute', now()) - make_interval(mins => g / 6 * 6), now(), g <= $2
         FROM generate_series(1, $1::int) g`,
      [CASES, OPEN],
    );
    await ds.query('VACUUM ANALYZE cases');
  }, 120_000);
  afterAll(() => drop?.());

  it('builds both indexes valid: the finished cases by creation, and the team index with the kind', async () => {
    const built = await indexesNamed(ds, NAMES);
    expect(Object.values(built).every((i) => i.valid)).toBe(true);
    expect(built.ix_cases_finished_created.definition).toBe(
      `CREATE INDEX ix_cases_finished_created ON public.cases USING btree (created_at) WHERE ((state)::text = ANY ((ARRAY['resolved'::character varying, 'closed'::character varying])::text[]))`,
    );
    // With the kind (and, since 1764165600000, the escalation category for the volume metric).
    expect(built.ix_cases_team_created.definition).toMatch(/^CREATE INDEX ix_cases_team_created ON public\.cases USING btree \(team, created_at, id\) INCLUDE \(kind\b/);
  });

  it('state=closed: the page walks the finished cases newest first, not every case; pages as the plain query does', async () => {
    const [page] = await plans({ states: ['closed'] });
    expect(page).toMatch(/Index Scan Backward using ix_cases_finished_created/);
    expect(page).not.toMatch(/ix_cases_created_at/);

    const first = await list({ states: ['closed'] });
    expect(first.rows.map((r) => r.id)).toEqual(await expected(`state = 'closed'`, [], 0));
    const second = await list({ states: ['closed'] }, first.next!);
    expect(second.rows.map((r) => r.id)).toEqual(await expected(`state = 'closed'`, [], PAGE));
    expect(second.total).toBe(CAP);
    expect(second.totalCapped).toBe(true);
  });

  it('both finished states at once use it too', async () => {
    const [page] = await plans({ states: ['resolved', 'closed'] });
    expect(page).toMatch(/Index Scan Backward using ix_cases_finished_created/);
    const first = await list({ states: ['resolved', 'closed'] });
    expect(first.rows.map((r) => r.id)).toEqual(await expected(`state IN ('resolved', 'closed')`, [], 0));
  });

  it('a created-at range: the capped count reads only the range of the team index; the count and the page are unchanged', async () => {
    const day = 86_400_000;
    const createdFrom = new Date(Date.now() - 30 * day);
    const createdTo = new Date(Date.now() - 7 * day);
    const [, count] = await plans({ createdFrom, createdTo });
    expect(count).toMatch(/Index Only Scan using ix_cases_team_created on cases c\s.*\n\s*Index Cond: \(\(team = .*created_at >= .*created_at < /);

    const where = `created_at >= $1 AND created_at < $2`;
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM cases WHERE team = '${TEAM}' AND kind = 'escalation' AND ${where}`, [createdFrom, createdTo]);
    const narrow = await list({ createdFrom: new Date(Date.now() - 9 * day), createdTo });
    const [{ n: narrowN }] = await ds.query(`SELECT count(*)::int AS n FROM cases WHERE team = '${TEAM}' AND kind = 'escalation' AND ${where}`, [
      new Date(Date.now() - 9 * day),
      createdTo,
    ]);
    expect(n).toBeGreaterThan(CAP);
    expect(narrowN).toBeLessThan(CAP);
    expect([narrow.total, narrow.totalCapped]).toEqual([narrowN, false]);
    const wide = await list({ createdFrom, createdTo });
    expect([wide.total, wide.totalCapped]).toEqual([CAP, true]);
    expect(wide.rows.map((r) => r.id)).toEqual(await expected(where, [createdFrom, createdTo], 0));
  });

  it('undoes to the indexes before it, and builds them again', async () => {
    const later = MIGRATIONS.slice(MIGRATIONS.indexOf(FinishedListIndexes1764162000000));
    for (let i = 0; i < later.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    expect(await indexesNamed(ds, [...NAMES, 'ix_cases_team_created_next'])).toEqual({
      ix_cases_team_created: { valid: true, definition: 'CREATE INDEX ix_cases_team_created ON public.cases USING btree (team, created_at, id)' },
    });
    await ds.runMigrations({ transaction: 'each' });
    expect(Object.keys(await indexesNamed(ds, [...NAMES, 'ix_cases_team_created_next'])).sort()).toEqual(NAMES);
  });
});
