import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { bearer, createIntegrationContext, type IntegrationContext } from '../support/harness';
import { addCase, addMember } from './metrics-fixtures';

const H = 3_600_000;

/**
 * Scorecards and the QA report through the API and PostgreSQL, on read-model rows of this file's own
 * team (audit lines and QA outcomes as the projections write them), with figures computed by hand.
 */
describe('quality reports: GET /quality/scorecards/:userId, GET /quality/report', () => {
  let ctx: IntegrationContext;
  const suffix = randomUUID().slice(0, 8);
  const team = `qr-${suffix}`;
  const maker = `qr-spec-${suffix}`;
  const colleague = `qr-col-${suffix}`;
  const senior = `qr-senior-${suffix}`;
  const manager = `qr-mgr-${suffix}`;
  const PERIOD = 'from=2026-11-02&to=2026-11-16';

  async function decided(ds: DataSource, kind: 'escalation' | 'strategic_review', claimedAt: string, decidedAt: string, action: string, breached = false): Promise<string> {
    const id = await addCase(ds, { kind, team, severity: 'high', state: 'resolved', open: false, createdAt: claimedAt, resolvedAt: decidedAt, breached });
    const events: Array<[string, string, string]> = [['created', 'fixture', claimedAt], ['claimed', maker, claimedAt], [action, maker, decidedAt]];
    for (const [seq, [a, actor, at]] of events.entries()) {
      await ds.query(
        `INSERT INTO case_events (case_id, seq, actor_id, actor_role, action, from_state, to_state, occurred_at) VALUES ($1, $2, $3, 'specialist', $4, NULL, 'x', $5)`,
        [id, seq, actor, a, new Date(at)],
      );
    }
    return id;
  }
  let n = 0;
  async function qa(ds: DataSource, row: { caseId?: string; stratum: string; status: string; errors?: string[]; makerDecision?: string; correct?: string; at?: string; makerId?: string }) {
    n += 1;
    await ds.query(
      `INSERT INTO qa_decisions (id, case_id, decision_kind, team, maker_id, reviewer_id, mode, stratum, rate, sampled, status, maker_decision, correct_decision, error_types, decided_at)
       VALUES ($1, $2, 'escalation_resolution', $3, $4, $5, 'post_release', $6, 0.1, $7, $8, $9, $10, $11, $12)`,
      [
        `qa-${suffix}-${n}`, row.caseId ?? randomUUID(), team, row.makerId ?? maker, row.status === 'not_sampled' ? null : senior, row.stratum,
        row.status !== 'not_sampled', row.status, JSON.stringify({ decision: row.makerDecision ?? 'enforcement_upheld', reason: null }),
        row.correct ? JSON.stringify({ decision: row.correct, reason: null }) : null, row.errors ?? [], new Date(row.at ?? '2026-11-04T12:00:00Z'),
      ],
    );
  }

  beforeAll(async () => {
    ctx = await createIntegrationContext({ api: true });
    const ds = ctx.dataSource;
    for (const [userId, role] of [[maker, 'specialist'], [colleague, 'specialist'], [senior, 'senior_specialist'], [manager, 'manager']] as const) {
      await addMember(ds, { userId, role, team });
    }
    // Week 1: two resolutions (2 h and 4 h of handling, the second breached); week 2: one review decision (1 h); one after the period.
    const a = await decided(ds, 'escalation', '2026-11-02T09:00:00Z', '2026-11-02T11:00:00Z', 'resolved');
    const b = await decided(ds, 'escalation', '2026-11-03T09:00:00Z', '2026-11-03T13:00:00Z', 'resolved', true);
    const c = await decided(ds, 'strategic_review', '2026-11-10T09:00:00Z', '2026-11-10T10:00:00Z', 'decision_proposed');
    await decided(ds, 'escalation', '2026-11-20T09:00:00Z', '2026-11-20T10:00:00Z', 'resolved');

    // Stratum X: A agreed, B overturned as a false positive, two not sampled. Stratum Y: C agreed with a process error, seven not sampled.
    const X = 'escalation_resolution|tier=-|decision=enforcement_upheld|tenure=new';
    const Y = 'strategic_review_decision|tier=tier_4|decision=warning|tenure=new';
    await qa(ds, { caseId: a, stratum: X, status: 'agreed', at: '2026-11-02T11:00:00Z' });
    await qa(ds, { caseId: b, stratum: X, status: 'adjudicated', errors: ['false_positive'], correct: 'no_violation_found', at: '2026-11-03T13:00:00Z' });
    await qa(ds, { stratum: X, status: 'not_sampled' });
    await qa(ds, { stratum: X, status: 'not_sampled' });
    await qa(ds, { caseId: c, stratum: Y, status: 'agreed', errors: ['process_error'], makerDecision: 'warning', at: '2026-11-10T10:00:00Z' });
    for (let i = 0; i < 7; i++) await qa(ds, { stratum: Y, status: 'not_sampled', makerId: colleague });
  });
  afterAll(() => ctx.close());

  const get = (url: string, as: string) => request(ctx.app!.getHttpServer()).get(url).set('Authorization', bearer(as));

  it("gives the specialist's scorecard, overall and by week", async () => {
    const card = (await get(`/quality/scorecards/${maker}?${PERIOD}`, maker).expect(200)).body;
    expect(card).toMatchObject({ userId: maker, team, from: '2026-11-02', to: '2026-11-16', volume: 3, medianHandleTimeMs: 2 * H, overturned: 1, reinstatementRate: null, restumbleRate: null });
    expect(card.slaAttainment).toBeCloseTo(2 / 3, 10);
    expect(card.qa).toMatchObject({ reviewed: 3, correct: 1, errors: { false_positive: 1, false_negative: 0, wrong_reason: 0, process_error: 1 } });
    expect(card.qa.accuracy).toBeCloseTo(1 / 3, 10);
    expect(card.qa.interval.low).toBeCloseTo(0.061492, 6);
    expect(card.qa.interval.high).toBeCloseTo(0.79234, 5);
    expect(card.weeks.map((w: Record<string, unknown>) => [w.weekStart, w.volume, w.medianHandleTimeMs, w.slaAttainment, w.overturned])).toEqual([
      ['2026-11-02', 2, 3 * H, 0.5, 1],
      ['2026-11-09', 1, 1 * H, 1, 0],
    ]);
  });

  it("lets seniors and managers of the team read it, not a colleague or another team's manager", async () => {
    await get(`/quality/scorecards/${maker}?${PERIOD}`, senior).expect(200);
    await get(`/quality/scorecards/${maker}?${PERIOD}`, manager).expect(200);
    expect((await get(`/quality/scorecards/${maker}?${PERIOD}`, colleague).expect(403)).body.details).toMatchObject({ denial: 'role_not_permitted' });
    expect((await get(`/quality/scorecards/${maker}?${PERIOD}`, 'max').expect(403)).body.details).toMatchObject({ denial: 'wrong_team' });
    await get(`/quality/scorecards/nobody-${suffix}`, manager).expect(404);
  });

  it('refuses a bad period naming the field', async () => {
    const res = await get(`/quality/scorecards/${maker}?from=2026-11-16&to=2026-11-02`, maker).expect(400);
    expect(res.body.details.fields).toEqual([{ field: 'to', problems: ['to must be after from'] }]);
    expect((await get(`/quality/report?margin=2`, manager).expect(400)).body.details.fields[0].field).toBe('margin');
  });

  it('states the sample, the stratified error rate with its 95% interval and the reviews still needed', async () => {
    const report = (await get(`/quality/report?${PERIOD}&margin=0.05`, manager).expect(200)).body;
    expect(report).toMatchObject({ team, decisions: 12, sampled: 3, completed: 3 });
    expect(report.strata.map((s: Record<string, unknown>) => [s.population, s.completed, s.errors])).toEqual([[4, 2, 1], [8, 1, 1]]);
    expect(report.anyError.estimate).toBeCloseTo(0.833333, 6);
    expect(report.anyError.standardError).toBeCloseTo(0.117851, 6);
    expect(report.anyError.interval.low).toBeCloseTo(0.602349, 6);
    expect(report.anyError.interval.high).toBe(1);
    expect(report.byErrorType.false_positive.estimate).toBeCloseTo((4 / 12) * 0.5, 10);
    expect(report.byErrorType.false_negative.estimate).toBe(0);
    expect(report.precision).toEqual({ margin: 0.05, needed: 12, more: 9 });
    await get(`/quality/report?team=${team}`, colleague).expect(403);
  });
});
