import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** What only an escalation has, beside its row in `cases` (same id; written by the same projection). */
@Entity({ name: 'escalation_cases' })
@Index('ix_escalation_cases_category', ['category'])
@Index('ix_escalation_cases_root_cause', ['rootCause'], { where: 'root_cause IS NOT NULL' })
@Index('ix_escalation_cases_upstream_team', ['upstreamTeam'], { where: 'upstream_team IS NOT NULL' })
export class EscalationCaseEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ type: 'varchar', length: 64 })
  category!: string;

  @Column({ type: 'varchar', length: 8, nullable: true })
  language!: string | null;

  @Column({ name: 'resolution_code', type: 'varchar', length: 64, nullable: true })
  resolutionCode!: string | null;

  @Column({ name: 'root_cause', type: 'varchar', length: 64, nullable: true })
  rootCause!: string | null;

  @Column({ name: 'taxonomy_version', type: 'integer', default: 1 })
  taxonomyVersion!: number;

  @Column({ type: 'varchar', length: 64, nullable: true })
  source!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  trigger!: string | null;

  @Column({ name: 'enforcement_type', type: 'varchar', length: 64, nullable: true })
  enforcementType!: string | null;

  /** The upstream team the root cause is attributed to (slm, spiv, tsi, other). */
  @Column({ name: 'upstream_team', type: 'varchar', length: 16, nullable: true })
  upstreamTeam!: string | null;

  @Column({ name: 'reopen_count', type: 'integer', default: 0 })
  reopenCount!: number;

  @Column({ name: 'projection_seq', type: 'integer' })
  projectionSeq!: number;
}
