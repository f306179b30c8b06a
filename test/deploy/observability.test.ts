import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { createApiMetrics } from '../../api/prometheus/api-metrics';
import { ReadModelGauges } from '../../api/prometheus/read-model-gauges';
import { dashboardMetricNames, dashboards, ROOT } from '../support/observability';

/**
 * Prometheus and Grafana as docker compose runs them, checked by parsing (Docker does not run on our
 * machines): every scrape target is a compose service listening where Prometheus looks, the API's
 * token reaches Prometheus as a secret, Grafana's provisioning points at the files compose mounts, and
 * every metric a dashboard panel reads is one the API exports (the worker's Temporal SDK metrics are
 * checked against a live worker in test/e2e/worker-metrics.test.ts).
 */
type Service = {
  image?: string;
  environment?: Record<string, string>;
  volumes?: string[];
  secrets?: string[];
  ports?: string[];
};
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const compose = parse(read('docker-compose.yml')) as { services: Record<string, Service>; secrets?: Record<string, { environment?: string }> };
const prometheus = parse(read('deploy/prometheus/prometheus.yml')) as {
  scrape_configs: Array<{ job_name: string; metrics_path?: string; authorization?: { type?: string; credentials_file?: string }; static_configs: Array<{ targets: string[] }> }>;
};

/** Where a service serves metrics, from its compose environment. */
const LISTENS: Record<string, (env: Record<string, string>) => string | undefined> = {
  'riskdesk-api': (env) => env.PORT,
  'riskdesk-worker': (env) => env.WORKER_METRICS_ADDRESS?.split(':').pop(),
  temporal: (env) => env.PROMETHEUS_ENDPOINT?.split(':').pop(),
};

/** A compose bind mount `./host:container[:ro]` of a service, by container path. */
function mount(service: string, containerPath: string): string | undefined {
  const volume = (compose.services[service].volumes ?? []).find((v) => v.split(':')[1] === containerPath);
  return volume?.split(':')[0];
}

describe('Prometheus in docker compose', () => {
  const targets = prometheus.scrape_configs.flatMap((job) => job.static_configs.flatMap((c) => c.targets.map((t) => [job.job_name, t] as const)));

  it('scrapes the API, the worker and the Temporal server', () => {
    expect(targets.map(([, t]) => t.split(':')[0]).sort()).toEqual(['riskdesk-api', 'riskdesk-worker', 'temporal']);
  });

  it.each(targets)('%s: target %s is a compose service listening on that port', (_job, target) => {
    const [host, port] = target.split(':');
    const service = compose.services[host];
    expect(service).toBeDefined();
    expect(LISTENS[host](service.environment ?? {})).toBe(port);
  });

  it("presents the API's METRICS_TOKEN, passed to Prometheus as a compose secret", () => {
    const api = prometheus.scrape_configs.find((j) => j.job_name === 'riskdesk-api')!;
    expect(api.authorization).toEqual({ type: 'Bearer', credentials_file: '/run/secrets/metrics_token' });
    expect(compose.secrets?.metrics_token).toEqual({ environment: 'METRICS_TOKEN' });
    expect(compose.services.prometheus.secrets).toEqual(['metrics_token']);
    expect(compose.services['riskdesk-api'].environment?.METRICS_TOKEN).toMatch(/^\$\{METRICS_TOKEN:\?/);
  });

  it('keeps the worker and Temporal metrics off the host: only Prometheus and Grafana publish ports for monitoring', () => {
    expect(compose.services['riskdesk-worker'].ports ?? []).toEqual([]);
    expect(compose.services.temporal.ports).toEqual(['7233:7233']);
  });

  it('mounts the configuration file that exists in the repository', () => {
    const host = mount('prometheus', '/etc/prometheus/prometheus.yml');
    expect(host).toBe('./deploy/prometheus/prometheus.yml');
    expect(fs.existsSync(path.join(ROOT, host!))).toBe(true);
  });
});

describe('Grafana in docker compose', () => {
  const datasources = parse(read('deploy/grafana/provisioning/datasources/prometheus.yml')) as { datasources: Array<{ uid: string; type: string; url: string }> };
  const providers = parse(read('deploy/grafana/provisioning/dashboards/riskdesk.yml')) as { providers: Array<{ options: { path: string } }> };

  it('mounts the provisioning and the dashboards kept in deploy/grafana', () => {
    expect(mount('grafana', '/etc/grafana/provisioning')).toBe('./deploy/grafana/provisioning');
    expect(mount('grafana', providers.providers[0].options.path)).toBe('./deploy/grafana/dashboards');
    expect(compose.services.grafana.environment?.GF_SECURITY_ADMIN_PASSWORD).toMatch(/^\$\{GRAFANA_ADMIN_PASSWORD:\?/);
  });

  it('provisions the compose Prometheus as the data source', () => {
    const [ds] = datasources.datasources;
    expect(ds.type).toBe('prometheus');
    const url = new URL(ds.url);
    expect(compose.services[url.hostname]).toBeDefined();
    expect(compose.services.prometheus.ports).toEqual([`${url.port}:${url.port}`]);
  });

  it('has a dashboard whose every panel queries that data source', () => {
    const [ds] = datasources.datasources;
    const all = dashboards();
    expect(all.map((d) => d.file)).toContain('riskdesk.json');
    for (const { json } of all) {
      const ids = json.panels.map((p) => p.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const panel of json.panels.filter((p) => p.type !== 'row')) {
        expect(panel.datasource?.uid).toBe(ds.uid);
        expect(panel.targets?.length).toBeGreaterThan(0);
        for (const t of panel.targets ?? []) expect(t.expr.trim()).not.toBe('');
      }
    }
  });

  it('shows request rate, latency and errors, cases by state, open clocks and breaches, and worker slots and latency', () => {
    const names = [...dashboardMetricNames('riskdesk_'), ...dashboardMetricNames('temporal_')];
    expect(names).toEqual(
      expect.arrayContaining([
        'riskdesk_http_requests_total',
        'riskdesk_http_request_duration_seconds',
        'riskdesk_cases',
        'riskdesk_sla_clocks_open',
        'riskdesk_cases_open_breached',
        'temporal_worker_task_slots_available',
        'temporal_workflow_task_schedule_to_start_latency',
      ]),
    );
  });

  it('reads only metrics the API exports', () => {
    const { registry } = createApiMetrics();
    new ReadModelGauges(registry, () => new Promise(() => undefined));
    const exported = registry.getMetricsAsArray().map((m) => m.name);
    expect(exported.length).toBeGreaterThan(10);
    for (const prefix of ['riskdesk_', 'process_', 'nodejs_']) {
      for (const name of dashboardMetricNames(prefix)) expect(exported).toContain(name);
    }
  });
});
