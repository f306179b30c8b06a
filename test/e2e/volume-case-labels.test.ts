import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createCaseProjectionActivities } from '../../activities/case-projection.activities';
import { MetricsRepository, periodWindow, type CaseFilter, type PeriodWindow } from '../../api/metrics/metrics.repository';
import { resolvePeriod } from '../../api/metrics/period';
import type { ApiSettings } from '../../api/common/runtime';
import { captureQueries } from '../../bench/explain';
import { migrate, MIGRATIONS } from '../../db/data-source';
import { VolumeCaseLabels1764165600000 } from '../../db/migrations/1764165600000-volume-case-labels';
import type { CaseRow, EscalationDetailsRow, ProjectCaseInput } from '../../workflows/common/case-projection';
import { indexesNamed } from '../support/indexes';
import { createScratchDatabase } from '../support/scratch-database';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TEAM = 'seller-risk-eu';
const TEAMS = [TEAM, 'seller-risk-us', 'seller-risk-apac'];
const CATEGORIES = ['counterfeit', 'fraud', 'prohibited_item', 'ip_complaint', 'account_takeover'];
const ROOT_CAUSES = ['seller_error', 'automation_false_positive', 'policy_ambiguity'];
const INDEXES = ['ix_cases_team_created', 'ix_cases_created_dimensions', 'ix_cases_team_completed', 'ix_cases_completed'];

/**
 * The escalation category and root cause each case row carries for the volume metric (migration
 * 1764165600000): written by the real projection with the case row, kept equal to `escalation_cases`
 * by the database when anything else writes it, and read by the volume counts from the indexes alone,
 * with the counts the join to `escalation_cases` gives.
 */
describe('escalation labels on the case row for the volume metric (real PostgreSQL)', () => {
  let ds: DataSource;
  let drop: () => Promise<void>;
  const t0 = Date.UTC(2026, 10, 2, 9);

  beforeAll(async () => {
    ({ dataSource: ds, drop } = await createScratchDatabase('volume_labels'));
  });
  afterAll(() => drop?.());

  const caseId = randomUUID();
  const details = (category: string, rootCause: string | null): EscalationDetailsRow => ({
    kind: 'escalation', taxonomyVersion: 2, category, source: null, trigger: null, enforcementType: null, language: 'en',
    resolutionCode: rootCause === null ? null : 'seller_remediated', rootCause, upstreamTeam: null, reopenCount: 0,
  });
  const row = (id: string, state: string, d: CaseRow['details']): CaseRow => ({
    caseId: id, kind: d.kind === 'none' ? 'appeal' : 'escalation', workflowId: `labels-${id}`, sellerId: 'seller-labels', marketplace: 'DE',
    severity: 'high', summary: 'labels', state, open: state !== 'resolved', team: TEAM, assigneeId: null, breached: false, dueAt: null,
    createdBy: 'labels', createdAt: t0, updatedAt: t0, resolvedAt: state === 'resolved' ? t0 + 2 * HOUR : null, closedAt: null, snapshot: {}, details: d,
  });
  const write = (input: Pick<ProjectCaseInput, 'row' | 'projectionSeq'>) =>
    createCaseProjectionActivities({ dataSource: ds }).projectCase({ events: [], tasks: [], clocks: [], ...input });
  const labels = async (id: string) => {
    const [c] = await ds.query(`SELECT escalation_category AS category, escalation_root_cause AS "rootCause" FROM cases WHERE id = $1`, [id]);
    return c as { category: string | null; rootCause: string | null };
  };

  it('the projection writes the category and root cause with the case row, and a late older write does not move them', async () => {
    await write({ row: row(caseId, 'in_progress', details('fraud', null)), projectionSeq: 1 });
    expect(await labels(caseId)).toEqual({ category: 'fraud', rootCause: null });
    // Re-triaged to another category, then resolved with a root cause.
    await write({ row: row(caseId, 'in_progress', details('counterfeit', null)), projectionSeq: 2 });
    await write({ row: row(caseId, 'resolved', details('counterfeit', 'seller_error')), projectionSeq: 3 });
    expect(await labels(caseId)).toEqual({ category: 'counterfeit', rootCause: 'seller_error' });
    // The write of projection 2 retried after 3: neither row moves back.
    await write({ row: row(caseId, 'in_progress', details('counterfeit', null)), projectionSeq: 2 });
    expect(await labels(caseId)).toEqual({ category: 'counterfeit', rootCause: 'seller_error' });
    const [e] = await ds.query(`SELECT category, root_cause FROM escalation_cases WHERE case_id = $1`, [caseId]);
    expect(e).toEqual({ category: 'counterfeit', root_cause: 'seller_error' });
  });

  it('other kinds carry none', async () => {
    const id = randomUUID();
    await write({ row: row(id, 'in_progress', { kind: 'none' }), projectionSeq: 1 });
    expect(await labels(id)).toEqual({ category: null, rootCause: null });
  });

  it('follows a change written to escalation_cases by anything else', async () => {
    await ds.query(`UPDATE escalation_cases SET category = 'ip_complaint', resolution_code = 'duplicate', root_cause = 'policy_ambiguity' WHERE case_id = $1`, [caseId]);
    expect(await labels(caseId)).toEqual({ category: 'ip_complaint', rootCause: 'policy_ambiguity' });
    await ds.query(`UPDATE escalation_cases SET resolution_code = NULL, root_cause = NULL WHERE case_id = $1`, [caseId]);
    expect(await labels(caseId)).toEqual({ category: 'ip_complaint', rootCause: null });
  });

  describe('the volume counts at 30,000 cases', () => {
    const now = Date.UTC(2026, 10, 30);
    // Daily buckets in Berlin over 40 days, across the end of summer time (25 October: that day has 25
    // hours): the expected counts below bucket by PostgreSQL's own date_trunc in that zone, the
    // repository by the API's boundaries (period.ts).
    const timeZone = 'Europe/Berlin';
    const resolved = resolvePeriod({ from: new Date(now - 40 * DAY).toISOString(), to: new Date(now).toISOString(), bucket: 'day', timeZone }, now);
    if (!resolved.ok) throw new Error('the test period does not resolve');
    const window: PeriodWindow = periodWindow(resolved.period);
    const filter: CaseFilter = { team: TEAM, kind: null };
    const repo = () => new MetricsRepository(ds, { config: { METRICS_QUERY_TIMEOUT_MS: 10_000 } } as ApiSettings);
    /** The plan of the one SELECT the work ran (inside its read-only transaction). */
    const planOf = async (work: () => Promise<unknown>): Promise<string> => {
      const [query] = (await captureQueries(ds, work)).filter((q) => /^\s*SELECT/.test(q.sql));
      const plan: Array<{ 'QUERY PLAN': string }> = await ds.query(`EXPLAIN ${query.sql}`, query.parameters);
      return plan.map((r) => r['QUERY PLAN']).join('\n');
    };
    const sorted = <T extends { bucket: string; kind: string; label: string | null }>(rows: T[]) =>
      [...rows].sort((a, b) => `${a.bucket}|${a.kind}|${a.label}`.localeCompare(`${b.bucket}|${b.kind}|${b.label}`));

    beforeAll(async () => {
      // Three teams, one case every four minutes over 83 days; every third finished (resolved 20 hours
      // after creation, most with a root cause), one in ten an appeal. The escalations' rows are written
      // after the cases, so the trigger copies their labels.
      await ds.query(
        `INSERT INTO cases (id, kind, workflow_id, seller_id, marketplace, severity, summary, state, team, created_by, snapshot, projection_seq,
                            created_at, updated_at, is_open, resolved_at)
         SELECT gen_random_uuid(), CASE WHEN g % 10 = 0 THEN 'appeal' ELSE 'escalation' END, 'vol-' || g, 's' || g, 'DE', 'medium', 'synthetic',
                CASE WHEN g % 3 = 0 THEN 'resolved' ELSE 'in_progress' END, ($2::text[])[1 + g % 3], 'fill', '{}', 1,
                $3::timestamptz - make_interval(mins => g * 4), now(), g % 3 <> 0,
                CASE WHEN g % 3 = 0 THEN $3::timestamptz - make_interval(mins => g * 4) + interval '20 hours' END
           FROM generate_series(1, $1::int) g`,
        [30_000, TEAMS, new Date(now)],
      );
      await ds.query(
        `INSERT INTO escalation_cases (case_id, category, resolution_code, root_cause, projection_seq)
         SELECT id, ($1::text[])[1 + abs(hashtext(workflow_id)) % 5],
                CASE WHEN state = 'resolved' AND abs(hashtext(workflow_id)) % 7 <> 0 THEN 'seller_remediated' END,
                CASE WHEN state = 'resolved' AND abs(hashtext(workflow_id)) % 7 <> 0 THEN ($2::text[])[1 + abs(hashtext(workflow_id)) % 3] END, 1
           FROM cases WHERE kind = 'escalation' AND workflow_id LIKE 'vol-%'`,
        [CATEGORIES, ROOT_CAUSES],
      );
      await ds.query('VACUUM ANALYZE cases');
    }, 120_000);

    it('counts created cases by category as the join to escalation_cases does, from the team creation index alone', async () => {
      const text = await planOf(() => repo().createdCases(filter, window));
      expect(text).toMatch(/Index Only Scan using ix_cases_team_created on cases c/);
      expect(text).not.toMatch(/escalation_cases/);

      const expected: Array<{ bucket: string; kind: string; label: string | null; count: number }> = await ds.query(
        `SELECT to_char(date_trunc('day', c.created_at AT TIME ZONE $4), 'YYYY-MM-DD') AS bucket, c.kind, e.category AS label, count(*)::int AS count
           FROM cases c LEFT JOIN escalation_cases e ON e.case_id = c.id
          WHERE c.team = $1 AND c.created_at >= $2 AND c.created_at < $3 GROUP BY 1, 2, 3`,
        [TEAM, window.from, window.to, timeZone],
      );
      const counted = await repo().createdCases(filter, window);
      expect(counted.reduce((n, r) => n + r.count, 0)).toBeGreaterThan(2_000);
      expect(sorted(counted)).toEqual(sorted(expected));
    });

    it("does not ask the database about the zone: the rows are bucketed among the API's bucket starts", async () => {
      const queries = (await captureQueries(ds, () => repo().createdCases(filter, window))).filter((q) => /^\s*SELECT/.test(q.sql));
      expect(queries).toHaveLength(1);
      expect(queries[0].sql).toMatch(/width_bucket\(c\.created_at, \$\d+::timestamptz\[\]\)/);
      expect(queries[0].sql).not.toMatch(/AT TIME ZONE|date_trunc/);
      expect(JSON.stringify(queries[0].parameters)).not.toContain(timeZone);
    });

    it('counts completed cases by root cause as the join does, from the team completion index alone', async () => {
      const text = await planOf(() => repo().completedCases(filter, window));
      expect(text).toMatch(/Index Only Scan using ix_cases_team_completed on cases c/);
      expect(text).not.toMatch(/escalation_cases/);

      const expected: Array<{ bucket: string; kind: string; label: string | null; count: number }> = await ds.query(
        `SELECT to_char(date_trunc('day', COALESCE(c.resolved_at, c.closed_at) AT TIME ZONE $4), 'YYYY-MM-DD') AS bucket, c.kind, e.root_cause AS label,
                count(*)::int AS count
           FROM cases c LEFT JOIN escalation_cases e ON e.case_id = c.id
          WHERE c.team = $1 AND NOT c.is_open AND COALESCE(c.resolved_at, c.closed_at) >= $2 AND COALESCE(c.resolved_at, c.closed_at) < $3 GROUP BY 1, 2, 3`,
        [TEAM, window.from, window.to, timeZone],
      );
      const counted = await repo().completedCases(filter, window);
      expect(counted.some((r) => r.kind === 'escalation' && r.label === null)).toBe(true);
      expect(sorted(counted)).toEqual(sorted(expected));
    });

    it('every team at once counts the same as the join', async () => {
      const all: CaseFilter = { team: null, kind: 'escalation' };
      const counted = await repo().createdCases(all, window);
      const [{ n }] = await ds.query(
        `SELECT count(*)::int AS n FROM cases c JOIN escalation_cases e ON e.case_id = c.id WHERE c.created_at >= $1 AND c.created_at < $2 AND e.category = 'fraud'`,
        [window.from, window.to],
      );
      expect(counted.filter((r) => r.label === 'fraud').reduce((sum, r) => sum + r.count, 0)).toBe(n);
    });
  });

  it('backfills the copies when applied again after its down, and rebuilds the indexes with them', async () => {
    const later = MIGRATIONS.slice(MIGRATIONS.indexOf(VolumeCaseLabels1764165600000)).map((m) => m.name);
    for (let i = 0; i < later.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    const before = await indexesNamed(ds, INDEXES);
    expect(before.ix_cases_team_created.definition).toMatch(/INCLUDE \(kind\)$/);
    expect(before.ix_cases_team_completed.definition).not.toMatch(/INCLUDE/);
    expect(await migrate(ds)).toEqual(later);
    expect(await labels(caseId)).toEqual({ category: 'ip_complaint', rootCause: null });
    const [{ differing }] = await ds.query(
      `SELECT count(*)::int AS differing FROM cases c JOIN escalation_cases e ON e.case_id = c.id
        WHERE c.escalation_category IS DISTINCT FROM e.category OR c.escalation_root_cause IS DISTINCT FROM e.root_cause`,
    );
    expect(differing).toBe(0);
    const after = await indexesNamed(ds, [...INDEXES, ...INDEXES.map((n) => `${n}_next`)]);
    expect(Object.keys(after).sort()).toEqual([...INDEXES].sort());
    expect(Object.values(after).every((i) => i.valid)).toBe(true);
    expect(after.ix_cases_team_created.definition).toMatch(/INCLUDE \(kind, escalation_category\)$/);
    expect(after.ix_cases_team_completed.definition).toMatch(/INCLUDE \(kind, severity, breached, is_open, resolved_at, closed_at, escalation_root_cause\)/);
    expect(await ds.query(`SELECT stxname FROM pg_statistic_ext WHERE stxname = 'st_cases_completed_at'`)).toHaveLength(1);
  });
});
