import type { ErrorType } from '../../../workflows/common/quality/error-types';
import { ERROR_TYPES } from '../../../workflows/common/quality/error-types';
import { wilsonInterval, type Interval } from './proportion';

/**
 * A specialist's scorecard from their decisions and the QA reviews of them, by week. Pure: the
 * repository reads the rows, this does the arithmetic.
 */

const WEEK_MS = 7 * 86_400_000;

export interface DecisionFact {
  decidedAt: number;
  /** From the specialist's first act on the case to their decision; null when nothing precedes it. */
  handleMs: number | null;
  /** Whether any SLA clock of the case breached. */
  breached: boolean;
}

export interface ReviewFact {
  decidedAt: number;
  /** Completed reviews only: the error types found (empty: the decision was right). */
  errorTypes: readonly ErrorType[];
  /** The adjudicator changed the decision itself. */
  overturned: boolean;
}

export interface QaFigures {
  reviewed: number;
  correct: number;
  accuracy: number | null;
  /** 95% Wilson score interval of the accuracy. */
  interval: Interval | null;
  errors: Record<ErrorType, number>;
}

export interface ScorecardFigures {
  volume: number;
  medianHandleTimeMs: number | null;
  /** Share of decided cases none of whose SLA clocks breached. */
  slaAttainment: number | null;
  qa: QaFigures;
  overturned: number;
}

export interface Scorecard extends ScorecardFigures {
  weeks: Array<{ weekStart: string } & ScorecardFigures>;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function figures(decisions: readonly DecisionFact[], reviews: readonly ReviewFact[]): ScorecardFigures {
  const correct = reviews.filter((r) => r.errorTypes.length === 0).length;
  const errors = Object.fromEntries(ERROR_TYPES.map((t) => [t, reviews.filter((r) => r.errorTypes.includes(t)).length])) as Record<ErrorType, number>;
  return {
    volume: decisions.length,
    medianHandleTimeMs: median(decisions.flatMap((d) => (d.handleMs === null ? [] : [d.handleMs]))),
    slaAttainment: decisions.length === 0 ? null : decisions.filter((d) => !d.breached).length / decisions.length,
    qa: {
      reviewed: reviews.length,
      correct,
      accuracy: reviews.length === 0 ? null : correct / reviews.length,
      interval: wilsonInterval(correct, reviews.length),
      errors,
    },
    overturned: reviews.filter((r) => r.overturned).length,
  };
}

/** Figures over [from, to) and for each week from `from` (7-day steps; the last may be shorter). */
export function scorecard(input: { from: number; to: number; decisions: readonly DecisionFact[]; reviews: readonly ReviewFact[] }): Scorecard {
  const inside = <T extends { decidedAt: number }>(rows: readonly T[], a: number, b: number) => rows.filter((r) => r.decidedAt >= a && r.decidedAt < b);
  const weeks: Scorecard['weeks'] = [];
  for (let start = input.from; start < input.to; start += WEEK_MS) {
    const end = Math.min(start + WEEK_MS, input.to);
    weeks.push({ weekStart: new Date(start).toISOString().slice(0, 10), ...figures(inside(input.decisions, start, end), inside(input.reviews, start, end)) });
  }
  return { ...figures(inside(input.decisions, input.from, input.to), inside(input.reviews, input.from, input.to)), weeks };
}
