import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { AppConfig } from '../../config/env';
import { DomainError, ErrorCode } from './error-codes';
import { sendError } from './http-error.filter';

const BODY_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];
const JSON_TYPE = /^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i;

/**
 * What every request meets before any route, set up once at bootstrap: security headers (helmet),
 * CORS closed unless CORS_ORIGINS names origins, JSON bodies only (415 otherwise), at most BODY_LIMIT_KB
 * (413), and 405 with `Allow` for a method a known path does not take. Each refusal has the error body.
 */
export function applyHttpHardening(app: INestApplication, config: AppConfig, routes: () => OpenAPIObject | undefined): void {
  const http = app.getHttpAdapter().getInstance() as express.Express;
  http.disable('x-powered-by');
  // Helmet's defaults, except upgrading requests to https: `npm start` serves the docs over plain http.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  if (config.CORS_ORIGINS.length) {
    app.enableCors({
      origin: config.CORS_ORIGINS,
      methods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'],
      exposedHeaders: ['Retry-After', 'X-Request-Id'],
      maxAge: 600,
    });
  }
  app.use(methodNotAllowed(routes, config.CORS_ORIGINS.length > 0));
  app.use(requireJson);
  const parse = express.json({ limit: config.BODY_LIMIT_KB * 1024, strict: true });
  app.use((req: Request, res: Response, next: NextFunction) => parse(req, res, (err?: unknown) => (err ? sendError(err, req, res) : next())));
}

/** A body must be JSON; a request without a body (most actions) needs no Content-Type. */
function requireJson(req: Request, res: Response, next: NextFunction): void {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (!BODY_METHODS.includes(req.method) || !hasBody) return next();
  const type = req.headers['content-type'];
  if (type && JSON_TYPE.test(type)) return next();
  sendError(
    new DomainError(ErrorCode.UnsupportedMediaType, `the request body must be application/json, not ${type ? `'${type.slice(0, 100)}'` : 'untyped'}`, {
      contentType: type?.slice(0, 100) ?? null,
    }),
    req,
    res,
  );
}

interface RouteMethods {
  pattern: RegExp;
  methods: string[];
}

/**
 * 405 for a method a documented path does not take (TRACE, PUT on a read, ...), with the methods it
 * does take in `Allow`. Paths come from the OpenAPI document, so a new route is covered at once;
 * unknown paths fall through to the 404.
 */
function methodNotAllowed(document: () => OpenAPIObject | undefined, cors: boolean) {
  let table: RouteMethods[] | undefined;
  return (req: Request, res: Response, next: NextFunction): void => {
    const doc = document();
    if (!doc) return next();
    table ??= routeTable(doc, cors);
    const route = table.find((r) => r.pattern.test(req.path));
    if (!route || route.methods.includes(req.method)) return next();
    const allow = route.methods;
    sendError(new DomainError(ErrorCode.MethodNotAllowed, `${req.method} is not allowed on ${req.path}; allowed: ${allow.join(', ')}`, { allow }), req, res);
  };
}

function routeTable(doc: OpenAPIObject, cors: boolean): RouteMethods[] {
  return Object.entries(doc.paths).map(([path, item]) => {
    const methods = ['get', 'put', 'post', 'delete', 'patch'].filter((m) => m in item).map((m) => m.toUpperCase());
    if (methods.includes('GET')) methods.push('HEAD');
    // Preflight requests are answered by the CORS middleware when CORS is open.
    if (cors) methods.push('OPTIONS');
    const pattern = new RegExp(`^${path.split(/\{[^}]+\}/).map(escapeRegExp).join('[^/]+')}/?$`);
    return { pattern, methods };
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
