import { Column, Entity, PrimaryColumn } from 'typeorm';

export interface EnforcementHistoryEntry {
  /** ISO date of the action. */
  at: string;
  action: string;
  reason: string;
}

/** numeric comes back from pg as text; the directory works in numbers. */
const money = { to: (v: number) => v, from: (v: string | null) => (v === null ? 0 : Number(v)) };

/** One seller in the directory: who they are, how much they sell, their account manager, what is on record. */
@Entity({ name: 'sellers' })
export class SellerEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  id!: string;

  @Column({ type: 'varchar', length: 2 })
  marketplace!: string;

  @Column({ name: 'legal_name', type: 'varchar', length: 300 })
  legalName!: string;

  /** US dollars a year. */
  @Column({ name: 'annual_sales', type: 'numeric', precision: 16, scale: 2, transformer: money })
  annualSales!: number;

  @Column({ type: 'boolean', default: false })
  strategic!: boolean;

  @Column({ name: 'account_manager_id', type: 'varchar', length: 100, nullable: true })
  accountManagerId!: string | null;

  @Column({ name: 'enforcement_history', type: 'jsonb', default: () => `'[]'::jsonb` })
  enforcementHistory!: EnforcementHistoryEntry[];

  @Column({ name: 'linked_accounts', type: 'text', array: true, default: () => `'{}'` })
  linkedAccounts!: string[];

  /** The detection teams' latest signals (rates and scores from 0 to 1). */
  @Column({ name: 'detection_signals', type: 'jsonb', default: () => `'{}'::jsonb` })
  detectionSignals!: Record<string, number>;

  @Column({ name: 'risk_score', type: 'integer', nullable: true })
  riskScore!: number | null;

  @Column({ name: 'risk_band', type: 'varchar', length: 16, nullable: true })
  riskBand!: string | null;

  @Column({ name: 'risk_assessment', type: 'jsonb', nullable: true })
  riskAssessment!: Record<string, unknown> | null;

  @Column({ name: 'risk_assessed_at', type: 'timestamptz', nullable: true })
  riskAssessedAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
