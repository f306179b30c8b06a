import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ChartData, DurationUnit } from '../lib/metric-series';
import { barFill, drawMarker } from './chart-drawing';
import { styleOf } from './chart-styles';

export interface MetricChartProps {
  /** Names the chart for screen readers and titles its data table. */
  title: string;
  data: ChartData;
  /** Lines for figures over time (a gap where a figure is null), bars for counts. */
  kind: 'lines' | 'bars';
  height?: number;
}

const UNIT_LABEL: Record<DurationUnit, string> = { minutes: 'Minutes', hours: 'Hours', days: 'Days' };

/**
 * A chart drawn by uPlot on a canvas of fixed height (no layout shift), with its own legend (each
 * series' colour together with a dash and a marker, or a fill pattern) and every number, in words, in
 * a table for keyboard and screen-reader users. A null figure leaves a gap; the table gives its reason.
 */
export function MetricChart({ title, data, kind, height = 220 }: MetricChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const legend = useRef<HTMLUListElement>(null);
  const drawn = data.empty ? [] : data.series;

  useEffect(() => {
    const el = box.current;
    if (!el || !drawn.length) return;
    const n = drawn.length;
    const count = data.categories.length;
    const xs = data.categories.map((_, i) => i);
    const max = Math.max(0, ...drawn.flatMap((s) => s.values.filter((v): v is number => v !== null)));
    const y = data.y;
    const opts: uPlot.Options = {
      width: Math.max(el.clientWidth, 200),
      height,
      legend: { show: false },
      cursor: { show: false },
      scales: {
        x: { time: false, range: [-0.5, count - 0.5] },
        y: { range: () => [0, y.kind === 'share' ? 1 : y.kind === 'count' ? Math.max(1, Math.ceil(max * 1.15)) : max > 0 ? max * 1.15 : 1] },
      },
      axes: [
        {
          splits: () => xs,
          // Every label when they fit; else every k-th, counted from the newest (the table has them all).
          values: (u, splits) => {
            const step = Math.max(1, Math.ceil((count * 56) / Math.max(u.bbox.width / devicePixelRatio, 1)));
            return splits.map((i) => ((count - 1 - i) % step === 0 ? (data.categories[i] ?? '') : ''));
          },
          gap: 4,
          size: 36,
          stroke: '#333',
          grid: { show: false },
        },
        {
          label: y.kind === 'duration' ? UNIT_LABEL[y.unit] : y.kind === 'count' ? 'Cases' : undefined,
          stroke: '#333',
          size: 52,
          grid: { stroke: '#e3e3e3' },
          values: (_u, splits) =>
            splits.map((v) => (y.kind === 'share' ? `${Math.round(v * 100)}%` : y.kind === 'count' ? (Number.isInteger(v) ? String(v) : '') : String(Math.round(v * 10) / 10))),
        },
      ],
      series: [
        {},
        ...drawn.map((s, i): uPlot.Series => {
          const style = styleOf(i);
          return kind === 'lines'
            ? { label: s.label, stroke: style.color, width: 2, dash: style.dash, points: { show: false } }
            : {
                label: s.label,
                stroke: style.color,
                fill: (u) => barFill(u.ctx, style.fill, style.color, devicePixelRatio),
                width: style.fill === 'solid' ? 0 : 1.5,
                paths: groupedBars(n, i),
                points: { show: false },
              };
        }),
      ],
      hooks:
        kind === 'lines'
          ? {
              draw: [
                (u) => {
                  // Markers on every point with a value: a lone figure between gaps stays visible.
                  drawn.forEach((s, si) => {
                    s.values.forEach((v, i) => {
                      if (v === null) return;
                      drawMarker(u.ctx, styleOf(si).marker, u.valToPos(i, 'x', true), u.valToPos(v, 'y', true), 4 * devicePixelRatio, styleOf(si).color);
                    });
                  });
                },
              ],
            }
          : {},
    };
    const plot = new uPlot(opts, [xs, ...drawn.map((s) => s.values)] as uPlot.AlignedData, el);
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(el.clientWidth, 200), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [JSON.stringify(data), kind, height]);

  useEffect(() => {
    legend.current?.querySelectorAll('canvas').forEach((c, i) => drawSwatch(c, kind, i));
  }, [drawn.length, kind]);

  return (
    <figure class="chart">
      {data.empty ? (
        <p class="chart-empty" style={{ height: `${height}px` }}>
          {data.empty}
        </p>
      ) : (
        <div ref={box} class="chart-canvas" style={{ height: `${height}px` }} role="img" aria-label={`${title}: ${kind === 'lines' ? 'line' : 'bar'} chart; the numbers are in the table below`} />
      )}
      <ul class="chart-legend" ref={legend} aria-hidden="true">
        {drawn.map((s) => (
          <li key={s.label}>
            <canvas width={28} height={14} />
            {s.label}
          </li>
        ))}
      </ul>
      {data.table.rows.length > 0 && (
        <details class="chart-data">
          <summary>Data: {title}</summary>
          <div class="table-scroll">
            <table>
              <caption class="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{data.table.rowHeader}</th>
                  {data.table.columns.map((c) => (
                    <th key={c} scope="col">
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.table.rows.map((r) => (
                  <tr key={r.key} data-key={r.key}>
                    <th scope="row">{r.label}</th>
                    {r.cells.map((c, i) => (
                      <td key={i} data-value={c.value === null ? '' : String(c.value)} class={c.value === null ? 'no-value' : undefined}>
                        {c.text}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </figure>
  );
}

/** Bars side by side in each category: series `slot` of `n` takes its share of 80% of the slot, up to 40 px. */
function groupedBars(n: number, slot: number): uPlot.Series.PathBuilder {
  return (u, seriesIdx, idx0, idx1) => {
    const path = new Path2D();
    const values = u.data[seriesIdx];
    const share = 0.8 / n;
    const base = u.valToPos(0, 'y', true);
    for (let i = idx0; i <= idx1; i++) {
      const v = values[i];
      if (v === null || v === undefined) continue;
      const left = u.valToPos(i - 0.4 + slot * share, 'x', true);
      const right = u.valToPos(i - 0.4 + (slot + 1) * share, 'x', true);
      const width = Math.min(right - left - 2 * devicePixelRatio, 40 * devicePixelRatio);
      const top = u.valToPos(v, 'y', true);
      path.rect((left + right - width) / 2, top, width, base - top);
    }
    return { stroke: path, fill: path };
  };
}

function drawSwatch(canvas: HTMLCanvasElement, kind: 'lines' | 'bars', i: number) {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const style = styleOf(i);
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  if (kind === 'lines') {
    ctx.strokeStyle = style.color;
    ctx.lineWidth = 2;
    ctx.setLineDash(style.dash);
    ctx.beginPath();
    ctx.moveTo(0, 7);
    ctx.lineTo(28, 7);
    ctx.stroke();
    drawMarker(ctx, style.marker, 14, 7, 4, style.color);
  } else {
    ctx.fillStyle = barFill(ctx, style.fill, style.color);
    ctx.fillRect(4, 1, 20, 12);
    ctx.strokeStyle = style.color;
    ctx.lineWidth = 1.5;
    ctx.strokeRect(4.75, 1.75, 18.5, 10.5);
  }
}
