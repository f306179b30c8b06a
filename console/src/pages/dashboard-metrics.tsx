import type { ComponentChildren } from 'preact';
import { MetricChart } from '../components/MetricChart';
import { ErrorMessage, Loading, Panel } from '../components/common';
import type { Bucket } from '../lib/dashboard-period';
import { words } from '../lib/format';
import type { Resource } from '../lib/hooks';
import {
  attainmentShort,
  attainmentSummary,
  backlogAgeChart,
  backlogSummary,
  categoryChart,
  countBars,
  durationChart,
  durationSummary,
  handoffLateChart,
  handoffSummary,
  handoffTurnaroundChart,
  loadChart,
  ratesChart,
  ratesSummary,
  rootCauseChart,
  slaByClockChart,
  slaBySeverityChart,
  volumeChart,
} from '../lib/metric-series';
import type { BacklogMetrics, BreachMetrics, HandoffMetrics, ResponseTimes, SlaMetrics, VolumeMetrics } from '../lib/metrics-types';
import type { Workload } from '../lib/types';

/** An answer together with the query it answers, so a panel can say which period it shows. */
export interface Loaded<T> {
  query: string;
  data: T;
}
export type MetricResource<T> = Resource<Loaded<T> | undefined>;

export interface DashboardData {
  sla: MetricResource<SlaMetrics>;
  times: MetricResource<ResponseTimes>;
  volume: MetricResource<VolumeMetrics>;
  breaches: MetricResource<BreachMetrics>;
  handoffs: MetricResource<HandoffMetrics>;
  backlog: MetricResource<BacklogMetrics>;
  workload: MetricResource<Workload>;
}

/** Tall enough for the chart, its legend and the data table's summary, so nothing moves when data arrives. */
const PANEL_HEIGHT = 400;

/**
 * One metric's panel: its space is kept while it loads; a failed request shows the API's message in
 * place of the chart (the other panels carry on). `data-state` and `data-query` say what it shows.
 */
function MetricPanel<T>({ id, title, resource, children }: { id: string; title: string; resource: MetricResource<T>; children: (data: T) => ComponentChildren }) {
  const { data, error, loading } = resource;
  const state = error ? 'error' : loading || !data ? 'loading' : 'ready';
  return (
    <Panel title={title} id={`metric-${id}`} minHeight={PANEL_HEIGHT}>
      <div class="metric-body" aria-busy={state === 'loading'} data-state={state} data-query={data && !error ? data.query : undefined}>
        {error ? <ErrorMessage error={error} prefix="This chart could not be loaded" /> : data ? children(data.data) : <Loading rows={5} />}
      </div>
    </Panel>
  );
}

function Hint({ children }: { children: ComponentChildren }) {
  return <p class="hint metric-hint">{children}</p>;
}

/** The charts of the metrics API for the chosen period, then the backlog and staffing as of now. */
export function MetricPanels({ data, bucket }: { data: DashboardData; bucket: Bucket }) {
  const b = bucket;
  return (
    <>
      <h2 class="section-title">Service levels</h2>
      <div class="metric-grid">
        <MetricPanel id="sla" title="SLA attainment, by clock" resource={data.sla}>
          {(sla) => (
            <>
              <MetricChart title="SLA attainment, by clock" kind="lines" data={slaByClockChart(sla, b)} />
              <Hint>
                Over the period: {attainmentSummary(sla.totals)}. Not counted: {sla.excluded.sellerClock} seller deadlines, {sla.excluded.cancelled} cancelled clocks.
              </Hint>
            </>
          )}
        </MetricPanel>
        <MetricPanel id="sla-severity" title="SLA attainment, by severity" resource={data.sla}>
          {(sla) => (
            <>
              <MetricChart title="SLA attainment, by severity" kind="lines" data={slaBySeverityChart(sla, b)} />
              <Hint>Over the period: {sla.bySeverity.map((s) => `${words(s.severity)} ${attainmentShort(s)}`).join(', ')}.</Hint>
            </>
          )}
        </MetricPanel>
        <MetricPanel id="first-response" title="Time to first response" resource={data.times}>
          {(t) => (
            <>
              <MetricChart title="Time to first response" kind="lines" data={durationChart(t.firstResponse, b)} />
              <Hint>{durationSummary(t.firstResponse)}</Hint>
            </>
          )}
        </MetricPanel>
        <MetricPanel id="resolution" title="Time to resolution" resource={data.times}>
          {(t) => (
            <>
              <MetricChart title="Time to resolution" kind="lines" data={durationChart(t.resolution, b)} />
              <Hint>
                {durationSummary(t.resolution)} Reopened: {t.reopened.total}.
              </Hint>
            </>
          )}
        </MetricPanel>
        <MetricPanel id="rates" title="Breach and escalation rates" resource={data.breaches}>
          {(r) => (
            <>
              <MetricChart title="Breach and escalation rates of completed cases" kind="lines" data={ratesChart(r, b)} />
              <Hint>{ratesSummary(r.totals)}</Hint>
            </>
          )}
        </MetricPanel>
      </div>

      <h2 class="section-title">Volume and root causes</h2>
      <div class="metric-grid">
        <MetricPanel id="volume" title="Cases created and completed" resource={data.volume}>
          {(v) => (
            <>
              <MetricChart title="Cases created and completed" kind="bars" data={volumeChart(v, b)} />
              <Hint>
                Over the period: {v.created.total} created, {v.completed.total} completed.
              </Hint>
            </>
          )}
        </MetricPanel>
        <MetricPanel id="categories" title="Escalations created, by category" resource={data.volume}>
          {(v) => (
            <>
              <MetricChart title="Escalations created, by category" kind="lines" data={categoryChart(v, b)} />
              <Hint>Escalations only: other kinds have no category. The table lists every category with a case.</Hint>
            </>
          )}
        </MetricPanel>
        <MetricPanel id="root-causes" title="Escalations completed, by root cause" resource={data.volume}>
          {(v) => (
            <>
              <MetricChart title="Escalations completed, by root cause" kind="lines" data={rootCauseChart(v, b)} />
              <Hint>The trend to fix causes upstream. Unrecorded: completed without a root cause.</Hint>
            </>
          )}
        </MetricPanel>
      </div>

      <h2 class="section-title">Handoffs</h2>
      <div class="metric-grid">
        <MetricPanel id="handoff-turnaround" title="Handoff turnaround, by answering team" resource={data.handoffs}>
          {(h) => (
            <>
              <MetricChart title="Median handoff turnaround, by answering team" kind="lines" data={handoffTurnaroundChart(h, b)} />
              <Hint>{handoffSummary(h)}</Hint>
            </>
          )}
        </MetricPanel>
        <MetricPanel id="handoff-late" title="Handoffs answered late, by answering team" resource={data.handoffs}>
          {(h) => (
            <>
              <MetricChart title="Handoffs answered after their deadline, by answering team" kind="lines" data={handoffLateChart(h, b)} />
              <Hint>Late: answered after the handoff's own SLA deadline.</Hint>
            </>
          )}
        </MetricPanel>
      </div>

      <h2 class="section-title">Backlog and staffing now</h2>
      <div class="metric-grid">
        <MetricPanel id="backlog-age" title="Open cases by age" resource={data.backlog}>
          {(bl) => (
            <>
              <MetricChart title="Open cases by age" kind="bars" data={backlogAgeChart(bl)} />
              <Hint>{backlogSummary(bl)}</Hint>
            </>
          )}
        </MetricPanel>
        <MetricPanel id="backlog-state" title="Open cases by state and severity" resource={data.backlog}>
          {(bl) => (
            <div class="count-tables">
              <CountTable title="Open cases by state" rowHeader="State" counts={Object.entries(bl.byState)} />
              <CountTable title="Open cases by severity" rowHeader="Severity" counts={bl.bySeverity.map((s) => [s.severity, s.open])} />
            </div>
          )}
        </MetricPanel>
        <MetricPanel id="load" title="Load against capacity" resource={data.workload}>
          {(w) => (
            <>
              <MetricChart title="Load against capacity" kind="bars" data={loadChart(w)} />
              <Hint>
                Staffing:{' '}
                {w.staffing.peopleNeeded === null
                  ? `no estimate (${words(w.staffing.status)})`
                  : `${w.staffing.peopleNeeded} people needed, ${w.staffing.additionalPeople} more than available`}{' '}
                at the pace of the last {w.flow.days} days (the Team page shows the arithmetic).
              </Hint>
            </>
          )}
        </MetricPanel>
      </div>
    </>
  );
}

/** Counts by name as a table whose bars only repeat the number beside them. */
function CountTable({ title, rowHeader, counts }: { title: string; rowHeader: string; counts: Array<[string, number]> }) {
  return (
    <table class="count-table">
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">{rowHeader}</th>
          <th scope="col">Open</th>
        </tr>
      </thead>
      <tbody>
        {countBars(counts).map((r) => (
          <tr key={r.key} data-key={r.key}>
            <th scope="row">{r.label}</th>
            <td data-value={String(r.count)}>
              <span class="count-bar" aria-hidden="true" style={{ width: `${(r.width * 8).toFixed(2)}rem` }} />
              <span class="count-number">{r.count}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
