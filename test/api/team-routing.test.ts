import { defaultPayloadConverter } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { EscalationInput } from '../../workflows/escalation/escalation.contract';
import { bearer, createIntegrationContext, type IntegrationContext } from '../support/harness';

/**
 * Routing by configuration, end to end: cases created through the API land on the team the teams
 * table names, with that team's calendar in the workflow input, and a team an operator adds through
 * the API receives the next cases of its marketplaces. Marketplaces KE, NG, GH are this file's own.
 */
describe('routing new cases by the teams table (real API, real workflows)', () => {
  let ctx: IntegrationContext;
  const suffix = randomUUID().slice(0, 6);
  const africa = `seller-risk-africa-${suffix}`;
  const ip = `seller-risk-ip-${suffix}`;
  const people = {
    africaSpecialist: `amani-${suffix}`,
    africaManager: `zola-${suffix}`,
    ipSpecialist: `ines-${suffix}`,
  };
  const week = { mon: [['08:00', '16:00']], tue: [['08:00', '16:00']], wed: [['08:00', '16:00']], thu: [['08:00', '16:00']], fri: [['08:00', '16:00']] };

  beforeAll(async () => {
    ctx = await createIntegrationContext({ api: true });
    const add = (userId: string, role: string, team: string, marketplaces: string[], capacity: number) =>
      ctx.dataSource.query(
        `INSERT INTO roster_members (user_id, display_name, role, team, skills, capacity) VALUES ($1, $1, $2, $3, $4, $5)`,
        [userId, role, team, JSON.stringify({ kinds: ['escalation'], marketplaces, languages: ['en'] }), capacity],
      );
    await add(people.africaSpecialist, 'specialist', africa, ['KE', 'NG', 'GH'], 50);
    await add(people.africaManager, 'manager', africa, [], 0);
    await add(people.ipSpecialist, 'specialist', ip, ['GH'], 50);
  });
  afterAll(async () => {
    for (const team of [africa, ip]) await patch(`/teams/${team}`, 'olga', { active: false });
    await ctx.close();
  });

  const server = () => ctx.app!.getHttpServer();
  const post = (url: string, as: string, body: object) => request(server()).post(url).set('Authorization', bearer(as)).send(body);
  const patch = (url: string, as: string, body: object) => request(server()).patch(url).set('Authorization', bearer(as)).send(body);

  async function createCase(by: string, marketplace: string, category = 'fraud') {
    const res = await post('/escalations', by, {
      sellerId: `seller-${randomUUID().slice(0, 8)}`,
      marketplace,
      severity: 'high',
      category,
      source: 'seller_support',
      trigger: 'buyer_complaint',
      enforcementType: 'suspension',
      summary: `A ${category} case on ${marketplace}`,
    });
    if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; workflowId: string; team: string; assigneeId: string | null; state: string };
  }

  /** The input the workflow was started with, from its first history event. */
  async function workflowInput(workflowId: string): Promise<EscalationInput> {
    const history = await ctx.client.workflow.getHandle(workflowId).fetchHistory();
    const payload = history.events![0].workflowExecutionStartedEventAttributes!.input!.payloads![0];
    return defaultPayloadConverter.fromPayload(payload) as EscalationInput;
  }

  it.each([
    ['JP', 'kenji'],
    ['IN', 'priya'],
    ['AU', 'hana'],
  ])('gives a %s case to the APAC team, on its Singapore calendar', async (marketplace, by) => {
    const c = await createCase(by, marketplace);
    expect(c.team).toBe('seller-risk-apac');
    const input = await workflowInput(c.workflowId);
    expect(input.team).toBe('seller-risk-apac');
    expect(input.settings.firstResponse.calendar).toMatchObject({ id: 'seller-risk-apac', timeZone: 'Asia/Singapore' });
    // Holidays of the years around the creation, from the library: Chinese New Year 2031 included.
    expect(input.settings.resolution.calendar.holidays).toContain('2031-01-23');
    expect(input.settings.handoffs.legal.calendar).toMatchObject({ id: 'legal', timeZone: 'Europe/Berlin' });
    if (c.assigneeId) expect(['kenji', 'priya']).toContain(c.assigneeId);
  });

  it('refuses an APAC case to an EU specialist: creating is for the owning team', async () => {
    const res = await post('/escalations', 'ana', { sellerId: 'seller-x', marketplace: 'JP', severity: 'high', category: 'fraud', source: 'seller_support', trigger: 'buyer_complaint', enforcementType: 'none', summary: 'x' }).expect(403);
    expect(res.body.details).toMatchObject({ denial: 'wrong_team' });
    expect(res.body.message).toContain('seller-risk-apac');
  });

  it('gives a marketplace no team claims to the fallback team', async () => {
    const c = await createCase('ana', 'QQ');
    expect(c.team).toBe('seller-risk-eu');
  });

  it('routes to a team an operator adds through the API, from its next case on; a category rule beats it', async () => {
    await post('/teams', 'olga', {
      id: africa,
      name: 'Seller Risk Africa',
      kind: 'case_team',
      marketplaces: ['KE', 'NG', 'GH'],
      timeZone: 'Africa/Nairobi',
      workingHours: week,
      holidayCountry: 'KE',
    }).expect(201);
    await post('/teams', 'olga', {
      id: ip,
      name: 'IP complaints Ghana',
      kind: 'case_team',
      marketplaces: ['GH'],
      categories: ['ip_complaint', 'counterfeit'],
      timeZone: 'Africa/Accra',
      workingHours: week,
      holidayCountry: 'GH',
    }).expect(201);

    const kenya = await createCase(people.africaManager, 'KE');
    expect(kenya).toMatchObject({ team: africa, assigneeId: people.africaSpecialist, state: 'assigned' });
    const input = await workflowInput(kenya.workflowId);
    expect(input.settings.firstResponse.calendar).toMatchObject({ id: africa, timeZone: 'Africa/Nairobi' });
    // Kenyan public holidays, from the library, in a year the code never listed.
    expect(input.settings.firstResponse.calendar.holidays).toEqual(expect.arrayContaining(['2029-06-01', '2029-12-12']));

    expect((await createCase(people.africaManager, 'GH', 'fraud')).team).toBe(africa);
    const ipCase = await createCase(people.ipSpecialist, 'GH', 'ip_complaint');
    expect(ipCase).toMatchObject({ team: ip, assigneeId: people.ipSpecialist });
    expect((await workflowInput(ipCase.workflowId)).settings.firstResponse.calendar.timeZone).toBe('Africa/Accra');
  });

  it('applies a change to new cases only: a running case keeps its team and calendar', async () => {
    const before = await createCase(people.africaManager, 'NG');
    await patch(`/teams/${africa}`, 'olga', { marketplaces: ['KE', 'GH'], timeZone: 'Africa/Lagos' }).expect(200);

    const after = await createCase('ana', 'NG');
    expect(after.team).toBe('seller-risk-eu');
    expect((await createCase(people.africaManager, 'KE')).team).toBe(africa);
    const kenyaAfter = await workflowInput((await createCase(people.africaManager, 'KE')).workflowId);
    expect(kenyaAfter.settings.firstResponse.calendar.timeZone).toBe('Africa/Lagos');

    const running = await request(server()).get(`/escalations/${before.id}`).set('Authorization', bearer(people.africaManager)).expect(200);
    expect(running.body.team).toBe(africa);
    expect((await workflowInput(before.workflowId)).settings.firstResponse.calendar.timeZone).toBe('Africa/Nairobi');
  });
});
