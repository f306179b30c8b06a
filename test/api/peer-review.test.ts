import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ALWAYS_ON } from '../../workflows/common/business-calendar';
import { qaReviewWorkflowId, type QaReviewInput } from '../../workflows/qa-review/qa-review.contract';
import { eventually } from '../support/eventually';
import { bearer, createIntegrationContext, type IntegrationContext } from '../support/harness';
import { addCase, addMember } from './metrics-fixtures';

/**
 * A QA review through the API on the real Temporal server, worker and PostgreSQL: the routed reviewer
 * reads the evidence without the maker's decision, disagrees, a manager adjudicates, and the maker's
 * scorecard counts the overturned decision.
 */
describe('peer review: /qa-reviews/:reviewId', () => {
  let ctx: IntegrationContext;
  const suffix = randomUUID().slice(0, 8);
  const team = `pr-${suffix}`;
  const maker = `pr-maker-${suffix}`;
  const reviewer = `pr-rev-${suffix}`;
  const manager = `pr-mgr-${suffix}`;
  let caseId: string;
  let reviewId: string;

  beforeAll(async () => {
    ctx = await createIntegrationContext({ api: true });
    const ds = ctx.dataSource;
    await addMember(ds, { userId: maker, role: 'specialist', team });
    await addMember(ds, { userId: reviewer, role: 'senior_specialist', team });
    await addMember(ds, { userId: manager, role: 'manager', team });
    caseId = await addCase(ds, { kind: 'escalation', team, severity: 'high', state: 'resolved', open: false, createdAt: Date.now() - 3_600_000, resolvedAt: Date.now() });
    reviewId = `${caseId}:escalation_resolution:1`;
    const input: QaReviewInput = {
      reviewId,
      caseId,
      caseKind: 'escalation',
      decisionKind: 'escalation_resolution',
      team,
      marketplace: 'DE',
      maker: { userId: maker, role: 'specialist', startedOn: null },
      makerDecision: { decision: 'enforcement_upheld', reason: null },
      evidence: { summary: 'counterfeit listings reported twice' },
      mode: 'post_release',
      stratum: 'escalation_resolution|tier=-|decision=enforcement_upheld|tenure=unknown',
      rate: 0.1,
      decidedAt: Date.now(),
      hold: { remindAfterMs: 4 * 3_600_000, escalateAfterMs: 8 * 3_600_000 },
      calendar: ALWAYS_ON,
    };
    await ctx.client.workflow.start('qaReviewWorkflow', { taskQueue: ctx.taskQueue, workflowId: qaReviewWorkflowId(reviewId), args: [input] });
    await eventually(
      () => ds.query(`SELECT reviewer_id FROM qa_decisions WHERE id = $1`, [reviewId]),
      (rows: Array<{ reviewer_id: string | null }>) => rows[0]?.reviewer_id === reviewer,
      { timeoutMs: 20_000 },
    );
  });
  afterAll(() => ctx.close());

  const server = () => ctx.app!.getHttpServer();
  const get = (url: string, as: string) => request(server()).get(url).set('Authorization', bearer(as));
  const post = (url: string, as: string, body: object) => request(server()).post(url).set('Authorization', bearer(as)).send(body);
  const url = () => `/qa-reviews/${reviewId}`;

  it('runs a blind review, a disagreement and its adjudication', async () => {
    const blind = (await get(url(), reviewer).expect(200)).body;
    expect(blind).toMatchObject({ status: 'awaiting_review', reviewerId: reviewer, makerDecision: null, evidence: { summary: 'counterfeit listings reported twice' } });

    expect((await post(`${url()}/review`, maker, { decision: 'no_violation_found', processError: false, notes: 'me' }).expect(403)).body.details).toMatchObject({ denial: 'maker_cannot_check' });
    expect((await post(`${url()}/review`, reviewer, { decision: 'banned', processError: false, notes: 'x' }).expect(400)).body.error).toBe('validation_failed');
    await post(`${url()}/review`, reviewer, { decision: 'enforcement_upheld', processError: 'no', notes: 'x' }).expect(400);
    await post(`${url()}/adjudication`, manager, { decision: 'no_violation_found', processError: false, notes: 'early' }).expect(409);

    const disagreed = (await post(`${url()}/review`, reviewer, { decision: 'no_violation_found', processError: false, notes: 'listings were genuine' }).expect(200)).body;
    expect(disagreed).toMatchObject({ status: 'adjudicating', makerDecision: { decision: 'enforcement_upheld' }, reviewerDecision: { by: reviewer, decision: 'no_violation_found' } });

    await post(`${url()}/adjudication`, reviewer, { decision: 'no_violation_found', processError: false, notes: 'x' }).expect(403);
    const adjudicated = (await post(`${url()}/adjudication`, manager, { decision: 'no_violation_found', reason: null, processError: false, notes: 'agree with the reviewer' }).expect(200)).body;
    expect(adjudicated).toMatchObject({ status: 'adjudicated', errorTypes: ['false_positive'], adjudication: { by: manager } });
    await post(`${url()}/adjudication`, manager, { decision: 'no_violation_found', processError: false, notes: 'again' }).expect(409);

    const card = (await get(`/quality/scorecards/${maker}`, manager).expect(200)).body;
    expect(card.qa).toMatchObject({ reviewed: 1, correct: 0, errors: { false_positive: 1 } });
    expect(card.overturned).toBe(1);
  });

  it('refuses other teams, malformed ids and unknown reviews', async () => {
    expect((await get(url(), 'ana').expect(403)).body.details).toMatchObject({ denial: 'wrong_team' });
    await get('/qa-reviews/not-a-review', manager).expect(400);
    await get(`/qa-reviews/${randomUUID()}:escalation_resolution:1`, manager).expect(404);
  });
});
