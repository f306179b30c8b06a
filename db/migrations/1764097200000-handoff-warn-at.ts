import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a handoff's reminder falls due, as its workflow's clock says: inboxes show a countdown that turns
 * amber there. Recomputing it from today's policy would be wrong for a handoff asked under another.
 */
export class HandoffWarnAt1764097200000 implements MigrationInterface {
  name = 'HandoffWarnAt1764097200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE handoffs ADD COLUMN warn_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE handoffs DROP COLUMN warn_at`);
  }
}
