import request from 'supertest';
import { apiClient, eventually, type CaseBody } from './escalation-api.helpers';
import { createIntegrationContext, type IntegrationContext } from '../support/harness';

/**
 * The identity-risk taxonomy and the acts issue 8 added, through the real API, workflows and read
 * model: the taxonomy route, severity guidance, resolution pairs and upstream attribution, re-triage,
 * a manager assigning from the queue, renewing the lease, the addressed team told of a handoff, the
 * seller written to in their language, and automatic steps recorded as the system.
 */
describe('escalation taxonomy, re-triage, assign and lease (real Temporal, real PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let api: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    ctx = await createIntegrationContext({ api: true });
    api = apiClient(ctx);
  });
  afterAll(() => ctx.close());

  type Clock = { id: string; budgetMs: number; deadlineAt: string };
  type Field = { field: string; problems: string[] };
  const detail = async (id: string, as = 'max') => (await api.as(as).get(`/escalations/${id}`).expect(200)).body;
  const fieldsOf = (body: { details?: { fields?: Field[] } }) => (body.details?.fields ?? []).map((f) => f.field);
  const budget = (c: { clocks: Clock[] }, id: string) => c.clocks.find((k) => k.id === id)!.budgetMs;

  describe('GET /escalations/taxonomy', () => {
    it('lists every version with its categories, sources, enforcement types, guidance and allowed pairs', async () => {
      const res = await api.as('ana').get('/escalations/taxonomy').expect(200);
      expect(res.body.current).toBe(2);
      expect(res.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
      const v2 = res.body.versions[1];
      expect(v2.categories).toEqual(expect.arrayContaining([
        'identity_verification_failure', 'document_forgery', 'linked_accounts', 'account_takeover', 'sanctions_screening_hit', 'payment_chargeback_abuse',
      ]));
      expect(v2.sources).toEqual(['seller_support', 'executive_escalation', 'account_management', 'internal_detection', 'regulator_or_law_enforcement']);
      expect(v2.enforcementTypes).toEqual(expect.arrayContaining(['suspension', 'funds_hold', 'listing_removal', 'verification_block']));
      expect(v2.triggers).toEqual(expect.arrayContaining(['buyer_complaint', 'third_party_report']));
      expect(v2.rootCauses).not.toContain('buyer_complaint');
      expect(v2.severityGuidance.sanctions_screening_hit).toEqual({ severity: 'critical', why: expect.any(String) });
      expect(v2.allowedCauses.enforcement_reversed).not.toContain('seller_bad_faith');
      expect(v2.attributedCauses).toContain('automation_false_positive');
      expect(res.body.versions[0].allowedCauses).toBeNull();
    });

    it('answers 401 without a token', async () => {
      await request(ctx.app!.getHttpServer()).get('/escalations/taxonomy').expect(401);
    });
  });

  describe('creating a case', () => {
    it('takes the severity from the guidance when none is given, and records source, trigger and enforcement', async () => {
      const c = await api.createCase({ severity: undefined, category: 'account_takeover', source: 'executive_escalation', trigger: 'seller_contact', enforcementType: 'funds_hold' });
      expect(c).toMatchObject({ severity: 'critical', category: 'account_takeover', taxonomyVersion: 2, source: 'executive_escalation', trigger: 'seller_contact', enforcementType: 'funds_hold' });
      const row = await ctx.dataSource.query(`SELECT source, trigger, enforcement_type, taxonomy_version FROM escalation_cases WHERE case_id = $1`, [c.id]);
      expect(row[0]).toEqual({ source: 'executive_escalation', trigger: 'seller_contact', enforcement_type: 'funds_hold', taxonomy_version: 2 });
    });

    it.each([
      ['source', { source: 'twitter' }],
      ['trigger', { trigger: 'third_party_error' }],
      ['enforcementType', { enforcementType: 'ban' }],
      ['category', { category: 'spam' }],
    ])('refuses an unknown %s with a 400 naming it', async (field, body) => {
      const res = await api.as('ana').post('/escalations').send({
        sellerId: 'seller-taxonomy-bad', marketplace: 'DE', category: 'fraud', source: 'seller_support', trigger: 'buyer_complaint',
        enforcementType: 'suspension', summary: 'x', ...body,
      }).expect(400);
      expect(fieldsOf(res.body)).toContain(field);
    });

    it('refuses a case without a source, naming it', async () => {
      const res = await api.as('ana').post('/escalations').send({
        sellerId: 'seller-taxonomy-bad', marketplace: 'DE', category: 'fraud', trigger: 'buyer_complaint', enforcementType: 'none', summary: 'x',
      }).expect(400);
      expect(fieldsOf(res.body)).toContain('source');
    });
  });

  describe('resolving', () => {
    it('refuses a resolution code and root cause that do not go together, naming rootCause; nothing changes', async () => {
      const c = await api.caseWorkedBy('ana');
      const res = await api.as('ana').post(`/escalations/${c.id}/resolve`).send({ resolutionCode: 'enforcement_reversed', rootCause: 'seller_bad_faith' }).expect(400);
      expect(res.body).toMatchObject({ error: 'validation_failed', message: expect.stringContaining('does not go with resolutionCode enforcement_reversed') });
      expect(fieldsOf(res.body)).toEqual(['rootCause']);
      expect((await detail(c.id)).state).toBe('in_progress');
    });

    it('requires the upstream team for a cause that says the enforcement was wrong, and keeps it', async () => {
      const c = await api.caseWorkedBy('ana');
      const missing = await api.as('ana').post(`/escalations/${c.id}/resolve`).send({ resolutionCode: 'enforcement_reversed', rootCause: 'automation_false_positive' }).expect(400);
      expect(fieldsOf(missing.body)).toEqual(['upstreamTeam']);
      const resolved = await api.action('ana', c.id, 'resolve', { resolutionCode: 'enforcement_reversed', rootCause: 'automation_false_positive', upstreamTeam: 'spiv' });
      expect(resolved).toMatchObject({ state: 'resolved', upstreamTeam: 'spiv' });
      const row = await ctx.dataSource.query(`SELECT resolution_code, root_cause, upstream_team FROM escalation_cases WHERE case_id = $1`, [c.id]);
      expect(row[0]).toEqual({ resolution_code: 'enforcement_reversed', root_cause: 'automation_false_positive', upstream_team: 'spiv' });
    });

    it('refuses an unknown upstream team with a 400 naming it', async () => {
      const c = await api.caseWorkedBy('ana');
      const res = await api.as('ana').post(`/escalations/${c.id}/resolve`).send({ resolutionCode: 'enforcement_reversed', rootCause: 'reviewer_error', upstreamTeam: 'fbi' }).expect(400);
      expect(fieldsOf(res.body)).toContain('upstreamTeam');
    });
  });

  describe('POST /escalations/:id/retriage', () => {
    it("moves the team clocks to the new severity's targets and puts the change on the audit trail", async () => {
      const c = await api.caseWorkedBy('ana', { severity: 'low', category: 'linked_accounts' });
      const before = await detail(c.id);
      const critical = await detail((await api.createCase({ severity: 'critical' })).id);
      const after = await api.action('ana', c.id, 'retriage', { severity: 'critical', category: 'document_forgery', reason: 'forged passport found' });
      expect(after).toMatchObject({ severity: 'critical', category: 'document_forgery', state: 'in_progress', assigneeId: 'ana' });
      expect(budget(after as never, 'resolution')).toBe(budget(critical, 'resolution'));
      expect(budget(after as never, 'resolution')).toBeLessThan(budget(before, 'resolution'));
      const trail = (await detail(c.id)).timeline as Array<{ action: string; actorId: string; reason: string | null; details: Record<string, unknown> }>;
      expect(trail.find((e) => e.action === 'retriaged')).toMatchObject({
        actorId: 'ana',
        reason: 'forged passport found',
        details: expect.objectContaining({ fromSeverity: 'low', toSeverity: 'critical', fromCategory: 'linked_accounts', toCategory: 'document_forgery' }),
      });
      const row = await eventually(async () => {
        const r = await ctx.dataSource.query(`SELECT c.severity, e.category FROM cases c JOIN escalation_cases e ON e.case_id = c.id WHERE c.id = $1`, [c.id]);
        return r[0]?.severity === 'critical' ? r[0] : undefined;
      }, 'the read model to show the new severity');
      expect(row).toEqual({ severity: 'critical', category: 'document_forgery' });
    });

    it('refuses without a reason or a change (400 naming the field), and anyone but the assignee or a manager of the team (403)', async () => {
      const c = await api.caseWorkedBy('ana', { severity: 'high' });
      expect(fieldsOf((await api.as('ana').post(`/escalations/${c.id}/retriage`).send({ severity: 'low' }).expect(400)).body)).toContain('reason');
      expect(fieldsOf((await api.as('ana').post(`/escalations/${c.id}/retriage`).send({ severity: 'urgent', reason: 'x' }).expect(400)).body)).toContain('severity');
      expect(fieldsOf((await api.as('ana').post(`/escalations/${c.id}/retriage`).send({ severity: 'high', reason: 'same' }).expect(400)).body)).toContain('severity');
      await api.as('chloe').post(`/escalations/${c.id}/retriage`).send({ severity: 'low', reason: 'x' }).expect(403);
      await api.as('mia').post(`/escalations/${c.id}/retriage`).send({ severity: 'low', reason: 'x' }).expect(403);
      await api.as('lea').post(`/escalations/${c.id}/retriage`).send({ severity: 'low', reason: 'x' }).expect(403);
      expect((await api.action('max', c.id, 'retriage', { severity: 'medium', reason: 'manager view' })).severity).toBe('medium');
    });
  });

  describe('POST /escalations/:id/assign', () => {
    it('lets a manager give a queued case to a member of the team; the case, its tasks and the member follow', async () => {
      const q = await api.queuedCase();
      expect(q.state).toBe('queued');
      const assigned = await api.action('max', q.id, 'assign', { assigneeId: 'chloe', reason: 'knows the seller' });
      expect(assigned).toMatchObject({ state: 'assigned', assigneeId: 'chloe' });
      expect((assigned as unknown as { lease: { userId: string } }).lease).toMatchObject({ userId: 'chloe' });
      const trail = (await detail(q.id)).timeline as Array<{ action: string; actorId: string; reason: string | null }>;
      expect(trail[trail.length - 1]).toMatchObject({ action: 'assigned', actorId: 'max', reason: 'knows the seller' });
      await eventually(async () => {
        const inbox = await api.as('chloe').get('/inbox').expect(200);
        return inbox.body.items.some((t: { case: { id: string } | null }) => t.case?.id === q.id) ? true : undefined;
      }, "the case in chloe's inbox");
    });

    it('refuses someone outside the team (400 naming assigneeId), another team\'s manager or a specialist (403), a case not queued (409)', async () => {
      const q = await api.queuedCase();
      const outsider = await api.as('max').post(`/escalations/${q.id}/assign`).send({ assigneeId: 'ben' }).expect(400);
      expect(fieldsOf(outsider.body)).toEqual(['assigneeId']);
      expect(fieldsOf((await api.as('max').post(`/escalations/${q.id}/assign`).send({}).expect(400)).body)).toContain('assigneeId');
      await api.as('mia').post(`/escalations/${q.id}/assign`).send({ assigneeId: 'chloe' }).expect(403);
      await api.as('ana').post(`/escalations/${q.id}/assign`).send({ assigneeId: 'ana' }).expect(403);
      await api.action('max', q.id, 'assign', { assigneeId: 'ana' });
      const again = await api.as('max').post(`/escalations/${q.id}/assign`).send({ assigneeId: 'chloe' }).expect(409);
      expect(again.body.error).toBe('invalid_transition');
    });
  });

  describe('POST /escalations/:id/renew-lease', () => {
    it('lets the holder keep the case: the lease starts again; anyone else is refused', async () => {
      const c = (await api.assignedCase()) as CaseBody & { lease: { userId: string; expiresAt: string } };
      const holder = c.assigneeId!;
      const other = holder === 'ana' ? 'chloe' : 'ana';
      const first = c.lease ?? (await detail(c.id)).lease;
      await new Promise((r) => setTimeout(r, 20));
      const renewed = (await api.action(holder, c.id, 'renew-lease')) as CaseBody & { lease: { userId: string; expiresAt: string } };
      expect(renewed.lease.userId).toBe(holder);
      expect(Date.parse(renewed.lease.expiresAt)).toBeGreaterThan(Date.parse(first.expiresAt));
      expect(renewed.state).toBe('assigned');
      await api.as(other).post(`/escalations/${c.id}/renew-lease`).send({}).expect(403);
      await api.as('max').post(`/escalations/${c.id}/renew-lease`).send({}).expect(403);
      // Any act of the holder renews it too.
      const acknowledged = (await api.action(holder, c.id, 'acknowledge')) as CaseBody & { lease: { expiresAt: string } };
      expect(Date.parse(acknowledged.lease.expiresAt)).toBeGreaterThanOrEqual(Date.parse(renewed.lease.expiresAt));
    });

    it('refuses a queued case (nobody holds it: 403) and a case waiting on the seller (no lease runs: 409)', async () => {
      const q = await api.queuedCase();
      await api.as('ana').post(`/escalations/${q.id}/renew-lease`).send({}).expect(403);
      const c = await api.caseWorkedBy('ana');
      await api.action('ana', c.id, 'request-info', { question: 'ID copy please', deadline: new Date(Date.now() + 86_400_000).toISOString() });
      const waiting = await api.as('ana').post(`/escalations/${c.id}/renew-lease`).send({}).expect(409);
      expect(waiting.body).toMatchObject({ error: 'invalid_transition', message: expect.stringContaining('waiting_on_seller') });
    });
  });

  it('tells the addressed team of a new handoff (handoff_requested), in their feed', async () => {
    const c = await api.caseWorkedBy('ana');
    await api.as('ana').post(`/escalations/${c.id}/handoffs`).send({ team: 'legal', question: 'Is the passport scan admissible?', blocking: false }).expect(200);
    const note = await eventually(async () => {
      const feed = await api.as('lea').get('/notifications?limit=100').expect(200);
      return feed.body.items.find((n: { caseId: string; template: string }) => n.caseId === c.id && n.template === 'handoff_requested');
    }, "lea's handoff_requested notification");
    expect(note.message).toContain('Is the passport scan admissible?');
    const paul = await api.as('paul').get('/notifications?limit=100').expect(200);
    expect(paul.body.items.some((n: { caseId: string }) => n.caseId === c.id)).toBe(false);
  });

  it("writes to the seller in the case's language with what is asked, by when and how to answer", async () => {
    const c = await api.caseWorkedBy('ana', { language: 'de' });
    const deadline = new Date(Date.now() + 3 * 24 * 3_600_000).toISOString();
    await api.action('ana', c.id, 'request-info', { question: 'Bitte senden Sie eine Kopie Ihres Ausweises.', deadline });
    const row = await eventually(async () => {
      const rows = await ctx.dataSource.query(`SELECT message FROM notifications WHERE case_id = $1 AND template = 'seller_info_requested'`, [c.id]);
      return rows[0] as { message: string } | undefined;
    }, "the seller's message");
    expect(row.message).toContain('Bitte senden Sie eine Kopie Ihres Ausweises.');
    expect(row.message).toMatch(/bis|Frist/);
    expect(row.message).not.toMatch(/\b(Your|please)\b/);
  });

  it('records automatic steps as the system, not as an operator', async () => {
    const c = await api.createCase();
    const trail = (await detail(c.id)).timeline as Array<{ action: string; actorId: string; actorRole: string }>;
    const triage = trail.find((e) => e.action === 'triage_started')!;
    expect(triage).toMatchObject({ actorId: 'system', actorRole: 'system' });
    expect(trail.filter((e) => e.actorRole === 'operator')).toEqual([]);
  });
});
