import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What the default enforcement gateway did, standing in for the marketplace's enforcement system: one
 * row per applied action, keyed by its idempotency key; a compensation is a row of its own that
 * `reverses` the original, which is then marked reversed.
 */
@Entity({ name: 'enforcement_actions' })
export class EnforcementActionEntity {
  @PrimaryColumn({ type: 'varchar', length: 300 })
  id!: string;

  @Column({ name: 'enforcement_id', type: 'varchar', length: 200 })
  enforcementId!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'seller_id', type: 'varchar', length: 100 })
  sellerId!: string;

  @Column({ type: 'varchar', length: 2 })
  marketplace!: string;

  @Column({ type: 'varchar', length: 32 })
  decision!: string;

  @Column({ type: 'varchar', length: 32 })
  action!: string;

  @Column({ type: 'jsonb' })
  params!: Record<string, unknown>;

  @Column({ name: 'requested_by', type: 'varchar', length: 100 })
  requestedBy!: string;

  @Column({ type: 'varchar', length: 300, nullable: true })
  reverses!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: 'applied' | 'reversed';

  @Column({ name: 'applied_at', type: 'timestamptz' })
  appliedAt!: Date;

  @Column({ name: 'reversed_at', type: 'timestamptz', nullable: true })
  reversedAt!: Date | null;
}
