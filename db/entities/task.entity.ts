import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One entry of someone's inbox: what a person or a team has to do on a case, and by when. Written only
 * by the projection activities (keyed by the workflow's task id, guarded by `projectionSeq`).
 */
@Entity({ name: 'tasks' })
@Index('ix_tasks_assignee_open', ['assigneeId', 'dueAt'], { where: `status = 'open'` })
@Index('ix_tasks_team_open', ['team', 'dueAt'], { where: `status = 'open'` })
@Index('ix_tasks_case', ['caseId'])
export class TaskEntity {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'case_kind', type: 'varchar', length: 32 })
  caseKind!: string;

  /** queue | work | manager_review | handoff | handoff_escalation | ... */
  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ name: 'assignee_id', type: 'varchar', length: 100, nullable: true })
  assigneeId!: string | null;

  @Column({ type: 'varchar', length: 64 })
  team!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: 'open' | 'done' | 'cancelled';

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ name: 'projection_seq', type: 'integer' })
  projectionSeq!: number;
}
