import { useState } from 'preact/hooks';
import { MetricChart } from '../../components/MetricChart';
import { ErrorMessage, Loading, Panel } from '../../components/common';
import { Field } from '../../components/Field';
import { get, query } from '../../lib/api';
import { duration } from '../../lib/format';
import { useResource } from '../../lib/hooks';
import { percent, rateText, scorecardTrend } from '../../lib/quality-format';
import type { Scorecard, ScorecardFigures } from '../../lib/quality-types';

/**
 * A specialist's scorecard for 1:1s and reviews: volume, median handle time, SLA attainment, QA accuracy,
 * reinstatement and restumble rates (each with its counts and 95% Wilson interval), overturned
 * decisions, and the trend by week. The API decides who may read whose (own; the team's for seniors and managers).
 */
export function ScorecardPage({ userId }: { userId: string }) {
  const [period, setPeriod] = useState<{ from: string; to: string }>({ from: '', to: '' });
  const [draft, setDraft] = useState(period);
  const card = useResource(() => get<Scorecard>(`/quality/scorecards/${encodeURIComponent(userId)}${query(period)}`), [userId, period.from, period.to]);
  const c = card.data;
  const submit = (e: Event) => {
    e.preventDefault();
    setPeriod(draft);
  };
  const fields = card.error?.fields ?? [];
  const problems = (name: string) => fields.filter((f) => f.field === name).flatMap((f) => f.problems);
  return (
    <>
      <h1>Scorecard: {userId}</h1>
      <form class="filters" onSubmit={submit} aria-label="Period" noValidate>
        <Field id="scorecard-from" label="From (UTC day)" problems={problems('from')}>
          {(a11y) => <input {...a11y} type="date" value={draft.from} onInput={(e) => setDraft({ ...draft, from: (e.currentTarget as HTMLInputElement).value })} />}
        </Field>
        <Field id="scorecard-to" label="To (day after the last)" problems={problems('to')}>
          {(a11y) => <input {...a11y} type="date" value={draft.to} onInput={(e) => setDraft({ ...draft, to: (e.currentTarget as HTMLInputElement).value })} />}
        </Field>
        <button type="submit">Show</button>
      </form>
      {fields.length === 0 && <ErrorMessage error={card.error} />}
      {!c ? (
        card.loading && <Loading rows={8} />
      ) : (
        <>
          <Panel title={`${c.from} to ${c.to} (team ${c.team})`} id="figures">
            <FiguresTable figures={c} />
          </Panel>
          <Panel title="Trend by week" id="trend">
            <MetricChart title="Shares by week" kind="lines" data={scorecardTrend(c)} />
            <WeeksTable card={c} />
          </Panel>
        </>
      )}
    </>
  );
}

function FiguresTable({ figures: f }: { figures: ScorecardFigures }) {
  const rows: Array<[string, string, string]> = [
    ['volume', 'Decisions', String(f.volume)],
    ['handle', 'Median handle time', f.medianHandleTimeMs === null ? '—' : duration(f.medianHandleTimeMs)],
    ['sla', 'SLA attainment', percent(f.slaAttainment)],
    ['qa', 'QA accuracy', rateText(f.qa.accuracy, f.qa.correct, f.qa.reviewed, f.qa.interval)],
    ['errors', 'QA errors found', Object.entries(f.qa.errors).map(([k, n]) => `${k.replace(/_/g, ' ')} ${n}`).join(', ')],
    ['overturned', 'Overturned decisions', String(f.overturned)],
    ['reinstatement', 'Reinstatement rate (appeal decisions)', rateText(f.reinstatementRate, f.reinstatement.reinstated, f.reinstatement.decided, f.reinstatement.interval)],
    [
      'restumble',
      'Restumble rate (reinstated sellers, window closed)',
      `${rateText(f.restumbleRate, f.restumble.restumbled, f.restumble.observed, f.restumble.interval)}; ${f.restumble.watching} still watched`,
    ],
  ];
  return (
    <table class="figures">
      <caption class="visually-hidden">Scorecard figures over the period</caption>
      <tbody>
        {rows.map(([key, label, value]) => (
          <tr key={key} data-figure={key}>
            <th scope="row">{label}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function WeeksTable({ card }: { card: Scorecard }) {
  return (
    <div class="table-scroll">
      <table>
        <caption class="visually-hidden">Figures by week</caption>
        <thead>
          <tr>
            <th scope="col">Week from</th>
            <th scope="col">Decisions</th>
            <th scope="col">QA accuracy</th>
            <th scope="col">Reinstated</th>
            <th scope="col">Restumbled</th>
            <th scope="col">Overturned</th>
          </tr>
        </thead>
        <tbody>
          {card.weeks.map((w) => (
            <tr key={w.weekStart} data-week={w.weekStart}>
              <th scope="row">{w.weekStart}</th>
              <td>{w.volume}</td>
              <td>{rateText(w.qa.accuracy, w.qa.correct, w.qa.reviewed, w.qa.interval)}</td>
              <td>{rateText(w.reinstatementRate, w.reinstatement.reinstated, w.reinstatement.decided, w.reinstatement.interval)}</td>
              <td>{rateText(w.restumbleRate, w.restumble.restumbled, w.restumble.observed, w.restumble.interval)}</td>
              <td>{w.overturned}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
