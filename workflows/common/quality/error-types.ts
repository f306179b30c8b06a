import { isAdverse, type DecisionKindDefinition } from './decision-kinds';

/** How a reviewed decision went wrong (the QA outcome records every one that applies). */
export const ERROR_TYPES = ['false_positive', 'false_negative', 'wrong_reason', 'process_error'] as const;
export type ErrorType = (typeof ERROR_TYPES)[number];

/** A decision as a maker, a reviewer or an adjudicator states it. */
export interface DecisionStatement {
  decision: string;
  /** The reason code given, where the kind has one. */
  reason: string | null;
}

/**
 * Compares the maker's decision with the correct one (the reviewer's when they agree, the manager's
 * adjudication otherwise). Acting against the seller where the correct answer does not is a false
 * positive, the reverse a false negative; the same direction with another decision or reason is a
 * wrong reason. A process error (a skipped check, missing evidence) is the reviewer's finding and
 * stands beside any of these.
 */
export function classifyErrors(
  kind: DecisionKindDefinition,
  maker: DecisionStatement,
  correct: DecisionStatement,
  processError: boolean,
): ErrorType[] {
  const errors: ErrorType[] = [];
  const makerAdverse = isAdverse(kind, maker.decision);
  const correctAdverse = isAdverse(kind, correct.decision);
  if (makerAdverse && !correctAdverse) errors.push('false_positive');
  else if (!makerAdverse && correctAdverse) errors.push('false_negative');
  else if (maker.decision !== correct.decision || (correct.reason !== null && maker.reason !== correct.reason)) errors.push('wrong_reason');
  if (processError) errors.push('process_error');
  return errors;
}

/** Whether two statements agree: the same decision and, when both give one, the same reason. */
export function statementsAgree(a: DecisionStatement, b: DecisionStatement): boolean {
  return a.decision === b.decision && (a.reason === null || b.reason === null || a.reason === b.reason);
}
