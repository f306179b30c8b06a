import type { DataSource } from 'typeorm';

export interface KeyUse {
  method: string;
  path: string;
  bodyHash: string;
  createdAt: Date;
}

/** Queries on `idempotency_keys`: which request a caller's key was first used for. */
export class IdempotencyKeysRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Records the key for this request, or returns the request it was first used for (`created: false`). */
  async claim(userId: string, key: string, use: Omit<KeyUse, 'createdAt'>): Promise<{ created: boolean; first: KeyUse }> {
    const inserted: Array<{ created_at: Date }> = await this.dataSource.query(
      `INSERT INTO idempotency_keys (user_id, key, method, path, body_hash) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id, key) DO NOTHING RETURNING created_at`,
      [userId, key, use.method, use.path, use.bodyHash],
    );
    if (inserted.length) return { created: true, first: { ...use, createdAt: inserted[0].created_at } };
    const rows: Array<{ method: string; path: string; body_hash: string; created_at: Date }> = await this.dataSource.query(
      `SELECT method, path, body_hash, created_at FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
      [userId, key],
    );
    // Released between our insert and this read (the first request was refused): claim it again.
    if (!rows.length) return this.claim(userId, key, use);
    const r = rows[0];
    return { created: false, first: { method: r.method, path: r.path, bodyHash: r.body_hash, createdAt: r.created_at } };
  }

  /** Frees a key whose request was refused (4xx: nothing was applied), so a corrected request may use it. */
  async release(userId: string, key: string, bodyHash: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND body_hash = $3`, [userId, key, bodyHash]);
  }
}
