import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { EscalationCaseEntity } from './escalation-case.entity';

/**
 * One row per case of any kind: the read model's projection of a case workflow, used for lists,
 * inboxes and workload. Only what every kind shares; each kind's own data has its own table (for
 * escalations, `escalation_cases`). The workflow is the source of truth; only the projection activity
 * writes this table, and `projectionSeq` makes a late or retried write unable to overwrite a newer one.
 */
@Entity({ name: 'cases' })
@Index('ix_cases_kind_state', ['kind', 'state'])
@Index('ix_cases_seller', ['sellerId'])
@Index('ix_cases_assignee', ['assigneeId'])
@Index('ix_cases_team_state', ['team', 'state'])
@Index('ix_cases_assignee_open', ['assigneeId'], { where: 'is_open' })
@Index('ix_cases_team_open_due', ['team', 'dueAt'], { where: 'is_open' })
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

  @Column({ type: 'text' })
  summary!: string;

  @Column({ type: 'varchar', length: 32 })
  state!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  team!: string | null;

  @Column({ name: 'assignee_id', type: 'varchar', length: 100, nullable: true })
  assigneeId!: string | null;

  /** Not finished, by the kind's own definition (written by the workflow). */
  @Column({ name: 'is_open', type: 'boolean', default: true })
  isOpen!: boolean;

  @Column({ type: 'boolean', default: false })
  breached!: boolean;

  /** The soonest deadline among the case's running team clocks. */
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

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

  /** An escalation's own row, when a query joins it (`leftJoinAndMapOne('c.escalation', ...)`). */
  escalation?: EscalationCaseEntity | null;
}
