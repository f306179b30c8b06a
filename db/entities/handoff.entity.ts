import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A question from a case to another team, as its handoff workflow last projected it. The handoff
 * workflow is the source of truth; `projectionSeq` keeps a late write from undoing a newer one.
 */
@Entity({ name: 'handoffs' })
@Index('ix_handoffs_team_open', ['team', 'dueAt'], { where: `status = 'open'` })
@Index('ix_handoffs_case', ['caseId'])
export class HandoffEntity {
  /** `<caseId>/handoff/<n>`. */
  @PrimaryColumn({ type: 'varchar', length: 200 })
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'case_kind', type: 'varchar', length: 32 })
  caseKind!: string;

  @Column({ name: 'workflow_id', type: 'varchar', length: 255, unique: true })
  workflowId!: string;

  /** legal | policy | customer_trust | account_management */
  @Column({ type: 'varchar', length: 32 })
  team!: string;

  @Column({ type: 'text' })
  question!: string;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  context!: Record<string, unknown>;

  @Column({ type: 'boolean' })
  blocking!: boolean;

  @Column({ type: 'varchar', length: 16 })
  status!: 'open' | 'answered' | 'cancelled';

  @Column({ name: 'requested_by', type: 'varchar', length: 100 })
  requestedBy!: string;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  /** When the team is reminded: the handoff clock's warning point. */
  @Column({ name: 'warn_at', type: 'timestamptz', nullable: true })
  warnAt!: Date | null;

  @Column({ name: 'reminded_at', type: 'timestamptz', nullable: true })
  remindedAt!: Date | null;

  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true })
  escalatedAt!: Date | null;

  @Column({ type: 'boolean', default: false })
  breached!: boolean;

  /** approve | reject | advise, once answered. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  outcome!: string | null;

  @Column({ type: 'text', nullable: true })
  notes!: string | null;

  @Column({ type: 'text', nullable: true })
  citation!: string | null;

  @Column({ name: 'answered_by', type: 'varchar', length: 100, nullable: true })
  answeredBy!: string | null;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;

  @Column({ name: 'projection_seq', type: 'integer' })
  projectionSeq!: number;
}
