import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialCases1764079200000 implements MigrationInterface {
  name = 'InitialCases1764079200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cases (
        id uuid PRIMARY KEY,
        kind varchar(32) NOT NULL CONSTRAINT ck_cases_kind CHECK (kind IN ('escalation', 'strategic_review', 'reinstatement')),
        workflow_id varchar(200) NOT NULL CONSTRAINT uq_cases_workflow_id UNIQUE,
        seller_id varchar(100) NOT NULL,
        marketplace varchar(16) NOT NULL,
        severity varchar(16) NOT NULL CONSTRAINT ck_cases_severity CHECK (severity IN ('low', 'medium', 'high', 'critical')),
        category varchar(64) NOT NULL,
        summary text NOT NULL,
        state varchar(32) NOT NULL,
        team varchar(64),
        assignee_id varchar(100),
        breached boolean NOT NULL DEFAULT false,
        created_by varchar(100) NOT NULL,
        snapshot jsonb NOT NULL,
        projection_seq integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_cases_kind_state ON cases (kind, state)`);
    await q.query(`CREATE INDEX ix_cases_seller ON cases (seller_id)`);
    await q.query(`CREATE INDEX ix_cases_assignee ON cases (assignee_id)`);
    await q.query(`CREATE INDEX ix_cases_created_at ON cases (created_at)`);
    await q.query(`
      CREATE TABLE case_events (
        case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        seq integer NOT NULL CONSTRAINT ck_case_events_seq CHECK (seq >= 0),
        actor_id varchar(100) NOT NULL,
        actor_role varchar(32) NOT NULL,
        action varchar(64) NOT NULL,
        from_state varchar(32),
        to_state varchar(32) NOT NULL,
        reason text,
        details jsonb NOT NULL DEFAULT '{}'::jsonb,
        occurred_at timestamptz NOT NULL,
        CONSTRAINT pk_case_events PRIMARY KEY (case_id, seq)
      )`);
    await q.query(`CREATE INDEX ix_case_events_actor ON case_events (actor_id)`);
    // The audit trail is append-only: refuse edits at the database, not only in code.
    await q.query(`
      CREATE FUNCTION case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'case_events is append-only'; END $$`);
    await q.query(`
      CREATE TRIGGER tr_case_events_append_only BEFORE UPDATE ON case_events
      FOR EACH ROW EXECUTE FUNCTION case_events_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_events`);
    await q.query(`DROP FUNCTION case_events_append_only()`);
    await q.query(`DROP TABLE cases`);
  }
}
