import type { ErrorType } from '../../../workflows/common/quality/error-types';
import { ERROR_TYPES } from '../../../workflows/common/quality/error-types';
import { wilsonInterval, type Interval } from './proportion';
import { WEEK_MS } from '../../../workflows/common/time-units';

/**
 * A specialist's scorecard from their decisions, the QA reviews of them and their appeal decisions, by
 * week. Pure: the repository reads the rows, this does the arithmetic.
 */


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

/** One appeal the specialist decided (a denial, or a reinstatement its approver approved). */
export interface AppealFact {
  decidedAt: number;
  decision: string;
  /**
   * What became of the seller: `not_reinstated` (a denial, or a reinstatement whose steps have not been
   * applied), `watching` (reinstated, restumble window still open), `clean` or `restumbled` (window closed).
   */
  seller: 'not_reinstated' | 'watching' | 'clean' | 'restumbled';
}

/** Reinstatements among the specialist's appeal decisions. */
export interface ReinstatementFigures {
  decided: number;
  reinstated: number;
  /** 95% Wilson score interval of reinstated / decided. */
  interval: Interval | null;
}

/** Restumbles among the sellers the specialist reinstated, counted once their window has closed. */
export interface RestumbleFigures {
  reinstatedSellers: number;
  /** Reinstated sellers whose window is still open: not in the rate yet. */
  watching: number;
  /** Windows closed (clean or restumbled): the rate's denominator. */
  observed: number;
  restumbled: number;
  /** 95% Wilson score interval of restumbled / observed. */
  interval: Interval | null;
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
  /** reinstated / decided over the specialist's appeal decisions; null without any. */
  reinstatementRate: number | null;
  reinstatement: ReinstatementFigures;
  /** restumbled / observed over the sellers they reinstated whose window closed; null without any. */
  restumbleRate: number | null;
  restumble: RestumbleFigures;
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

const rate = (part: number, whole: number) => (whole === 0 ? null : part / whole);

function appealFigures(appeals: readonly AppealFact[]) {
  const reinstated = appeals.filter((a) => a.decision === 'reinstate').length;
  const count = (seller: AppealFact['seller']) => appeals.filter((a) => a.seller === seller).length;
  const restumbled = count('restumbled');
  const watching = count('watching');
  const observed = restumbled + count('clean');
  return {
    reinstatementRate: rate(reinstated, appeals.length),
    reinstatement: { decided: appeals.length, reinstated, interval: wilsonInterval(reinstated, appeals.length) },
    restumbleRate: rate(restumbled, observed),
    restumble: { reinstatedSellers: observed + watching, watching, observed, restumbled, interval: wilsonInterval(restumbled, observed) },
  };
}

function figures(decisions: readonly DecisionFact[], reviews: readonly ReviewFact[], appeals: readonly AppealFact[]): ScorecardFigures {
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
    ...appealFigures(appeals),
  };
}

/** Figures over [from, to) and for each week from `from` (7-day steps; the last may be shorter). */
export function scorecard(input: { from: number; to: number; decisions: readonly DecisionFact[]; reviews: readonly ReviewFact[]; appeals?: readonly AppealFact[] }): Scorecard {
  const appeals = input.appeals ?? [];
  const inside = <T extends { decidedAt: number }>(rows: readonly T[], a: number, b: number) => rows.filter((r) => r.decidedAt >= a && r.decidedAt < b);
  const weeks: Scorecard['weeks'] = [];
  for (let start = input.from; start < input.to; start += WEEK_MS) {
    const end = Math.min(start + WEEK_MS, input.to);
    weeks.push({ weekStart: new Date(start).toISOString().slice(0, 10), ...figures(inside(input.decisions, start, end), inside(input.reviews, start, end), inside(appeals, start, end)) });
  }
  return { ...figures(inside(input.decisions, input.from, input.to), inside(input.reviews, input.from, input.to), inside(appeals, input.from, input.to)), weeks };
}
