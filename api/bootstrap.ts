import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { INestApplication } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { AppModule, type ApiDeps } from './app.module';
import { HttpErrorFilter } from './common/http-error.filter';
import { createValidationPipe } from './common/validation';
import { METRICS_TOKEN_SCHEME } from './prometheus/prometheus.controller';

/**
 * Builds the HTTP app around already-connected dependencies. `npm start`, `npm run api` and the API
 * tests all go through here, so they serve exactly the same routes, pipes and error mapping.
 */
export async function createApiApp(deps: ApiDeps): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.register(deps), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Riskdesk API')
      .setDescription('Seller-risk case pipeline: escalations about seller accounts, with SLA clocks, handoffs to Legal, Policy and Customer Trust, and the roster and teams that work them')
      .setVersion('0.1.0')
      .addBearerAuth()
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN, for GET /metrics (Prometheus)' }, METRICS_TOKEN_SCHEME)
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
  return app;
}
