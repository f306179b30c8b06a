import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { BulkStatus } from '../../workflows/bulk-operation/bulk-operation.contract';

export interface BulkOperationRow {
  id: string;
  team: string;
  started_by: string;
  action_type: string;
  action: Record<string, unknown>;
  filter: Record<string, unknown>;
  status: string;
  total: number;
  done: number;
  refused: number;
  remaining: number;
  created_at: Date;
  updated_at: Date;
  finished_at: Date | null;
}

export interface BulkResultRow {
  case_id: string;
  kind: string;
  outcome: string;
  code: string | null;
  reason: string | null;
  state: string | null;
  at: Date;
}

/** Reads of the batches the bulk-operation workflow records. No rules here. */
@Injectable()
export class BulkOperationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(id: string): Promise<BulkOperationRow | null> {
    const rows: BulkOperationRow[] = await this.dataSource.query(`SELECT * FROM bulk_operations WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  results(id: string): Promise<BulkResultRow[]> {
    return this.dataSource.query(`SELECT case_id, kind, outcome, code, reason, state, at FROM bulk_operation_results WHERE operation_id = $1 ORDER BY at, case_id`, [id]);
  }

  /** Newest first; `team` null: every team. */
  async list(team: string | null, status: BulkStatus | undefined, limit: number, offset: number): Promise<{ rows: BulkOperationRow[]; total: number }> {
    const where = `WHERE ($1::varchar IS NULL OR team = $1) AND ($2::varchar IS NULL OR status = $2)`;
    const params = [team, status ?? null];
    const [rows, count] = await Promise.all([
      this.dataSource.query(`SELECT * FROM bulk_operations ${where} ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4`, [...params, limit, offset]),
      this.dataSource.query(`SELECT count(*)::int AS total FROM bulk_operations ${where}`, params),
    ]);
    return { rows, total: count[0].total };
  }
}
