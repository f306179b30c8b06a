import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The identity-risk taxonomy on escalations: who brought the case (source), what set it off (trigger),
 * the enforcement the seller disputes, the upstream team a root cause is attributed to, and the
 * taxonomy version the case is filed under (cases from before versions are version 1).
 */
export class EscalationTaxonomy1764100800000 implements MigrationInterface {
  name = 'EscalationTaxonomy1764100800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE escalation_cases
      ADD COLUMN taxonomy_version integer NOT NULL DEFAULT 1 CONSTRAINT ck_escalation_cases_taxonomy_version CHECK (taxonomy_version >= 1),
      ADD COLUMN source varchar(64),
      ADD COLUMN trigger varchar(64),
      ADD COLUMN enforcement_type varchar(64),
      ADD COLUMN upstream_team varchar(16) CONSTRAINT ck_escalation_cases_upstream_team CHECK (upstream_team IN ('slm', 'spiv', 'tsi', 'other'))`);
    await q.query(`CREATE INDEX ix_escalation_cases_upstream_team ON escalation_cases (upstream_team) WHERE upstream_team IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_escalation_cases_upstream_team`);
    await q.query(`ALTER TABLE escalation_cases DROP COLUMN upstream_team, DROP COLUMN enforcement_type, DROP COLUMN trigger,
      DROP COLUMN source, DROP COLUMN taxonomy_version`);
  }
}
