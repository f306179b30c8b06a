import type { DataSource } from 'typeorm';
import { backlogGroups, type BacklogGroup } from '../../api/metrics/backlog-age';
import { MetricsRepository, type CaseFilter } from '../../api/metrics/metrics.repository';
import type { ApiSettings } from '../../api/common/runtime';
import { createScratchDatabase } from '../support/scratch-database';

const TEAMS = ['seller-risk-eu', 'seller-risk-us'];
const EDGE_TEAM = 'seller-risk-edges';

/**
 * The backlog metric's two statements (counts per kind, severity and state, summed by backlogGroups;
 * percentiles over three grouping sets) give exactly what the one statement they replaced gave: the
 * definition below, with every case's age as an interval, over four grouping sets. Cases sit on the
 * age buckets' edges to the microsecond, where comparing `created_at` with an instant must agree with
 * comparing the age with a number of days.
 */
describe('backlog age: the counts and percentiles against the single-statement definition (real PostgreSQL)', () => {
  let ds: DataSource;
  let drop: () => Promise<void>;
  const now = new Date(Date.UTC(2026, 10, 30, 12, 0, 0, 123));
  const repo = () => new MetricsRepository(ds, { config: { METRICS_QUERY_TIMEOUT_MS: 10_000 } } as ApiSettings);

  beforeAll(async () => {
    ({ dataSource: ds, drop } = await createScratchDatabase('backlog_age'));
    // 3,000 open cases over 20 days in two teams, three kinds, four severities and three states, some
    // breached, some overdue, a few closed that must not count; and in a third team, for each bucket
    // edge (1, 3 and 7 days), a case created exactly on it and one a microsecond either side.
    await ds.query(
      `INSERT INTO cases (id, kind, workflow_id, seller_id, marketplace, severity, summary, state, team, created_by, snapshot, projection_seq,
                          created_at, updated_at, is_open, breached, due_at)
       SELECT gen_random_uuid(), ($3::text[])[1 + g % 3], 'backlog-' || g, 's' || g, 'DE', ($4::text[])[1 + (g / 3) % 4], 'synthetic',
              ($5::text[])[1 + (g / 7) % 3], ($2::text[])[1 + g % 2], 'fill', '{}', 1,
              $1::timestamptz - make_interval(secs => (abs(hashtext(g::text)) % (20 * 86400))::double precision + (g % 1000) / 1000.0),
              now(), g % 50 <> 0, g % 5 = 0, CASE WHEN g % 4 = 0 THEN $1::timestamptz + make_interval(hours => g % 48 - 24) END
         FROM generate_series(1, 3000) g`,
      [now, TEAMS, ['escalation', 'appeal', 'reinstatement'], ['low', 'medium', 'high', 'critical'], ['queued', 'in_progress', 'waiting_on_seller']],
    );
    await ds.query(
      `INSERT INTO cases (id, kind, workflow_id, seller_id, marketplace, severity, summary, state, team, created_by, snapshot, projection_seq,
                          created_at, updated_at, is_open)
       SELECT gen_random_uuid(), 'escalation', 'edge-' || d || '-' || us, 'edge', 'DE', 'high', 'edge', 'queued', $2, 'fill', '{}', 1,
              $1::timestamptz - make_interval(days => d) + make_interval(secs => us / 1e6), now(), true
         FROM unnest(ARRAY[1, 3, 7]) d, unnest(ARRAY[-1, 0, 1]) us`,
      [now, EDGE_TEAM],
    );
  }, 60_000);
  afterAll(() => drop?.());

  /** The definition: the statement the backlog ran until the change, reading the same rows. */
  async function definition(filter: CaseFilter): Promise<BacklogGroup[]> {
    const rows: Array<Record<string, unknown>> = await ds.query(
      `SELECT o.kind, o.severity, o.state, count(*)::int AS n,
              count(*) FILTER (WHERE o.age < interval '1 day')::int AS "<1d",
              count(*) FILTER (WHERE o.age >= interval '1 day' AND o.age < interval '3 days')::int AS "1-3d",
              count(*) FILTER (WHERE o.age >= interval '3 days' AND o.age < interval '7 days')::int AS "3-7d",
              count(*) FILTER (WHERE o.age >= interval '7 days')::int AS ">7d",
              count(*) FILTER (WHERE o.breached)::int AS breached, count(*) FILTER (WHERE o.due_at < $1)::int AS overdue,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY o.age_ms) AS median_ms, percentile_cont(0.9) WITHIN GROUP (ORDER BY o.age_ms) AS p90_ms,
              max(o.age_ms) AS oldest_ms
         FROM (SELECT c.kind, c.severity, c.state, c.breached, c.due_at, $1::timestamptz - c.created_at AS age,
                      date_part('epoch', $1::timestamptz - c.created_at) * 1000 AS age_ms
                 FROM cases c WHERE c.is_open AND ($2::text IS NULL OR c.team = $2) AND ($3::text IS NULL OR c.kind = $3)) o
        GROUP BY GROUPING SETS ((), (o.kind), (o.severity), (o.state))`,
      [now, filter.team, filter.kind],
    );
    return rows
      .filter((r) => r.n !== 0)
      .map((r) => ({
        kind: r.kind as string | null,
        severity: r.severity as string | null,
        state: r.state as string | null,
        open: r.n as number,
        byAge: { '<1d': r['<1d'], '1-3d': r['1-3d'], '3-7d': r['3-7d'], '>7d': r['>7d'] } as BacklogGroup['byAge'],
        breached: r.breached as number,
        overdue: r.overdue as number,
        // A state's group carries no percentiles in the report.
        medianAgeMs: r.state === null ? (r.median_ms as number) : null,
        p90AgeMs: r.state === null ? (r.p90_ms as number) : null,
        oldestAgeMs: r.oldest_ms as number,
      }));
  }

  const key = (g: BacklogGroup) => `${g.kind}|${g.severity}|${g.state}`;
  const sorted = (groups: BacklogGroup[]) => [...groups].sort((a, b) => key(a).localeCompare(key(b)));

  it.each<[string, CaseFilter]>([
    ['one team', { team: TEAMS[0], kind: null }],
    ['one team and kind', { team: TEAMS[0], kind: 'appeal' }],
    ['every team', { team: null, kind: null }],
  ])('%s: the same groups, counts, age buckets, percentiles and oldest', async (_name, filter) => {
    const { counts, ages } = await repo().openCases(filter, now);
    const groups = backlogGroups(counts, ages);
    const expected = await definition(filter);
    expect(expected.length).toBeGreaterThan(5);
    expect(sorted(groups)).toEqual(sorted(expected));
  });

  it('puts a case created exactly 1, 3 or 7 days before now in the older bucket, and one a microsecond later in the younger', async () => {
    const { counts, ages } = await repo().openCases({ team: EDGE_TEAM, kind: null }, now);
    const total = backlogGroups(counts, ages).find((g) => g.kind === null && g.severity === null && g.state === null)!;
    // 1 day: +1 µs younger (<1d), exactly and -1 µs older (1-3d); the same at 3 and 7 days.
    expect(total.byAge).toEqual({ '<1d': 1, '1-3d': 3, '3-7d': 3, '>7d': 2 });
    expect(total.oldestAgeMs).toBeCloseTo(7 * 86_400_000 + 0.001, 6);
    const [expected] = (await definition({ team: EDGE_TEAM, kind: null })).filter((g) => g.kind === null && g.severity === null && g.state === null);
    expect(total).toEqual(expected);
  });

  it('has no groups without open cases', async () => {
    const { counts, ages } = await repo().openCases({ team: 'nobody', kind: null }, now);
    expect(counts).toEqual([]);
    expect(backlogGroups(counts, ages)).toEqual([]);
  });
});
