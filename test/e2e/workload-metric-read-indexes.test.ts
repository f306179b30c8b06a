import type { DataSource } from 'typeorm';
import { migrate, MIGRATIONS } from '../../db/data-source';
import { WorkloadMetricReadIndexes1764154800000 } from '../../db/migrations/1764154800000-workload-metric-read-indexes';
import { indexesNamed } from '../support/indexes';
import { createScratchDatabase } from '../support/scratch-database';

const NAMES = ['ix_cases_open_backlog'];

/**
 * The backlog index (1764154800000) on a scratch database of synthetic rows: built valid and partial,
 * chosen by the backlog's count, and undone exactly; and the workload's read of one team's live
 * resolution clocks from the index migration 1764158400000 gives it.
 */
describe('workload and metric read indexes migration (real PostgreSQL)', () => {
  let ds: DataSource;
  let drop: () => Promise<void>;

  const indexes = () => indexesNamed(ds, NAMES);
  const plan = async (sql: string, params: unknown[]): Promise<string> =>
    ((await ds.query(`EXPLAIN ${sql}`, params)) as Array<{ 'QUERY PLAN': string }>).map((r) => r['QUERY PLAN']).join('\n');

  beforeAll(async () => {
    ({ dataSource: ds, drop } = await createScratchDatabase('wl_metric_ix'));
    // 20,000 cases of three teams, one in 20 open, each with a resolution clock (running while open).
    await ds.query(
      `INSERT INTO cases (id, kind, workflow_id, seller_id, marketplace, severity, summary, state, is_open, team, created_by, snapshot, projection_seq, created_at, updated_at)
       SELECT gen_random_uuid(), 'escalation', 'ix-' || g, 'seller-' || g, 'DE', 'high', 'fixture',
              CASE WHEN g % 20 = 0 THEN 'in_progress' ELSE 'closed' END, g % 20 = 0, 'team-' || (g % 3), 'fixture', '{}', 1,
              now() - make_interval(mins => g), now()
         FROM generate_series(1, 20000) g`,
    );
    await ds.query(
      `INSERT INTO sla_clocks (case_id, clock_id, kind, status, calendar_id, budget_ms, started_at, warn_at, deadline_at, warned, stopped_at, clock, projection_seq)
       SELECT id, 'resolution', 'resolution', CASE WHEN is_open THEN 'running' ELSE 'met' END, 'always-on', 3600000, created_at, created_at,
              created_at + interval '1 day', false, CASE WHEN is_open THEN NULL ELSE created_at + interval '1 hour' END, '{}', 1
         FROM cases`,
    );
    // Vacuumed, as autovacuum keeps a live table: an index-only scan needs the visibility map.
    await ds.query('VACUUM ANALYZE cases, sla_clocks');
  });
  afterAll(() => drop?.());

  it('builds the index valid and partial', async () => {
    const built = await indexes();
    expect(Object.keys(built).sort()).toEqual([...NAMES].sort());
    expect(Object.values(built).every((i) => i.valid)).toBe(true);
    expect(built.ix_cases_open_backlog.definition).toMatch(/WHERE is_open$/);
  });

  it("finds an open case's live resolution clock and a team's backlog from the indexes alone", async () => {
    const clock = await plan(
      `SELECT k.status, k.deadline_at FROM cases c
         LEFT JOIN (SELECT DISTINCT ON (s.case_id) s.case_id, s.status, s.deadline_at, s.calendar_id, s.clock_id FROM sla_clocks s
                     WHERE s.case_team = $1 AND s.kind = 'resolution' AND s.stopped_at IS NULL AND s.status IN ('running', 'paused', 'breached')
                     ORDER BY s.case_id, s.started_at DESC) k ON k.case_id = c.id
        WHERE c.team = $1 AND c.is_open`,
      ['team-1'],
    );
    expect(clock).toMatch(/Index Only Scan using ix_sla_clocks_team_live_resolution/);
    const backlog = await plan(
      `SELECT c.kind, c.severity, c.state, count(*), count(*) FILTER (WHERE c.breached), count(*) FILTER (WHERE c.due_at < now()), max(now() - c.created_at)
         FROM cases c WHERE c.is_open AND c.team = $1 GROUP BY GROUPING SETS ((), (c.kind), (c.severity), (c.state))`,
      ['team-1'],
    );
    expect(backlog).toMatch(/Index Only Scan using ix_cases_open_backlog/);
  });

  it('undoes to exactly the indexes before it', async () => {
    const later = MIGRATIONS.slice(MIGRATIONS.indexOf(WorkloadMetricReadIndexes1764154800000)).map((m) => m.name);
    for (let i = 0; i < later.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    expect(await indexes()).toEqual({});
    expect(await migrate(ds)).toEqual(later);
    expect(Object.keys(await indexes())).toHaveLength(NAMES.length);
  });
});
