import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { bearer, createIntegrationContext, type IntegrationContext } from '../support/harness';
import { addCase, addMember } from './metrics-fixtures';

/**
 * A calibration session end to end through the API and PostgreSQL, on a team of this file's own: a
 * manager picks one past case and three golden-set scenarios, three participants answer on their own
 * (one leaves a question blank), the manager closes it and reads the report. The expected figures were
 * computed independently (statsmodels' fleiss_kappa and proportion_confint, the krippendorff package).
 */
describe('calibration sessions: /calibration-sessions', () => {
  let ctx: IntegrationContext;
  const suffix = randomUUID().slice(0, 8);
  const team = `cal-${suffix}`;
  const manager = `cal-mgr-${suffix}`;
  const [s1, s2, s3] = ['s1', 's2', 's3'].map((s) => `cal-${s}-${suffix}`);
  const outsider = `cal-out-${suffix}`;
  const otherManager = `cal-mgr2-${suffix}`;
  let pastCase: string;

  beforeAll(async () => {
    ctx = await createIntegrationContext({ api: true });
    const ds = ctx.dataSource;
    await addMember(ds, { userId: manager, role: 'manager', team });
    await addMember(ds, { userId: s1, role: 'specialist', team });
    await addMember(ds, { userId: s2, role: 'specialist', team });
    await addMember(ds, { userId: s3, role: 'senior_specialist', team });
    await addMember(ds, { userId: outsider, role: 'specialist', team });
    await addMember(ds, { userId: otherManager, role: 'manager', team: `${team}-other` });
    pastCase = await addCase(ds, { kind: 'escalation', team, severity: 'high', state: 'resolved', open: false, createdAt: '2026-11-02T08:00:00Z', resolvedAt: '2026-11-03T08:00:00Z' });
  });
  afterAll(() => ctx.close());

  const server = () => ctx.app!.getHttpServer();
  const as = (user: string) => ({
    get: (url: string) => request(server()).get(url).set('Authorization', bearer(user)),
    post: (url: string, body?: object) => request(server()).post(url).set('Authorization', bearer(user)).send(body),
    put: (url: string, body: object) => request(server()).put(url).set('Authorization', bearer(user)).send(body),
  });

  const questions = [
    { id: 'decision', label: 'What should the decision be?', options: ['no_action', 'warning', 'suspension'] },
    { id: 'reason', label: 'Under which reason?', options: ['a', 'b', 'c'] },
  ];
  const session = () => ({
    title: 'December calibration',
    questions,
    items: [
      { caseId: pastCase },
      { prompt: 'Seller ships from a new address after a chargeback spike', golden: [{ questionId: 'decision', answer: 'no_action' }, { questionId: 'reason', answer: 'b' }] },
      { prompt: 'Linked to a suspended account by bank details', golden: [{ questionId: 'decision', answer: 'suspension' }] },
      { prompt: 'Two counterfeit complaints, seller removed the listings', golden: [{ questionId: 'decision', answer: 'no_action' }] },
    ],
    participants: [s1, s2, s3],
  });
  /** Per participant: the decision and reason for items 1-4 (null: left blank). */
  const ANSWERS: Record<string, Array<[string, string | null]>> = {
    [s1]: [['warning', 'a'], ['no_action', 'b'], ['suspension', 'c'], ['no_action', 'b']],
    [s2]: [['warning', 'a'], ['no_action', 'b'], ['suspension', 'c'], ['warning', 'b']],
    [s3]: [['warning', 'a'], ['warning', 'b'], ['suspension', 'a'], ['no_action', null]],
  };
  const answersOf = (user: string) =>
    ANSWERS[user].flatMap(([decision, reason], i) => [
      { position: i + 1, questionId: 'decision', answer: decision },
      ...(reason === null ? [] : [{ position: i + 1, questionId: 'reason', answer: reason }]),
    ]);

  it('refuses creation by a specialist, and bad items and participants naming the field', async () => {
    const bySpecialist = await as(s1).post('/calibration-sessions', session()).expect(403);
    expect(bySpecialist.body).toMatchObject({ error: 'forbidden', details: { denial: 'role_not_permitted', action: 'calibration.run' } });

    const bad = await as(manager)
      .post('/calibration-sessions', {
        ...session(),
        items: [{ caseId: randomUUID() }, { prompt: 'x', golden: [{ questionId: 'decision', answer: 'ban' }] }, {}],
        participants: [s1, otherManager],
      })
      .expect(400);
    expect(bad.body.error).toBe('validation_failed');
    expect(bad.body.details.fields.map((f: { field: string }) => f.field)).toEqual([
      'items[0].caseId',
      'items[1].golden[0].answer',
      'items[2].prompt',
      'participants[1]',
    ]);
    await as(manager).post('/calibration-sessions', { ...session(), participants: [s1] }).expect(400);
  });

  it('runs a session: independent answers, closed by the manager, then the report', async () => {
    const created = await as(manager).post('/calibration-sessions', session()).expect(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({ team, status: 'open', createdBy: manager, closedAt: null });
    // The past case shows its summary, never its decision; the manager sees the golden answers.
    expect(created.body.items[0]).toEqual({ position: 1, caseId: pastCase, prompt: 'fixture', golden: null });
    expect(created.body.items[1].golden).toEqual([{ questionId: 'decision', answer: 'no_action' }, { questionId: 'reason', answer: 'b' }]);

    // A participant sees no golden answer while the session is open.
    const seen = await as(s1).get(`/calibration-sessions/${id}`).expect(200);
    expect(seen.body.items.map((i: { golden: unknown }) => i.golden)).toEqual([null, null, null, null]);
    expect((await as(s1).get('/calibration-sessions').expect(200)).body.sessions.map((s: { id: string }) => s.id)).toContain(id);
    expect((await as(outsider).get('/calibration-sessions').expect(200)).body.sessions.map((s: { id: string }) => s.id)).not.toContain(id);

    // Bad answers name their field; a team member who is not a participant may not answer.
    const wrong = await as(s1).put(`/calibration-sessions/${id}/answers`, { answers: [{ position: 9, questionId: 'decision', answer: 'ban' }] }).expect(400);
    expect(wrong.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['answers[0].position', 'answers[0].answer']);
    const notParticipant = await as(outsider).put(`/calibration-sessions/${id}/answers`, { answers: answersOf(s1) }).expect(403);
    expect(notParticipant.body.details).toMatchObject({ denial: 'not_participant' });

    // s1 first answers item 1 differently, then replaces it with the full set.
    await as(s1).put(`/calibration-sessions/${id}/answers`, { answers: [{ position: 1, questionId: 'decision', answer: 'suspension' }] }).expect(200);
    for (const user of [s1, s2, s3]) await as(user).put(`/calibration-sessions/${id}/answers`, { answers: answersOf(user) }).expect(200);

    // Each participant sees only their own answers; progress shows counts only.
    const mine = await as(s2).get(`/calibration-sessions/${id}`).expect(200);
    expect(mine.body.myAnswers).toEqual(answersOf(s2).sort((a, b) => a.position - b.position || a.questionId.localeCompare(b.questionId)));
    expect(mine.body.participants).toEqual([{ userId: s1, answered: 8 }, { userId: s2, answered: 8 }, { userId: s3, answered: 7 }]);

    // No report while answers can change; only a manager closes; no answer after.
    expect((await as(manager).get(`/calibration-sessions/${id}/report`).expect(409)).body.error).toBe('invalid_transition');
    await as(s3).post(`/calibration-sessions/${id}/close`).expect(403);
    await as(otherManager).post(`/calibration-sessions/${id}/close`).expect(403);
    const closed = await as(manager).post(`/calibration-sessions/${id}/close`).expect(200);
    expect(closed.body.status).toBe('closed');
    await as(manager).post(`/calibration-sessions/${id}/close`).expect(409);
    await as(s3).put(`/calibration-sessions/${id}/answers`, { answers: [{ position: 4, questionId: 'reason', answer: 'b' }] }).expect(409);
    expect((await as(s1).get(`/calibration-sessions/${id}`).expect(200)).body.items[2].golden).toEqual([{ questionId: 'decision', answer: 'suspension' }]);

    const report = (await as(s1).get(`/calibration-sessions/${id}/report`).expect(200)).body;
    expect(report).toMatchObject({ sessionId: id, items: 4 });
    const [decision, reason] = report.questions;
    // Every participant answered every decision: Fleiss' kappa 0.4894 (moderate); alpha 0.5319.
    expect(decision).toMatchObject({ questionId: 'decision', units: 4, statistic: 'fleiss_kappa', band: 'moderate' });
    expect(decision.value).toBeCloseTo(0.489362, 6);
    expect(decision.krippendorffAlpha).toBeCloseTo(0.531915, 6);
    expect(decision.percentAgreement).toBeCloseTo(8 / 12, 10);
    // One reason left blank: Krippendorff's alpha leads, 0.7368 (substantial).
    expect(reason).toMatchObject({ questionId: 'reason', units: 4, statistic: 'krippendorff_alpha', band: 'substantial' });
    expect(reason.value).toBeCloseTo(0.736842, 6);
    expect(report.overall).toMatchObject({ units: 8, statistic: 'krippendorff_alpha', band: 'substantial' });
    expect(report.overall.value).toBeCloseTo(0.695853, 6);

    // Against the golden answers (4 per participant: three decisions, one reason), with Wilson intervals.
    const byUser = Object.fromEntries(report.participants.map((p: { userId: string }) => [p.userId, p]));
    expect(byUser[s1].overall).toMatchObject({ graded: 4, correct: 4, accuracy: 1 });
    expect(byUser[s1].overall.interval.low).toBeCloseTo(0.510109, 6);
    expect(byUser[s2].overall).toMatchObject({ graded: 4, correct: 3, accuracy: 0.75 });
    expect(byUser[s2].overall.interval.low).toBeCloseTo(0.300642, 6);
    expect(byUser[s2].overall.interval.high).toBeCloseTo(0.954413, 6);
    expect(byUser[s3].byQuestion).toEqual([
      expect.objectContaining({ questionId: 'decision', graded: 3, correct: 2 }),
      expect.objectContaining({ questionId: 'reason', graded: 1, correct: 1 }),
    ]);
    expect(byUser[s3].byQuestion[0].interval.low).toBeCloseTo(0.20766, 5);
  });

  it("keeps another team's manager and non-deciding roles out, and answers 404 for an unknown session", async () => {
    const id = (await as(manager).post('/calibration-sessions', session()).expect(201)).body.id;
    const other = await as(otherManager).get(`/calibration-sessions/${id}`).expect(403);
    expect(other.body.details).toMatchObject({ denial: 'wrong_team' });
    await as('lea').get(`/calibration-sessions/${id}`).expect(403);
    // Operators see every team's quality figures.
    await as('olga').get(`/calibration-sessions/${id}`).expect(200);
    await as(manager).get(`/calibration-sessions/${randomUUID()}`).expect(404);
    await as(manager).get('/calibration-sessions/not-a-uuid').expect(400);
  });
});
