import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { LiveResolutionClockLookup1764172800000 } from '../../db/migrations/1764172800000-live-resolution-clock-lookup';
import { createScratchDatabase } from '../support/scratch-database';

const TEAM = 'seller-risk-lookup';
const OTHER_TEAM = 'seller-risk-lookup-other';
/** Open cases, each with a live resolution clock, in each of the two teams. */
const OPEN_PER_TEAM = 3000;

/**
 * The trigger that copies a case's live resolution clock to its row (migrations 1764169200000 and
 * 1764172800000) runs on every write of a resolution clock: a case's start, each warning and breach.
 * Its lookup must read one index range of the case's clocks, not every open case's. The plan of the
 * lookup the trigger really ran is read from PostgreSQL's auto_explain (nested statements, as notices),
 * with the tables never analyzed, as on this machine's server (autovacuum off).
 */
describe("the live resolution clock's trigger reads one case's clocks, however many are open (real PostgreSQL)", () => {
  let ds: DataSource;
  let drop: () => Promise<void>;
  const t0 = new Date(Date.UTC(2026, 10, 2, 9));

  beforeAll(async () => {
    ({ dataSource: ds, drop } = await createScratchDatabase('rc_lookup'));
    for (const team of [TEAM, OTHER_TEAM]) {
      await ds.query(
        `INSERT INTO cases (id, kind, workflow_id, seller_id, marketplace, severity, summary, state, is_open, team, created_by, snapshot, projection_seq, created_at, updated_at)
         SELECT gen_random_uuid(), 'escalation', $1 || '-' || g, 's', 'DE', 'high', 'lookup', 'in_progress', true, $1, 'lookup', '{}', 1, $2, $2
           FROM generate_series(1, ${OPEN_PER_TEAM}) g`,
        [team, t0],
      );
    }
    await ds.query(
      `INSERT INTO sla_clocks (case_id, clock_id, kind, status, calendar_id, budget_ms, started_at, warn_at, deadline_at, warned, clock, projection_seq)
       SELECT c.id, 'resolution', 'resolution', 'running', 'always-on', 1, $1, $1, $1::timestamptz + interval '30 days', false, '{}', 1 FROM cases c`,
      [t0],
    );
  });
  afterAll(() => drop?.());

  /** Opens a case with one running resolution clock (in `team`, or without one) and returns its id. */
  const openCase = async (team: string | null) => {
    const id = randomUUID();
    await ds.query(
      `INSERT INTO cases (id, kind, workflow_id, seller_id, marketplace, severity, summary, state, is_open, team, created_by, snapshot, projection_seq, created_at, updated_at)
       VALUES ($1, 'escalation', $4, 's', 'DE', 'high', 'lookup', 'in_progress', true, $2, 'lookup', '{}', 1, $3, $3)`,
      [id, team, t0, `lookup-${id}`],
    );
    await ds.query(
      `INSERT INTO sla_clocks (case_id, clock_id, kind, status, calendar_id, budget_ms, started_at, warn_at, deadline_at, warned, clock, projection_seq)
       VALUES ($1, 'resolution', 'resolution', 'running', 'always-on', 1, $2, $2, $2::timestamptz + interval '8 hours', false, '{}', 1)`,
      [id, t0],
    );
    return id;
  };

  /** Runs `sql` on a connection of its own with auto_explain on, and returns the trigger lookup's plan. */
  const lookupPlanOf = async (sql: string, parameters: unknown[]) => {
    const runner = ds.createQueryRunner();
    const notices: string[] = [];
    const client = (await runner.connect()) as { on(event: 'notice', listener: (n: { message?: string }) => void): void };
    client.on('notice', (n) => notices.push(n.message ?? ''));
    try {
      await runner.query(`LOAD 'auto_explain'`);
      for (const setting of ['log_min_duration = 0', 'log_nested_statements = on', 'log_analyze = on', 'log_buffers = on', 'log_level = notice']) {
        await runner.query(`SET auto_explain.${setting}`);
      }
      await runner.query(sql, parameters);
    } finally {
      await runner.query(`RESET ALL`);
      await runner.release();
    }
    const plan = notices.find((n) => /Query Text:\s*SELECT s\.status, s\.deadline_at\s+FROM sla_clocks s/.test(n));
    if (!plan) throw new Error(`no plan of the trigger's lookup among the notices:\n${notices.join('\n----\n')}`);
    const hits = [...plan.matchAll(/shared hit=(\d+)/g)].map((m) => Number(m[1]));
    return { plan, buffers: Math.max(0, ...hits) };
  };

  const pause = (id: string) =>
    lookupPlanOf(`UPDATE sla_clocks SET status = 'paused' WHERE case_id = $1 AND clock_id = 'resolution'`, [id]);
  const carried = async (id: string) => {
    const [c] = await ds.query(`SELECT resolution_clock_status AS status FROM cases WHERE id = $1`, [id]);
    return c.status as string | null;
  };

  it('reads the range of the case in its team: a few buffers among 6,000 open cases', async () => {
    const id = await openCase(TEAM);
    expect(await carried(id)).toBe('running');
    const { plan, buffers } = await pause(id);
    expect(plan).toMatch(/ix_sla_clocks_team_live_resolution/);
    expect(plan).toMatch(/Index Cond: \(\(case_team = .*\) AND \(case_id = .*\)\)/);
    expect(buffers).toBeLessThanOrEqual(10);
    expect(await carried(id)).toBe('paused');
  });

  it('finds the clock of a case without a team the same way', async () => {
    const id = await openCase(null);
    expect(await carried(id)).toBe('running');
    const { plan, buffers } = await pause(id);
    expect(plan).toMatch(/Index Cond: \(\(case_team IS NULL\) AND \(case_id = .*\)\)/);
    expect(buffers).toBeLessThanOrEqual(10);
    expect(await carried(id)).toBe('paused');
  });

  it('follows the case to another team', async () => {
    const id = await openCase(TEAM);
    await ds.query(`UPDATE cases SET team = $2 WHERE id = $1`, [id, OTHER_TEAM]);
    const [{ team }] = await ds.query(`SELECT DISTINCT case_team AS team FROM sla_clocks WHERE case_id = $1`, [id]);
    expect(team).toBe(OTHER_TEAM);
    const { buffers } = await pause(id);
    expect(buffers).toBeLessThanOrEqual(10);
    expect(await carried(id)).toBe('paused');
  });

  it('before the migration, the same write read every open case of the index', async () => {
    const migration = new LiveResolutionClockLookup1764172800000();
    const runner = ds.createQueryRunner();
    await migration.down(runner);
    try {
      const id = await openCase(TEAM);
      const { plan, buffers } = await pause(id);
      expect(plan).toMatch(/Index Cond: \(case_id = .*\)/);
      expect(buffers).toBeGreaterThan(30);
      expect(await carried(id)).toBe('paused');
    } finally {
      await migration.up(runner);
      await runner.release();
    }
  });
});
