import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { resolutionDeadline, type OpenCase } from '../../api/workload/resolution-deadline';
import { medianOf } from '../../api/workload/staffing-plan';
import { DEFAULT_SLA_POLICY } from '../../workflows/common/sla-policy';
import { bearer, createIntegrationContext, type IntegrationContext } from '../support/harness';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The workload's deadlines come from the database aggregated (stored deadlines as an array, paused
 * clocks and clockless cases grouped by what the deadline arithmetic reads): the staffing plan must
 * be the one resolutionDeadline gives case by case. The response's generatedAt is the instant the
 * service computed with, so the expected median is computed here at that instant, exactly.
 */
describe('workload: deadlines of paused, breached and clockless cases', () => {
  let ctx: IntegrationContext;
  const suffix = randomUUID().slice(0, 8);
  const team = `wld-${suffix}`;
  const manager = `wld-mgr-${suffix}`;
  const expected: Array<OpenCase> = [];

  beforeAll(async () => {
    ctx = await createIntegrationContext({ api: true });
    const ds = ctx.dataSource;
    const t = Date.now();
    await ds.query(
      `INSERT INTO roster_members (user_id, display_name, role, team, skills, capacity, active) VALUES ($1, $1, 'manager', $2, $3, 0, true),
              ($4, $4, 'specialist', $2, $3, 3, true)`,
      [manager, team, JSON.stringify({ kinds: ['escalation'], marketplaces: ['DE'], languages: ['en'] }), `wld-w-${suffix}`],
    );
    const paused = (consumedMs: number) => ({ status: 'paused', budgetMs: 16 * HOUR, consumedMs });
    // Two paused clocks alike (one group), one paused with less left, a breached and a running one.
    const clocked: Array<[createdAgo: number, kind: string, clock: { status: string; deadlineAt: number; snapshot: Record<string, unknown> }]> = [
      [2 * HOUR, 'escalation', { status: 'paused', deadlineAt: t - DAY, snapshot: paused(4 * HOUR) }],
      [2 * DAY, 'escalation', { status: 'paused', deadlineAt: t - 2 * DAY, snapshot: paused(4 * HOUR) }],
      [5 * DAY, 'appeal', { status: 'paused', deadlineAt: t + DAY, snapshot: paused(10 * HOUR) }],
      [10 * DAY, 'escalation', { status: 'breached', deadlineAt: t - HOUR, snapshot: { status: 'breached' } }],
      [10 * DAY, 'reinstatement', { status: 'running', deadlineAt: t + 3 * DAY, snapshot: { status: 'running' } }],
    ];
    for (const [ago, kind, clock] of clocked) {
      const id = await addCase(ds, { kind, team, severity: 'high', createdAt: t - ago });
      await addClock(ds, id, 'resolution', clock, t - ago);
      expected.push({ kind, severity: 'high', team, createdAt: t - ago, clock: { status: clock.status, deadlineAt: clock.deadlineAt, calendarId: 'always-on', snapshot: { id: 'resolution', calendarId: 'always-on', ...clock.snapshot, deadlineAt: clock.deadlineAt } } });
    }
    // An older clock of the running case, still paused: the latest started clock is the case's.
    const withTwo = await addCase(ds, { kind: 'escalation', team, severity: 'high', createdAt: t - 10 * DAY });
    await addClock(ds, withTwo, 'resolution-old', { status: 'paused', deadlineAt: t - 5 * DAY, snapshot: paused(HOUR) }, t - 10 * DAY);
    await addClock(ds, withTwo, 'resolution', { status: 'running', deadlineAt: t + 4 * DAY, snapshot: { status: 'running' } }, t - 9 * DAY);
    expected.push({ kind: 'escalation', severity: 'high', team, createdAt: t - 10 * DAY, clock: { status: 'running', deadlineAt: t + 4 * DAY, calendarId: 'always-on', snapshot: {} } });
    // No clock: critical is estimated around the clock; high counts on the team calendar, which this team lacks.
    for (const [ago, severity] of [[2 * HOUR, 'critical'], [3 * HOUR, 'critical'], [30 * HOUR, 'high']] as const) {
      await addCase(ds, { kind: 'escalation', team, severity, createdAt: t - ago });
      expected.push({ kind: 'escalation', severity, team, createdAt: t - ago, clock: null });
    }
  });
  afterAll(() => ctx.close());

  it('plans with the deadline resolutionDeadline gives each case, and counts the backlog by kind and age', async () => {
    const body = (await request(ctx.app!.getHttpServer()).get('/workload').set('Authorization', bearer(manager)).expect(200)).body;
    const now = Date.parse(body.generatedAt);
    const deadlines = expected.map((c) => resolutionDeadline(c, DEFAULT_SLA_POLICY, null, now));
    const a = body.staffing.arithmetic;
    expect(a.deadlineSources).toEqual({ slaClock: 6, policyEstimate: 2, none: 1 });
    expect(a.casesWithDeadline).toBe(8);
    expect(a.medianRemainingDays).toBe(medianOf(deadlines.flatMap((d) => (d ? [(d.deadlineAt - now) / DAY] : []))));
    // The paused clocks are projected from now (12 h and 6 h left), not read from their stale deadlines.
    expect(deadlines.slice(0, 3).map((d) => d!.deadlineAt - now)).toEqual([12 * HOUR, 12 * HOUR, 6 * HOUR]);

    expect(body.backlog).toEqual({
      total: 9,
      byAge: { '<1d': 3, '1-3d': 2, '3-7d': 1, '>7d': 3 },
      byKind: [
        { kind: 'escalation', total: 7, byAge: { '<1d': 3, '1-3d': 2, '3-7d': 0, '>7d': 2 } },
        { kind: 'strategic_review', total: 0, byAge: { '<1d': 0, '1-3d': 0, '3-7d': 0, '>7d': 0 } },
        { kind: 'appeal', total: 1, byAge: { '<1d': 0, '1-3d': 0, '3-7d': 1, '>7d': 0 } },
        { kind: 'reinstatement', total: 1, byAge: { '<1d': 0, '1-3d': 0, '3-7d': 0, '>7d': 1 } },
      ],
    });
  });
});

/**
 * With many running clocks the database sends only the middle of their deadlines (workload.repository.ts):
 * the plan's median must still be the one of every case's deadline, whichever side of the stored ones
 * the paused and clockless cases' deadlines fall.
 */
describe('workload: the median from the middle of many stored deadlines', () => {
  let ctx: IntegrationContext;
  const suffix = randomUUID().slice(0, 8);
  const team = `wlm-${suffix}`;
  const manager = `wlm-mgr-${suffix}`;
  const expected: Array<OpenCase> = [];

  beforeAll(async () => {
    ctx = await createIntegrationContext({ api: true });
    const ds = ctx.dataSource;
    const t = Date.now();
    await ds.query(`INSERT INTO roster_members (user_id, display_name, role, team, skills, capacity, active) VALUES ($1, $1, 'manager', $2, '{}', 0, true)`, [manager, team]);
    // 41 stored deadlines from 10 days late to 30 days ahead; 6 paused clocks projected far ahead or
    // nearly due; 4 clockless cases (critical: estimated at 24 hours), and one high without an estimate.
    for (let i = 0; i < 41; i++) {
      const status = i % 5 === 0 ? 'breached' : 'running';
      const deadlineAt = t + ((i * 37) % 41 - 10) * DAY + i * 1000;
      const id = await addCase(ds, { kind: 'escalation', team, severity: 'high', createdAt: t - DAY });
      await addClock(ds, id, 'resolution', { status, deadlineAt, snapshot: { status } }, t - DAY);
      expected.push({ kind: 'escalation', severity: 'high', team, createdAt: t - DAY, clock: { status, deadlineAt, calendarId: 'always-on', snapshot: {} } });
    }
    for (let i = 0; i < 6; i++) {
      const snapshot = { status: 'paused', budgetMs: 16 * HOUR, consumedMs: i < 3 ? HOUR : 15 * HOUR };
      const id = await addCase(ds, { kind: 'escalation', team, severity: 'high', createdAt: t - 2 * DAY });
      await addClock(ds, id, 'resolution', { status: 'paused', deadlineAt: t - DAY, snapshot }, t - 2 * DAY);
      expected.push({ kind: 'escalation', severity: 'high', team, createdAt: t - 2 * DAY, clock: { status: 'paused', deadlineAt: t - DAY, calendarId: 'always-on', snapshot: { id: 'resolution', calendarId: 'always-on', ...snapshot, deadlineAt: t - DAY } } });
    }
    for (const severity of ['critical', 'critical', 'critical', 'critical', 'high']) {
      await addCase(ds, { kind: 'escalation', team, severity, createdAt: t - HOUR });
      expected.push({ kind: 'escalation', severity, team, createdAt: t - HOUR, clock: null });
    }
  });
  afterAll(() => ctx.close());

  it('plans with the median of every deadline resolutionDeadline gives', async () => {
    const body = (await request(ctx.app!.getHttpServer()).get('/workload').set('Authorization', bearer(manager)).expect(200)).body;
    const now = Date.parse(body.generatedAt);
    const days = expected.flatMap((c) => {
      const d = resolutionDeadline(c, DEFAULT_SLA_POLICY, null, now);
      return d ? [(d.deadlineAt - now) / DAY] : [];
    });
    const a = body.staffing.arithmetic;
    expect(a.deadlineSources).toEqual({ slaClock: 47, policyEstimate: 4, none: 1 });
    expect(a.casesWithDeadline).toBe(51);
    expect(days).toHaveLength(51);
    expect(a.medianRemainingDays).toBe(medianOf(days));
    expect(body.backlog.total).toBe(52);
  });
});

async function addCase(ds: DataSource, c: { kind: string; team: string; severity: string; createdAt: number }): Promise<string> {
  const id = randomUUID();
  await ds.query(
    `INSERT INTO cases (id, kind, workflow_id, seller_id, marketplace, severity, summary, state, is_open, team, created_by, snapshot, projection_seq, created_at, updated_at)
     VALUES ($1, $2, $3, 'seller-fixture', 'DE', $4, 'fixture', 'in_progress', true, $5, 'fixture', '{}', 1, $6, now())`,
    [id, c.kind, `${c.kind}-${id}`, c.severity, c.team, new Date(c.createdAt)],
  );
  return id;
}

async function addClock(
  ds: DataSource,
  caseId: string,
  clockId: string,
  k: { status: string; deadlineAt: number; snapshot: Record<string, unknown> },
  startedAt: number,
): Promise<void> {
  const snapshot = { id: clockId, kind: 'resolution', calendarId: 'always-on', startedAt, warningFraction: 0.75, ...k.snapshot, deadlineAt: k.deadlineAt };
  await ds.query(
    `INSERT INTO sla_clocks (case_id, clock_id, kind, status, calendar_id, budget_ms, started_at, warn_at, deadline_at, warned, clock, projection_seq)
     VALUES ($1, $2, 'resolution', $3, 'always-on', $4, $5, $5, $6, false, $7, 1)`,
    [caseId, clockId, k.status, 16 * HOUR, new Date(startedAt), new Date(k.deadlineAt), JSON.stringify(snapshot)],
  );
}
