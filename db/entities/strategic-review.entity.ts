import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** What only a strategic review has, beside its row in `cases`; reserved by the API before the workflow starts. */
@Entity({ name: 'strategic_reviews' })
@Index('ux_strategic_reviews_open_seller', ['sellerId'], { unique: true, where: 'is_open' })
export class StrategicReviewEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'seller_id', type: 'varchar', length: 100 })
  sellerId!: string;

  @Column({ type: 'varchar', length: 32 })
  tier!: string;

  @Column({ name: 'playbook_id', type: 'varchar', length: 64 })
  playbookId!: string;

  @Column({ name: 'playbook_version', type: 'integer' })
  playbookVersion!: number;

  @Column({ name: 'risk_score', type: 'integer', nullable: true })
  riskScore!: number | null;

  @Column({ name: 'risk_band', type: 'varchar', length: 16, nullable: true })
  riskBand!: string | null;

  @Column({ name: 'risk_model_version', type: 'varchar', length: 100, nullable: true })
  riskModelVersion!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  decision!: string | null;

  @Column({ name: 'decision_status', type: 'varchar', length: 32, nullable: true })
  decisionStatus!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  outcome!: string | null;

  @Column({ name: 'is_open', type: 'boolean', default: true })
  isOpen!: boolean;

  @Column({ name: 'statement_of_reasons', type: 'jsonb', nullable: true })
  statementOfReasons!: Record<string, unknown> | null;

  @Column({ name: 'projection_seq', type: 'integer', default: 0 })
  projectionSeq!: number;

  @Column({ name: 'reserved_at', type: 'timestamptz', default: () => 'now()' })
  reservedAt!: Date;
}
