import type { ComponentChildren } from 'preact';
import { BarChart } from '../components/BarChart';
import { day } from '../lib/format';
import type { Workload } from '../lib/types';

/**
 * The dashboard's metric panels. Each is a title and a renderer over the data the dashboard loaded;
 * a new metric (for instance SLA attainment, once the metrics API exists) is one more entry here.
 */
export interface MetricPanel {
  id: string;
  title: string;
  render: (data: { workload: Workload }) => ComponentChildren;
}

const BLUE = '#1f5fa8';
const ORANGE = '#b35900';
const GREY = '#5c6670';

export const METRIC_PANELS: MetricPanel[] = [
  {
    id: 'flow',
    title: 'Arrivals and completions per day',
    render: ({ workload: w }) => (
      <>
        <BarChart
          title="Arrivals and completions per day"
          categories={w.flow.series.map((d) => day(d.to))}
          series={[
            { label: 'Arrivals', values: w.flow.series.map((d) => d.arrivals), color: ORANGE },
            { label: 'Completions', values: w.flow.series.map((d) => d.completions), color: BLUE },
          ]}
          yLabel="Cases"
        />
        <p class="hint">
          {w.flow.totals.arrivals} arrived, {w.flow.totals.completions} completed in {w.flow.days} days (net {w.flow.totals.net >= 0 ? '+' : ''}
          {w.flow.totals.net}: {w.flow.totals.net >= 0 ? 'the backlog shrank or held' : 'the backlog grew'}).
        </p>
      </>
    ),
  },
  {
    id: 'backlog',
    title: 'Open cases by age',
    render: ({ workload: w }) => {
      const buckets = ['<1d', '1-3d', '3-7d', '>7d'] as const;
      return (
        <>
          <BarChart title="Open cases by age" categories={[...buckets]} series={[{ label: 'Open cases', values: buckets.map((b) => w.backlog.byAge[b]), color: GREY }]} yLabel="Cases" />
          <p class="hint">
            {w.backlog.total} open: {w.backlog.byKind.map((k) => `${k.total} ${k.kind.replace(/_/g, ' ')}`).join(', ') || 'none'}.
          </p>
        </>
      );
    },
  },
  {
    id: 'load',
    title: 'Load against capacity',
    render: ({ workload: w }) => {
      const workers = w.members.filter((m) => m.capacity > 0 || m.activeCases > 0);
      return (
        <BarChart
          title="Load against capacity"
          categories={workers.map((m) => m.displayName.split(' ')[0])}
          series={[
            { label: 'Active cases', values: workers.map((m) => m.activeCases), color: ORANGE },
            { label: 'Capacity', values: workers.map((m) => m.capacity), color: BLUE },
          ]}
          yLabel="Cases"
        />
      );
    },
  },
];
