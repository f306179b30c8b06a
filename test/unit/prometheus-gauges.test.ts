import { Registry } from 'prom-client';
import { createApiMetrics, HTTP_DURATION, HTTP_REQUESTS, requestLabels } from '../../api/prometheus/api-metrics';
import { checkMetricsToken } from '../../api/prometheus/metrics-token';
import { READ_MODEL_METRICS, ReadModelGauges, type ReadModelSnapshot } from '../../api/prometheus/read-model-gauges';

const snapshot: ReadModelSnapshot = {
  cases: [
    { kind: 'escalation', state: 'in_progress', count: 3 },
    { kind: 'escalation', state: 'closed', count: 10 },
  ],
  openBreached: [{ kind: 'escalation', count: 1 }],
  clocks: [
    { clock: 'resolution', status: 'running', count: 2, overdue: 1 },
    { clock: 'resolution', status: 'paused', count: 1, overdue: 0 },
    { clock: 'first_response', status: 'breached', count: 1, overdue: 0 },
  ],
  handoffs: [{ team: 'legal', open: 2, overdue: 1 }],
  qa: [
    { decisionKind: 'escalation_resolution', status: 'not_sampled', count: 19 },
    { decisionKind: 'escalation_resolution', status: 'awaiting_review', count: 1 },
  ],
};

/** A registry with the gauges, a loader we control and a clock we move. */
function setup(load: () => Promise<ReadModelSnapshot>, opts: { ttlMs?: number; timeoutMs?: number } = {}) {
  let now = 1_000_000;
  const registry = new Registry();
  const calls = { n: 0 };
  const errors: unknown[] = [];
  new ReadModelGauges(
    registry,
    () => {
      calls.n += 1;
      return load();
    },
    { ttlMs: opts.ttlMs ?? 10_000, timeoutMs: opts.timeoutMs ?? 1_000, now: () => now, onError: (e) => errors.push(e) },
  );
  return { registry, calls, errors, advance: (ms: number) => (now += ms), scrape: () => registry.metrics() };
}

describe('read-model gauges', () => {
  it('exposes the snapshot as gauges with kind, state, clock, status and team labels', async () => {
    const { scrape } = setup(async () => snapshot);
    const text = await scrape();
    expect(text).toContain('riskdesk_cases{kind="escalation",state="in_progress"} 3');
    expect(text).toContain('riskdesk_cases{kind="escalation",state="closed"} 10');
    expect(text).toContain('riskdesk_cases_open_breached{kind="escalation"} 1');
    expect(text).toContain('riskdesk_sla_clocks_open{clock="resolution",status="paused"} 1');
    expect(text).toContain('riskdesk_sla_clocks_overdue{clock="resolution"} 1');
    expect(text).toContain('riskdesk_handoffs_open{team="legal"} 2');
    expect(text).toContain('riskdesk_handoffs_overdue{team="legal"} 1');
    expect(text).toContain('riskdesk_qa_decisions{decision_kind="escalation_resolution",status="not_sampled"} 19');
    expect(text).toContain('riskdesk_qa_decisions{decision_kind="escalation_resolution",status="awaiting_review"} 1');
    expect(text).toContain('riskdesk_read_model_up 1');
    expect(text).toContain('riskdesk_read_model_refresh_failures_total 0');
  });

  it('asks the database once per cache period, however many scrapes and gauges ask', async () => {
    const { scrape, calls, advance } = setup(async () => snapshot, { ttlMs: 10_000 });
    await Promise.all([scrape(), scrape(), scrape()]);
    expect(calls.n).toBe(1);
    advance(9_999);
    await scrape();
    expect(calls.n).toBe(1);
    advance(1);
    await scrape();
    expect(calls.n).toBe(2);
  });

  it('on a failure shows up 0 and no stale series, counts it, does not retry within the cache period, then recovers', async () => {
    let fail = true;
    const { scrape, calls, errors, advance } = setup(async () => {
      if (fail) throw new Error('connection refused');
      return snapshot;
    });
    let text = await scrape();
    expect(text).toContain('riskdesk_read_model_up 0');
    expect(text).toContain('riskdesk_read_model_refresh_failures_total 1');
    expect(text).not.toMatch(/^riskdesk_cases\{/m);
    expect(errors).toHaveLength(1);
    await scrape();
    expect(calls.n).toBe(1);
    fail = false;
    advance(10_000);
    text = await scrape();
    expect(text).toContain('riskdesk_read_model_up 1');
    expect(text).toContain('riskdesk_cases{kind="escalation",state="closed"} 10');
  });

  it('gives up on a refresh that hangs past the timeout, and the scrape still answers', async () => {
    const { scrape, errors } = setup(() => new Promise<ReadModelSnapshot>(() => undefined), { timeoutMs: 30 });
    const text = await scrape();
    expect(text).toContain('riskdesk_read_model_up 0');
    expect(String(errors[0])).toMatch(/longer than 30 ms/);
  });

  it('names every gauge it registers in READ_MODEL_METRICS', async () => {
    const { registry } = setup(async () => snapshot);
    expect(registry.getMetricsAsArray().map((m) => m.name).sort()).toEqual(Object.values(READ_MODEL_METRICS).sort());
  });
});

describe('HTTP metrics', () => {
  it('labels requests by method, route template and status; unusual methods and unmatched routes collapse', () => {
    expect(requestLabels('GET', '/cases/:id', 404)).toEqual({ method: 'GET', route: '/cases/:id', status: '404' });
    expect(requestLabels('BREW', undefined, 404)).toEqual({ method: 'other', route: 'unmatched', status: '404' });
  });

  it('registers the request counter, the latency histogram and the process metrics in a registry of its own', async () => {
    const a = createApiMetrics();
    const b = createApiMetrics();
    a.requests.inc(requestLabels('GET', '/teams', 200));
    const names = a.registry.getMetricsAsArray().map((m) => m.name);
    expect(names).toEqual(expect.arrayContaining([HTTP_REQUESTS, HTTP_DURATION, 'process_cpu_seconds_total', 'nodejs_eventloop_lag_seconds']));
    expect(await a.registry.metrics()).toContain('riskdesk_http_requests_total{method="GET",route="/teams",status="200"} 1');
    expect(await b.registry.metrics()).not.toContain('route="/teams"');
  });
});

describe('the metrics token', () => {
  const token = 'a'.repeat(40);
  it.each([
    [undefined, /missing Authorization header/],
    ['Basic abc', /malformed Authorization header/],
    [`Bearer ${'b'.repeat(40)}`, /wrong metrics token/],
    [`Bearer ${token}x`, /wrong metrics token/],
  ])('refuses %s', (header, reason) => {
    const check = checkMetricsToken(header, token);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toMatch(reason);
  });

  it('accepts the token', () => {
    expect(checkMetricsToken(`Bearer ${token}`, token)).toEqual({ ok: true });
  });
});
