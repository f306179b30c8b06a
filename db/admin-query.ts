import { Client } from 'pg';

/**
 * One statement on its own connection to a PostgreSQL server's admin database: creating and dropping
 * the databases tests and benchmarks make for themselves (statements no transaction may hold).
 */
export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
