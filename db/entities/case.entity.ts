import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One row per case: the read model's projection of a case workflow, used for lists and filters.
 * The workflow is the source of truth; only the projection activity writes this table, and
 * `projectionSeq` makes a late or retried write unable to overwrite a newer one.
 */
@Entity({ name: 'cases' })
@Index('ix_cases_kind_state', ['kind', 'state'])
@Index('ix_cases_seller', ['sellerId'])
@Index('ix_cases_assignee', ['assigneeId'])
@Index('ix_cases_team_state', ['team', 'state'])
export class CaseEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  @Column({ name: 'workflow_id', type: 'varchar', length: 200, unique: true })
  workflowId!: string;

  @Column({ name: 'seller_id', type: 'varchar', length: 100 })
  sellerId!: string;

  @Column({ type: 'varchar', length: 16 })
  marketplace!: string;

  @Column({ type: 'varchar', length: 16 })
  severity!: string;

  @Column({ type: 'varchar', length: 64 })
  category!: string;

  @Column({ type: 'text' })
  summary!: string;

  @Column({ type: 'varchar', length: 8, nullable: true })
  language!: string | null;

  @Column({ type: 'varchar', length: 32 })
  state!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  team!: string | null;

  @Column({ name: 'assignee_id', type: 'varchar', length: 100, nullable: true })
  assigneeId!: string | null;

  @Column({ type: 'boolean', default: false })
  breached!: boolean;

  @Column({ name: 'resolution_code', type: 'varchar', length: 64, nullable: true })
  resolutionCode!: string | null;

  @Column({ name: 'root_cause', type: 'varchar', length: 64, nullable: true })
  rootCause!: string | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'created_by', type: 'varchar', length: 100 })
  createdBy!: string;

  /** The full snapshot the workflow last projected (clocks, handoffs, resolution), for the case view. */
  @Column({ type: 'jsonb' })
  snapshot!: Record<string, unknown>;

  @Column({ name: 'projection_seq', type: 'integer' })
  projectionSeq!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
