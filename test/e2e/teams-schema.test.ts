import type { DataSource } from 'typeorm';
import { seedTeams } from '../../api/teams/team-seed';
import { migrate, MIGRATIONS } from '../../db/data-source';
import { createScratchDatabase } from '../support/scratch-database';
import { SEED_TEAMS } from '../../db/seed/teams';

/**
 * The teams migration and seed on a scratch database of their own (the shared one must keep its
 * teams): the schema's own guards, a real `down` for every migration, and a seed that never overwrites an operator.
 */
describe('teams schema and seed (real PostgreSQL)', () => {
  let ds: DataSource;
  let drop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ dataSource: ds, drop } = await createScratchDatabase('teams', { seed: false }));
  });
  afterAll(async () => drop?.());

  const ids = async () => (await ds.query(`SELECT id FROM teams ORDER BY id`)).map((r: { id: string }) => r.id);

  it('seeds every seed team once, and a second seed changes nothing', async () => {
    expect((await seedTeams(ds)).seeded.sort()).toEqual(SEED_TEAMS.map((t) => t.id).sort());
    expect(await ids()).toEqual(SEED_TEAMS.map((t) => t.id).sort());
    expect(await seedTeams(ds)).toEqual({ seeded: [], inactive: [] });
  });

  it("never overwrites an operator's edit, and adds a missing seed team inactive when its rules are taken", async () => {
    await ds.query(`UPDATE teams SET time_zone = 'Asia/Tokyo', updated_by = 'olga' WHERE id = 'seller-risk-apac'`);
    await ds.query(`UPDATE teams SET active = false WHERE id = 'seller-risk-us'`);
    await ds.query(`DELETE FROM team_routes WHERE team_id = 'seller-risk-us'`);
    const brazil = { ...SEED_TEAMS.find((t) => t.id === 'seller-risk-us')!, id: 'seller-risk-br', marketplaces: ['BR'] };
    await ds.query(`INSERT INTO teams (id, name, kind, marketplaces, time_zone, working_hours, updated_by)
                    VALUES ('ops-brazil', 'Brazil', 'case_team', '{BR}', 'America/Sao_Paulo', '{"mon": [["09:00", "17:00"]]}', 'olga')`);
    await ds.query(`INSERT INTO team_routes (team_id, marketplace) VALUES ('ops-brazil', 'BR')`);
    expect(await seedTeams(ds, [...SEED_TEAMS, brazil])).toEqual({ seeded: ['seller-risk-br'], inactive: ['seller-risk-br'] });
    const [apac] = await ds.query(`SELECT time_zone, updated_by FROM teams WHERE id = 'seller-risk-apac'`);
    expect(apac).toEqual({ time_zone: 'Asia/Tokyo', updated_by: 'olga' });
    const [br] = await ds.query(`SELECT active, fallback FROM teams WHERE id = 'seller-risk-br'`);
    expect(br).toEqual({ active: false, fallback: false });
  });

  it.each([
    ['a second team on one rule', `INSERT INTO team_routes (team_id, marketplace) VALUES ('seller-risk-eu', 'JP')`, 'ux_team_routes_rule'],
    ['a second fallback team', `UPDATE teams SET fallback = true WHERE id = 'seller-risk-apac'`, 'ux_teams_fallback'],
    ['rules on a handoff team', `UPDATE teams SET marketplaces = '{DE}' WHERE id = 'legal'`, 'ck_teams_rules_on_case_teams'],
    ['an inactive handoff team', `UPDATE teams SET active = false WHERE id = 'policy'`, 'ck_teams_handoff_active'],
    ['an inactive fallback', `UPDATE teams SET active = false WHERE id = 'seller-risk-eu'`, 'ck_teams_fallback_active'],
    ['a lower-case marketplace', `UPDATE teams SET marketplaces = '{jp}' WHERE id = 'seller-risk-apac'`, 'ck_teams_marketplaces'],
    ['a region without a country', `UPDATE teams SET holiday_region = 'BY', holiday_country = NULL WHERE id = 'customer_trust'`, 'ck_teams_holiday_region'],
  ])('refuses %s in the schema itself', async (_name, sql, constraint) => {
    await expect(ds.query(sql)).rejects.toMatchObject({ driverError: expect.objectContaining({ constraint }) });
  });

  it('every migration has a real down: undone one by one to an empty schema, then applied again', async () => {
    const tables = async () =>
      (
        await ds.query(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migrations' ORDER BY 1`,
        )
      ).map((r: { table_name: string }) => r.table_name);
    const all = await tables();
    expect(all).toEqual(expect.arrayContaining(['cases', 'escalation_cases', 'team_routes', 'teams']));
    for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual([]);
    expect(await migrate(ds)).toEqual(MIGRATIONS.map((m) => m.name));
    expect(await tables()).toEqual(all);
  });
});
