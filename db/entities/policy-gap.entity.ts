import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A question a case raised for leadership; once decided it is a precedent, found by its tag. */
@Entity({ name: 'policy_gaps' })
@Index('ix_policy_gaps_tag', ['tag'])
export class PolicyGapEntity {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'case_kind', type: 'varchar', length: 32 })
  caseKind!: string;

  @Column({ type: 'varchar', length: 64 })
  team!: string;

  @Column({ type: 'varchar', length: 64 })
  tag!: string;

  @Column({ type: 'text' })
  question!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: 'open' | 'decided';

  @Column({ name: 'flagged_by', type: 'varchar', length: 100 })
  flaggedBy!: string;

  @Column({ name: 'flagged_at', type: 'timestamptz' })
  flaggedAt!: Date;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  decision!: string | null;

  @Column({ type: 'text', nullable: true })
  precedent!: string | null;

  @Column({ name: 'decided_by', type: 'varchar', length: 100, nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'projection_seq', type: 'integer' })
  projectionSeq!: number;
}
