import type { LatenessKind } from './deadline-schedule';
import { summarize } from './stats';

/** One fired deadline: how late it fired and when it was due (epoch ms). */
export interface FiredDeadline {
  latenessMs: number;
  dueAt: number;
}

/**
 * What `bench:scale` says of one kind of deadline (warnings or breaches) against the target p99.
 *
 * Watched to the end (`cutoff` undefined): every case's clock must have fired, and the p99 of all of
 * them is the figure. Watched for a while only (`--watch-s`): the deadlines due by the cutoff (the end
 * of the watch less the target, so a clock that had the target's time to fire had it) are the sample;
 * one of them that did not fire was later than the target, so it fails the line; the rest were not
 * due, and the line says it measured only part of the run.
 */
export function latenessLine(input: {
  label: LatenessKind['label'];
  open: number;
  fired: readonly FiredDeadline[];
  /** Deadlines of this kind due by the cutoff (counted from the clocks, fired or not). */
  dueByCutoff?: number;
  cutoff?: { at: number; afterFirstStartS: number };
  targetP99Ms: number;
}): string {
  const { label, open, targetP99Ms, cutoff } = input;
  const target = `target p99 <= ${targetP99Ms} ms`;
  if (cutoff === undefined) {
    const l = summarize(input.fired.map((f) => f.latenessMs));
    const ok = l.count === open && l.p99 <= targetP99Ms;
    return `  ${label}: ${l.count}/${open} fired; lateness ${figures(l)} (${target}, all fired): ${ok ? 'met' : 'NOT met'}`;
  }
  const sample = input.fired.filter((f) => f.dueAt <= cutoff.at);
  const due = input.dueByCutoff ?? sample.length;
  const l = summarize(sample.map((f) => f.latenessMs));
  const unfired = due - sample.length;
  const ok = due > 0 && unfired === 0 && l.p99 <= targetP99Ms;
  const verdict = due === 0 ? 'none due' : ok ? 'met for those due' : 'NOT met for those due';
  return (
    `  ${label}: ${sample.length} of the ${due} due in the first ${cutoff.afterFirstStartS.toFixed(0)} s fired` +
    `${unfired > 0 ? ` (${unfired} not fired: later than the target)` : ''}, of ${open} cases; ` +
    `lateness ${due === 0 ? '-' : figures(l)} (${target}): ${verdict}; watched part of the run only (--watch-s)`
  );
}

const figures = (l: ReturnType<typeof summarize>) => `p50 ${l.p50.toFixed(0)} ms, p99 ${l.p99.toFixed(0)} ms, max ${l.max.toFixed(0)} ms`;
