import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Teams, their routing rules and calendars as configuration (managed through /teams, seeded by
 * db/seed/teams.ts). `team_routes` holds the rules of active case teams only, one row per
 * marketplace and category (null: every category), so the unique index refuses a second active team
 * claiming the same rule.
 */
export class Teams1764090000000 implements MigrationInterface {
  name = 'Teams1764090000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE teams (
        id varchar(64) NOT NULL,
        name varchar(200) NOT NULL,
        kind varchar(32) NOT NULL,
        marketplaces text[] NOT NULL DEFAULT '{}',
        categories text[] NOT NULL DEFAULT '{}',
        fallback boolean NOT NULL DEFAULT false,
        time_zone varchar(64) NOT NULL,
        working_hours jsonb NOT NULL,
        holiday_country varchar(2),
        holiday_region varchar(10),
        holiday_additions jsonb NOT NULL DEFAULT '[]'::jsonb,
        holiday_removals text[] NOT NULL DEFAULT '{}',
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by varchar(100) NOT NULL,
        CONSTRAINT pk_teams PRIMARY KEY (id),
        CONSTRAINT ck_teams_id CHECK (id ~ '^[a-z0-9][a-z0-9_-]{1,63}$'),
        CONSTRAINT ck_teams_kind CHECK (kind IN ('case_team', 'handoff_team')),
        CONSTRAINT ck_teams_marketplaces CHECK (array_to_string(marketplaces, ',') ~ '^([A-Z]{2}(,[A-Z]{2})*)?$'),
        CONSTRAINT ck_teams_rules_on_case_teams CHECK (kind = 'case_team' OR (marketplaces = '{}' AND categories = '{}' AND NOT fallback)),
        CONSTRAINT ck_teams_fallback_active CHECK (NOT fallback OR active),
        CONSTRAINT ck_teams_handoff_active CHECK (kind = 'case_team' OR active),
        CONSTRAINT ck_teams_holiday_country CHECK (holiday_country ~ '^[A-Z]{2}$'),
        CONSTRAINT ck_teams_holiday_region CHECK (holiday_region IS NULL OR holiday_country IS NOT NULL),
        CONSTRAINT ck_teams_working_hours CHECK (jsonb_typeof(working_hours) = 'object'),
        CONSTRAINT ck_teams_holiday_additions CHECK (jsonb_typeof(holiday_additions) = 'array')
      )`);
    // At most one fallback team: the one that gets cases no rule matches.
    await q.query(`CREATE UNIQUE INDEX ux_teams_fallback ON teams (fallback) WHERE fallback`);

    await q.query(`
      CREATE TABLE team_routes (
        id bigserial NOT NULL,
        team_id varchar(64) NOT NULL,
        marketplace varchar(2) NOT NULL,
        category varchar(64),
        CONSTRAINT pk_team_routes PRIMARY KEY (id),
        CONSTRAINT fk_team_routes_team FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE,
        CONSTRAINT ck_team_routes_marketplace CHECK (marketplace ~ '^[A-Z]{2}$')
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_team_routes_rule ON team_routes (marketplace, COALESCE(category, '*'))`);
    await q.query(`CREATE INDEX ix_team_routes_team ON team_routes (team_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE team_routes`);
    await q.query(`DROP TABLE teams`);
  }
}
