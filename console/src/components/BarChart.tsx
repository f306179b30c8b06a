import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface BarSeries {
  label: string;
  values: number[];
  /** A CSS colour with enough contrast against white (the chart's background). */
  color: string;
}

export interface BarChartProps {
  /** Names the chart for screen readers and titles its data table. */
  title: string;
  categories: string[];
  series: BarSeries[];
  height?: number;
  yLabel?: string;
}

/**
 * Bars over named categories (days, age buckets, people), drawn by uPlot on a canvas of fixed height
 * (no layout shift), with the same numbers in a table for keyboard and screen-reader users.
 */
export function BarChart({ title, categories, series, height = 220, yLabel }: BarChartProps) {
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const n = series.length;
    const xs = categories.map((_, i) => i);
    const opts: uPlot.Options = {
      width: Math.max(el.clientWidth, 200),
      height,
      legend: { show: n > 1, live: false },
      cursor: { show: false },
      scales: {
        x: { time: false, range: [-0.5, categories.length - 0.5] },
        y: { range: (_u, _min, max) => [0, Math.max(1, Math.ceil(max * 1.15))] },
      },
      axes: [
        {
          splits: () => xs,
          // Every label when they fit; else every k-th, counted from the newest (the data table has them all).
          values: (u, splits) => {
            const step = Math.max(1, Math.ceil((categories.length * 56) / Math.max(u.bbox.width / devicePixelRatio, 1)));
            return splits.map((i) => ((categories.length - 1 - i) % step === 0 ? categories[i] ?? '' : ''));
          },
          gap: 4,
          size: 36,
          stroke: '#333',
          grid: { show: false },
        },
        { label: yLabel, stroke: '#333', grid: { stroke: '#e3e3e3' }, values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? String(v) : '')) },
      ],
      series: [
        {},
        ...series.map((s, i) => ({
          label: s.label,
          stroke: s.color,
          fill: s.color,
          width: 0,
          points: { show: false },
          paths: uPlot.paths.bars!({ size: [n > 1 ? 0.8 / n : 0.6, 48], align: (n === 1 ? 0 : i === 0 ? -1 : 1) as -1 | 0 | 1 }),
        })),
      ],
    };
    const plot = new uPlot(opts, [xs, ...series.map((s) => s.values)] as uPlot.AlignedData, el);
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(el.clientWidth, 200), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [JSON.stringify([categories, series]), height]);

  return (
    <figure class="chart">
      <div ref={box} class="chart-canvas" style={{ minHeight: `${height + (series.length > 1 ? 32 : 0)}px` }} role="img" aria-label={`${title}: bar chart; the data is in the table below`} />
      <details class="chart-data">
        <summary>Data: {title}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{yLabel ? 'Category' : ''}</th>
              {series.map((s) => (
                <th key={s.label} scope="col">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {categories.map((c, i) => (
              <tr key={c}>
                <th scope="row">{c}</th>
                {series.map((s) => (
                  <td key={s.label}>{s.values[i]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
