import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail was append-only against UPDATE; this makes it so against DELETE and TRUNCATE too
 * (deleting a case no longer takes its trail with it through the cascade: the delete is refused).
 */
export class AuditAppendOnly1764111600000 implements MigrationInterface {
  name = 'AuditAppendOnly1764111600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION case_events_refuse_removal() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'case_events is append-only: % refused', TG_OP; END $$`);
    await q.query(`
      CREATE TRIGGER tr_case_events_no_delete BEFORE DELETE ON case_events
      FOR EACH ROW EXECUTE FUNCTION case_events_refuse_removal()`);
    await q.query(`
      CREATE TRIGGER tr_case_events_no_truncate BEFORE TRUNCATE ON case_events
      FOR EACH STATEMENT EXECUTE FUNCTION case_events_refuse_removal()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER tr_case_events_no_truncate ON case_events`);
    await q.query(`DROP TRIGGER tr_case_events_no_delete ON case_events`);
    await q.query(`DROP FUNCTION case_events_refuse_removal()`);
  }
}
