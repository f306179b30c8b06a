import { randomUUID } from 'node:crypto';
import { createIntegrationContext, type IntegrationContext } from '../support/harness';
import { apiClient } from './escalation-api.helpers';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('escalation actions through HTTP (real Temporal, real PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let api: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    ctx = await createIntegrationContext({ api: true });
    api = apiClient(ctx);
  });
  afterAll(() => ctx.close());

  const events = async (caseId: string, action: string) => {
    const rows: { count: number }[] = await ctx.dataSource.query(
      `SELECT count(*)::int AS count FROM case_events WHERE case_id = $1 AND action = $2`,
      [caseId, action],
    );
    return rows[0].count;
  };

  describe('each action, end to end', () => {
    it('acknowledge: the assignee takes the case on and the first-response clock stops', async () => {
      const created = await api.assignedCase();
      expect(created.state).toBe('assigned');
      const res = await api.as(created.assigneeId!).post(`/escalations/${created.id}/acknowledge`).expect(200);
      expect(res.body).toMatchObject({ id: created.id, state: 'in_progress', assigneeId: created.assigneeId });
      expect(res.body.clocks.find((c: { kind: string }) => c.kind === 'first_response').status).toBe('met');

      const detail = await api.as('max').get(`/escalations/${created.id}`).expect(200);
      expect(detail.body.state).toBe('in_progress');
      expect(detail.body.timeline.map((e: { action: string }) => e.action)).toContain('acknowledged');
    });

    it('claim and release: a queued case is claimed from the queue, then released back to it', async () => {
      const queued = await api.queuedCase();
      expect(queued).toMatchObject({ state: 'queued', assigneeId: null });

      const claimed = await api.as('ana').post(`/escalations/${queued.id}/claim`).expect(200);
      expect(claimed.body).toMatchObject({ state: 'in_progress', assigneeId: 'ana' });
      expect(claimed.body.lease).toMatchObject({ userId: 'ana' });

      const released = await api.as('ana').post(`/escalations/${queued.id}/release`).send({ reason: 'Out of office tomorrow' }).expect(200);
      expect(released.body).toMatchObject({ state: 'queued', assigneeId: null });
      const [row] = await ctx.dataSource.query(`SELECT state, assignee_id FROM cases WHERE id = $1`, [queued.id]);
      expect(row).toEqual({ state: 'queued', assignee_id: null });
    });

    it('request-info and seller-response: the resolution clock pauses while the seller is asked, and resumes', async () => {
      const c = await api.caseWorkedBy('ana');
      const deadline = new Date(Date.now() + 3 * DAY).toISOString();
      const asked = await api
        .as('ana')
        .post(`/escalations/${c.id}/request-info`)
        .send({ question: 'Please send the supplier invoices', deadline })
        .expect(200);
      expect(asked.body.state).toBe('waiting_on_seller');
      expect(asked.body.openInfoRequest).toMatchObject({ question: 'Please send the supplier invoices', deadline });
      expect(asked.body.clocks.find((k: { id: string }) => k.id === 'resolution').status).toBe('paused');

      const answered = await api
        .as('ana')
        .post(`/escalations/${c.id}/seller-response`)
        .send({ summary: 'Seller sent 14 invoices' })
        .expect(200);
      expect(answered.body).toMatchObject({ state: 'in_progress', openInfoRequest: null });
      expect(answered.body.clocks.find((k: { id: string }) => k.id === 'resolution').status).toBe('running');
    });

    it('request-info without a deadline uses the seller-response SLA target (five days)', async () => {
      const c = await api.caseWorkedBy('ana');
      const before = Date.now();
      const asked = await api.as('ana').post(`/escalations/${c.id}/request-info`).send({ question: 'Invoices, please' }).expect(200);
      const deadline = Date.parse(asked.body.openInfoRequest.deadline);
      expect(deadline).toBeGreaterThanOrEqual(before + 5 * DAY);
      expect(deadline).toBeLessThanOrEqual(Date.now() + 5 * DAY);
    });

    it('hand off: a blocking policy handoff holds the case in waiting_on_handoff', async () => {
      const c = await api.caseWorkedBy('ana');
      const res = await api
        .as('ana')
        .post(`/escalations/${c.id}/handoffs`)
        .send({ team: 'policy', question: 'Is this listing prohibited?', blocking: true })
        .expect(200);
      expect(res.body.state).toBe('waiting_on_handoff');
      expect(res.body.handoffs).toEqual([
        expect.objectContaining({ id: `${c.id}/handoff/1`, team: 'policy', status: 'open', blocking: true, requestedBy: 'ana' }),
      ]);
    });

    it('resolve and reopen: a resolution code and root cause from the taxonomy, then reopened within the window', async () => {
      const c = await api.caseWorkedBy('chloe');
      const resolved = await api
        .as('chloe')
        .post(`/escalations/${c.id}/resolve`)
        .send({ resolutionCode: 'seller_remediated', rootCause: 'seller_error', note: 'Invoices check out' })
        .expect(200);
      expect(resolved.body).toMatchObject({ state: 'resolved', resolutionCode: 'seller_remediated', rootCause: 'seller_error' });
      expect(resolved.body.resolvedAt).toEqual(expect.any(String));
      const [row] = await ctx.dataSource.query(
        `SELECT e.resolution_code, e.root_cause, c.resolved_at FROM cases c JOIN escalation_cases e ON e.case_id = c.id WHERE c.id = $1`,
        [c.id],
      );
      expect(row).toMatchObject({ resolution_code: 'seller_remediated', root_cause: 'seller_error' });
      expect(row.resolved_at).toBeInstanceOf(Date);

      const reopened = await api.as('chloe').post(`/escalations/${c.id}/reopen`).send({ reason: 'Seller relisted the items' }).expect(200);
      expect(['reopened', 'queued']).toContain(reopened.body.state);
      expect(reopened.body.resolvedAt).toBeNull();
    });

    it('escalate by hand, then a manager reassigns the escalated case', async () => {
      const c = await api.caseWorkedBy('ana');
      const escalated = await api.as('ana').post(`/escalations/${c.id}/escalate`).send({ reason: 'Seller threatens legal action' }).expect(200);
      expect(escalated.body.state).toBe('escalated_to_manager');

      const reassigned = await api.as('max').post(`/escalations/${c.id}/reassign`).send({ assigneeId: 'chloe', reason: 'Senior needed' }).expect(200);
      expect(reassigned.body).toMatchObject({ state: 'assigned', assigneeId: 'chloe', team: 'seller-risk-eu' });
    });

    it('extend-sla: a manager adds business time to the resolution clock, with the reason on record', async () => {
      const c = await api.caseWorkedBy('ana');
      const before = c.clocks as { id: string; budgetMs: number }[];
      const budget = before.find((k) => k.id === 'resolution')!.budgetMs;
      const res = await api
        .as('max')
        .post(`/escalations/${c.id}/extend-sla`)
        .send({ clock: 'resolution', byMinutes: 90, reason: 'Waiting on a police report' })
        .expect(200);
      const resolution = res.body.clocks.find((k: { id: string }) => k.id === 'resolution');
      expect(resolution.budgetMs).toBe(budget + 90 * 60_000);
      expect(resolution.extensions).toEqual([expect.objectContaining({ byUserId: 'max', reason: 'Waiting on a police report', addedMs: 90 * 60_000 })]);
    });
  });

  describe('refusals', () => {
    let badInputCase: { id: string } | undefined;

    it('409 with the validator reason: resolving a queued case', async () => {
      const queued = await api.queuedCase();
      const res = await api
        .as('max')
        .post(`/escalations/${queued.id}/resolve`)
        .send({ resolutionCode: 'duplicate', rootCause: 'not_applicable' })
        .expect(409);
      expect(res.body.error).toBe('invalid_transition');
      expect(res.body.message).toMatch(/resolved is not allowed while the case is queued/);
      expect(await events(queued.id, 'resolved')).toBe(0);
    });

    it('403 when ana acts on a case assigned to chloe, with the reason, and nothing changes', async () => {
      const c = await api.caseWorkedBy('chloe');
      const res = await api.as('ana').post(`/escalations/${c.id}/release`).send({}).expect(403);
      expect(res.body).toMatchObject({ error: 'forbidden', details: { denial: 'not_assignee', action: 'release' } });
      expect(res.body.message).toBe('the case is assigned to chloe, not to ana');
      const [row] = await ctx.dataSource.query(`SELECT assignee_id FROM cases WHERE id = $1`, [c.id]);
      expect(row.assignee_id).toBe('chloe');
    });

    it('403 for a role the table does not permit: a specialist reassigning, legal resolving', async () => {
      const c = await api.caseWorkedBy('ana');
      const reassign = await api.as('ana').post(`/escalations/${c.id}/reassign`).send({ assigneeId: 'chloe' }).expect(403);
      expect(reassign.body).toMatchObject({ error: 'forbidden', message: 'role specialist may not reassign escalation cases' });
      const resolve = await api
        .as('lea')
        .post(`/escalations/${c.id}/resolve`)
        .send({ resolutionCode: 'duplicate', rootCause: 'not_applicable' })
        .expect(403);
      expect(resolve.body.details.denial).toBe('role_not_permitted');
    });

    it('403 on create outside the caller\'s team or role, and no workflow starts', async () => {
      const body = { sellerId: `seller-${randomUUID().slice(0, 8)}`, marketplace: 'DE', severity: 'low', category: 'fraud', source: 'seller_support', trigger: 'buyer_complaint', enforcementType: 'suspension', summary: 'x' };
      const ben = await api.as('ben').post('/escalations').send(body).expect(403);
      expect(ben.body).toMatchObject({ error: 'forbidden', details: { denial: 'wrong_team', action: 'create' } });
      const lea = await api.as('lea').post('/escalations').send(body).expect(403);
      expect(lea.body.message).toBe('role legal may not create escalation cases');
      const [{ count }] = await ctx.dataSource.query(`SELECT count(*)::int AS count FROM cases WHERE seller_id = $1`, [body.sellerId]);
      expect(count).toBe(0);
    });

    it("403 for another team: a US specialist claiming an EU team's queued case", async () => {
      const queued = await api.queuedCase();
      const res = await api.as('ben').post(`/escalations/${queued.id}/claim`).expect(403);
      expect(res.body).toMatchObject({ error: 'forbidden', details: { denial: 'wrong_team' } });
    });

    it.each([
      ['request-info', 'deadline', { question: 'Invoices?', deadline: '2020-01-01T00:00:00Z' }, /future/],
      ['request-info', 'deadline', { question: 'Invoices?', deadline: new Date(Date.now() + 31 * DAY).toISOString() }, /30 days/],
      ['request-info', 'deadline', { question: 'Invoices?', deadline: '2030-01-01' }, /time zone/],
      ['request-info', 'question', { deadline: new Date(Date.now() + DAY).toISOString() }, /question/],
      ['resolve', 'resolutionCode', { resolutionCode: 'fixed', rootCause: 'seller_error' }, /resolutionCode must be one of/],
      ['resolve', 'rootCause', { resolutionCode: 'duplicate', rootCause: 'bad_luck' }, /rootCause must be one of/],
      ['handoffs', 'team', { team: 'finance', question: 'Refund?' }, /team must be one of/],
      ['extend-sla', 'byMinutes', { clock: 'resolution', byMinutes: 0, reason: 'x' }, /byMinutes/],
      ['extend-sla', 'clock', { clock: 'handoff', byMinutes: 30, reason: 'x' }, /clock must be one of/],
      ['reassign', 'assigneeId', { assigneeId: 'nobody-here' }, /not an active/],
      ['escalate', 'reason', { reason: '' }, /reason/],
      ['release', 'unexpected', { unexpected: true }, /should not exist/],
    ])('400 for a bad %s body, naming %s', async (action, field, body, message) => {
      const c = (badInputCase ??= await api.caseWorkedBy('ana'));
      const caller = action === 'extend-sla' || action === 'reassign' ? 'max' : 'ana';
      const res = await api.as(caller).post(`/escalations/${c.id}/${action}`).send(body).expect(400);
      expect(res.body.error).toBe('validation_failed');
      expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
      expect(res.body.message).toMatch(message);
    });

    it('404 for an unknown case, 400 for a malformed id, 400 for a malformed Idempotency-Key', async () => {
      const unknown = await api.as('ana').post(`/escalations/${randomUUID()}/acknowledge`).expect(404);
      expect(unknown.body.error).toBe('not_found');
      await api.as('ana').post('/escalations/not-a-case/acknowledge').expect(400);
      const c = await api.caseWorkedBy('ana');
      const res = await api.as('ana').post(`/escalations/${c.id}/escalate`).set('Idempotency-Key', 'has spaces').send({ reason: 'x' }).expect(400);
      expect(res.body.details.fields[0].field).toBe('Idempotency-Key');
    });
  });

  describe('Idempotency-Key', () => {
    it('a replayed create returns the same case and starts one workflow', async () => {
      const key = `create-${randomUUID()}`;
      const body = { sellerId: `seller-${randomUUID().slice(0, 8)}`, marketplace: 'DE', severity: 'low', category: 'fraud', source: 'seller_support', trigger: 'buyer_complaint', enforcementType: 'suspension', summary: 'Replayed' };
      const first = await api.as('ana').post('/escalations').set('Idempotency-Key', key).send(body).expect(201);
      const second = await api.as('ana').post('/escalations').set('Idempotency-Key', key).send(body).expect(201);
      expect(second.body.id).toBe(first.body.id);
      const [{ count }] = await ctx.dataSource.query(`SELECT count(*)::int AS count FROM cases WHERE seller_id = $1`, [body.sellerId]);
      expect(count).toBe(1);
      expect(await events(first.body.id, 'created')).toBe(1);
    });

    it('a replayed action returns the first result and is applied once; a new key applies again', async () => {
      const c = await api.caseWorkedBy('ana');
      const key = `extend-${randomUUID()}`;
      const send = (k: string) =>
        api
          .as('max')
          .post(`/escalations/${c.id}/extend-sla`)
          .set('Idempotency-Key', k)
          .send({ clock: 'resolution', byMinutes: 30, reason: 'Awaiting documents' })
          .expect(200);
      const first = await send(key);
      const replay = await send(key);
      expect(replay.body).toEqual(first.body);
      expect(replay.body.clocks.find((k: { id: string }) => k.id === 'resolution').extensions).toHaveLength(1);
      expect(await events(c.id, 'sla_extended')).toBe(1);

      const again = await send(`extend-${randomUUID()}`);
      expect(again.body.clocks.find((k: { id: string }) => k.id === 'resolution').extensions).toHaveLength(2);
      expect(await events(c.id, 'sla_extended')).toBe(2);
    });
  });
});
