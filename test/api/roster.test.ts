import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { bearer, createIntegrationContext, type IntegrationContext } from '../support/harness';
import { createApiAppWith } from '../support/api-app';
import { TEST_DEMO_CAPACITY } from '../support/env';

/**
 * The roster through the API, on the run's shared database: the demo roster is read, never changed;
 * every member this file changes is its own (ids with a unique suffix).
 */
describe('roster: GET /roster, GET /roster/:userId, PATCH /roster/:userId', () => {
  let ctx: IntegrationContext;
  const suffix = randomUUID().slice(0, 8);
  const id = (name: string) => `rt-${name}-${suffix}`;

  beforeAll(async () => {
    ctx = await createIntegrationContext({ api: true });
  });
  afterAll(() => ctx.close());

  const server = () => ctx.app!.getHttpServer();
  const get = (url: string, as: string) => request(server()).get(url).set('Authorization', bearer(as));
  const patch = (url: string, as: string, body: object) => request(server()).patch(url).set('Authorization', bearer(as)).send(body);
  /** Polls a hand-back's progress until it is done. */
  async function handBackDone(handBackId: string, as: string) {
    let body: Record<string, any> = {};
    await eventually(async () => {
      body = (await get(`/hand-backs/${handBackId}`, as).expect(200)).body;
      expect(body.status).toBe('done');
    }, 30_000);
    return body;
  }
  const ids = (res: request.Response): string[] => res.body.members.map((m: { userId: string }) => m.userId);

  describe('reading', () => {
    it("gives a manager their own team's members, and nobody else's", async () => {
      const res = await get('/roster', 'max').expect(200);
      expect(ids(res)).toEqual(expect.arrayContaining(['ana', 'chloe', 'max']));
      expect(new Set(res.body.members.map((m: { team: string }) => m.team))).toEqual(new Set(['seller-risk-eu']));
      // lastAssignedAt moves whenever routing gives ana a case (other test files do).
      const { lastAssignedAt, ...ana } = res.body.members.find((m: { userId: string }) => m.userId === 'ana');
      expect(lastAssignedAt === null || typeof lastAssignedAt === 'string').toBe(true);
      expect(ana).toEqual({
        userId: 'ana',
        displayName: 'Ana Specialist',
        email: 'ana@riskdesk.example',
        role: 'specialist',
        team: 'seller-risk-eu',
        skills: { kinds: ['escalation'], marketplaces: ['DE', 'FR', 'UK'], languages: ['de', 'en', 'fr'] },
        capacity: TEST_DEMO_CAPACITY,
        outOfOfficeUntil: null,
        outOfOffice: false,
        active: true,
        teamLead: false,
        startedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
    });

    it('lets a senior specialist read their own team, and refuses another team with 403 wrong_team', async () => {
      const own = await get('/roster', 'chloe').expect(200);
      expect(ids(own)).toEqual(expect.arrayContaining(['ana', 'chloe', 'max']));
      const other = await get('/roster?team=seller-risk-us', 'chloe').expect(403);
      expect(other.body).toMatchObject({ error: 'forbidden', details: { denial: 'wrong_team', action: 'roster.view' } });
      expect(other.body.message).toMatch(/belongs to team seller-risk-us/);
    });

    it('gives an operator every team, filtered by team and role when asked', async () => {
      const all = await get('/roster', 'olga').expect(200);
      expect(ids(all)).toEqual(expect.arrayContaining(['ana', 'ben', 'lea', 'paul', 'cora', 'alex', 'olga', 'mia']));
      const legal = await get('/roster?role=legal', 'olga').expect(200);
      expect(ids(legal).sort()).toEqual(['lea', 'leo']);
      const usSeniors = await get('/roster?team=seller-risk-us&role=senior_specialist', 'olga').expect(200);
      expect(ids(usSeniors)).toEqual(['dana']);
    });

    it.each([
      ['a specialist', 'ana', 'role_not_permitted'],
      ['legal', 'lea', 'role_not_permitted'],
      ['an account manager', 'alex', 'role_not_permitted'],
    ])('refuses %s with 403', async (_role, user, denial) => {
      const res = await get('/roster', user).expect(403);
      expect(res.body.details).toMatchObject({ denial, action: 'roster.view' });
    });

    it.each([
      ['role', '/roster?role=wizard'],
      ['includeInactive', '/roster?includeInactive=maybe'],
      ['unknown', '/roster?unknown=1'],
    ])('refuses a bad query parameter %s with a 400 naming it', async (field, url) => {
      const res = await get(url, 'olga').expect(400);
      expect(res.body.error).toBe('validation_failed');
      expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    });

    it('reads one member: 200 in the team, 403 across teams, 404 for an unknown id (403 for roles that may never read)', async () => {
      const ana = await get('/roster/ana', 'max').expect(200);
      expect(ana.body).toMatchObject({ userId: 'ana', role: 'specialist', capacity: TEST_DEMO_CAPACITY });
      await get('/roster/ana', 'olga').expect(200);
      expect((await get('/roster/ana', 'mia').expect(403)).body.details.denial).toBe('wrong_team');
      expect((await get('/roster/nobody-like-this', 'max').expect(404)).body.error).toBe('not_found');
      expect((await get('/roster/nobody-like-this', 'ben').expect(403)).body.details.denial).toBe('role_not_permitted');
    });
  });

  describe('updating', () => {
    beforeAll(async () => {
      await addMember(ctx.dataSource, { userId: id('spec'), role: 'specialist', team: 'seller-risk-eu', capacity: 4 });
      await addMember(ctx.dataSource, { userId: id('senior'), role: 'senior_specialist', team: 'seller-risk-eu', capacity: 4 });
      await addMember(ctx.dataSource, { userId: id('mgr'), role: 'manager', team: 'seller-risk-eu', capacity: 0 });
    });

    it('lets a manager of the team change capacity, skills (list by list), team lead and role', async () => {
      const res = await patch(`/roster/${id('spec')}`, 'max', {
        capacity: 9,
        skills: { marketplaces: ['DE', 'AT'] },
        teamLead: true,
        role: 'senior_specialist',
      }).expect(200);
      expect(res.body.offeredBack).toBeNull();
      expect(res.body.member).toMatchObject({
        userId: id('spec'),
        capacity: 9,
        role: 'senior_specialist',
        teamLead: true,
        // kinds and languages were not given, so they are kept.
        skills: { kinds: ['escalation'], marketplaces: ['DE', 'AT'], languages: ['en'] },
      });
      const [row] = await ctx.dataSource.query(`SELECT capacity, role, team_lead, skills FROM roster_members WHERE user_id = $1`, [id('spec')]);
      expect(row).toEqual({ capacity: 9, role: 'senior_specialist', team_lead: true, skills: { kinds: ['escalation'], marketplaces: ['DE', 'AT'], languages: ['en'] } });
      expect((await get(`/roster/${id('spec')}`, 'max').expect(200)).body.capacity).toBe(9);
    });

    it('lets an operator update any team, including roles a manager may not give', async () => {
      const res = await patch(`/roster/${id('senior')}`, 'olga', { capacity: 0, role: 'policy' }).expect(200);
      expect(res.body.member).toMatchObject({ capacity: 0, role: 'policy' });
      await patch(`/roster/${id('senior')}`, 'olga', { role: 'senior_specialist', capacity: 4 }).expect(200);
    });

    it.each([
      ['a specialist', 'ana', 'role_not_permitted'],
      ['a senior specialist', 'chloe', 'role_not_permitted'],
      ['legal', 'lea', 'role_not_permitted'],
      ['a manager of another team', 'mia', 'wrong_team'],
    ])('refuses %s with 403 and changes nothing', async (_who, user, denial) => {
      const res = await patch(`/roster/${id('senior')}`, user, { capacity: 77 }).expect(403);
      expect(res.body).toMatchObject({ error: 'forbidden', details: { denial, action: 'roster.update' } });
      const [row] = await ctx.dataSource.query(`SELECT capacity FROM roster_members WHERE user_id = $1`, [id('senior')]);
      expect(row.capacity).toBe(4);
    });

    it('refuses a manager making someone an operator or a Legal approver (403 role_not_grantable)', async () => {
      for (const role of ['operator', 'legal']) {
        const res = await patch(`/roster/${id('senior')}`, 'max', { role }).expect(403);
        expect(res.body.details).toEqual({ denial: 'role_not_grantable', action: 'roster.update' });
      }
    });

    it('refuses turning staff into a seller or service account, and a seller account into staff (400 naming role)', async () => {
      await addMember(ctx.dataSource, { userId: id('seller'), role: 'seller', team: `seller:${id('shop')}`, capacity: 0 });
      for (const [member, role] of [
        [id('spec'), 'seller'],
        [id('spec'), 'enforcement_system'],
        [id('seller'), 'specialist'],
      ]) {
        const res = await patch(`/roster/${member}`, 'olga', { role }).expect(400);
        expect(res.body).toMatchObject({ error: 'validation_failed', details: { fields: [{ field: 'role' }] } });
      }
      const [spec] = await ctx.dataSource.query(`SELECT role, team FROM roster_members WHERE user_id = $1`, [id('spec')]);
      expect(spec.team).toBe('seller-risk-eu');
      expect(spec.role).not.toBe('seller');
    });

    it('refuses changing your own role or deactivating yourself (403 self_change), but allows other self-edits', async () => {
      expect((await patch(`/roster/${id('mgr')}`, id('mgr'), { role: 'specialist' }).expect(403)).body.details.denial).toBe('self_change');
      expect((await patch(`/roster/${id('mgr')}`, id('mgr'), { active: false }).expect(403)).body.details.denial).toBe('self_change');
      await patch(`/roster/${id('mgr')}`, id('mgr'), { teamLead: true }).expect(200);
    });

    it('answers 404 for an unknown member to those who may update, 403 to those who may not', async () => {
      expect((await patch('/roster/nobody-like-this', 'max', { capacity: 1 }).expect(404)).body.error).toBe('not_found');
      expect((await patch('/roster/nobody-like-this', 'ana', { capacity: 1 }).expect(403)).body.details.denial).toBe('role_not_permitted');
    });

    it.each([
      ['capacity', { capacity: 501 }],
      ['capacity', { capacity: -1 }],
      ['capacity', { capacity: 2.5 }],
      ['capacity', { capacity: 'ten' }],
      ['capacity', { capacity: null }],
      ['role', { role: 'wizard' }],
      ['role', { role: null }],
      ['skills.kinds', { skills: { kinds: ['spam'] } }],
      ['skills.kinds', { skills: { kinds: ['escalation', 'escalation'] } }],
      ['skills.marketplaces', { skills: { marketplaces: ['de'] } }],
      ['skills.languages', { skills: { languages: ['German'] } }],
      ['skills.unknown', { skills: { unknown: [] } }],
      ['skills', { skills: 'all' }],
      ['outOfOfficeUntil', { outOfOfficeUntil: 'next week' }],
      ['outOfOfficeUntil', { outOfOfficeUntil: '2026-06-01' }],
      ['outOfOfficeUntil', { outOfOfficeUntil: '2026-02-30T09:00:00Z' }],
      ['teamLead', { teamLead: 'yes' }],
      ['active', { active: 1 }],
      ['team', { team: 'seller-risk-us' }],
      ['(body)', {}],
    ])('refuses a bad %s with a 400 naming it, and changes nothing', async (field, body) => {
      const before = await ctx.dataSource.query(`SELECT * FROM roster_members WHERE user_id = $1`, [id('senior')]);
      const res = await patch(`/roster/${id('senior')}`, 'max', body).expect(400);
      expect(res.body.error).toBe('validation_failed');
      expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
      expect(await ctx.dataSource.query(`SELECT * FROM roster_members WHERE user_id = $1`, [id('senior')])).toEqual(before);
    });

    it('deactivating a member stops their token at once; includeInactive still lists them', async () => {
      const who = id('leaver');
      await addMember(ctx.dataSource, { userId: who, role: 'specialist', team: 'seller-risk-eu' });
      // Signed in once first, so the API holds their roster entry (ROSTER_CACHE_TTL_MS): the PATCH must drop it.
      await get('/auth/me', who).expect(200);
      await patch(`/roster/${who}`, 'max', { active: false }).expect(200);
      const refused = await get('/roster', who).expect(401);
      expect(refused.body.message).toMatch(/not an active roster member/);
      expect(ids(await get('/roster', 'max').expect(200))).not.toContain(who);
      expect(ids(await get('/roster?includeInactive=true', 'max').expect(200))).toContain(who);
      await patch(`/roster/${who}`, 'max', { active: true }).expect(200);
      await get('/roster', 'max').expect(200);
    });
  });

  describe('the roster entry of the caller (ROSTER_CACHE_TTL_MS)', () => {
    it('is reused for the TTL: a change made outside this API shows only after it, one through PATCH at once', async () => {
      const app = await createApiAppWith(ctx, { ROSTER_CACHE_TTL_MS: '60000' });
      try {
        const who = id('cached');
        await addMember(ctx.dataSource, { userId: who, role: 'specialist', team: 'seller-risk-eu' });
        const me = () => request(app.getHttpServer()).get('/auth/me').set('Authorization', bearer(who));
        await me().expect(200);
        // Another process (another API, a script) deactivates them: this API still knows them as active.
        await ctx.dataSource.query(`UPDATE roster_members SET active = false WHERE user_id = $1`, [who]);
        await request(app.getHttpServer()).get('/inbox').set('Authorization', bearer(who)).expect(200);
        // A change through this API drops the entry at once.
        await ctx.dataSource.query(`UPDATE roster_members SET active = true WHERE user_id = $1`, [who]);
        await request(app.getHttpServer()).patch(`/roster/${who}`).set('Authorization', bearer('max')).send({ active: false }).expect(200);
        expect((await me().expect(401)).body.message).toMatch(/not an active roster member/);
      } finally {
        await app.close();
      }
    });

    it('is read on every request with 0', async () => {
      const app = await createApiAppWith(ctx, { ROSTER_CACHE_TTL_MS: '0' });
      try {
        const who = id('uncached');
        await addMember(ctx.dataSource, { userId: who, role: 'specialist', team: 'seller-risk-eu' });
        const inbox = () => request(app.getHttpServer()).get('/inbox').set('Authorization', bearer(who));
        await inbox().expect(200);
        await ctx.dataSource.query(`UPDATE roster_members SET active = false WHERE user_id = $1`, [who]);
        expect((await inbox().expect(401)).body.message).toMatch(/not an active roster member/);
      } finally {
        await app.close();
      }
    });
  });

  describe('out of office', () => {
    it('clearing it or setting it in the past offers nothing back', async () => {
      const who = id('ooo-past');
      await addMember(ctx.dataSource, { userId: who, role: 'specialist', team: 'seller-risk-eu' });
      await addCase(ctx.dataSource, { kind: 'escalation', state: 'in_progress', team: 'seller-risk-eu', assigneeId: who });
      const past = await patch(`/roster/${who}`, 'max', { outOfOfficeUntil: '2020-01-01T00:00:00Z' }).expect(200);
      expect(past.body.member).toMatchObject({ outOfOfficeUntil: '2020-01-01T00:00:00.000Z', outOfOffice: false });
      expect(past.body.offeredBack).toBeNull();
      const cleared = await patch(`/roster/${who}`, 'max', { outOfOfficeUntil: null }).expect(200);
      expect(cleared.body.member).toMatchObject({ outOfOfficeUntil: null, outOfOffice: false });
      expect(cleared.body.offeredBack).toBeNull();
    });

    it('hands back each open case of every kind from a workflow, reports each refusal, and leaves other work alone', async () => {
      const who = id('ooo');
      await addMember(ctx.dataSource, { userId: who, role: 'specialist', team: 'seller-risk-eu' });
      // Read-model rows without a running workflow: each release is refused on its own.
      const lost1 = await addCase(ctx.dataSource, { kind: 'escalation', state: 'in_progress', team: 'seller-risk-eu', assigneeId: who });
      const lost2 = await addCase(ctx.dataSource, { kind: 'escalation', state: 'assigned', team: 'seller-risk-eu', assigneeId: who });
      // Another kind: listed, and reported as not released (that kind has no release yet).
      const appeal = await addCase(ctx.dataSource, { kind: 'reinstatement', state: 'in_progress', team: 'seller-risk-eu', assigneeId: who });
      // Not offered: finished, someone else's.
      await addCase(ctx.dataSource, { kind: 'escalation', state: 'resolved', team: 'seller-risk-eu', assigneeId: who });
      await addCase(ctx.dataSource, { kind: 'escalation', state: 'closed', team: 'seller-risk-eu', assigneeId: who });
      await addCase(ctx.dataSource, { kind: 'escalation', state: 'in_progress', team: 'seller-risk-eu', assigneeId: 'chloe' });

      const until = new Date(Date.now() + 7 * 24 * 3_600_000).toISOString();
      const res = await patch(`/roster/${who}`, 'max', { outOfOfficeUntil: until }).expect(200);
      expect(res.body.member).toMatchObject({ outOfOfficeUntil: until, outOfOffice: true });
      const handBackId = `hand-back-${who}-${Date.parse(until)}`;
      expect(res.body.offeredBack).toEqual({ handBackId, reason: 'out_of_office (marked by max)', progress: `/hand-backs/${handBackId}` });
      const progress = await handBackDone(handBackId, 'max');
      expect(progress).toMatchObject({ userId: who, markedBy: 'max', total: 3, released: [] });
      expect(progress.notReleased).toEqual([
        { caseId: lost1, kind: 'escalation', workflowId: `escalation-${lost1}`, code: 'not_found', reason: 'the case has no running workflow' },
        { caseId: lost2, kind: 'escalation', workflowId: `escalation-${lost2}`, code: 'not_found', reason: 'the case has no running workflow' },
        { caseId: appeal, kind: 'reinstatement', workflowId: `reinstatement-${appeal}`, code: 'invalid_transition', reason: 'reinstatement cases cannot be released yet' },
      ]);
      // The progress is the member's team's business only.
      await get(`/hand-backs/${handBackId}`, 'mia').expect(403);
      await get(`/hand-backs/${handBackId}`, 'ana').expect(403);
      await get(`/hand-backs/hand-back-nobody-1`, 'max').expect(404);
      // The absence is saved even though no release went through.
      const [row] = await ctx.dataSource.query(`SELECT out_of_office_until FROM roster_members WHERE user_id = $1`, [who]);
      expect(row.out_of_office_until.toISOString()).toBe(until);
    });

    it('releases a real escalation through its workflow, in the name of the manager who marked the absence', async () => {
      // Only this member sells in NZ, so routing gives the new case to them.
      const who = id('ooo-real');
      await addMember(ctx.dataSource, {
        userId: who,
        role: 'specialist',
        team: 'seller-risk-eu',
        capacity: 5,
        skills: { kinds: ['escalation'], marketplaces: ['NZ'], languages: ['en'] },
      });
      const created = await request(server())
        .post('/escalations')
        .set('Authorization', bearer('max'))
        .send({ sellerId: `seller-${suffix}`, marketplace: 'NZ', severity: 'high', category: 'fraud', source: 'seller_support', trigger: 'buyer_complaint', enforcementType: 'suspension', summary: 'Chargebacks on 9 orders' })
        .expect(201);
      const caseId: string = created.body.id;
      await eventually(async () => {
        const [c] = await ctx.dataSource.query(`SELECT assignee_id FROM cases WHERE id = $1`, [caseId]);
        expect(c?.assignee_id).toBe(who);
      });
      // A lost row next to it: its refusal must not stop the real release.
      const lost = await addCase(ctx.dataSource, { kind: 'escalation', state: 'in_progress', team: 'seller-risk-eu', assigneeId: who });

      const until = new Date(Date.now() + 3 * 24 * 3_600_000).toISOString();
      const res = await patch(`/roster/${who}`, 'max', { outOfOfficeUntil: until }).expect(200);
      const progress = await handBackDone(res.body.offeredBack.handBackId, 'max');
      expect(progress.released).toEqual([{ caseId, kind: 'escalation', workflowId: `escalation-${caseId}`, state: 'queued' }]);
      expect(progress.notReleased).toEqual([expect.objectContaining({ caseId: lost, code: 'not_found' })]);

      await eventually(async () => {
        const [c] = await ctx.dataSource.query(`SELECT assignee_id FROM cases WHERE id = $1`, [caseId]);
        expect(c.assignee_id).not.toBe(who);
        const events = await ctx.dataSource.query(
          `SELECT actor_id, reason, details->>'previousAssigneeId' AS previous FROM case_events WHERE case_id = $1 AND action = 'released'`,
          [caseId],
        );
        expect(events).toEqual([{ actor_id: 'max', reason: 'out_of_office (marked by max)', previous: who }]);
      });
    });
  });
});

async function addMember(
  ds: DataSource,
  m: { userId: string; role: string; team: string; capacity?: number; skills?: object },
): Promise<void> {
  await ds.query(
    `INSERT INTO roster_members (user_id, display_name, email, role, team, skills, capacity) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      m.userId,
      `Test ${m.userId}`,
      `${m.userId}@riskdesk.example`,
      m.role,
      m.team,
      JSON.stringify(m.skills ?? { kinds: ['escalation'], marketplaces: ['DE'], languages: ['en'] }),
      m.capacity ?? 3,
    ],
  );
}

/** A read-model row with no workflow behind it (fixture data in the real database). */
async function addCase(ds: DataSource, c: { kind: string; state: string; team: string; assigneeId: string | null }): Promise<string> {
  const id = randomUUID();
  await ds.query(
    `INSERT INTO cases (id, kind, workflow_id, seller_id, marketplace, severity, summary, state, is_open, team, assignee_id,
                        created_by, snapshot, projection_seq, updated_at)
     VALUES ($1, $2, $3, 'seller-fixture', 'DE', 'high', 'fixture', $4, $7, $5, $6, 'fixture', '{}', 1, now())`,
    [id, c.kind, `${c.kind}-${id}`, c.state, c.team, c.assigneeId, !['resolved', 'closed'].includes(c.state)],
  );
  return id;
}

/** Retries an assertion until it passes or the time is up (no fixed sleeps: polls every 50 ms). */

async function eventually(assertion: () => Promise<void>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
