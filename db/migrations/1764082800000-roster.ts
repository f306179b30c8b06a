import { MigrationInterface, QueryRunner } from 'typeorm';

export class Roster1764082800000 implements MigrationInterface {
  name = 'Roster1764082800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE roster_members (
        user_id varchar(100) PRIMARY KEY CONSTRAINT ck_roster_user_id CHECK (user_id ~ '^[A-Za-z0-9._-]+$'),
        display_name varchar(200) NOT NULL,
        email varchar(200),
        role varchar(32) NOT NULL CONSTRAINT ck_roster_role CHECK (role IN
          ('specialist', 'senior_specialist', 'manager', 'legal', 'policy', 'customer_trust', 'account_manager', 'operator')),
        team varchar(64) NOT NULL,
        skills jsonb NOT NULL DEFAULT '{"kinds": [], "marketplaces": [], "languages": []}'::jsonb,
        capacity integer NOT NULL DEFAULT 0 CONSTRAINT ck_roster_capacity CHECK (capacity >= 0 AND capacity <= 500),
        out_of_office_until timestamptz,
        active boolean NOT NULL DEFAULT true,
        last_assigned_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_roster_members_team ON roster_members (team)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE roster_members`);
  }
}
