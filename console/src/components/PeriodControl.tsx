import { useEffect, useState } from 'preact/hooks';
import { BUCKETS, PRESETS, isDate, isTimeZone, presetOf, type Bucket, type DashboardChoice, type DateRange, type RangeId } from '../lib/dashboard-period';
import { capitalized } from '../lib/format';
import { Field } from './Field';
import { TeamPicker } from './TeamPicker';

export interface PeriodControlProps {
  choice: DashboardChoice;
  /** The dates the choice stands for today. */
  range: DateRange;
  browserZone: string;
  kinds: readonly string[];
  onChange: (next: DashboardChoice) => void;
  /** Operators pick the team; everyone else sees their own. */
  teamPicker?: { team: string; teams: string[]; onChange: (team: string) => void };
}

const ZONES: readonly string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

/**
 * The dashboard's period and filters: a range (a preset, or days of your own), the bucket, the time
 * zone whose midnights divide the buckets (the browser's unless changed) and the case kind. Dates
 * and the zone are checked here before anything is asked; the API checks them again.
 */
export function PeriodControl({ choice, range, browserZone, kinds, onChange, teamPicker }: PeriodControlProps) {
  const [from, setFrom] = useState(range.from);
  const [through, setThrough] = useState(range.through);
  const [dateProblem, setDateProblem] = useState<string | null>(null);
  const [zone, setZone] = useState(choice.timeZone);
  const [zoneProblem, setZoneProblem] = useState<string | null>(null);
  useEffect(() => {
    setFrom(range.from);
    setThrough(range.through);
    setDateProblem(null);
  }, [range.from, range.through]);
  useEffect(() => {
    setZone(choice.timeZone);
    setZoneProblem(null);
  }, [choice.timeZone]);

  const applyDates = (f: string, t: string) => {
    setFrom(f);
    setThrough(t);
    if (!isDate(f) || !isDate(t)) return setDateProblem('Enter both days as dates.');
    if (f > t) return setDateProblem('The first day must be on or before the last day.');
    setDateProblem(null);
    onChange({ ...choice, range: 'custom', from: f, through: t });
  };

  const applyZone = (z: string) => {
    const name = z.trim();
    setZone(name);
    if (!isTimeZone(name)) return setZoneProblem(`'${name}' is not an IANA time zone (such as Europe/Berlin, America/New_York or UTC).`);
    setZoneProblem(null);
    onChange({ ...choice, timeZone: name });
  };

  const pickRange = (id: RangeId) => {
    if (id === 'custom') return onChange({ ...choice, range: 'custom', from: range.from, through: range.through });
    // A preset brings its usual bucket; the bucket can be changed afterwards.
    onChange({ ...choice, range: id, from: null, through: null, bucket: presetOf(id)!.bucket });
  };

  return (
    <form class="period-control" aria-label="Period and filters" onSubmit={(e) => e.preventDefault()}>
      {teamPicker && <TeamPicker value={teamPicker.team} teams={teamPicker.teams} onChange={teamPicker.onChange} />}
      <Field id="period-range" label="Range">
        {(a11y) => (
          <select {...a11y} value={choice.range} onChange={(e) => pickRange((e.currentTarget as HTMLSelectElement).value as RangeId)}>
            {PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
            <option value="custom">Days of my choice</option>
          </select>
        )}
      </Field>
      <fieldset class="period-days">
        <legend class="visually-hidden">Days shown</legend>
        <Field id="period-from" label="From" problems={dateProblem ? [dateProblem] : undefined}>
          {(a11y) => <input {...a11y} type="date" value={from} required onChange={(e) => applyDates((e.currentTarget as HTMLInputElement).value, through)} />}
        </Field>
        <Field id="period-through" label="Through">
          {(a11y) => <input {...a11y} type="date" value={through} required onChange={(e) => applyDates(from, (e.currentTarget as HTMLInputElement).value)} />}
        </Field>
      </fieldset>
      <Field id="period-bucket" label="Bucket">
        {(a11y) => (
          <select {...a11y} value={choice.bucket} onChange={(e) => onChange({ ...choice, bucket: (e.currentTarget as HTMLSelectElement).value as Bucket })}>
            {BUCKETS.map((b) => (
              <option key={b} value={b}>
                {capitalized(b)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="period-zone" label="Time zone" hint={`Yours: ${browserZone}`} problems={zoneProblem ? [zoneProblem] : undefined}>
        {(a11y) => (
          <input
            {...a11y}
            type="text"
            list="period-zones"
            autocomplete="off"
            spellcheck={false}
            value={zone}
            onChange={(e) => applyZone((e.currentTarget as HTMLInputElement).value)}
          />
        )}
      </Field>
      <datalist id="period-zones">
        {ZONES.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      <Field id="period-kind" label="Case kind">
        {(a11y) => (
          <select {...a11y} value={choice.kind ?? ''} onChange={(e) => onChange({ ...choice, kind: (e.currentTarget as HTMLSelectElement).value || null })}>
            <option value="">Every kind</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {capitalized(k)}
              </option>
            ))}
          </select>
        )}
      </Field>
    </form>
  );
}
