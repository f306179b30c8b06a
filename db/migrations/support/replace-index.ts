import type { QueryRunner } from 'typeorm';

/**
 * Rebuilds index `name` with a new `definition` so that the routes are never without it: builds the new
 * one under a temporary name, then drops the old and gives the new its name. A run interrupted half-way
 * leaves `<name>_next` (invalid if its CONCURRENTLY build stopped), which the next run drops first.
 * `concurrently` is 'CONCURRENTLY' outside a transaction, '' inside one (PostgreSQL refuses it there).
 *
 * Applied migrations call this: change what it does only in a way every one of them still wants.
 */
export async function replaceIndex(q: QueryRunner, concurrently: string, name: string, definition: string): Promise<void> {
  const next = `${name}_next`;
  await q.query(`DROP INDEX ${concurrently} IF EXISTS ${next}`);
  await q.query(`CREATE INDEX ${concurrently} ${next} ${definition}`);
  await q.query(`DROP INDEX ${concurrently} IF EXISTS ${name}`);
  await q.query(`ALTER INDEX ${next} RENAME TO ${name}`);
}
