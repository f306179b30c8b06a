import 'reflect-metadata';
import { Client, Connection } from '@temporalio/client';
import { createApiApp, createOpenApiDocument } from '../api/bootstrap';
import { loadConfig } from '../config/env';
import { createDataSource } from '../db/data-source';

/**
 * `npm run openapi`: prints the API's OpenAPI document (the same one /openapi.json serves) without
 * connecting to PostgreSQL or Temporal: the app is built around dependencies that are never opened.
 */
async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', JWT_SECRET: 'unused-for-documenting-the-api-0123456789' });
  const dataSource = createDataSource('postgresql://unused@127.0.0.1:1/unused');
  const temporal = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
  const app = await createApiApp({ config, dataSource, temporal });
  process.stdout.write(`${JSON.stringify(createOpenApiDocument(app), null, 2)}\n`);
  await app.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
