import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * The API process's Prometheus metrics, in a registry of its own (not prom-client's global one), so
 * every app instance (tests build several in one process) counts only its own requests. No Nest here:
 * the deploy test enumerates these names to check the Grafana dashboard against them.
 */
export const HTTP_REQUESTS = 'riskdesk_http_requests_total';
export const HTTP_DURATION = 'riskdesk_http_request_duration_seconds';

/** Seconds. Updates that wait for their workflow take seconds, so the buckets reach 30 s. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** The route a request matched, as a template (`/escalations/:id`), never the raw path: no ids in labels. */
export const UNMATCHED_ROUTE = 'unmatched';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export interface ApiMetrics {
  registry: Registry;
  requests: Counter<'method' | 'route' | 'status'>;
  duration: Histogram<'method' | 'route' | 'status'>;
}

export function createApiMetrics(): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const labelNames = ['method', 'route', 'status'] as const;
  return {
    registry,
    requests: new Counter({ name: HTTP_REQUESTS, help: 'HTTP requests answered, by method, route template and status', labelNames, registers: [registry] }),
    duration: new Histogram({
      name: HTTP_DURATION,
      help: 'Time to answer an HTTP request, in seconds, by method, route template and status',
      labelNames,
      buckets: DURATION_BUCKETS,
      registers: [registry],
    }),
  };
}

/** Labels of one answered request; an unusual method is `other`, so a client cannot mint series. */
export function requestLabels(method: string, route: string | undefined, status: number): Record<'method' | 'route' | 'status', string> {
  return { method: METHODS.has(method) ? method : 'other', route: route ?? UNMATCHED_ROUTE, status: String(status) };
}
