import type { ApiMetrics } from './api-metrics';

/** The app's Prometheus registry and HTTP instruments (an injection token; one instance per app). */
export abstract class PrometheusMetrics {
  abstract readonly api: ApiMetrics;
}
