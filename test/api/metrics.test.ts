import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { bearer, createIntegrationContext, type IntegrationContext } from '../support/harness';
import { addCase, addClock, addEvents, addHandoff, addMember } from './metrics-fixtures';

const H = 3_600_000;
const DAY = 24 * H;

/**
 * The metrics routes through the real API and PostgreSQL, on a team of this file's own filled with
 * read-model rows whose figures were computed by hand (below, case by case). The period is three ISO
 * weeks of March 2026 in Europe/Berlin (W1 from 2 March, W2 from 9 March, W3 from 16 March: empty);
 * the cases are chosen so a reopening, a breach noticed before a late stop, a paused clock, the
 * seller's deadline, a case created before the period and instants that fall in different weeks in
 * Berlin and in UTC each change a figure if the SQL gets them wrong.
 */
describe('metrics API: GET /metrics/*', () => {
  let ctx: IntegrationContext;
  const suffix = randomUUID().slice(0, 8);
  const team = `mt-${suffix}`;
  const manager = `mt-mgr-${suffix}`;
  const senior = `mt-senior-${suffix}`;
  const specialist = `mt-spec-${suffix}`;
  const W = { from: '2026-03-02', to: '2026-03-23', bucket: 'week', timeZone: 'Europe/Berlin' };
  const qs = (extra: Record<string, string> = {}) => new URLSearchParams({ team, ...W, ...extra }).toString();

  beforeAll(async () => {
    ctx = await createIntegrationContext({ api: true });
    const ds = ctx.dataSource;
    await addMember(ds, { userId: manager, role: 'manager', team });
    await addMember(ds, { userId: senior, role: 'senior_specialist', team });
    await addMember(ds, { userId: specialist, role: 'specialist', team });

    // A: escalation, high. Acknowledged after 2 h, resolved after 48 h (W1); reopened in W2, its second
    // resolution clock breached at 20:00 and the case resolved again the next morning (W2).
    const a = await addCase(ds, {
      kind: 'escalation', team, severity: 'high', state: 'resolved', open: false, breached: true,
      createdAt: '2026-03-02T08:00:00Z', resolvedAt: '2026-03-11T08:00:00Z', category: 'counterfeit', rootCause: 'seller_error',
    });
    await addEvents(ds, a, '2026-03-02T08:00:00Z', [
      ['acknowledged', 'in_progress', '2026-03-02T10:00:00Z'],
      ['resolved', 'resolved', '2026-03-04T08:00:00Z'],
      ['reopened', 'reopened', '2026-03-10T08:00:00Z'],
      ['acknowledged', 'in_progress', '2026-03-10T09:00:00Z'],
      ['clock_breached', 'escalated_to_manager', '2026-03-10T20:00:00Z'],
      ['resolved', 'resolved', '2026-03-11T08:00:00Z'],
    ]);
    await addClock(ds, a, { id: 'first_response', kind: 'first_response', status: 'met', startedAt: '2026-03-02T08:00:00Z', stoppedAt: '2026-03-02T10:00:00Z' });
    await addClock(ds, a, { id: 'resolution', kind: 'resolution', status: 'met', startedAt: '2026-03-02T08:00:00Z', stoppedAt: '2026-03-04T08:00:00Z' });
    await addClock(ds, a, {
      id: 'resolution#2', kind: 'resolution', status: 'breached', startedAt: '2026-03-10T08:00:00Z',
      breachedAt: '2026-03-10T20:00:00Z', stoppedAt: '2026-03-11T08:00:00Z',
    });
    await addClock(ds, a, { id: 'seller_response', kind: 'seller_response', status: 'met', startedAt: '2026-03-03T08:00:00Z', stoppedAt: '2026-03-03T10:00:00Z' });
    await addHandoff(ds, a, { team: 'legal', status: 'answered', requestedAt: '2026-03-02T12:00:00Z', answeredAt: '2026-03-02T14:00:00Z' });
    await addHandoff(ds, a, { team: 'policy', status: 'cancelled', requestedAt: '2026-03-03T12:00:00Z' });

    // B: escalation, critical, created at 00:30 on Monday 2 March in Berlin (still Sunday in UTC).
    // Its first-response clock breached (not escalated), a claim after 4 h, resolved after 48 h (W1).
    const b = await addCase(ds, {
      kind: 'escalation', team, severity: 'critical', state: 'closed', open: false, breached: true,
      createdAt: '2026-03-01T23:30:00Z', resolvedAt: '2026-03-03T23:30:00Z', closedAt: '2026-03-17T23:30:00Z',
      category: 'fraud', rootCause: 'automation_false_positive',
    });
    await addEvents(ds, b, '2026-03-01T23:30:00Z', [
      ['clock_breached', 'queued', '2026-03-02T01:30:00Z'],
      ['claimed', 'in_progress', '2026-03-02T03:30:00Z'],
      ['resolved', 'resolved', '2026-03-03T23:30:00Z'],
      ['closed', 'closed', '2026-03-17T23:30:00Z'],
    ]);
    await addClock(ds, b, {
      id: 'first_response', kind: 'first_response', status: 'breached', startedAt: '2026-03-01T23:30:00Z',
      breachedAt: '2026-03-02T01:30:00Z', stoppedAt: '2026-03-02T03:30:00Z',
    });
    await addClock(ds, b, { id: 'resolution', kind: 'resolution', status: 'met', startedAt: '2026-03-01T23:30:00Z', stoppedAt: '2026-03-03T23:30:00Z' });
    await addHandoff(ds, b, { team: 'legal', status: 'answered', requestedAt: '2026-03-02T06:00:00Z', answeredAt: '2026-03-03T12:00:00Z', breached: true });

    // C: escalation, medium, still open and waiting on the seller: its resolution clock is paused, the
    // seller's clock runs. Acknowledged at 00:30 on Monday 9 March in Berlin (Sunday in UTC), 83.5 h in.
    const c = await addCase(ds, {
      kind: 'escalation', team, severity: 'medium', state: 'waiting_on_seller', open: true,
      createdAt: '2026-03-05T12:00:00Z', category: 'prohibited_item',
    });
    await addEvents(ds, c, '2026-03-05T12:00:00Z', [
      ['acknowledged', 'in_progress', '2026-03-08T23:30:00Z'],
      ['info_requested', 'waiting_on_seller', '2026-03-09T10:00:00Z'],
    ]);
    await addClock(ds, c, { id: 'first_response', kind: 'first_response', status: 'met', startedAt: '2026-03-05T12:00:00Z', stoppedAt: '2026-03-08T23:30:00Z' });
    await addClock(ds, c, { id: 'resolution', kind: 'resolution', status: 'paused', startedAt: '2026-03-05T12:00:00Z' });
    await addClock(ds, c, { id: 'seller_response', kind: 'seller_response', status: 'running', startedAt: '2026-03-09T10:00:00Z' });
    await addHandoff(ds, c, { team: 'policy', status: 'answered', requestedAt: '2026-03-06T00:00:00Z', answeredAt: '2026-03-10T00:00:00Z' });
    await addHandoff(ds, c, { team: 'customer_trust', status: 'open', requestedAt: '2026-03-09T11:00:00Z' });

    // D: reinstatement, low. Claimed after 1 h, escalated to the manager by hand, resolved after 48 h
    // (W1); its resolution clock was cancelled.
    const d = await addCase(ds, {
      kind: 'reinstatement', team, severity: 'low', state: 'resolved', open: false, createdAt: '2026-03-03T09:00:00Z', resolvedAt: '2026-03-05T09:00:00Z',
    });
    await addEvents(ds, d, '2026-03-03T09:00:00Z', [
      ['claimed', 'in_progress', '2026-03-03T10:00:00Z'],
      ['escalated', 'escalated_to_manager', '2026-03-03T12:00:00Z'],
      ['resolved', 'resolved', '2026-03-05T09:00:00Z'],
    ]);
    await addClock(ds, d, { id: 'first_response', kind: 'first_response', status: 'met', startedAt: '2026-03-03T09:00:00Z', stoppedAt: '2026-03-03T10:00:00Z' });
    await addClock(ds, d, { id: 'resolution', kind: 'resolution', status: 'cancelled', startedAt: '2026-03-03T09:00:00Z', stoppedAt: '2026-03-04T09:00:00Z' });

    // E: escalation, high, created before the period. Its resolution clock breached before the period
    // and was stopped in W2 by the resolution (17 days after creation): decided at the breach.
    const e = await addCase(ds, {
      kind: 'escalation', team, severity: 'high', state: 'resolved', open: false, breached: true,
      createdAt: '2026-02-20T10:00:00Z', resolvedAt: '2026-03-09T10:00:00Z', category: 'other', rootCause: 'system_defect',
    });
    await addEvents(ds, e, '2026-02-20T10:00:00Z', [
      ['acknowledged', 'in_progress', '2026-02-20T12:00:00Z'],
      ['resolved', 'resolved', '2026-03-09T10:00:00Z'],
    ]);
    await addClock(ds, e, { id: 'first_response', kind: 'first_response', status: 'met', startedAt: '2026-02-20T10:00:00Z', stoppedAt: '2026-02-20T12:00:00Z' });
    await addClock(ds, e, {
      id: 'resolution', kind: 'resolution', status: 'breached', startedAt: '2026-02-20T10:00:00Z',
      breachedAt: '2026-02-23T10:00:00Z', stoppedAt: '2026-03-09T10:00:00Z',
    });

    // Another team's case in W1: never in this team's figures.
    const other = await addCase(ds, {
      kind: 'escalation', team: `${team}-other`, severity: 'high', state: 'resolved', open: false,
      createdAt: '2026-03-03T08:00:00Z', resolvedAt: '2026-03-03T09:00:00Z', category: 'fraud', rootCause: 'seller_error',
    });
    await addEvents(ds, other, '2026-03-03T08:00:00Z', [['acknowledged', 'in_progress', '2026-03-03T08:10:00Z'], ['resolved', 'resolved', '2026-03-03T09:00:00Z']]);
    await addClock(ds, other, { id: 'first_response', kind: 'first_response', status: 'breached', startedAt: '2026-03-03T08:00:00Z', breachedAt: '2026-03-03T08:05:00Z' });

    // Open cases relative to now, for the backlog: one under a day old, one two days old (breached and
    // past its deadline); with C (created 5 March) that makes one in each of three age buckets.
    const now = Date.now();
    await addCase(ds, { kind: 'escalation', team, severity: 'high', state: 'queued', open: true, createdAt: now - 2 * H, dueAt: now + 10 * H });
    await addCase(ds, {
      kind: 'reinstatement', team, severity: 'critical', state: 'in_progress', open: true, breached: true, createdAt: now - 2 * DAY, dueAt: now - H,
    });
  });
  afterAll(() => ctx.close());

  const get = (url: string, as: string) => request(ctx.app!.getHttpServer()).get(url).set('Authorization', bearer(as));

  describe('GET /metrics/sla', () => {
    it('counts met / (met + missed) of the team clocks decided in each Berlin week', async () => {
      const body = (await get(`/metrics/sla?${qs()}`, manager).expect(200)).body;
      expect(body.scope).toEqual({ team, kind: null });
      expect(body.period).toEqual({ from: '2026-03-02T00:00:00.000+01:00', to: '2026-03-23T00:00:00.000+01:00', bucket: 'week', timeZone: 'Europe/Berlin' });
      // Met: A first response, A resolution, B resolution, C first response, D first response.
      // Missed: B first response (breached, then claimed), A's second resolution clock (reopened).
      // Not counted: C paused, seller deadlines, D cancelled, E breached before the period.
      expect(body.totals).toEqual({ met: 5, missed: 2, decided: 7, attainment: 5 / 7, reason: null });
      expect(body.excluded).toEqual({ sellerClock: 1, cancelled: 1 });
      expect(body.series.map((b: { key: string; met: number; missed: number; attainment: number | null; reason: string | null }) => [b.key, b.met, b.missed, b.attainment, b.reason])).toEqual([
        ['2026-03-02', 4, 1, 0.8, null],
        ['2026-03-09', 1, 1, 0.5, null],
        ['2026-03-16', 0, 0, null, 'no_clocks_decided'],
      ]);
      expect(body.byClock).toEqual([
        { clock: 'first_response', met: 3, missed: 1, decided: 4, attainment: 0.75, reason: null },
        { clock: 'resolution', met: 2, missed: 1, decided: 3, attainment: 2 / 3, reason: null },
      ]);
      expect(body.byKind.map((k: { kind: string; attainment: number | null }) => [k.kind, k.attainment])).toEqual([
        ['escalation', 4 / 6],
        ['strategic_review', null],
        ['appeal', null],
        // Rows of a kind this build does not run (left by another version) still count, after the known kinds.
        ['reinstatement', 1],
      ]);
      expect(body.bySeverity.map((s: { severity: string; met: number; missed: number }) => [s.severity, s.met, s.missed])).toEqual([
        ['low', 1, 0],
        ['medium', 1, 0],
        ['high', 2, 1],
        ['critical', 1, 1],
      ]);
      // Each bucket by severity too (W1: A high, B critical, D low; W2: C medium met, A's second clock high missed).
      type SeverityRow = { severity: string; met: number; missed: number; attainment: number | null; reason: string | null };
      expect(body.series.map((b: { bySeverity: SeverityRow[] }) => b.bySeverity.map((s) => [s.severity, s.met, s.missed, s.attainment]))).toEqual([
        [['low', 1, 0, 1], ['medium', 0, 0, null], ['high', 2, 0, 1], ['critical', 1, 1, 0.5]],
        [['low', 0, 0, null], ['medium', 1, 0, 1], ['high', 0, 1, 0], ['critical', 0, 0, null]],
        [['low', 0, 0, null], ['medium', 0, 0, null], ['high', 0, 0, null], ['critical', 0, 0, null]],
      ]);
      expect(body.series[2].bySeverity.every((s: SeverityRow) => s.reason === 'no_clocks_decided')).toBe(true);
    });

    it('draws the week boundaries in the time zone asked for: in UTC, C responded on Sunday of W1', async () => {
      const body = (await get(`/metrics/sla?${qs({ timeZone: 'UTC' })}`, manager).expect(200)).body;
      expect(body.period.from).toBe('2026-03-02T00:00:00.000Z');
      expect(body.series.map((b: { key: string; met: number; missed: number }) => [b.key, b.met, b.missed])).toEqual([
        ['2026-03-02', 5, 1],
        ['2026-03-09', 0, 1],
        ['2026-03-16', 0, 0],
      ]);
    });

    it('filters by kind and answers an empty period with nulls and reasons', async () => {
      const escalations = (await get(`/metrics/sla?${qs({ kind: 'escalation' })}`, manager).expect(200)).body;
      expect(escalations.scope).toEqual({ team, kind: 'escalation' });
      expect(escalations.totals).toMatchObject({ met: 4, missed: 2, attainment: 4 / 6 });
      expect(escalations.byKind.map((k: { kind: string }) => k.kind)).toEqual(['escalation']);
      const unknown = (await get(`/metrics/sla?${qs({ kind: 'reinstatement' })}`, manager).expect(400)).body;
      expect(unknown.details.fields.map((f: { field: string }) => f.field)).toEqual(['kind']);
      const empty = (await get(`/metrics/sla?${qs({ from: '2025-01-01', to: '2025-02-01', bucket: 'month' })}`, manager).expect(200)).body;
      expect(empty.totals).toEqual({ met: 0, missed: 0, decided: 0, attainment: null, reason: 'no_clocks_decided' });
      expect(empty.series).toHaveLength(1);
      expect(empty.series[0]).toMatchObject({ key: '2025-01-01', attainment: null, reason: 'no_clocks_decided' });
    });

    it('defaults to the last 12 weeks in UTC', async () => {
      const body = (await get(`/metrics/sla?team=${team}`, manager).expect(200)).body;
      expect(body.period).toMatchObject({ bucket: 'week', timeZone: 'UTC' });
      expect(body.series).toHaveLength(12);
      expect(Date.parse(body.period.to)).toBeLessThanOrEqual(Date.now());
    });
  });

  describe('GET /metrics/response-times', () => {
    it('measures creation to the first response and to the first resolution, median and p90 (linear interpolation)', async () => {
      const body = (await get(`/metrics/response-times?${qs()}`, manager).expect(200)).body;
      // First responses: D 1 h, A 2 h, B 4 h (W1), C 83.5 h (W2 in Berlin). A's second acknowledgement
      // (after the reopening) is not a first response; E's was before the period.
      // p90 of [1, 2, 4, 83.5]: position 0.9 × 3 = 2.7 -> 4 + 0.7 × 79.5 = 59.65 h.
      expect(body.firstResponse.totals).toEqual({ count: 4, medianMs: 3 * H, p90Ms: 59.65 * H, reason: null });
      expect(body.firstResponse.series.map((b: { key: string; count: number; medianMs: number | null; p90Ms: number | null }) => [b.key, b.count, b.medianMs, b.p90Ms])).toEqual([
        ['2026-03-02', 3, 2 * H, 3.6 * H],
        ['2026-03-09', 1, 83.5 * H, 83.5 * H],
        ['2026-03-16', 0, null, null],
      ]);
      expect(body.firstResponse.series[2].reason).toBe('no_first_responses');
      expect(body.firstResponse.byKind.map((k: { kind: string; count: number; medianMs: number | null }) => [k.kind, k.count, k.medianMs])).toEqual([
        ['escalation', 3, 4 * H],
        ['strategic_review', 0, null],
        ['appeal', 0, null],
        ['reinstatement', 1, 1 * H],
      ]);
      // Resolutions: A (its first, 48 h), B and D (48 h) in W1; E in W2 after 17 days (408 h), created
      // before the period. A's second resolution does not count again; its reopening does.
      // p90 of [48, 48, 48, 408]: 48 + 0.7 × 360 = 300 h.
      expect(body.resolution.totals).toEqual({ count: 4, medianMs: 48 * H, p90Ms: 300 * H, reason: null });
      expect(body.resolution.series.map((b: { count: number }) => b.count)).toEqual([3, 1, 0]);
      expect(body.reopened.total).toBe(1);
      expect(body.reopened.series.map((b: { count: number }) => b.count)).toEqual([0, 1, 0]);
    });
  });

  describe('GET /metrics/volume', () => {
    it('counts cases created by kind and category, and completed by root cause at their latest resolution', async () => {
      const body = (await get(`/metrics/volume?${qs()}`, manager).expect(200)).body;
      expect(body.created.total).toBe(4);
      expect(body.created.byKind).toEqual({ escalation: 3, strategic_review: 0, appeal: 0, reinstatement: 1 });
      expect(body.created.byCategory).toMatchObject({ counterfeit: 1, fraud: 1, prohibited_item: 1, other: 0 });
      expect(body.created.series.map((b: { total: number }) => b.total)).toEqual([4, 0, 0]);
      // B and D completed in W1; A (resolved again after its reopening) and E in W2; C is open.
      expect(body.completed.total).toBe(4);
      expect(body.completed.byRootCause).toMatchObject({ seller_error: 1, automation_false_positive: 1, system_defect: 1, buyer_complaint: 0 });
      expect(body.completed.series.map((b: { total: number; byRootCause: Record<string, number> }) => [b.total, b.byRootCause.seller_error])).toEqual([
        [2, 0],
        [2, 1],
        [0, 0],
      ]);
    });

    it('in UTC, B was created the Sunday before the period', async () => {
      const body = (await get(`/metrics/volume?${qs({ timeZone: 'UTC' })}`, manager).expect(200)).body;
      expect(body.created.total).toBe(3);
      expect(body.created.byCategory.fraud).toBe(0);
    });
  });

  describe('GET /metrics/breaches', () => {
    it('gives breach and escalation rates of the completed cases', async () => {
      const body = (await get(`/metrics/breaches?${qs()}`, manager).expect(200)).body;
      // Completed: B (breached), D (escalated by hand) in W1; A (breached and escalated), E (breached) in W2.
      expect(body.totals).toEqual({ completed: 4, breached: 3, escalated: 2, breachRate: 0.75, escalationRate: 0.5, reason: null });
      expect(body.series.map((b: { completed: number; breachRate: number | null; escalationRate: number | null; reason: string | null }) => [b.completed, b.breachRate, b.escalationRate, b.reason])).toEqual([
        [2, 0.5, 0.5, null],
        [2, 1, 0.5, null],
        [0, null, null, 'no_completed_cases'],
      ]);
      expect(body.byKind.find((k: { kind: string }) => k.kind === 'reinstatement')).toMatchObject({ completed: 1, breachRate: 0, escalationRate: 1 });
    });
  });

  describe('GET /metrics/handoffs', () => {
    it('measures answered handoffs by the team that answered', async () => {
      const body = (await get(`/metrics/handoffs?${qs()}`, manager).expect(200)).body;
      // Legal: 2 h and 30 h (the second after its deadline) in W1; Policy: 96 h in W2. Open and
      // cancelled handoffs have no answer.
      expect(body.totals).toEqual({ answered: 3, breached: 1, breachRate: 1 / 3, medianMs: 30 * H, p90Ms: 82.8 * H, reason: null });
      expect(body.byHandoffTeam).toEqual([
        { team: 'legal', answered: 2, breached: 1, breachRate: 0.5, medianMs: 16 * H, p90Ms: 27.2 * H, reason: null },
        { team: 'policy', answered: 1, breached: 0, breachRate: 0, medianMs: 96 * H, p90Ms: 96 * H, reason: null },
        { team: 'customer_trust', answered: 0, breached: 0, breachRate: null, medianMs: null, p90Ms: null, reason: 'no_answered_handoffs' },
        { team: 'account_management', answered: 0, breached: 0, breachRate: null, medianMs: null, p90Ms: null, reason: 'no_answered_handoffs' },
      ]);
      expect(body.series.map((b: { answered: number }) => b.answered)).toEqual([2, 1, 0]);
    });
  });

  describe('GET /metrics/backlog', () => {
    it('gives the open cases now by age, kind, severity and state', async () => {
      const body = (await get(`/metrics/backlog?team=${team}`, senior).expect(200)).body;
      expect(body.scope).toEqual({ team, kind: null });
      expect(body.totals).toMatchObject({ open: 3, byAge: { '<1d': 1, '1-3d': 1, '3-7d': 0, '>7d': 1 }, breached: 1, overdue: 1, reason: null });
      expect(body.totals.medianAgeMs).toBeGreaterThanOrEqual(2 * DAY);
      expect(body.totals.medianAgeMs).toBeLessThan(2 * DAY + 5 * 60_000);
      expect(body.totals.oldestAgeMs).toBeGreaterThanOrEqual(Date.now() - Date.parse('2026-03-05T12:00:00Z') - 5 * 60_000);
      expect(body.byKind.map((k: { kind: string; open: number }) => [k.kind, k.open])).toEqual([['escalation', 2], ['strategic_review', 0], ['appeal', 0], ['reinstatement', 1]]);
      expect(body.byState).toMatchObject({ queued: 1, in_progress: 1, waiting_on_seller: 1, new: 0 });
      const escalations = (await get(`/metrics/backlog?team=${team}&kind=escalation`, senior).expect(200)).body;
      expect(escalations.totals).toMatchObject({ open: 2, breached: 0, overdue: 0 });
    });

    it('takes no period: a from is refused by name', async () => {
      const res = await get(`/metrics/backlog?team=${team}&from=2026-03-01`, manager).expect(400);
      expect(res.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['from']);
    });
  });

  describe('GET /metrics/staffing', () => {
    it("gives the workload's staffing plan", async () => {
      const body = (await get('/metrics/staffing', manager).expect(200)).body;
      expect(body).toMatchObject({ team, windowDays: 14 });
      expect(body.staffing.arithmetic).toMatchObject({ backlog: 3, caseWorkers: 2 });
      expect(['ok', 'no_throughput']).toContain(body.staffing.status);
    });

    it('needs a team from an operator, and refuses a specialist', async () => {
      expect((await get('/metrics/staffing', 'olga').expect(400)).body.details.fields[0].field).toBe('team');
      expect((await get(`/metrics/staffing?team=${team}&days=7`, 'olga').expect(200)).body.windowDays).toBe(7);
      expect((await get('/metrics/staffing', specialist).expect(403)).body.details).toEqual({ denial: 'role_not_permitted', action: 'metrics.view' });
    });
  });

  describe('who may see which team', () => {
    const routes = ['sla', 'response-times', 'volume', 'breaches', 'handoffs', 'backlog'];

    it.each(routes)('/metrics/%s: a senior specialist of the team sees it; an operator sees any team, or all of them', async (route) => {
      expect((await get(`/metrics/${route}`, senior).expect(200)).body.scope.team).toBe(team);
      expect((await get(`/metrics/${route}?team=${team}`, 'olga').expect(200)).body.scope.team).toBe(team);
      expect((await get(`/metrics/${route}`, 'olga').expect(200)).body.scope.team).toBeNull();
    });

    it.each(
      routes.flatMap((route) => [
        [route, 'a specialist', specialist, '', 'role_not_permitted'],
        [route, 'legal', 'lea', '', 'role_not_permitted'],
        [route, 'an account manager', 'alex', `?team=${team}`, 'role_not_permitted'],
        [route, 'a manager of another team', 'mia', `?team=${team}`, 'wrong_team'],
        [route, 'a senior specialist of another team', 'chloe', `?team=${team}`, 'wrong_team'],
      ]),
    )('/metrics/%s refuses %s with 403', async (route, _who, user, query, denial) => {
      const res = await get(`/metrics/${route}${query}`, user).expect(403);
      expect(res.body).toMatchObject({ error: 'forbidden', details: { denial, action: 'metrics.view' } });
    });

    it.each([...routes, 'staffing'])('/metrics/%s answers 401 without a token', async (route) => {
      expect((await request(ctx.app!.getHttpServer()).get(`/metrics/${route}`).expect(401)).body.error).toBe('unauthenticated');
    });

    it('answers 404 for a team nobody knows', async () => {
      expect((await get(`/metrics/sla?team=no-such-team-${suffix}`, 'olga').expect(404)).body.error).toBe('not_found');
    });

    it("counts every team for an operator, this team's figures among them", async () => {
      const all = (await get(`/metrics/volume?${new URLSearchParams(W)}`, 'olga').expect(200)).body;
      expect(all.created.total).toBeGreaterThanOrEqual(5);
      expect(all.completed.byRootCause.seller_error).toBeGreaterThanOrEqual(2);
    });
  });

  describe('validation', () => {
    it.each([
      ['bucket', { bucket: 'hour' }],
      ['timeZone', { timeZone: 'Mars/Olympus' }],
      ['from', { from: 'last tuesday' }],
      ['to', { from: '2026-03-10', to: '2026-03-01' }],
      ['from', { from: '2000-01-01', to: '2026-01-01', bucket: 'day' }],
      ['kind', { kind: 'reinstatement' }],
      ['team', { team: '' }],
      ['unknown', { unknown: '1' }],
    ])('refuses a bad %s with a 400 naming it', async (field, params) => {
      const res = await get(`/metrics/response-times?${qs(params as Record<string, string>)}`, manager).expect(400);
      expect(res.body.error).toBe('validation_failed');
      expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    });
  });

  it('documents every metrics route with its answers in the OpenAPI document', async () => {
    const doc = (await request(ctx.app!.getHttpServer()).get('/openapi.json').expect(200)).body;
    for (const route of ['sla', 'response-times', 'volume', 'breaches', 'handoffs', 'backlog', 'staffing']) {
      const op = doc.paths[`/metrics/${route}`]?.get;
      expect(op).toBeDefined();
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404']));
      expect(op.responses['403'].content['application/json'].schema.$ref).toBe('#/components/schemas/ErrorResponse');
      expect(op.parameters.map((p: { name: string }) => p.name)).toContain('team');
    }
    expect(doc.paths['/metrics/sla'].get.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['bucket', 'from', 'kind', 'team', 'timeZone', 'to']);
    expect(doc.paths['/metrics/sla'].get.responses['503']).toBeDefined();
  });
});
