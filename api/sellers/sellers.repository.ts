import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { SellerEntity } from '../../db/entities/seller.entity';
import type { SellerRow } from './seller-csv';

/** Queries on the seller directory; no rules here. */
@Injectable()
export class SellersRepository {
  constructor(private readonly dataSource: DataSource) {}

  findById(id: string): Promise<SellerEntity | null> {
    return this.dataSource.getRepository(SellerEntity).findOneBy({ id });
  }

  async list(filter: { strategic?: boolean; q?: string; accountManagerId?: string }, limit: number, offset: number): Promise<{ rows: SellerEntity[]; total: number }> {
    const q = this.dataSource.getRepository(SellerEntity).createQueryBuilder('s');
    if (filter.strategic !== undefined) q.andWhere('s.strategic = :strategic', { strategic: filter.strategic });
    if (filter.accountManagerId) q.andWhere('s.account_manager_id = :am', { am: filter.accountManagerId });
    if (filter.q) q.andWhere(`(s.id ILIKE :q OR s.legal_name ILIKE :q)`, { q: `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    const [rows, total] = await q.orderBy('s.annual_sales', 'DESC').addOrderBy('s.id', 'ASC').take(limit).skip(offset).getManyAndCount();
    return { rows, total };
  }

  async saveAssessment(id: string, assessment: { score: number; band: string; assessedAt: number } & Record<string, unknown>, detection: Record<string, number> | undefined): Promise<void> {
    await this.dataSource.query(
      `UPDATE sellers SET risk_score = $2, risk_band = $3, risk_assessment = $4, risk_assessed_at = $5,
              detection_signals = COALESCE($6::jsonb, detection_signals), updated_at = now() WHERE id = $1`,
      [id, assessment.score, assessment.band, JSON.stringify(assessment), new Date(assessment.assessedAt), detection ? JSON.stringify(detection) : null],
    );
  }

  /** Inserts or updates every row in one transaction (all or nothing); returns how many were new. */
  upsertAll(rows: SellerRow[], tx?: EntityManager): Promise<{ inserted: number; updated: number }> {
    const run = async (m: EntityManager) => {
      let inserted = 0;
      for (const r of rows) {
        const [{ inserted: isNew }] = (await m.query(
          `INSERT INTO sellers (id, marketplace, legal_name, annual_sales, strategic, account_manager_id, enforcement_history, linked_accounts)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (id) DO UPDATE SET marketplace = EXCLUDED.marketplace, legal_name = EXCLUDED.legal_name, annual_sales = EXCLUDED.annual_sales,
             strategic = EXCLUDED.strategic, account_manager_id = EXCLUDED.account_manager_id, enforcement_history = EXCLUDED.enforcement_history,
             linked_accounts = EXCLUDED.linked_accounts, updated_at = now()
           RETURNING (xmax = 0) AS inserted`,
          [r.id, r.marketplace, r.legalName, r.annualSales, r.strategic, r.accountManagerId, JSON.stringify(r.enforcementHistory), r.linkedAccounts],
        )) as Array<{ inserted: boolean }>;
        if (isNew) inserted++;
      }
      return { inserted, updated: rows.length - inserted };
    };
    return tx ? run(tx) : this.dataSource.transaction(run);
  }
}
