import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Strategic seller reviews: the seller directory, each review's own row (tier, playbook version, risk,
 * decision, statement of reasons; a partial unique index keeps one open review per seller), the
 * policy gaps cases raise for leadership (decided ones are precedents), and the enforcement gateway's
 * record of actions, keyed by their idempotency keys.
 */
export class StrategicReviews1764115200000 implements MigrationInterface {
  name = 'StrategicReviews1764115200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sellers (
        id varchar(100) PRIMARY KEY,
        marketplace varchar(2) NOT NULL CONSTRAINT ck_sellers_marketplace CHECK (marketplace ~ '^[A-Z]{2}$'),
        legal_name varchar(300) NOT NULL,
        annual_sales numeric(16, 2) NOT NULL CONSTRAINT ck_sellers_annual_sales CHECK (annual_sales >= 0),
        strategic boolean NOT NULL DEFAULT false,
        account_manager_id varchar(100),
        enforcement_history jsonb NOT NULL DEFAULT '[]'::jsonb,
        linked_accounts text[] NOT NULL DEFAULT '{}',
        detection_signals jsonb NOT NULL DEFAULT '{}'::jsonb,
        risk_score integer CONSTRAINT ck_sellers_risk_score CHECK (risk_score BETWEEN 0 AND 100),
        risk_band varchar(16) CONSTRAINT ck_sellers_risk_band CHECK (risk_band IN ('low', 'medium', 'high', 'critical')),
        risk_assessment jsonb,
        risk_assessed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_sellers_strategic ON sellers (strategic) WHERE strategic`);
    await q.query(`CREATE INDEX ix_sellers_account_manager ON sellers (account_manager_id) WHERE account_manager_id IS NOT NULL`);

    // No foreign key to cases: the API reserves the seller's row before the review's workflow writes its case.
    await q.query(`
      CREATE TABLE strategic_reviews (
        case_id uuid PRIMARY KEY,
        seller_id varchar(100) NOT NULL,
        tier varchar(32) NOT NULL,
        playbook_id varchar(64) NOT NULL,
        playbook_version integer NOT NULL CONSTRAINT ck_strategic_reviews_version CHECK (playbook_version >= 1),
        risk_score integer,
        risk_band varchar(16),
        risk_model_version varchar(100),
        decision varchar(32),
        decision_status varchar(32),
        outcome varchar(32),
        is_open boolean NOT NULL DEFAULT true,
        statement_of_reasons jsonb,
        projection_seq integer NOT NULL DEFAULT 0,
        reserved_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_strategic_reviews_open_seller ON strategic_reviews (seller_id) WHERE is_open`);
    await q.query(`CREATE INDEX ix_strategic_reviews_seller ON strategic_reviews (seller_id)`);

    await q.query(`
      CREATE TABLE policy_gaps (
        id varchar(200) PRIMARY KEY,
        case_id uuid NOT NULL,
        case_kind varchar(32) NOT NULL,
        team varchar(64) NOT NULL,
        tag varchar(64) NOT NULL,
        question text NOT NULL,
        status varchar(16) NOT NULL CONSTRAINT ck_policy_gaps_status CHECK (status IN ('open', 'decided')),
        flagged_by varchar(100) NOT NULL,
        flagged_at timestamptz NOT NULL,
        due_at timestamptz,
        decision text,
        precedent text,
        decided_by varchar(100),
        decided_at timestamptz,
        projection_seq integer NOT NULL,
        CONSTRAINT ck_policy_gaps_decided CHECK ((status = 'decided') = (decision IS NOT NULL AND decided_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX ix_policy_gaps_tag ON policy_gaps (tag)`);
    await q.query(`CREATE INDEX ix_policy_gaps_open ON policy_gaps (flagged_at) WHERE status = 'open'`);
    await q.query(`CREATE INDEX ix_policy_gaps_case ON policy_gaps (case_id)`);

    await q.query(`
      CREATE TABLE enforcement_actions (
        id varchar(300) PRIMARY KEY,
        enforcement_id varchar(200) NOT NULL,
        case_id uuid NOT NULL,
        seller_id varchar(100) NOT NULL,
        marketplace varchar(2) NOT NULL,
        decision varchar(32) NOT NULL,
        action varchar(32) NOT NULL,
        params jsonb NOT NULL DEFAULT '{}'::jsonb,
        requested_by varchar(100) NOT NULL,
        reverses varchar(300) REFERENCES enforcement_actions (id),
        status varchar(16) NOT NULL CONSTRAINT ck_enforcement_actions_status CHECK (status IN ('applied', 'reversed')),
        applied_at timestamptz NOT NULL,
        reversed_at timestamptz,
        CONSTRAINT ck_enforcement_actions_reversed CHECK ((status = 'reversed') = (reversed_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX ix_enforcement_actions_case ON enforcement_actions (case_id, applied_at)`);
    await q.query(`CREATE INDEX ix_enforcement_actions_seller ON enforcement_actions (seller_id, applied_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE enforcement_actions`);
    await q.query(`DROP TABLE policy_gaps`);
    await q.query(`DROP TABLE strategic_reviews`);
    await q.query(`DROP TABLE sellers`);
  }
}
