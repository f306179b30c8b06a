import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createCaseProjectionActivities, liveResolutionClock } from '../../activities/case-projection.activities';
import { WorkloadRepository } from '../../api/workload/workload.repository';
import { captureQueries } from '../../bench/explain';
import { migrate, MIGRATIONS } from '../../db/data-source';
import { CaseResolutionClock1764169200000 } from '../../db/migrations/1764169200000-case-resolution-clock';
import type { CaseRow, ProjectCaseInput } from '../../workflows/common/case-projection';
import type { SlaClock } from '../../workflows/common/sla-clock';
import { indexesNamed } from '../support/indexes';
import { createScratchDatabase } from '../support/scratch-database';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TEAM = 'seller-risk-eu';

/**
 * The live resolution clock each case row carries for the workload (migration 1764169200000): written
 * by the real projection with the case row and not written a second time by the trigger, kept equal to
 * what `sla_clocks` says by the trigger whoever else writes a clock, backfilled when the migration runs
 * again, and read by the workload from the open-backlog index alone.
 */
describe('the live resolution clock on the case row (real PostgreSQL)', () => {
  let ds: DataSource;
  let drop: () => Promise<void>;
  const t0 = Date.UTC(2026, 10, 2, 9);

  beforeAll(async () => {
    ({ dataSource: ds, drop } = await createScratchDatabase('resolution_clock'));
    // Every UPDATE of a case row, counted: the projection's own write must be the only one.
    await ds.query(`CREATE TABLE case_row_updates (case_id uuid, n int NOT NULL DEFAULT 0)`);
    await ds.query(`
      CREATE FUNCTION count_case_row_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO case_row_updates (case_id, n) VALUES (NEW.id, 1); RETURN NULL; END $$`);
    await ds.query(`CREATE TRIGGER tr_count_case_row_update AFTER UPDATE ON cases FOR EACH ROW EXECUTE FUNCTION count_case_row_update()`);
  });
  afterAll(() => drop?.());

  const row = (id: string, open: boolean, team = TEAM): CaseRow => ({
    caseId: id, kind: 'escalation', workflowId: `resolution-clock-${id}`, sellerId: 'seller-rc', marketplace: 'DE', severity: 'high',
    summary: 'resolution clock', state: open ? 'in_progress' : 'resolved', open, team, assigneeId: null, breached: false, dueAt: null,
    createdBy: 'rc', createdAt: t0, updatedAt: t0, resolvedAt: open ? null : t0 + 5 * HOUR, closedAt: null, snapshot: {},
    details: {
      kind: 'escalation', taxonomyVersion: 2, category: 'fraud', source: null, trigger: null, enforcementType: null, language: 'en',
      resolutionCode: null, rootCause: null, upstreamTeam: null, reopenCount: 0,
    },
  });
  const clock = (id: string, kind: string, status: string, at: { startedAt: number; deadlineAt: number; stoppedAt?: number }): SlaClock =>
    ({
      id, kind, calendarId: 'always-on', status, budgetMs: 8 * HOUR, consumedMs: 0, warningFraction: 0.75, warned: false, warnAt: at.deadlineAt - HOUR,
      pauses: [], extensions: [], ...at,
    }) as unknown as SlaClock;
  const write = (input: Pick<ProjectCaseInput, 'row' | 'projectionSeq' | 'clocks'>) =>
    createCaseProjectionActivities({ dataSource: ds }).projectCase({ events: [], tasks: [], ...input });
  const carried = async (id: string) => {
    const [c] = await ds.query(`SELECT resolution_clock_status AS status, resolution_deadline_at AS "deadlineAt" FROM cases WHERE id = $1`, [id]);
    return { status: c.status as string | null, deadlineAt: c.deadlineAt === null ? null : (c.deadlineAt as Date).getTime() };
  };
  const updatesOf = async (id: string) => {
    const [{ n }] = await ds.query(`SELECT COALESCE(sum(n), 0)::int AS n FROM case_row_updates WHERE case_id = $1`, [id]);
    return n as number;
  };

  it('picks the latest started live resolution clock, the greater id breaking a tie', () => {
    const at = { startedAt: t0, deadlineAt: t0 + DAY };
    expect(liveResolutionClock([])).toEqual([null, null]);
    expect(liveResolutionClock([clock('first_response', 'first_response', 'running', at)])).toEqual([null, null]);
    expect(liveResolutionClock([clock('resolution', 'resolution', 'met', { ...at, stoppedAt: t0 + HOUR })])).toEqual([null, null]);
    const older = clock('resolution:1', 'resolution', 'paused', at);
    const newer = clock('resolution:2', 'resolution', 'breached', { startedAt: t0 + HOUR, deadlineAt: t0 + 2 * HOUR });
    expect(liveResolutionClock([newer, older])).toEqual(['breached', new Date(t0 + 2 * HOUR)]);
    const twin = clock('resolution:3', 'resolution', 'running', { startedAt: t0 + HOUR, deadlineAt: t0 + 3 * HOUR });
    expect(liveResolutionClock([twin, newer, older])).toEqual(['running', new Date(t0 + 3 * HOUR)]);
  });

  it('the projection writes it with the case row, once, and a late older write does not move it', async () => {
    const id = randomUUID();
    const at = { startedAt: t0, deadlineAt: t0 + 16 * HOUR };
    await write({ row: row(id, true), projectionSeq: 1, clocks: [clock('first_response', 'first_response', 'running', { startedAt: t0, deadlineAt: t0 + 4 * HOUR }), clock('resolution', 'resolution', 'running', at)] });
    expect(await carried(id)).toEqual({ status: 'running', deadlineAt: t0 + 16 * HOUR });
    expect(await updatesOf(id)).toBe(0);
    // Paused waiting on the seller: one write of the case row (the projection's), none by the trigger.
    await write({ row: row(id, true), projectionSeq: 2, clocks: [clock('resolution', 'resolution', 'paused', at)] });
    expect(await carried(id)).toEqual({ status: 'paused', deadlineAt: t0 + 16 * HOUR });
    expect(await updatesOf(id)).toBe(1);
    // Resumed with a later deadline, then resolved: the clock stopped, nothing live.
    await write({ row: row(id, true), projectionSeq: 3, clocks: [clock('resolution', 'resolution', 'running', { startedAt: t0, deadlineAt: t0 + 20 * HOUR })] });
    await write({ row: row(id, false), projectionSeq: 4, clocks: [clock('resolution', 'resolution', 'met', { startedAt: t0, deadlineAt: t0 + 20 * HOUR, stoppedAt: t0 + 5 * HOUR })] });
    expect(await carried(id)).toEqual({ status: null, deadlineAt: null });
    expect(await updatesOf(id)).toBe(3);
    // A retried older projection is refused by the sequence guard, the case row and the clock alike.
    await write({ row: row(id, true), projectionSeq: 2, clocks: [clock('resolution', 'resolution', 'paused', at)] });
    expect(await carried(id)).toEqual({ status: null, deadlineAt: null });
    expect(await updatesOf(id)).toBe(3);
  });

  it('the trigger follows any other writer of sla_clocks: insert, update, stop and delete', async () => {
    const id = randomUUID();
    await write({ row: row(id, true), projectionSeq: 1, clocks: [] });
    expect(await carried(id)).toEqual({ status: null, deadlineAt: null });
    const insert = (clockId: string, kind: string, status: string, startedAt: number, deadlineAt: number) =>
      ds.query(
        `INSERT INTO sla_clocks (case_id, clock_id, kind, status, calendar_id, budget_ms, started_at, warn_at, deadline_at, warned, clock, projection_seq)
         VALUES ($1, $2, $3, $4, 'always-on', 1, $5, $5, $6, false, '{}', 1)`,
        [id, clockId, kind, status, new Date(startedAt), new Date(deadlineAt)],
      );
    await insert('first_response', 'first_response', 'running', t0, t0 + HOUR);
    expect(await carried(id)).toEqual({ status: null, deadlineAt: null });
    await insert('resolution:1', 'resolution', 'paused', t0, t0 + DAY);
    expect(await carried(id)).toEqual({ status: 'paused', deadlineAt: t0 + DAY });
    await insert('resolution:2', 'resolution', 'running', t0 + HOUR, t0 + 2 * DAY);
    expect(await carried(id)).toEqual({ status: 'running', deadlineAt: t0 + 2 * DAY });
    await ds.query(`UPDATE sla_clocks SET status = 'breached' WHERE case_id = $1 AND clock_id = 'resolution:2'`, [id]);
    expect(await carried(id)).toEqual({ status: 'breached', deadlineAt: t0 + 2 * DAY });
    // The newer clock stopped: the older, still paused, is the live one again.
    await ds.query(`UPDATE sla_clocks SET stopped_at = $2 WHERE case_id = $1 AND clock_id = 'resolution:2'`, [id, new Date(t0 + 3 * HOUR)]);
    expect(await carried(id)).toEqual({ status: 'paused', deadlineAt: t0 + DAY });
    await ds.query(`DELETE FROM sla_clocks WHERE case_id = $1 AND clock_id = 'resolution:1'`, [id]);
    expect(await carried(id)).toEqual({ status: null, deadlineAt: null });
  });

  describe('the workload reads it from the open-backlog index', () => {
    const team = 'seller-risk-rc';
    const now = t0 + 2 * DAY;
    const expected = { stored: [] as number[], paused: 0, unclocked: 0 };

    beforeAll(async () => {
      // 60 open cases: 50 with a running or breached clock, 6 paused, 4 without one; 20 closed ones.
      for (let i = 0; i < 80; i++) {
        const id = randomUUID();
        const open = i < 60;
        const status = i < 50 ? (i % 7 === 0 ? 'breached' : 'running') : i < 56 ? 'paused' : null;
        const deadlineAt = t0 + (i % 13) * HOUR + i * 1000;
        const clocks = open && status ? [clock('resolution', 'resolution', status, { startedAt: t0, deadlineAt })] : [];
        await write({ row: { ...row(id, open, team), createdAt: t0 - (i % 9) * DAY }, projectionSeq: 1, clocks });
        if (open && (status === 'running' || status === 'breached')) expected.stored.push(deadlineAt);
        if (open && status === 'paused') expected.paused++;
        if (open && status === null) expected.unclocked++;
      }
      await ds.query(`ANALYZE cases`);
      expected.stored.sort((a, b) => a - b);
    });

    it('sends the middle of the sorted stored deadlines, wide enough for the paused and clockless cases', async () => {
      const open = await new WorkloadRepository(ds).openCases(team, new Date(now));
      expect(open.total).toBe(60);
      const { below, middle, above } = open.storedDeadlines;
      // 50 stored, 10 estimated: positions 24 - 10 = 14 to (50 + 10) / 2 = 30.
      expect({ below, above }).toEqual({ below: 14, above: 50 - 31 });
      expect(middle).toEqual(expected.stored.slice(14, 31));
      expect(open.paused.reduce((n, p) => n + p.n, 0)).toBe(expected.paused);
      expect(open.unclocked.reduce((n, u) => n + u.n, 0)).toBe(expected.unclocked);
      expect(open.byKind.map((k) => [k.kind, [...k.byAge.values()].reduce((a, b) => a + b, 0)])).toEqual([['escalation', 60]]);
    });

    it('plans one index range of the open cases, without sla_clocks, when no clock is paused', async () => {
      const plain = 'seller-risk-rc-plain';
      for (let i = 0; i < 5; i++) {
        await write({ row: row(randomUUID(), true, plain), projectionSeq: 1, clocks: [clock('resolution', 'resolution', 'running', { startedAt: t0, deadlineAt: t0 + i * HOUR })] });
      }
      const [query] = await captureQueries(ds, () => new WorkloadRepository(ds).openCases(plain, new Date(now)));
      await ds.query(`SET enable_seqscan = off`);
      try {
        const plan: Array<{ 'QUERY PLAN': string }> = await ds.query(`EXPLAIN (ANALYZE, COSTS OFF) ${query.sql}`, query.parameters);
        const text = plan.map((r) => r['QUERY PLAN']).join('\n');
        expect(text).toMatch(/Index Only Scan using ix_cases_open_backlog/);
        // The paused and clockless branches are planned but never run.
        expect(text).not.toMatch(/on sla_clocks[^\n]*\(actual time/);
      } finally {
        await ds.query(`RESET enable_seqscan`);
      }
    });
  });

  it('backfills the copies when applied again after its down, and rebuilds the index with them', async () => {
    const later = MIGRATIONS.slice(MIGRATIONS.indexOf(CaseResolutionClock1764169200000)).map((m) => m.name);
    for (let i = 0; i < later.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    const [{ n: columns }] = await ds.query(`SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'cases' AND column_name LIKE 'resolution_%'`);
    expect(columns).toBe(0);
    expect((await indexesNamed(ds, ['ix_cases_open_backlog'])).ix_cases_open_backlog.definition).not.toMatch(/resolution_clock_status/);
    // Written while the migration is undone, so only its backfill can copy them: 12,000 clocks over 4,000
    // cases, three each (the backfill's batches of 10,000 clocks end inside a case's clocks).
    await ds.query(
      `INSERT INTO cases (id, kind, workflow_id, seller_id, marketplace, severity, summary, state, is_open, team, created_by, snapshot, projection_seq, created_at, updated_at)
       SELECT gen_random_uuid(), 'escalation', 'bulk-' || g, 's', 'DE', 'high', 'bulk', 'in_progress', true, $1, 'rc', '{}', 1, $2, $2 FROM generate_series(1, 4000) g`,
      ['seller-risk-bulk', new Date(t0)],
    );
    await ds.query(
      `INSERT INTO sla_clocks (case_id, clock_id, kind, status, calendar_id, budget_ms, started_at, warn_at, deadline_at, warned, clock, projection_seq)
       SELECT c.id, k.id, 'resolution', k.status, 'always-on', 1, $2::timestamptz + k.n * interval '1 hour', $2, $2::timestamptz + k.n * interval '1 day', false, '{}', 1
         FROM cases c, (VALUES (1, 'resolution:1', 'paused'), (2, 'resolution:2', 'running'), (3, 'resolution:3', 'met')) k(n, id, status)
        WHERE c.team = $1`,
      ['seller-risk-bulk', new Date(t0)],
    );
    await ds.query(`UPDATE sla_clocks SET stopped_at = started_at WHERE status = 'met' AND case_id IN (SELECT id FROM cases WHERE team = 'seller-risk-bulk')`);
    expect(await migrate(ds)).toEqual(later);
    const [{ differing, live }] = await ds.query(
      `SELECT count(*) FILTER (WHERE c.resolution_clock_status IS DISTINCT FROM k.status OR c.resolution_deadline_at IS DISTINCT FROM k.deadline_at)::int AS differing,
              count(k.status)::int AS live
         FROM cases c LEFT JOIN LATERAL (
           SELECT s.status, s.deadline_at FROM sla_clocks s
            WHERE s.case_id = c.id AND s.kind = 'resolution' AND s.stopped_at IS NULL AND s.status IN ('running', 'paused', 'breached')
            ORDER BY s.started_at DESC, s.clock_id COLLATE "C" DESC LIMIT 1) k ON true`,
    );
    expect(differing).toBe(0);
    expect(live).toBeGreaterThanOrEqual(4000);
    const [bulk] = await ds.query(`SELECT DISTINCT resolution_clock_status AS status FROM cases WHERE team = 'seller-risk-bulk'`);
    expect(bulk).toEqual({ status: 'running' });
    const after = await indexesNamed(ds, ['ix_cases_open_backlog', 'ix_cases_open_backlog_next']);
    expect(Object.keys(after)).toEqual(['ix_cases_open_backlog']);
    expect(after.ix_cases_open_backlog.valid).toBe(true);
    expect(after.ix_cases_open_backlog.definition).toMatch(/INCLUDE \(kind, severity, state, created_at, breached, due_at, resolution_clock_status, resolution_deadline_at\) WHERE is_open/);
  });
});
