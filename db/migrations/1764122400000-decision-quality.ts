import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Decision quality: each roster member's start date (tenure drives QA sampling and the reviewer pool),
 * every decision's QA sampling outcome (the population the error-rate estimate weighs by) and, for the
 * sampled ones, the review (the maker's and the reviewer's statements, the adjudication and its error types), and calibration sessions with their items and each participant's independent answers.
 */
export class DecisionQuality1764122400000 implements MigrationInterface {
  name = 'DecisionQuality1764122400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE roster_members ADD COLUMN started_on date`);

    await q.query(`
      CREATE TABLE qa_decisions (
        id varchar(200) PRIMARY KEY,
        case_id uuid NOT NULL,
        decision_kind varchar(64) NOT NULL,
        team varchar(64) NOT NULL,
        maker_id varchar(100) NOT NULL,
        reviewer_id varchar(100),
        mode varchar(16) NOT NULL CONSTRAINT ck_qa_decisions_mode CHECK (mode IN ('pre_release', 'post_release')),
        stratum varchar(300) NOT NULL,
        rate double precision NOT NULL CONSTRAINT ck_qa_decisions_rate CHECK (rate >= 0 AND rate <= 1),
        sampled boolean NOT NULL,
        status varchar(16) NOT NULL CONSTRAINT ck_qa_decisions_status CHECK (status IN ('not_sampled', 'awaiting_review', 'adjudicating', 'agreed', 'adjudicated')),
        maker_decision jsonb NOT NULL,
        reviewer_decision jsonb,
        correct_decision jsonb,
        error_types text[] NOT NULL DEFAULT '{}',
        adjudicated_by varchar(100),
        decided_at timestamptz NOT NULL,
        closed_at timestamptz,
        projection_seq integer NOT NULL DEFAULT 0,
        CONSTRAINT ck_qa_decisions_not_maker CHECK (reviewer_id IS NULL OR reviewer_id <> maker_id),
        CONSTRAINT ck_qa_decisions_sampled CHECK (sampled = (status <> 'not_sampled'))
      )`);
    await q.query(`CREATE INDEX ix_qa_decisions_maker ON qa_decisions (maker_id, decided_at)`);
    await q.query(`CREATE INDEX ix_qa_decisions_team ON qa_decisions (team, decided_at)`);

    await q.query(`
      CREATE TABLE calibration_sessions (
        id uuid PRIMARY KEY,
        team varchar(64) NOT NULL,
        title varchar(200) NOT NULL,
        questions jsonb NOT NULL,
        participants text[] NOT NULL CONSTRAINT ck_calibration_sessions_participants CHECK (cardinality(participants) >= 2),
        status varchar(16) NOT NULL DEFAULT 'open' CONSTRAINT ck_calibration_sessions_status CHECK (status IN ('open', 'closed')),
        created_by varchar(100) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz
      )`);
    await q.query(`CREATE INDEX ix_calibration_sessions_team ON calibration_sessions (team, created_at)`);
    await q.query(`
      CREATE TABLE calibration_items (
        session_id uuid NOT NULL REFERENCES calibration_sessions (id) ON DELETE CASCADE,
        position integer NOT NULL CONSTRAINT ck_calibration_items_position CHECK (position >= 1),
        case_id uuid,
        prompt text NOT NULL,
        golden jsonb,
        CONSTRAINT pk_calibration_items PRIMARY KEY (session_id, position)
      )`);
    await q.query(`
      CREATE TABLE calibration_answers (
        session_id uuid NOT NULL,
        position integer NOT NULL,
        question_id varchar(64) NOT NULL,
        participant varchar(100) NOT NULL,
        answer varchar(100) NOT NULL,
        answered_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_calibration_answers PRIMARY KEY (session_id, position, question_id, participant),
        CONSTRAINT fk_calibration_answers_item FOREIGN KEY (session_id, position) REFERENCES calibration_items (session_id, position) ON DELETE CASCADE
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE calibration_answers`);
    await q.query(`DROP TABLE calibration_items`);
    await q.query(`DROP TABLE calibration_sessions`);
    await q.query(`DROP TABLE qa_decisions`);
    await q.query(`ALTER TABLE roster_members DROP COLUMN started_on`);
  }
}
