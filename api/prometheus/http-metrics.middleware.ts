import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { requestLabels } from './api-metrics';
import { PrometheusMetrics } from './prometheus-metrics';

/**
 * Counts and times every request once its answer is sent, including those a guard, a pipe or the
 * router refused. The route label is the template Express matched (`req.route.path`, known by the
 * time the response finishes), so `/cases/7d7c…` counts as `/cases/:id`. Nest mounts this middleware
 * as a catch-all route of its own; a request no controller matched still carries that route, and
 * counts as `unmatched`.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: PrometheusMetrics) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const stop = this.metrics.api.duration.startTimer();
    const mountedAs = routeOf(req);
    res.once('finish', () => {
      const matched = routeOf(req);
      const path = matched !== mountedAs && typeof matched?.path === 'string' ? `${req.baseUrl}${matched.path}` : undefined;
      const labels = requestLabels(req.method, path, res.statusCode);
      this.metrics.api.requests.inc(labels);
      stop(labels);
    });
    next();
  }
}

function routeOf(req: Request): { path?: unknown } | undefined {
  return (req as Request & { route?: { path?: unknown } }).route;
}
