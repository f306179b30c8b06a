import { Counter, Gauge, type Registry } from 'prom-client';

/** What the gauges show, read from the read model in one go (read-model.repository.ts). */
export interface ReadModelSnapshot {
  /** Every case, by kind and state. */
  cases: Array<{ kind: string; state: string; count: number }>;
  /** Open cases that breached a team SLA, by kind. */
  openBreached: Array<{ kind: string; count: number }>;
  /** SLA clocks not stopped yet (running, paused, breached and still open), by clock kind and status; overdue: running past the deadline. */
  clocks: Array<{ clock: string; status: string; count: number; overdue: number }>;
  /** Open handoffs by addressed team; overdue: past their due time. */
  handoffs: Array<{ team: string; open: number; overdue: number }>;
  /** Decisions' QA outcomes (qa_decisions) by decision kind and status. */
  qa: Array<{ decisionKind: string; status: string; count: number }>;
}

export const READ_MODEL_METRICS = {
  cases: 'riskdesk_cases',
  openBreached: 'riskdesk_cases_open_breached',
  clocksOpen: 'riskdesk_sla_clocks_open',
  clocksOverdue: 'riskdesk_sla_clocks_overdue',
  handoffsOpen: 'riskdesk_handoffs_open',
  handoffsOverdue: 'riskdesk_handoffs_overdue',
  qaDecisions: 'riskdesk_qa_decisions',
  up: 'riskdesk_read_model_up',
  refreshSeconds: 'riskdesk_read_model_refresh_seconds',
  failures: 'riskdesk_read_model_refresh_failures_total',
} as const;

export interface ReadModelGaugeOptions {
  /** A snapshot younger than this is served from memory: scrapes cannot hammer the database. */
  ttlMs: number;
  /** A refresh slower than this fails (the database is also told, by a statement timeout). */
  timeoutMs: number;
  onError?: (err: unknown) => void;
  now?: () => number;
}

export const DEFAULT_READ_MODEL_GAUGE_OPTIONS = { ttlMs: 10_000, timeoutMs: 3_000 } as const;

/**
 * Gauges computed from the read model when Prometheus scrapes: one refresh at a time, cached for
 * `ttlMs` (failures too, so a struggling database is not asked again at once), bounded by
 * `timeoutMs`. When the last refresh failed, `riskdesk_read_model_up` is 0 and the read-model gauges
 * have no series, rather than stale numbers that look current.
 */
export class ReadModelGauges {
  private cached: { at: number; snapshot: ReadModelSnapshot | null } | null = null;
  private inflight: Promise<void> | null = null;
  private readonly failures: Counter;
  private lastRefreshSeconds = 0;
  private readonly now: () => number;

  constructor(
    registry: Registry,
    private readonly load: (timeoutMs: number) => Promise<ReadModelSnapshot>,
    private readonly options: ReadModelGaugeOptions = DEFAULT_READ_MODEL_GAUGE_OPTIONS,
  ) {
    this.now = options.now ?? Date.now;
    const registers = [registry];
    const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[], fill: (g: Gauge<L>, s: ReadModelSnapshot) => void) => {
      const current = () => this.current();
      return new Gauge<L>({
        name,
        help,
        labelNames,
        registers,
        async collect() {
          const snapshot = await current();
          this.reset();
          if (snapshot) fill(this, snapshot);
        },
      });
    };
    const M = READ_MODEL_METRICS;
    gauge(M.cases, 'Cases by kind and state', ['kind', 'state'], (g, s) => s.cases.forEach((r) => g.set({ kind: r.kind, state: r.state }, r.count)));
    gauge(M.openBreached, 'Open cases that breached a team SLA, by kind', ['kind'], (g, s) => s.openBreached.forEach((r) => g.set({ kind: r.kind }, r.count)));
    gauge(M.clocksOpen, 'SLA clocks not stopped (running, paused, breached), by clock kind and status', ['clock', 'status'], (g, s) =>
      s.clocks.forEach((r) => g.set({ clock: r.clock, status: r.status }, r.count)),
    );
    gauge(M.clocksOverdue, 'Running SLA clocks past their deadline whose breach is not recorded yet, by clock kind', ['clock'], (g, s) => {
      const overdue = new Map<string, number>();
      for (const r of s.clocks) if (r.status === 'running') overdue.set(r.clock, (overdue.get(r.clock) ?? 0) + r.overdue);
      overdue.forEach((n, clock) => g.set({ clock }, n));
    });
    gauge(M.handoffsOpen, 'Open handoffs by addressed team', ['team'], (g, s) => s.handoffs.forEach((r) => g.set({ team: r.team }, r.open)));
    gauge(M.handoffsOverdue, 'Open handoffs past their due time, by addressed team', ['team'], (g, s) => s.handoffs.forEach((r) => g.set({ team: r.team }, r.overdue)));
    gauge(M.qaDecisions, 'Decisions by QA outcome (not_sampled, awaiting_review, adjudicating, agreed, adjudicated), by decision kind', ['decision_kind', 'status'], (g, s) =>
      s.qa.forEach((r) => g.set({ decision_kind: r.decisionKind, status: r.status }, r.count)),
    );

    const self = this;
    new Gauge({
      name: M.up,
      help: '1 when the last read-model refresh succeeded, 0 when it failed or timed out',
      registers,
      async collect() {
        this.set((await self.current()) ? 1 : 0);
      },
    });
    new Gauge({
      name: M.refreshSeconds,
      help: 'How long the last read-model refresh took (successful or not), in seconds',
      registers,
      async collect() {
        await self.current();
        this.set(self.lastRefreshSeconds);
      },
    });
    this.failures = new Counter({
      name: M.failures,
      help: 'Read-model refreshes that failed or timed out',
      registers,
      // Serialised beside the gauges: wait for the refresh they started, so a failure shows in this scrape.
      async collect() {
        await self.current();
      },
    });
  }

  /** The snapshot, at most `ttlMs` old; null when the last refresh failed. */
  async current(): Promise<ReadModelSnapshot | null> {
    if (this.cached && this.now() - this.cached.at < this.options.ttlMs) return this.cached.snapshot;
    this.inflight ??= this.refresh().finally(() => {
      this.inflight = null;
    });
    await this.inflight;
    return this.cached?.snapshot ?? null;
  }

  private async refresh(): Promise<void> {
    const started = this.now();
    try {
      const snapshot = await withTimeout(this.load(this.options.timeoutMs), this.options.timeoutMs);
      this.cached = { at: this.now(), snapshot };
    } catch (err) {
      this.failures.inc();
      this.cached = { at: this.now(), snapshot: null };
      this.options.onError?.(err);
    } finally {
      this.lastRefreshSeconds = (this.now() - started) / 1000;
    }
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  // The work may still fail after the timeout has answered; that failure is already accounted for.
  work.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`read-model refresh took longer than ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
