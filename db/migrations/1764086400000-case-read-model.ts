import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rest of the case read model: tasks (inboxes), handoffs, SLA clocks and notifications, plus the
 * resolution columns on cases that metrics filter on. Written only by idempotent activities.
 */
export class CaseReadModel1764086400000 implements MigrationInterface {
  name = 'CaseReadModel1764086400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases
      ADD COLUMN language varchar(8),
      ADD COLUMN resolution_code varchar(64),
      ADD COLUMN root_cause varchar(64),
      ADD COLUMN resolved_at timestamptz,
      ADD COLUMN closed_at timestamptz`);
    await q.query(`CREATE INDEX ix_cases_team_state ON cases (team, state)`);
    // A handoff team's lead is told when a handoff to the team goes unanswered past its SLA.
    await q.query(`ALTER TABLE roster_members ADD COLUMN team_lead boolean NOT NULL DEFAULT false`);
    await q.query(`CREATE INDEX ix_cases_breached ON cases (breached) WHERE breached`);

    await q.query(`
      CREATE TABLE tasks (
        id varchar(200) PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        case_kind varchar(32) NOT NULL,
        kind varchar(32) NOT NULL,
        title text NOT NULL,
        assignee_id varchar(100),
        team varchar(64) NOT NULL,
        status varchar(16) NOT NULL CONSTRAINT ck_tasks_status CHECK (status IN ('open', 'done', 'cancelled')),
        due_at timestamptz,
        created_at timestamptz NOT NULL,
        completed_at timestamptz,
        projection_seq integer NOT NULL,
        CONSTRAINT ck_tasks_completed CHECK ((status = 'open') = (completed_at IS NULL))
      )`);
    await q.query(`CREATE INDEX ix_tasks_assignee_open ON tasks (assignee_id, due_at) WHERE status = 'open'`);
    await q.query(`CREATE INDEX ix_tasks_team_open ON tasks (team, due_at) WHERE status = 'open'`);
    await q.query(`CREATE INDEX ix_tasks_case ON tasks (case_id)`);

    await q.query(`
      CREATE TABLE handoffs (
        id varchar(200) PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        case_kind varchar(32) NOT NULL,
        workflow_id varchar(255) NOT NULL CONSTRAINT uq_handoffs_workflow_id UNIQUE,
        team varchar(32) NOT NULL CONSTRAINT ck_handoffs_team CHECK (team IN ('legal', 'policy', 'customer_trust', 'account_management')),
        question text NOT NULL,
        context jsonb NOT NULL DEFAULT '{}'::jsonb,
        blocking boolean NOT NULL,
        status varchar(16) NOT NULL CONSTRAINT ck_handoffs_status CHECK (status IN ('open', 'answered', 'cancelled')),
        requested_by varchar(100) NOT NULL,
        requested_at timestamptz NOT NULL,
        due_at timestamptz,
        reminded_at timestamptz,
        escalated_at timestamptz,
        breached boolean NOT NULL DEFAULT false,
        outcome varchar(16) CONSTRAINT ck_handoffs_outcome CHECK (outcome IN ('approve', 'reject', 'advise')),
        notes text,
        citation text,
        answered_by varchar(100),
        answered_at timestamptz,
        projection_seq integer NOT NULL,
        CONSTRAINT ck_handoffs_answer CHECK ((status = 'answered') = (outcome IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX ix_handoffs_team_open ON handoffs (team, due_at) WHERE status = 'open'`);
    await q.query(`CREATE INDEX ix_handoffs_case ON handoffs (case_id)`);

    await q.query(`
      CREATE TABLE sla_clocks (
        case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        clock_id varchar(200) NOT NULL,
        kind varchar(32) NOT NULL,
        status varchar(16) NOT NULL CONSTRAINT ck_sla_clocks_status CHECK (status IN ('running', 'paused', 'met', 'breached', 'cancelled')),
        calendar_id varchar(64) NOT NULL,
        budget_ms bigint NOT NULL,
        started_at timestamptz NOT NULL,
        warn_at timestamptz NOT NULL,
        deadline_at timestamptz NOT NULL,
        warned boolean NOT NULL,
        breached_at timestamptz,
        stopped_at timestamptz,
        clock jsonb NOT NULL,
        projection_seq integer NOT NULL,
        CONSTRAINT pk_sla_clocks PRIMARY KEY (case_id, clock_id)
      )`);
    await q.query(`CREATE INDEX ix_sla_clocks_running ON sla_clocks (deadline_at) WHERE status = 'running'`);

    await q.query(`
      CREATE TABLE notifications (
        id varchar(300) PRIMARY KEY,
        user_id varchar(100) NOT NULL,
        case_id uuid,
        template varchar(64) NOT NULL,
        message text NOT NULL,
        created_at timestamptz NOT NULL,
        read_at timestamptz
      )`);
    await q.query(`CREATE INDEX ix_notifications_user ON notifications (user_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notifications`);
    await q.query(`DROP TABLE sla_clocks`);
    await q.query(`DROP TABLE handoffs`);
    await q.query(`DROP TABLE tasks`);
    await q.query(`ALTER TABLE roster_members DROP COLUMN team_lead`);
    await q.query(`DROP INDEX ix_cases_breached`);
    await q.query(`DROP INDEX ix_cases_team_state`);
    await q.query(`ALTER TABLE cases DROP COLUMN closed_at, DROP COLUMN resolved_at, DROP COLUMN root_cause,
      DROP COLUMN resolution_code, DROP COLUMN language`);
  }
}
