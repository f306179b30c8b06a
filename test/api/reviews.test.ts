import { DatabaseEnforcementGateway } from '../../activities/enforcement/database-enforcement-gateway';
import { EnforcementRefused, type EnforcementActionRequest, type EnforcementGateway } from '../../activities/enforcement/enforcement-gateway';
import type { DataSource } from 'typeorm';
import { createIntegrationContext, openTestDatabase, type IntegrationContext } from '../support/harness';
import { eventually } from './escalation-api.helpers';
import { insertSeller, reviewClient, type ReviewBody } from './review-api.helpers';

/**
 * Strategic reviews through the HTTP API against the real system (Temporal, worker, PostgreSQL): the
 * maker-checker policy (maker = checker refused, insufficient seniority refused, a quorum reached, a
 * rejection sent back to the maker), Account Management's consultation and urgency, the enforcement
 * saga with its statement of reasons, and compensation when the enforcement system refuses a step.
 *
 * The marketplace's enforcement system is the one outside system stood in for: the default gateway
 * (the enforcement_actions table), which refuses to hold funds of sellers whose id starts with
 * `saga-fail-` on a decision's first attempt.
 */
class RefusesFirstFundsHold implements EnforcementGateway {
  constructor(private readonly inner: EnforcementGateway) {}
  apply(r: EnforcementActionRequest) {
    if (r.sellerId.startsWith('saga-fail-') && r.step === 'hold_funds' && r.enforcementId.endsWith('/enforcement/1')) {
      return Promise.reject(new EnforcementRefused('payout account is under a regulator freeze'));
    }
    return this.inner.apply(r);
  }
  compensate(r: Parameters<EnforcementGateway['compensate']>[0]) {
    return this.inner.compensate(r);
  }
}

describe('strategic reviews through the API (real Temporal and PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let gatewayDb: DataSource;
  let api: ReturnType<typeof reviewClient>;

  beforeAll(async () => {
    gatewayDb = await openTestDatabase();
    ctx = await createIntegrationContext({ api: true, worker: { enforcementGateway: new RefusesFirstFundsHold(new DatabaseEnforcementGateway(gatewayDb)) } });
    api = reviewClient(ctx);
  });
  afterAll(async () => {
    await ctx?.close();
    await gatewayDb?.destroy();
  });

  it('picks the playbook by tier, refuses a second open review of the seller, and explains the risk score', async () => {
    const seller = await insertSeller(ctx.dataSource, { annualSales: 18_000_000, strategic: true });
    const r = await api.reviewInReview(seller.id);
    expect(r).toMatchObject({ state: 'in_review', assigneeId: 'ben', playbook: { id: 'strategic', version: 1, tier: 'tier_2', consultationRequired: true } });
    expect(r.checks.map((c) => c.id)).toEqual(['identity_documents', 'linked_accounts', 'listing_anomalies', 'order_anomalies', 'enforcement_history', 'open_escalations']);

    const again = await api.as('ben').post('/reviews').send({ sellerId: seller.id, summary: 'A second one' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'conflict', details: { conflict: 'open_review_exists', openReviewId: r.id } });

    const early = await api.as('ben').post(`/reviews/${r.id}/decision`).send(api.enforcement);
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/required checks are not done: identity_documents/);

    const badCheck = await api.as('ben').post(`/reviews/${r.id}/checks`).send({ checkId: 'identity_documents', finding: 'maybe' });
    expect(badCheck.status).toBe(400);
    expect(badCheck.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['finding', 'notes']);

    const assessed = await api.checksDone('ben', r, ['identity_documents']);
    const risk = assessed.risk as { score: number; band: string; modelVersion: string; signals: Array<{ name: string; contribution: number }> };
    expect(risk.modelVersion).toBe('rules-2026.1');
    expect(risk.signals).toContainEqual(expect.objectContaining({ name: 'finding_identity_documents', contribution: 30 }));
    expect(risk.score).toBe(risk.signals.reduce((sum, s) => sum + s.contribution, 0));
    expect(risk.band).toBe('medium');
    const [row] = await ctx.dataSource.query(`SELECT risk_score, risk_band, risk_model_version, playbook_id, playbook_version, tier FROM strategic_reviews WHERE case_id = $1`, [r.id]);
    expect(row).toEqual({ risk_score: risk.score, risk_band: 'medium', risk_model_version: 'rules-2026.1', playbook_id: 'strategic', playbook_version: 1, tier: 'tier_2' });
  });

  it('refuses the maker as checker and a checker below the playbook seniority, inside the workflow too', async () => {
    // Tier 3 (high value): one approval from a senior specialist. Dana (senior) is the maker here.
    const seller = await insertSeller(ctx.dataSource, { annualSales: 7_000_000, strategic: false, accountManagerId: null });
    const r = await api.checksDone('dana', await api.reviewInReview(seller.id, 'dana'));
    const proposed = await api.act('dana', r.id, 'decision', api.enforcement);
    expect(proposed.state).toBe('pending_approval');
    expect(proposed.allowedActions.map((a) => a.action)).not.toContain('approve_decision');

    const self = await api.as('dana').post(`/reviews/${r.id}/decision/approve`).send({});
    expect(self.status).toBe(403);
    expect(self.body).toMatchObject({ error: 'forbidden', details: { denial: 'maker_cannot_check' } });

    const specialist = await api.as('ben').post(`/reviews/${r.id}/decision/approve`).send({});
    expect(specialist.status).toBe(403);
    expect(specialist.body.details.denial).toBe('role_not_permitted');

    // Tier 2 (strategic): the one approval must come from a manager.
    const strategic = await insertSeller(ctx.dataSource, { annualSales: 20_000_000, strategic: true });
    const s = await api.checksDone('ben', await api.reviewInReview(strategic.id));
    await api.act('ben', s.id, 'decision', { ...api.enforcement, urgent: true, urgencyReason: 'Counterfeit shipments leave the warehouse today' });
    const senior = await api.as('dana').post(`/reviews/${s.id}/decision/approve`).send({});
    expect(senior.status).toBe(403);
    expect(senior.body).toMatchObject({ details: { denial: 'insufficient_seniority' } });
    expect(senior.body.message).toMatch(/needs the role manager or above/);

    // The workflow's own validator refuses it too (a request that skipped the API's check).
    const { approveDecisionUpdate } = await import('../../workflows/strategic-review/review.contract');
    const direct = await ctx.client.workflow.getHandle(`strategic-review-${s.id}`).executeUpdate(approveDecisionUpdate, {
      args: [{ actor: { userId: 'ben', role: 'specialist', team: 'seller-risk-us' } }],
    }).catch((e: unknown) => e);
    expect((direct as { cause?: { type?: string } }).cause?.type).toBe('forbidden');

    // Mia approves; the urgency (a manager's call, not the maker's) lets it go without Account Management.
    const approved = await api.act('mia', s.id, 'decision/approve', { note: 'Evidence is conclusive' });
    expect(approved.state).toBe('awaiting_consultation');
    expect(approved.proposal!.consultation).toMatchObject({ status: 'open' });
    const urgent = await api.act('mia', s.id, 'decision/urgency', { note: 'Goods ship today' });
    expect(['enforcing', 'closed']).toContain(urgent.state);
    const closed = await eventually(async () => {
      const b = (await api.as('ben').get(`/reviews/${s.id}`)).body as ReviewBody;
      return b.state === 'closed' ? b : undefined;
    }, 'the urgent enforcement to finish');
    expect(closed).toMatchObject({ outcome: 'listing_restriction', proposal: { consultation: { status: 'cancelled' } } });
  });

  it('reaches a quorum on the top tier, consults the account manager, enforces step by step and issues a statement of reasons', async () => {
    const seller = await insertSeller(ctx.dataSource, { annualSales: 90_000_000, strategic: true, legalName: 'Quorum Goods Inc.' });
    const r = await api.checksDone('ben', await api.reviewInReview(seller.id), ['linked_accounts']);
    expect(r.playbook).toMatchObject({ id: 'strategic-top', approval: { requiredApprovals: 2, atLeast: { role: 'manager', count: 1 } } });
    const proposed = await api.act('ben', r.id, 'decision', { ...api.enforcement, decision: 'suspension', reasonCode: 'linked_to_enforced_account', scope: 'the seller account and all its listings', durationDays: null });
    expect(proposed.proposal!.approval!.stillNeeded).toBe('2 more approvals, 1 of them from a manager or above');

    // Alex, the seller's account manager, has the consultation in his inbox.
    const inbox = await eventually(async () => {
      const items = ((await api.as('alex').get('/inbox')).body as { items: Array<{ kind: string; case: { id: string } | null }> }).items;
      return items.find((i) => i.case?.id === r.id);
    }, "the consultation in the account manager's inbox");
    expect(inbox.kind).toBe('handoff');

    const one = await api.act('dana', r.id, 'decision/approve', { note: 'Linked account evidence holds' });
    expect(one).toMatchObject({ state: 'pending_approval', proposal: { approval: { status: 'pending', stillNeeded: '1 more approval, 1 of them from a manager or above' } } });
    const twice = await api.as('dana').post(`/reviews/${r.id}/decision/approve`).send({});
    expect(twice.status).toBe(403);
    expect(twice.body.details.denial).toBe('already_approved');

    const quorum = await api.act('mia', r.id, 'decision/approve', {});
    expect(quorum).toMatchObject({ state: 'awaiting_consultation', proposal: { status: 'approved', approval: { status: 'approved' } } });
    expect(quorum.allowedActions.map((a) => a.action)).toEqual(expect.arrayContaining(['withdraw_decision']));

    const objection = await api.act('alex', r.id, 'consultation/answer', { response: 'object', reasons: 'The seller is migrating to a new legal entity this week' });
    expect(objection.proposal!.consultation).toMatchObject({ status: 'answered', response: 'object' });

    const closed = await eventually(async () => {
      const b = (await api.as('ben').get(`/reviews/${r.id}`)).body as ReviewBody;
      return b.state === 'closed' ? b : undefined;
    }, 'the enforcement saga to finish');
    expect(closed.outcome).toBe('suspension');
    const enforcements = closed.enforcements as Array<{ status: string; steps: Array<{ step: string; status: string }> }>;
    expect(enforcements).toHaveLength(1);
    expect(enforcements[0].steps.map((s) => `${s.step}:${s.status}`)).toEqual(['restrict_listings:applied', 'hold_funds:applied', 'suspend_account:applied', 'notify_seller:applied']);
    const statement = closed.statementOfReasons as { measure: { decision: string; scope: string; endsAt: unknown; territorialScope: string }; facts: string[]; automation: { decision: boolean }; ground: { policyCitation: string }; redress: string[] };
    expect(statement.measure).toMatchObject({ decision: 'suspension', scope: 'the seller account and all its listings', endsAt: null, territorialScope: 'marketplace US' });
    expect(statement.facts.join(' ')).toMatch(/Linked accounts: concern/);
    expect(statement.automation.decision).toBe(false);
    expect(statement.ground.policyCitation).toBe('Seller Code of Conduct §4.2');
    expect(statement.redress.length).toBeGreaterThanOrEqual(3);

    const actions = await ctx.dataSource.query(`SELECT action, status FROM enforcement_actions WHERE case_id = $1 ORDER BY applied_at, id`, [r.id]);
    expect(actions).toEqual([
      { action: 'restrict_listings', status: 'applied' },
      { action: 'hold_funds', status: 'applied' },
      { action: 'suspend_account', status: 'applied' },
      { action: 'notify_seller', status: 'applied' },
    ]);
    const [notice] = await ctx.dataSource.query(`SELECT message FROM notifications WHERE user_id = $1 AND template = 'seller_enforcement_notice'`, [`seller:${seller.id}`]);
    expect(notice.message).toMatch(/Statement of reasons .*suspended/s);
    const [details] = await ctx.dataSource.query(`SELECT is_open, outcome, statement_of_reasons IS NOT NULL AS has_statement FROM strategic_reviews WHERE case_id = $1`, [r.id]);
    expect(details).toEqual({ is_open: false, outcome: 'suspension', has_statement: true });
  });

  it('sends a rejected proposal back to its maker with the reasons, and takes a new one', async () => {
    const seller = await insertSeller(ctx.dataSource, { annualSales: 25_000_000, strategic: true });
    const r = await api.checksDone('ben', await api.reviewInReview(seller.id));
    await api.act('ben', r.id, 'decision', { ...api.enforcement, decision: 'funds_hold', reasonCode: 'payment_abuse' });
    const rejected = await api.act('mia', r.id, 'decision/reject', { reasons: 'A funds hold is disproportionate: warn first' });
    expect(rejected).toMatchObject({ state: 'in_review', proposal: null, lastNote: { text: expect.stringContaining('warn first') } });
    expect(rejected.previousProposals).toEqual([expect.objectContaining({ decision: 'funds_hold', status: 'rejected', approval: expect.objectContaining({ rejection: expect.objectContaining({ by: 'mia', reasons: 'A funds hold is disproportionate: warn first' }) }) })]);
    const told = await eventually(async () => {
      const [n] = await ctx.dataSource.query(`SELECT message FROM notifications WHERE case_id = $1 AND user_id = 'ben' AND template = 'review_decision_rejected'`, [r.id]);
      return n;
    }, 'the maker to be told');
    expect(told.message).toMatch(/mia rejected your proposed funds hold/);

    const again = await api.act('ben', r.id, 'decision', { ...api.enforcement, decision: 'warning', reasonCode: 'payment_abuse', durationDays: null });
    expect(again).toMatchObject({ state: 'pending_approval', proposal: { decision: 'warning', status: 'pending' } });
  });

  it('compensates the applied steps when the enforcement system refuses a later one, and enforces on retry', async () => {
    const seller = await insertSeller(ctx.dataSource, { id: `saga-fail-${Date.now()}`, annualSales: 8_000_000, strategic: false, accountManagerId: null });
    const r = await api.checksDone('ben', await api.reviewInReview(seller.id));
    await api.act('ben', r.id, 'decision', { ...api.enforcement, decision: 'suspension', reasonCode: 'order_manipulation' });
    await api.act('dana', r.id, 'decision/approve', {});
    const failed = await eventually(async () => {
      const b = (await api.as('ben').get(`/reviews/${r.id}`)).body as ReviewBody;
      return b.state === 'enforcement_failed' ? b : undefined;
    }, 'the saga to fail and compensate', 30_000);
    const attempt = (failed.enforcements as Array<{ status: string; failure: string; steps: Array<{ step: string; status: string }> }>)[0];
    expect(attempt.status).toBe('compensated');
    expect(attempt.failure).toMatch(/hold_funds failed: payout account is under a regulator freeze/);
    expect(attempt.steps.map((s) => `${s.step}:${s.status}`)).toEqual(['restrict_listings:compensated', 'hold_funds:failed', 'suspend_account:pending', 'notify_seller:pending']);
    const rows = await ctx.dataSource.query(`SELECT action, status, reverses IS NOT NULL AS is_reversal FROM enforcement_actions WHERE case_id = $1 ORDER BY applied_at, id`, [r.id]);
    expect(rows).toEqual([
      { action: 'restrict_listings', status: 'reversed', is_reversal: false },
      { action: 'restore_listings', status: 'applied', is_reversal: true },
    ]);
    expect(failed.allowedActions.map((a) => a.action)).toEqual(expect.arrayContaining(['retry_enforcement', 'withdraw_decision']));

    await api.act('ben', r.id, 'enforcement/retry');
    const closed = await eventually(async () => {
      const b = (await api.as('ben').get(`/reviews/${r.id}`)).body as ReviewBody;
      return b.state === 'closed' ? b : undefined;
    }, 'the retried enforcement', 30_000);
    expect((closed.enforcements as unknown[]).length).toBe(2);
    expect(closed.outcome).toBe('suspension');
  });

  it('closes at once on no action, and answers every route with the OpenAPI-documented errors', async () => {
    const seller = await insertSeller(ctx.dataSource, { annualSales: 1_000_000, strategic: false, accountManagerId: null });
    const r = await api.checksDone('ben', await api.reviewInReview(seller.id));
    const mismatched = await api.as('ben').post(`/reviews/${r.id}/decision`).send({ ...api.enforcement, decision: 'no_action' });
    expect(mismatched.status).toBe(400);
    expect(mismatched.body.message).toMatch(/reasonCode must be no_violation for no_action/);
    const closed = await api.act('ben', r.id, 'decision', { decision: 'no_action', reasonCode: 'no_violation', policyCitation: 'n/a', rationale: 'Nothing found' });
    expect(closed).toMatchObject({ state: 'closed', outcome: 'no_action', statementOfReasons: null });

    expect((await api.as('ben').get('/reviews/not-a-uuid')).body).toMatchObject({ error: 'validation_failed', details: { fields: [{ field: 'id' }] } });
    expect((await api.as('lea').post('/reviews').send({ sellerId: seller.id, summary: 'x' })).status).toBe(403);
    expect((await api.as('ben').post('/reviews').send({ sellerId: 'nobody-knows', summary: 'x' })).body).toMatchObject({ error: 'validation_failed', details: { fields: [{ field: 'sellerId' }] } });
    const unknownField = await api.as('ben').post('/reviews').send({ sellerId: seller.id, summary: 'x', tier: 'tier_1' });
    expect(unknownField.status).toBe(400);

    const doc = (await api.as('ben').get('/openapi.json')).body as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    for (const path of ['/reviews/{id}/decision/approve', '/reviews/{id}/decision/reject', '/reviews/{id}/checks', '/reviews/{id}/consultation/answer']) {
      expect(Object.keys(doc.paths[path].post.responses).sort()).toEqual(['200', '400', '401', '403', '404', '409', '413', '415', '422', '429', '503']);
    }
    expect(Object.keys(doc.paths['/reviews'].post.responses).sort()).toEqual(['201', '400', '401', '403', '409', '413', '415', '422', '429', '503']);
  });
});
