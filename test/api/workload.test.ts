import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { STAFFING_FORMULA } from '../../api/workload/staffing-plan';
import { bearer, createIntegrationContext, type IntegrationContext } from '../support/harness';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * GET /workload on a team of this file's own, filled with fixture rows in the real database (cases,
 * tasks and SLA clocks as the projection writes them), at times relative to now chosen well away from
 * every bucket boundary, so the expected numbers hold whenever the test runs.
 */
describe('workload: GET /workload', () => {
  let ctx: IntegrationContext;
  const suffix = randomUUID().slice(0, 8);
  const team = `wl-${suffix}`;
  const member = (name: string) => `wl-${name}-${suffix}`;
  const manager = member('mgr');
  const worker1 = member('w1');
  const worker2 = member('w2');
  const caseIds: Record<string, string> = {};

  beforeAll(async () => {
    ctx = await createIntegrationContext({ api: true });
    const ds = ctx.dataSource;
    const t = Date.now();
    await addMember(ds, { userId: manager, role: 'manager', team, capacity: 0 });
    await addMember(ds, { userId: worker1, role: 'specialist', team, capacity: 3 });
    // Out of office: counts towards the pace (they worked the window), not towards who is available.
    await addMember(ds, { userId: worker2, role: 'senior_specialist', team, capacity: 5, outOfOfficeUntil: new Date(t + 3 * DAY) });
    await addMember(ds, { userId: member('gone'), role: 'specialist', team, capacity: 9, active: false });

    // Open backlog: one per age bucket, three kinds. c1 has no clock yet (critical: 24 wall-clock hours
    // from creation, so 22 hours left); the others have resolution clocks 2, 3 and 4 days out.
    caseIds.c1 = await addCase(ds, { kind: 'escalation', state: 'triage', team, severity: 'critical', createdAt: t - 2 * HOUR });
    caseIds.c2 = await addCase(ds, { kind: 'escalation', state: 'in_progress', team, assigneeId: worker1, createdAt: t - 2 * DAY });
    caseIds.c3 = await addCase(ds, { kind: 'reinstatement', state: 'assigned', team, assigneeId: worker1, createdAt: t - 5 * DAY });
    caseIds.c4 = await addCase(ds, { kind: 'strategic_review', state: 'waiting_on_seller', team, assigneeId: worker2, createdAt: t - 10 * DAY });
    await addClock(ds, caseIds.c2, { status: 'running', deadlineAt: t + 2 * DAY });
    await addClock(ds, caseIds.c3, { status: 'running', deadlineAt: t + 3 * DAY });
    await addClock(ds, caseIds.c4, { status: 'running', deadlineAt: t + 4 * DAY });
    // A met first-response clock is not a resolution deadline.
    await addClock(ds, caseIds.c2, { id: 'first_response', kind: 'first_response', status: 'met', deadlineAt: t - DAY, stoppedAt: t - DAY });
    // Another team's open case held by worker2: counts in their load, not in this team's backlog.
    await addCase(ds, { kind: 'escalation', state: 'in_progress', team: `${team}-other`, assigneeId: worker2, createdAt: t - HOUR });

    // Seven completions in the last 14 days (24-hour buckets 0, 0, 1, 1, 5, 5, 13), one before the window.
    const old = t - 20 * DAY;
    for (const [ago, closedOnly] of [[HOUR, false], [3 * HOUR, true], [DAY + HOUR, false], [DAY + 2 * HOUR, false], [5 * DAY + HOUR, false], [5 * DAY + 2 * HOUR, false], [13 * DAY + HOUR, false], [15 * DAY, false]] as const) {
      await addCase(ds, closedOnly
        ? { kind: 'escalation', state: 'closed', team, createdAt: old, closedAt: t - ago }
        : { kind: 'escalation', state: 'resolved', team, assigneeId: worker1, createdAt: old, resolvedAt: t - ago });
    }

    // Tasks: worker1 has one due in 2 h, one in 30 h, one overdue, one done (ignored); the queue has
    // one overdue, one due in 1 h, one without a due time.
    await addTask(ds, caseIds.c2, { team, assigneeId: worker1, dueAt: t + 2 * HOUR });
    await addTask(ds, caseIds.c3, { team, assigneeId: worker1, dueAt: t + 30 * HOUR });
    await addTask(ds, caseIds.c3, { team, assigneeId: worker1, dueAt: t - HOUR });
    await addTask(ds, caseIds.c2, { team, assigneeId: worker1, dueAt: t - 5 * HOUR, done: true });
    await addTask(ds, caseIds.c1, { team, assigneeId: null, dueAt: t - 2 * HOUR });
    await addTask(ds, caseIds.c1, { team, assigneeId: null, dueAt: t + HOUR });
    await addTask(ds, caseIds.c1, { team, assigneeId: null, dueAt: null });
  });
  afterAll(() => ctx.close());

  const get = (url: string, as: string) => request(ctx.app!.getHttpServer()).get(url).set('Authorization', bearer(as));

  it("gives the team's manager each member's load, the queue, the backlog and the flow", async () => {
    const res = await get('/workload', manager).expect(200);
    const body = res.body;
    expect(body.team).toBe(team);
    expect(body.dueSoonHours).toBe(24);

    const byId = Object.fromEntries(body.members.map((m: { userId: string }) => [m.userId, m]));
    expect(Object.keys(byId).sort()).toEqual([manager, worker1, worker2].sort());
    expect(byId[worker1]).toEqual({
      userId: worker1, displayName: `Test ${worker1}`, role: 'specialist',
      activeCases: 2, capacity: 3, freeCapacity: 1, atCapacity: false,
      outOfOffice: false, outOfOfficeUntil: null, tasksDueSoon: 1, tasksOverdue: 1,
    });
    expect(byId[worker2]).toMatchObject({ activeCases: 2, capacity: 5, freeCapacity: 3, outOfOffice: true, tasksDueSoon: 0, tasksOverdue: 0 });
    expect(byId[manager]).toMatchObject({ activeCases: 0, capacity: 0, freeCapacity: 0, atCapacity: true });
    expect(body.queue).toEqual({ openTasks: 3, tasksDueSoon: 1, tasksOverdue: 1 });

    expect(body.backlog).toEqual({
      total: 4,
      byAge: { '<1d': 1, '1-3d': 1, '3-7d': 1, '>7d': 1 },
      byKind: [
        { kind: 'escalation', total: 2, byAge: { '<1d': 1, '1-3d': 1, '3-7d': 0, '>7d': 0 } },
        { kind: 'strategic_review', total: 1, byAge: { '<1d': 0, '1-3d': 0, '3-7d': 0, '>7d': 1 } },
        { kind: 'appeal', total: 0, byAge: { '<1d': 0, '1-3d': 0, '3-7d': 0, '>7d': 0 } },
        { kind: 'reinstatement', total: 1, byAge: { '<1d': 0, '1-3d': 0, '3-7d': 1, '>7d': 0 } },
      ],
    });

    expect(body.flow.days).toBe(14);
    expect(body.flow.series).toHaveLength(14);
    const newestFirst = [...body.flow.series].reverse();
    expect(newestFirst.map((d: { arrivals: number }) => d.arrivals)).toEqual([1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0]);
    expect(newestFirst.map((d: { completions: number }) => d.completions)).toEqual([2, 2, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(body.flow.totals).toEqual({ arrivals: 4, completions: 7, net: 3 });
    expect(newestFirst[0].to).toBe(body.generatedAt);
    expect(Date.parse(newestFirst[0].to) - Date.parse(newestFirst[0].from)).toBe(DAY);
  });

  it('shows the staffing arithmetic: 7 / (2 × 14) = 0.25 a day; median 2.5 days left; ceil(4 / 0.625) = 7; 7 − 1 = 6', async () => {
    const { staffing } = (await get(`/workload?team=${team}`, 'olga').expect(200)).body;
    expect(staffing).toMatchObject({ status: 'ok', peopleNeeded: 7, additionalPeople: 6, notes: [] });
    const a = staffing.arithmetic;
    expect(a).toMatchObject({
      backlog: 4,
      completions: 7,
      windowDays: 14,
      caseWorkers: 2,
      availableCaseWorkers: 1,
      casesWithDeadline: 4,
      deadlineSources: { slaClock: 3, policyEstimate: 1, none: 0 },
      throughputPerPersonPerDay: 0.25,
      minimumHorizonDays: 1,
      peopleNeeded: 7,
      additionalPeople: 6,
      formula: STAFFING_FORMULA,
    });
    // Remaining days [22/24, 2, 3, 4] less the milliseconds since the fixtures were written.
    expect(a.medianRemainingDays).toBeCloseTo(2.5, 3);
    expect(a.horizonDays).toBeCloseTo(2.5, 3);
    expect(a.casesPerPersonInHorizon).toBeCloseTo(0.625, 3);
    expect(a.worked).toMatch(/^throughputPerPersonPerDay = 7 \/ \(2 × 14\) = 0\.25; horizonDays = max\(2\.\d+, 1\) = 2\.\d+; peopleNeeded = ceil\(4 \/ \(0\.25 × 2\.\d+\)\) = ceil\(6\.4\d*\) = 7; additionalPeople = max\(0, 7 − 1\) = 6$/);
  });

  it('takes the window and the due-soon horizon from the query', async () => {
    const body = (await get(`/workload?team=${team}&days=3&dueSoonHours=48`, manager).expect(200)).body;
    expect(body.flow.series).toHaveLength(3);
    expect(body.flow.totals).toEqual({ arrivals: 2, completions: 4, net: 2 });
    expect(body.members.find((m: { userId: string }) => m.userId === worker1)).toMatchObject({ tasksDueSoon: 2, tasksOverdue: 1 });
    // 4 / (2 × 3) = 2/3 a day; 4 / (2/3 × 2.5) = 2.4 -> 3; 3 − 1 = 2.
    expect(body.staffing).toMatchObject({ status: 'ok', peopleNeeded: 3, additionalPeople: 2 });
    expect(body.staffing.arithmetic.throughputPerPersonPerDay).toBeCloseTo(2 / 3, 10);
  });

  it('says why there is no finite plan instead of dividing by zero', async () => {
    const quiet = `${team}-quiet`;
    await addMember(ctx.dataSource, { userId: member('quiet'), role: 'specialist', team: quiet });
    await addCase(ctx.dataSource, { kind: 'escalation', state: 'queued', team: quiet, createdAt: Date.now() - HOUR });
    const noPace = (await get(`/workload?team=${quiet}`, 'olga').expect(200)).body.staffing;
    expect(noPace).toMatchObject({ status: 'no_throughput', peopleNeeded: null, additionalPeople: null });
    expect(noPace.arithmetic).toMatchObject({ throughputPerPersonPerDay: 0, completions: 0, caseWorkers: 1 });
    expect(noPace.notes.join(' ')).toMatch(/no case was completed in the last 14 days/);

    const empty = `${team}-empty`;
    await addMember(ctx.dataSource, { userId: member('lonely'), role: 'manager', team: empty });
    await addCase(ctx.dataSource, { kind: 'escalation', state: 'queued', team: empty, createdAt: Date.now() - HOUR });
    const nobody = (await get(`/workload?team=${empty}`, 'olga').expect(200)).body.staffing;
    expect(nobody).toMatchObject({ status: 'no_case_workers', peopleNeeded: null, additionalPeople: null });
    expect(nobody.arithmetic).toMatchObject({ caseWorkers: 0, throughputPerPersonPerDay: null });
    expect(nobody.arithmetic.worked).toMatch(/division by 0/);
  });

  it.each([
    ['legal', 'lea', `?team=seller-risk-eu`, 'role_not_permitted'],
    ['a specialist', 'ana', '', 'role_not_permitted'],
    ['an account manager', 'alex', '?team=seller-risk-eu', 'role_not_permitted'],
    ['a manager of another team', 'mia', `?team=seller-risk-eu`, 'wrong_team'],
    ['a senior specialist of another team', 'dana', `?team=seller-risk-eu`, 'wrong_team'],
  ])('refuses %s with 403', async (_who, user, query, denial) => {
    const res = await get(`/workload${query}`, user).expect(403);
    expect(res.body).toMatchObject({ error: 'forbidden', details: { denial, action: 'workload.view' } });
  });

  it("lets a senior specialist see their own team's workload", async () => {
    expect((await get('/workload', 'chloe').expect(200)).body.team).toBe('seller-risk-eu');
  });

  it('answers 404 for a team nobody is on', async () => {
    expect((await get(`/workload?team=no-such-team-${suffix}`, 'olga').expect(404)).body.error).toBe('not_found');
  });

  it.each([
    ['team', '', 'olga'],
    ['days', '?team=seller-risk-eu&days=0', 'olga'],
    ['days', '?team=seller-risk-eu&days=91', 'olga'],
    ['dueSoonHours', '?team=seller-risk-eu&dueSoonHours=soon', 'olga'],
    ['unknown', '?unknown=1', 'max'],
  ])('refuses a bad or missing %s with a 400 naming it', async (field, query, user) => {
    const res = await get(`/workload${query}`, user).expect(400);
    expect(res.body.error).toBe('validation_failed');
    expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
  });
});

async function addMember(
  ds: DataSource,
  m: { userId: string; role: string; team: string; capacity?: number; active?: boolean; outOfOfficeUntil?: Date },
): Promise<void> {
  await ds.query(
    `INSERT INTO roster_members (user_id, display_name, role, team, skills, capacity, active, out_of_office_until)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      m.userId,
      `Test ${m.userId}`,
      m.role,
      m.team,
      JSON.stringify({ kinds: ['escalation'], marketplaces: ['DE'], languages: ['en'] }),
      m.capacity ?? 3,
      m.active ?? true,
      m.outOfOfficeUntil ?? null,
    ],
  );
}

async function addCase(
  ds: DataSource,
  c: {
    kind: string;
    state: string;
    team: string;
    assigneeId?: string;
    severity?: string;
    createdAt: number;
    resolvedAt?: number;
    closedAt?: number;
  },
): Promise<string> {
  const id = randomUUID();
  const ts = (ms: number | undefined) => (ms === undefined ? null : new Date(ms));
  await ds.query(
    `INSERT INTO cases (id, kind, workflow_id, seller_id, marketplace, severity, summary, state, is_open, team, assignee_id,
                        created_by, snapshot, projection_seq, created_at, updated_at, resolved_at, closed_at)
     VALUES ($1, $2, $3, 'seller-fixture', 'DE', $4, 'fixture', $5, $11, $6, $7, 'fixture', '{}', 1, $8, now(), $9, $10)`,
    [id, c.kind, `${c.kind}-${id}`, c.severity ?? 'high', c.state, c.team, c.assigneeId ?? null, ts(c.createdAt), ts(c.resolvedAt), ts(c.closedAt), !['resolved', 'closed'].includes(c.state)],
  );
  return id;
}

async function addClock(
  ds: DataSource,
  caseId: string,
  k: { id?: string; kind?: string; status: string; deadlineAt: number; stoppedAt?: number },
): Promise<void> {
  await ds.query(
    `INSERT INTO sla_clocks (case_id, clock_id, kind, status, calendar_id, budget_ms, started_at, warn_at, deadline_at, warned,
                             stopped_at, clock, projection_seq)
     VALUES ($1, $2, $3, $4, 'always-on', $5, $6, $6, $7, false, $8, '{}', 1)`,
    [caseId, k.id ?? 'resolution', k.kind ?? 'resolution', k.status, 16 * HOUR, new Date(k.deadlineAt - 16 * HOUR), new Date(k.deadlineAt), k.stoppedAt ? new Date(k.stoppedAt) : null],
  );
}

async function addTask(
  ds: DataSource,
  caseId: string,
  t: { team: string; assigneeId: string | null; dueAt: number | null; done?: boolean },
): Promise<void> {
  await ds.query(
    `INSERT INTO tasks (id, case_id, case_kind, kind, title, assignee_id, team, status, due_at, created_at, completed_at, projection_seq)
     VALUES ($1, $2, 'escalation', 'work', 'fixture task', $3, $4, $5, $6, now(), $7, 1)`,
    [randomUUID(), caseId, t.assigneeId, t.team, t.done ? 'done' : 'open', t.dueAt === null ? null : new Date(t.dueAt), t.done ? new Date() : null],
  );
}
