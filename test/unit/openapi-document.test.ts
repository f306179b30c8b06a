import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import request from 'supertest';
import { createApiApp } from '../../api/bootstrap';
import { loadConfig } from '../../config/env';
import { createDataSource } from '../../db/data-source';

type Operation = {
  security?: Array<Record<string, string[]>>;
  responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }>; headers?: Record<string, unknown> }>;
  parameters?: Array<{ in: string; name: string; schema?: Record<string, unknown> }>;
};

/** Operations that are not behind the user bearer token: public ones, and Prometheus's own token. */
const SECURITY: Record<string, unknown[]> = { '/health': [], '/ready': [], '/metrics': [{ 'metrics-token': [] }], '/auth/dev-users': [], '/auth/dev-token': [], '/console/config': [] };

/** Operations that declare exactly the errors they can give (ApiStandardErrors), instead of the derived set. */
const OWN_ERRORS: Record<string, string[]> = {
  'GET /ready': ['503'],
  'GET /console/config': [],
  'GET /metrics': ['401', '404'],
  'GET /auth/me': ['401', '503'],
  'GET /auth/dev-users': ['404', '503'],
  'POST /auth/dev-token': ['400', '404', '413', '415', '429', '503'],
};

/**
 * What the served OpenAPI document promises, checked on the document itself (the fuzzing test checks
 * the API against it). Built around dependencies that are never connected: no server is needed.
 */
describe('the OpenAPI document', () => {
  let app: INestApplication;
  let doc: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, { properties?: Record<string, Record<string, unknown>>; additionalProperties?: unknown }> } };
  const operations = () => Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })));

  beforeAll(async () => {
    const config = loadConfig({ LOG_LEVEL: 'silent', JWT_SECRET: 'documenting-the-api-only-0123456789abc' });
    app = await createApiApp({
      config,
      dataSource: createDataSource('postgresql://unused@127.0.0.1:1/unused'),
      temporal: new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) }),
    });
    await app.init();
    doc = (await request(app.getHttpServer()).get('/openapi.json').expect(200)).body;
  });
  afterAll(() => app.close());

  it('declares bearer security on every operation but the public ones', () => {
    for (const { path, op } of operations()) {
      expect([path, op.security]).toEqual([path, SECURITY[path] ?? [{ bearer: [] }]]);
    }
  });

  it('documents the error answers of every operation with the ErrorResponse body, and Retry-After on 503 and 429', () => {
    for (const { path, method, op } of operations()) {
      if (path === '/health') continue;
      const codes = Object.keys(op.responses);
      const own = OWN_ERRORS[`${method.toUpperCase()} ${path}`];
      if (own) expect([path, codes.filter((c) => c >= '400').sort()]).toEqual([path, own]);
      else {
        expect([path, method, codes]).toEqual([path, method, expect.arrayContaining(path === '/ready' ? ['503'] : ['400', '401', '403', '503'])]);
        if (method !== 'get') expect([path, codes]).toEqual([path, expect.arrayContaining(['409', '413', '415', '422', '429'])]);
      }
      for (const code of codes.filter((c) => c >= '400')) {
        expect(op.responses[code].content?.['application/json'].schema.$ref).toBe('#/components/schemas/ErrorResponse');
      }
      for (const code of ['503', '429'].filter((c) => codes.includes(c))) expect(op.responses[code].headers).toHaveProperty('Retry-After');
    }
  });

  it("states the validators' constraints in the schemas", () => {
    const create = doc.components.schemas.CreateEscalationDto;
    expect(create.additionalProperties).toBe(false);
    expect(create.properties!.sellerId).toMatchObject({ pattern: '^[A-Za-z0-9._-]+$', minLength: 1, maxLength: 100 });
    expect(create.properties!.language).toMatchObject({ nullable: true });
    expect(doc.components.schemas.ExtendSlaDto.properties!.byMinutes).toMatchObject({ type: 'integer', minimum: 1, maximum: 43200 });
    const limit = doc.paths['/escalations'].get.parameters!.find((p) => p.name === 'limit');
    expect(limit?.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 100 });
    const severity = doc.paths['/escalations'].get.parameters!.find((p) => p.name === 'severity');
    expect(severity?.schema).toMatchObject({ type: 'array', items: { enum: ['low', 'medium', 'high', 'critical'] } });
    expect(doc.paths['/escalations/{id}'].get.parameters!.find((p) => p.name === 'id')?.schema).toMatchObject({ format: 'uuid' });
  });

  it('serves date examples that are still valid: in the future, within 30 days', () => {
    const now = Date.now();
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      for (const [field, property] of Object.entries(schema.properties ?? {})) {
        // Request schemas only (they refuse unknown fields); a filter's example (created after …) never expires.
        if (property.format !== 'date-time' || property.example === undefined || schema.additionalProperties !== false) continue;
        const at = Date.parse(String(property.example));
        expect([name, field, at > now && at - now < 30 * 24 * 3_600_000]).toEqual([name, field, true]);
      }
    }
    expect(doc.components.schemas.RequestInfoDto.properties!.deadline.example).toEqual(expect.any(String));
  });
});
