import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One `cases` table for every case kind, with only what every kind shares; what only escalations have
 * (category, language, resolution code, root cause, reopen count) moves to `escalation_cases`. Whether
 * a case is still worked is a column the workflow writes (`is_open`, from the kind's own list of
 * finished states), so no query repeats that list; `due_at` is the soonest running team deadline.
 */
export class CaseKinds1764093600000 implements MigrationInterface {
  name = 'CaseKinds1764093600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases ADD COLUMN is_open boolean NOT NULL DEFAULT true, ADD COLUMN due_at timestamptz`);
    await q.query(`UPDATE cases SET is_open = state NOT IN ('resolved', 'closed')`);
    await q.query(`
      CREATE TABLE escalation_cases (
        case_id uuid PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
        category varchar(64) NOT NULL,
        language varchar(8),
        resolution_code varchar(64),
        root_cause varchar(64),
        reopen_count integer NOT NULL DEFAULT 0 CONSTRAINT ck_escalation_cases_reopen_count CHECK (reopen_count >= 0),
        projection_seq integer NOT NULL,
        CONSTRAINT ck_escalation_cases_resolution CHECK ((resolution_code IS NULL) = (root_cause IS NULL))
      )`);
    await q.query(`
      INSERT INTO escalation_cases (case_id, category, language, resolution_code, root_cause, projection_seq)
      SELECT id, category, language, resolution_code, root_cause, projection_seq FROM cases WHERE kind = 'escalation'`);
    await q.query(`CREATE INDEX ix_escalation_cases_category ON escalation_cases (category)`);
    await q.query(`CREATE INDEX ix_escalation_cases_root_cause ON escalation_cases (root_cause) WHERE root_cause IS NOT NULL`);
    await q.query(`ALTER TABLE cases DROP COLUMN category, DROP COLUMN language, DROP COLUMN resolution_code, DROP COLUMN root_cause`);
    await q.query(`CREATE INDEX ix_cases_assignee_open ON cases (assignee_id) WHERE is_open`);
    await q.query(`CREATE INDEX ix_cases_team_open_due ON cases (team, due_at) WHERE is_open`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_cases_team_open_due`);
    await q.query(`DROP INDEX ix_cases_assignee_open`);
    await q.query(`ALTER TABLE cases ADD COLUMN category varchar(64), ADD COLUMN language varchar(8),
      ADD COLUMN resolution_code varchar(64), ADD COLUMN root_cause varchar(64)`);
    await q.query(`
      UPDATE cases c SET category = e.category, language = e.language, resolution_code = e.resolution_code, root_cause = e.root_cause
        FROM escalation_cases e WHERE e.case_id = c.id`);
    // Every case had a category before this migration; cases of other kinds written since get a placeholder.
    await q.query(`UPDATE cases SET category = 'other' WHERE category IS NULL`);
    await q.query(`ALTER TABLE cases ALTER COLUMN category SET NOT NULL`);
    await q.query(`DROP TABLE escalation_cases`);
    await q.query(`ALTER TABLE cases DROP COLUMN due_at, DROP COLUMN is_open`);
  }
}
