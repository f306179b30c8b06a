import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A message to one person about a case; the id comes from the workflow, so a retried insert is a no-op. */
@Entity({ name: 'notifications' })
@Index('ix_notifications_user', ['userId', 'createdAt'])
export class NotificationEntity {
  @PrimaryColumn({ type: 'varchar', length: 300 })
  id!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 100 })
  userId!: string;

  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId!: string | null;

  @Column({ type: 'varchar', length: 64 })
  template!: string;

  @Column({ type: 'text' })
  message!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;
}
