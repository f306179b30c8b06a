import { Column, Entity, Index, PrimaryColumn, type ValueTransformer } from 'typeorm';
import type { SlaClock } from '../../workflows/common/sla-clock';

/** PostgreSQL `bigint` arrives as a string (it may exceed 2^53); budgets in milliseconds never do. */
const bigintAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * A case's SLA clock as the workflow last projected it: flat columns for filters (what runs, what is
 * due), and the whole clock as JSON (pauses, extensions) for the case view.
 */
@Entity({ name: 'sla_clocks' })
@Index('ix_sla_clocks_running', ['deadlineAt'], { where: `status = 'running'` })
export class SlaClockEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid', primaryKeyConstraintName: 'pk_sla_clocks' })
  caseId!: string;

  /** 'first_response', 'resolution', 'handoff:<id>', 'seller_info:<id>'. */
  @PrimaryColumn({ name: 'clock_id', type: 'varchar', length: 200, primaryKeyConstraintName: 'pk_sla_clocks' })
  clockId!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: SlaClock['status'];

  @Column({ name: 'calendar_id', type: 'varchar', length: 64 })
  calendarId!: string;

  @Column({ name: 'budget_ms', type: 'bigint', transformer: bigintAsNumber })
  budgetMs!: number;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'warn_at', type: 'timestamptz' })
  warnAt!: Date;

  @Column({ name: 'deadline_at', type: 'timestamptz' })
  deadlineAt!: Date;

  @Column({ type: 'boolean' })
  warned!: boolean;

  @Column({ name: 'breached_at', type: 'timestamptz', nullable: true })
  breachedAt!: Date | null;

  @Column({ name: 'stopped_at', type: 'timestamptz', nullable: true })
  stoppedAt!: Date | null;

  @Column({ type: 'jsonb' })
  clock!: SlaClock;

  @Column({ name: 'projection_seq', type: 'integer' })
  projectionSeq!: number;
}
