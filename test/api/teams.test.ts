import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { bearer, createIntegrationContext, type IntegrationContext } from '../support/harness';

/**
 * The teams API on the run's shared database. Teams this file adds claim marketplaces no other test
 * uses (ZW, ZM, MW, BW, NA) and are deactivated again at the end; the fallback moves and moves back.
 */
describe('teams: GET/POST /teams, GET/PATCH /teams/:id, GET /teams/:id/calendar', () => {
  let ctx: IntegrationContext;
  const suffix = randomUUID().slice(0, 8);
  const id = (name: string) => `t-${name}-${suffix}`;
  const created: string[] = [];

  beforeAll(async () => {
    ctx = await createIntegrationContext({ api: true });
  });
  afterAll(async () => {
    for (const t of created) await patch(`/teams/${t}`, 'olga', { active: false });
    await ctx.close();
  });

  const server = () => ctx.app!.getHttpServer();
  const get = (url: string, as: string) => request(server()).get(url).set('Authorization', bearer(as));
  const post = (url: string, as: string, body: object) => request(server()).post(url).set('Authorization', bearer(as)).send(body);
  const patch = (url: string, as: string, body: object) => request(server()).patch(url).set('Authorization', bearer(as)).send(body);
  const week = { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']], thu: [['09:00', '17:00']], fri: [['09:00', '17:00']] };
  const newTeam = (name: string, extra: object = {}) => ({
    id: id(name),
    name: `Team ${name}`,
    kind: 'case_team',
    timeZone: 'Africa/Johannesburg',
    workingHours: week,
    holidayCountry: 'ZA',
    ...extra,
  });
  const fields = (res: request.Response): string[] => res.body.details.fields.map((f: { field: string }) => f.field);

  describe('reading', () => {
    it.each(['ana', 'lea', 'alex', 'max', 'olga'])('lets %s list the teams with their rules and calendars', async (user) => {
      const res = await get('/teams', user).expect(200);
      const apac = res.body.teams.find((t: { id: string }) => t.id === 'seller-risk-apac');
      expect(apac).toEqual({
        id: 'seller-risk-apac',
        name: 'Seller Risk APAC',
        kind: 'case_team',
        marketplaces: ['JP', 'IN', 'AU', 'SG'],
        categories: [],
        fallback: false,
        timeZone: 'Asia/Singapore',
        workingHours: { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '18:00']] },
        holidayCountry: 'SG',
        holidayRegion: null,
        holidayAdditions: [],
        holidayRemovals: [],
        active: true,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        updatedBy: 'seed',
      });
      expect(res.body.teams.filter((t: { fallback: boolean }) => t.fallback).map((t: { id: string }) => t.id)).toEqual(['seller-risk-eu']);
    });

    it('filters by kind, and answers one team or 404', async () => {
      const handoff = await get('/teams?kind=handoff_team', 'ana').expect(200);
      expect(handoff.body.teams.map((t: { id: string }) => t.id).sort()).toEqual(['customer_trust', 'legal', 'policy']);
      expect((await get('/teams/legal', 'lea').expect(200)).body).toMatchObject({ id: 'legal', kind: 'handoff_team', holidayCountry: 'DE' });
      expect((await get('/teams/no-such-team', 'ana').expect(404)).body.error).toBe('not_found');
      expect(fields(await get('/teams?kind=wizards', 'ana').expect(400))).toEqual(['kind']);
    });

    it("previews a team's calendar for a year: 2031 holidays from the library, with no code change", async () => {
      const res = await get('/teams/seller-risk-apac/calendar?year=2031', 'kenji').expect(200);
      expect(res.body).toMatchObject({ team: 'seller-risk-apac', year: 2031, timeZone: 'Asia/Singapore', holidayCountry: 'SG', holidayTypes: ['public'], removed: [] });
      expect(res.body.holidays).toEqual(
        expect.arrayContaining([
          { date: '2031-01-23', name: 'Chinese New Year', source: 'library' },
          { date: '2031-08-09', name: 'National Day', source: 'library' },
        ]),
      );
      // 261 weekdays in 2031, minus the holidays that fall on one, at 9 hours a day.
      const weekdayHolidays = res.body.holidays.filter((h: { date: string }) => ![0, 6].includes(new Date(`${h.date}T00:00:00Z`).getUTCDay()));
      expect(res.body.workingHoursInYear).toBe((261 - weekdayHolidays.length) * 9);
      const eu = await get('/teams/seller-risk-eu/calendar?year=2029', 'ana').expect(200);
      expect(eu.body.holidays.map((h: { date: string }) => h.date)).toEqual(expect.arrayContaining(['2029-03-30', '2029-04-02']));
    });

    it.each([['abc'], ['1999'], ['2031.5']])('refuses year=%s with a 400 naming it', async (year) => {
      expect(fields(await get(`/teams/seller-risk-eu/calendar?year=${year}`, 'ana').expect(400))).toEqual(['year']);
    });
  });

  describe('creating', () => {
    it('lets an operator add a team, with defaults for what it leaves out', async () => {
      const res = await post('/teams', 'olga', newTeam('south', { marketplaces: ['ZW', 'ZM'] })).expect(201);
      created.push(id('south'));
      expect(res.body).toMatchObject({
        id: id('south'),
        marketplaces: ['ZW', 'ZM'],
        categories: [],
        fallback: false,
        holidayCountry: 'ZA',
        holidayRegion: null,
        holidayAdditions: [],
        holidayRemovals: [],
        active: true,
        updatedBy: 'olga',
      });
      const rows = await ctx.dataSource.query(`SELECT marketplace, category FROM team_routes WHERE team_id = $1 ORDER BY marketplace`, [id('south')]);
      expect(rows).toEqual([
        { marketplace: 'ZM', category: null },
        { marketplace: 'ZW', category: null },
      ]);
    });

    it.each([
      ['a manager', 'max'],
      ['a specialist', 'ana'],
      ['legal', 'lea'],
    ])('refuses %s with 403 role_not_permitted, and writes nothing', async (_name, user) => {
      const res = await post('/teams', user, newTeam(`by-${user}`)).expect(403);
      expect(res.body).toMatchObject({ error: 'forbidden', details: { denial: 'role_not_permitted', action: 'teams.update' } });
      expect(await ctx.dataSource.query(`SELECT id FROM teams WHERE id = $1`, [id(`by-${user}`)])).toEqual([]);
    });

    it.each<[string, object, string, RegExp]>([
      ['an unknown time zone', { timeZone: 'Mars/Olympus' }, 'timeZone', /not an IANA time zone/],
      ['a reversed interval', { workingHours: { mon: [['17:00', '09:00']] } }, 'workingHours', /mon\[0\]: start 17:00 must be before end 09:00/],
      ['a misnamed day', { workingHours: { monday: [['09:00', '17:00']] } }, 'workingHours', /monday: not a day/],
      ['lower-case marketplaces', { marketplaces: ['zw'] }, 'marketplaces', /two-letter upper-case/],
      ['an unknown category', { marketplaces: ['ZW'], categories: ['spam'] }, 'categories', /categories must be one of/],
      ['a country the library does not know', { holidayCountry: 'XX' }, 'holidayCountry', /'XX' is not a country the holiday library knows/],
      ['a region of another country', { holidayCountry: 'DE', holidayRegion: 'NSW' }, 'holidayRegion', /'NSW' is not a region of DE; known: BB/],
      ['a malformed holiday addition', { holidayAdditions: [{ date: '2031-02-30', name: 'x' }] }, 'holidayAdditions.0.date', /'YYYY-MM-DD'/],
      ['a malformed removal', { holidayRemovals: ['24.12.'] }, 'holidayRemovals', /'MM-DD'/],
      ['a bad id', { id: 'Seller Risk!' }, 'id', /lower-case letters/],
      ['an unknown kind', { kind: 'wizards' }, 'kind', /kind must be one of/],
      ['a handoff team the workflows do not know', { kind: 'handoff_team' }, 'id', /legal, policy, customer_trust/],
      ['categories without marketplaces', { categories: ['fraud'] }, 'categories', /give marketplaces too/],
      ['an unexpected field', { colour: 'blue' }, 'colour', /should not exist/],
      ['a null name', { name: null }, 'name', /name/],
    ])('refuses %s with a 400 naming the field', async (_name, patchBody, field, problem) => {
      const res = await post('/teams', 'olga', { ...newTeam('bad'), ...patchBody }).expect(400);
      expect(res.body.error).toBe('validation_failed');
      const entry = res.body.details.fields.find((f: { field: string }) => f.field === field);
      expect(entry).toBeDefined();
      expect(entry.problems.join('; ')).toMatch(problem);
    });

    it('refuses with 409 a team claiming a marketplace another active team owns, naming the rule and the owner', async () => {
      const res = await post('/teams', 'olga', newTeam('japan', { marketplaces: ['JP', 'MW'] })).expect(409);
      expect(res.body).toMatchObject({
        error: 'conflict',
        details: { conflict: 'rule_claimed', conflicts: [{ marketplace: 'JP', category: null, team: 'seller-risk-apac' }] },
      });
      expect(res.body.message).toContain('JP (every category) is owned by seller-risk-apac');
    });

    it('refuses with 409 an id that exists', async () => {
      const res = await post('/teams', 'olga', { ...newTeam('dup'), id: 'seller-risk-us' }).expect(409);
      expect(res.body.details.conflict).toBe('team_exists');
    });

    it('accepts a category rule beside another team’s marketplace rule, and refuses a second one for the same category', async () => {
      await post('/teams', 'olga', newTeam('fraud', { marketplaces: ['ZW'], categories: ['fraud'] })).expect(201);
      created.push(id('fraud'));
      const res = await post('/teams', 'olga', newTeam('fraud2', { marketplaces: ['ZW'], categories: ['fraud', 'other'] })).expect(409);
      expect(res.body.details.conflicts).toEqual([{ marketplace: 'ZW', category: 'fraud', team: id('fraud') }]);
    });
  });

  describe('updating', () => {
    it('changes holidays and hours (a list given replaces that list), records who, and previews the result', async () => {
      await post('/teams', 'olga', newTeam('edit', { marketplaces: ['BW'] })).expect(201);
      created.push(id('edit'));
      const res = await patch(`/teams/${id('edit')}`, 'olga', {
        holidayCountry: 'DE',
        holidayRegion: 'BY',
        holidayAdditions: [{ date: '12-24', name: 'Christmas Eve' }],
        holidayRemovals: ['12-26'],
        workingHours: { ...week, sat: [['10:00', '14:00']] },
      }).expect(200);
      expect(res.body).toMatchObject({ holidayCountry: 'DE', holidayRegion: 'BY', holidayRemovals: ['12-26'], updatedBy: 'olga', marketplaces: ['BW'] });
      const cal = await get(`/teams/${id('edit')}/calendar?year=2031`, 'ana').expect(200);
      const days = cal.body.holidays.map((h: { date: string }) => h.date);
      expect(days).toEqual(expect.arrayContaining(['2031-01-06', '2031-06-12', '2031-12-24', '2031-12-25']));
      expect(days).not.toContain('2031-12-26');
      expect(cal.body.removed).toEqual([expect.objectContaining({ date: '2031-12-26', source: 'library' })]);
      expect(cal.body.holidays.find((h: { date: string }) => h.date === '2031-12-24')).toEqual({ date: '2031-12-24', name: 'Christmas Eve', source: 'team' });

      // A new country drops the old country's region unless one is given.
      const moved = await patch(`/teams/${id('edit')}`, 'olga', { holidayCountry: 'AT' }).expect(200);
      expect(moved.body).toMatchObject({ holidayCountry: 'AT', holidayRegion: null });
    });

    it('frees its rules when deactivated, so another team may claim them', async () => {
      await post('/teams', 'olga', newTeam('old', { marketplaces: ['NA'] })).expect(201);
      created.push(id('old'));
      await post('/teams', 'olga', newTeam('new', { marketplaces: ['NA'] })).expect(409);
      await patch(`/teams/${id('old')}`, 'olga', { active: false }).expect(200);
      await post('/teams', 'olga', newTeam('new', { marketplaces: ['NA'] })).expect(201);
      created.push(id('new'));
      // Reactivating the old one now clashes.
      const res = await patch(`/teams/${id('old')}`, 'olga', { active: true }).expect(409);
      expect(res.body.details.conflicts).toEqual([{ marketplace: 'NA', category: null, team: id('new') }]);
    });

    it('moves the fallback flag: one team at a time, never none', async () => {
      await post('/teams', 'olga', newTeam('fb', { marketplaces: [] })).expect(201);
      created.push(id('fb'));
      try {
        const res = await patch(`/teams/${id('fb')}`, 'olga', { fallback: true }).expect(200);
        expect(res.body.fallback).toBe(true);
        const all = await get('/teams?includeInactive=true', 'olga').expect(200);
        expect(all.body.teams.filter((t: { fallback: boolean }) => t.fallback).map((t: { id: string }) => t.id)).toEqual([id('fb')]);
        expect((await patch(`/teams/${id('fb')}`, 'olga', { fallback: false }).expect(409)).body.details.conflict).toBe('fallback_required');
        expect((await patch(`/teams/${id('fb')}`, 'olga', { active: false }).expect(409)).body.details.conflict).toBe('fallback_required');
      } finally {
        await patch('/teams/seller-risk-eu', 'olga', { fallback: true }).expect(200);
      }
      expect((await get(`/teams/${id('fb')}`, 'olga').expect(200)).body.fallback).toBe(false);
    });

    it.each<[string, string, object, number, string]>([
      ['a manager', 'max', { name: 'Mine now' }, 403, 'forbidden'],
      ['an unknown team', 'olga', { name: 'Ghost' }, 404, 'not_found'],
      ['an empty body', 'olga', {}, 400, 'validation_failed'],
      ['a change of kind', 'olga', { kind: 'handoff_team' }, 400, 'validation_failed'],
      ['deactivating a handoff team', 'olga', { active: false }, 400, 'validation_failed'],
      ['rules on a handoff team', 'olga', { marketplaces: ['DE'] }, 400, 'validation_failed'],
    ])('refuses %s', async (_name, user, body, status, error) => {
      const target = _name === 'an unknown team' ? '/teams/ghost-team' : _name.includes('handoff') ? '/teams/legal' : '/teams/seller-risk-us';
      const before = await ctx.dataSource.query(`SELECT * FROM teams WHERE id = $1`, [target.split('/')[2]]);
      const res = await patch(target, user, body).expect(status);
      expect(res.body.error).toBe(error);
      expect(await ctx.dataSource.query(`SELECT * FROM teams WHERE id = $1`, [target.split('/')[2]])).toEqual(before);
    });
  });

  it('documents every answer of the team routes in the OpenAPI document', async () => {
    const spec = (await request(server()).get('/openapi.json').expect(200)).body;
    const codes = (path: string, method: string) => Object.keys(spec.paths[path][method].responses).sort();
    const reads = ['400', '401', '403', '404', '503'];
    const writes = [...reads, '409', '413', '415', '422', '429'];
    expect(codes('/teams', 'get')).toEqual(['200', ...reads].sort());
    expect(codes('/teams', 'post')).toEqual(['201', ...writes.filter((c) => c !== '404')].sort());
    expect(codes('/teams/{id}', 'get')).toEqual(['200', ...reads].sort());
    expect(codes('/teams/{id}', 'patch')).toEqual(['200', ...writes].sort());
    expect(codes('/teams/{id}/calendar', 'get')).toEqual(['200', ...reads].sort());
  });
});
