import type { DataSource } from 'typeorm';

export interface IndexState {
  /** False for what an interrupted CREATE INDEX CONCURRENTLY leaves behind. */
  valid: boolean;
  /** pg_get_indexdef: the CREATE INDEX statement PostgreSQL would write for it. */
  definition: string;
}

/** The indexes among `names` that exist in the database, by name: for the index migrations' tests. */
export async function indexesNamed(ds: DataSource, names: readonly string[]): Promise<Record<string, IndexState>> {
  const rows: Array<{ name: string; valid: boolean; definition: string }> = await ds.query(
    `SELECT c.relname AS name, i.indisvalid AS valid, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE c.relname = ANY($1::text[])`,
    [names],
  );
  return Object.fromEntries(rows.map((r) => [r.name, { valid: r.valid, definition: r.definition }]));
}
