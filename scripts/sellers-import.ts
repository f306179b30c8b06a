import 'reflect-metadata';
import { sellersImportCommand } from '../api/sellers/seller-import';
import { SELLER_CSV_COLUMNS } from '../api/sellers/seller-csv';
import { loadConfig } from '../config/env';
import { createDataSource } from '../db/data-source';
import { embeddedDatabaseUrl } from '../platform/local-runtime';

/**
 * `npm run sellers:import -- <file.csv>`: validates every row of a seller CSV and imports them all in
 * one transaction, or, when any row is bad, imports nothing and lists the problems by line.
 */
async function main(): Promise<number> {
  const file = process.argv[2];
  if (!file) throw new Error(`usage: npm run sellers:import -- <file.csv> (columns: ${SELLER_CSV_COLUMNS.join(', ')})`);
  const config = loadConfig();
  const ds = await createDataSource(config.DATABASE_URL ?? embeddedDatabaseUrl(config), { poolSize: 1 })
    .initialize()
    .catch((e: Error) => {
      throw new Error(`cannot reach the database (${e.message}); start Riskdesk with npm start, or set DATABASE_URL`);
    });
  try {
    return await sellersImportCommand(file, ds, console.log, console.error);
  } finally {
    await ds.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`riskdesk sellers:import: ${err.message}`);
    process.exit(1);
  },
);
