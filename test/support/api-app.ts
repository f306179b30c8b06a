import type { INestApplication } from '@nestjs/common';
import { createApiApp } from '../../api/bootstrap';
import { loadConfig } from '../../config/env';
import { required, TEST_ENV } from './env';
import { TEST_JWT_SECRET, type IntegrationContext } from './harness';

/**
 * Another API app on a test's database and Temporal server, with configuration of its own (the
 * harness's app takes the defaults): for tests of settings such as METRICS_TOKEN. The caller closes it.
 */
export async function createApiAppWith(ctx: IntegrationContext, env: Record<string, string> = {}): Promise<INestApplication> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: required(TEST_ENV.databaseUrl),
    TEMPORAL_ADDRESS: required(TEST_ENV.temporalAddress),
    TEMPORAL_TASK_QUEUE: ctx.taskQueue,
    JWT_SECRET: TEST_JWT_SECRET,
    ...env,
  });
  const app = await createApiApp({ config, dataSource: ctx.dataSource, temporal: ctx.client });
  await app.init();
  return app;
}
