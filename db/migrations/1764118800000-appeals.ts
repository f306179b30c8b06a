import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reinstatement appeals: the `appeal` case kind, the `seller` and `enforcement_system` roles (a
 * seller's roster team is `seller:<sellerId>`, the one seller its token acts for), each appeal's own
 * row (a partial unique index keeps one active appeal per enforcement), the enforcements the
 * enforcement system reports (what the false-positive rate is counted against), and the sellers'
 * satisfaction survey answers (one per decided case).
 */
export class Appeals1764118800000 implements MigrationInterface {
  name = 'Appeals1764118800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases DROP CONSTRAINT ck_cases_kind`);
    await q.query(`ALTER TABLE cases ADD CONSTRAINT ck_cases_kind CHECK (kind IN ('escalation', 'strategic_review', 'reinstatement', 'appeal'))`);
    await q.query(`ALTER TABLE roster_members DROP CONSTRAINT ck_roster_role`);
    await q.query(`ALTER TABLE roster_members ADD CONSTRAINT ck_roster_role CHECK (role IN
      ('specialist', 'senior_specialist', 'manager', 'legal', 'policy', 'customer_trust', 'account_manager', 'operator', 'seller', 'enforcement_system'))`);
    await q.query(`ALTER TABLE roster_members ADD CONSTRAINT ck_roster_seller_team CHECK ((role = 'seller') = (team LIKE 'seller:%'))`);

    // No foreign key to cases: the API reserves the row before the appeal's workflow writes its case.
    await q.query(`
      CREATE TABLE appeals (
        case_id uuid PRIMARY KEY,
        seller_id varchar(100) NOT NULL,
        enforcement_source varchar(32) NOT NULL CONSTRAINT ck_appeals_source CHECK (enforcement_source IN ('strategic_review', 'external')),
        enforcement_ref varchar(500) NOT NULL,
        enforcement_type varchar(32) NOT NULL,
        enforcement_team varchar(16),
        original_decision_makers text[] NOT NULL DEFAULT '{}',
        is_active boolean NOT NULL DEFAULT true,
        decision varchar(16),
        decision_status varchar(16),
        reason_code varchar(64),
        decided_by varchar(100),
        decided_at timestamptz,
        decided_by_human boolean,
        enforcement_error boolean NOT NULL DEFAULT false,
        error_upstream_team varchar(16) CONSTRAINT ck_appeals_upstream_team CHECK (error_upstream_team IN ('SLM', 'SPIV', 'TSI', 'other')),
        error_note text,
        outcome varchar(16),
        info_requests integer NOT NULL DEFAULT 0,
        reinstated_at timestamptz,
        reinstated_by varchar(100),
        monitoring_until timestamptz,
        monitoring_result varchar(16),
        restumbled_at timestamptz,
        restumble_days integer,
        projection_seq integer NOT NULL DEFAULT 0,
        reserved_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_appeals_error_team CHECK (enforcement_error = (error_upstream_team IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_appeals_active_enforcement ON appeals (enforcement_ref) WHERE is_active`);
    await q.query(`CREATE INDEX ix_appeals_seller ON appeals (seller_id)`);
    await q.query(`CREATE INDEX ix_appeals_errors ON appeals (error_upstream_team, decided_at) WHERE enforcement_error`);

    await q.query(`
      CREATE TABLE reported_enforcements (
        id varchar(500) PRIMARY KEY,
        seller_id varchar(100) NOT NULL,
        enforcement_type varchar(32) NOT NULL,
        upstream_team varchar(16) NOT NULL CONSTRAINT ck_reported_enforcements_team CHECK (upstream_team IN ('SLM', 'SPIV', 'TSI', 'other')),
        reason text NOT NULL,
        decided_by text[] NOT NULL DEFAULT '{}',
        enforced_at timestamptz NOT NULL,
        reported_by varchar(100) NOT NULL,
        reported_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_reported_enforcements_team ON reported_enforcements (upstream_team, enforced_at)`);
    await q.query(`CREATE INDEX ix_reported_enforcements_seller ON reported_enforcements (seller_id, enforced_at)`);

    await q.query(`
      CREATE TABLE seller_surveys (
        case_id uuid PRIMARY KEY,
        case_kind varchar(32) NOT NULL,
        seller_id varchar(100) NOT NULL,
        team varchar(64),
        decision varchar(64) NOT NULL,
        score integer NOT NULL CONSTRAINT ck_seller_surveys_score CHECK (score BETWEEN 1 AND 5),
        comment text,
        answered_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_seller_surveys_answered ON seller_surveys (answered_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE seller_surveys`);
    await q.query(`DROP TABLE reported_enforcements`);
    await q.query(`DROP TABLE appeals`);
    await q.query(`DELETE FROM roster_members WHERE role IN ('seller', 'enforcement_system')`);
    await q.query(`ALTER TABLE roster_members DROP CONSTRAINT ck_roster_seller_team`);
    await q.query(`ALTER TABLE roster_members DROP CONSTRAINT ck_roster_role`);
    await q.query(`ALTER TABLE roster_members ADD CONSTRAINT ck_roster_role CHECK (role IN
      ('specialist', 'senior_specialist', 'manager', 'legal', 'policy', 'customer_trust', 'account_manager', 'operator'))`);
    await q.query(`ALTER TABLE cases DROP CONSTRAINT ck_cases_kind`);
    // NOT VALID: appeal cases already recorded stay (the audit trail is append-only); new ones are refused.
    await q.query(`ALTER TABLE cases ADD CONSTRAINT ck_cases_kind CHECK (kind IN ('escalation', 'strategic_review', 'reinstatement')) NOT VALID`);
  }
}
