import { ERROR_TYPES, type ErrorType } from '../../../workflows/common/quality/error-types';
import { samplesNeeded, stratifiedEstimate, type StratifiedEstimate } from './proportion';

/**
 * The QA error-rate report: every decision's sampling outcome is the population, completed reviews
 * the sample. Per stratum and overall (stratified), for any error and per error type, with 95%
 * intervals, and how many more completed reviews a target margin needs. Pure.
 */

export interface QaDecisionFact {
  stratum: string;
  sampled: boolean;
  /** Review completed (agreed or adjudicated). */
  completed: boolean;
  errorTypes: readonly ErrorType[];
}

export interface QaReport {
  decisions: number;
  sampled: number;
  completed: number;
  strata: Array<{ stratum: string; population: number; sampled: number; completed: number; errors: number }>;
  anyError: StratifiedEstimate;
  byErrorType: Record<ErrorType, StratifiedEstimate>;
  precision: {
    margin: number;
    /** Completed reviews a simple random sample would need for ±margin at the current estimate (0.5 when there is none). */
    needed: number;
    more: number;
  };
}

export function qaReport(rows: readonly QaDecisionFact[], margin: number): QaReport {
  const names = [...new Set(rows.map((r) => r.stratum))].sort();
  const strataFor = (isError: (r: QaDecisionFact) => boolean) =>
    names.map((stratum) => {
      const inStratum = rows.filter((r) => r.stratum === stratum);
      const done = inStratum.filter((r) => r.completed);
      return { stratum, population: inStratum.length, sampled: done.length, errors: done.filter(isError).length };
    });
  const anyError = stratifiedEstimate(strataFor((r) => r.errorTypes.length > 0));
  const byErrorType = Object.fromEntries(ERROR_TYPES.map((t) => [t, stratifiedEstimate(strataFor((r) => r.errorTypes.includes(t)))])) as Record<ErrorType, StratifiedEstimate>;
  const completed = rows.filter((r) => r.completed).length;
  const needed = samplesNeeded({ margin, expectedRate: anyError.estimate, population: rows.length || undefined });
  return {
    decisions: rows.length,
    sampled: rows.filter((r) => r.sampled).length,
    completed,
    strata: strataFor((r) => r.errorTypes.length > 0).map((s) => ({
      stratum: s.stratum,
      population: s.population,
      sampled: rows.filter((r) => r.stratum === s.stratum && r.sampled).length,
      completed: s.sampled,
      errors: s.errors,
    })),
    anyError,
    byErrorType,
    precision: { margin, needed, more: Math.max(0, needed - completed) },
  };
}
