import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { INestApplication } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { AppModule, type ApiDeps } from './app.module';
import { ErrorResponse } from './common/error.response';
import { HttpErrorFilter } from './common/http-error.filter';
import { applyHttpHardening } from './common/http-hardening';
import { BEARER, documentTruthfully, refreshDateExamples } from './common/openapi/openapi-truth';
import { documentValidationConstraints } from './common/openapi/validator-schemas';
import { TemporalDeadlineInterceptor } from './common/temporal-deadline.interceptor';
import { createValidationPipe } from './common/validation';
import { METRICS_TOKEN_SCHEME } from './prometheus/prometheus.controller';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';

/**
 * Builds the HTTP app around already-connected dependencies. `npm start`, `npm run api` and the API
 * tests all go through here, so they serve exactly the same routes, pipes, limits and error mapping.
 */
export async function createApiApp(deps: ApiDeps): Promise<INestApplication> {
  // The JSON body parser is set up by applyHttpHardening (size limit, errors in our shape); no urlencoded bodies.
  const app = await NestFactory.create(AppModule.register(deps), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  let document: OpenAPIObject | undefined;
  applyHttpHardening(app, deps.config, () => document);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  app.useGlobalInterceptors(
    new TemporalDeadlineInterceptor(deps.temporal, deps.config.TEMPORAL_RPC_TIMEOUT_MS),
    new IdempotencyInterceptor(deps.dataSource),
  );
  app.enableShutdownHooks();

  document = createOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'openapi.json',
    patchDocumentOnRequest: (_req, _res, doc) => refreshDateExamples(doc),
  });
  return app;
}

/** The OpenAPI document, with the validators' constraints, every error answer and security stated (api/common/openapi). */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  documentValidationConstraints();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Riskdesk API')
      .setDescription(
        'Seller-risk case pipeline: escalations about seller accounts, with SLA clocks, handoffs to Legal, Policy and Customer Trust, ' +
          'and the roster and teams that work them. Every operation but the public ones needs `Authorization: Bearer <token>`; ' +
          'every error answer has the ErrorResponse body.',
      )
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER)
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN, for GET /metrics (Prometheus)' }, METRICS_TOKEN_SCHEME)
      .build(),
    { extraModels: [ErrorResponse] },
  );
  return documentTruthfully(document);
}
