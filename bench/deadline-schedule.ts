/**
 * When `bench:scale`'s deadlines fall due, and what competed with them. Every case's first-response
 * clock gets the same budget and warning point, so its warnings fall due from `budgetS × warningPct %`
 * after the first start, its breaches from `budgetS`, each at the rate the cases were opened.
 *
 * At 100 % the warning and the breach fall due at the same instant, and the workflow applies both in
 * one workflow task: one replay of an evicted case for the two. That is how the breaches of a run too
 * long to wait out at half (warnings after the opening, breaches after the warnings: three openings'
 * time) are measured in a little over one opening's time.
 */
export interface DeadlineSchedule {
  /** Seconds after the first start when the first warning falls due. */
  firstWarningS: number;
  /** Seconds after the first start when the first breach falls due. */
  firstBreachS: number;
  /** The clock's warning point, a fraction of its budget. */
  warningFraction: number;
  /** The warning and the breach of a case fall due together, applied in one workflow task. */
  together: boolean;
}

export function deadlineSchedule(budgetS: number, warningPct: number): DeadlineSchedule {
  if (!Number.isInteger(warningPct) || warningPct < 1 || warningPct > 100) {
    throw new Error(`--warning-pct / BENCH_WARNING_PCT must be an integer from 1 to 100, got ${warningPct}`);
  }
  const warningFraction = warningPct / 100;
  return { firstWarningS: budgetS * warningFraction, firstBreachS: budgetS, warningFraction, together: warningPct === 100 };
}

/**
 * The line that says whether the deadlines fell due during the opening (their lateness then includes
 * the opening's load), or warnings and breaches overlapped (falling due at twice the opening's rate),
 * or nothing competed with them; and the budget that would have measured them alone.
 */
export function overlapNote(schedule: DeadlineSchedule, openSeconds: number): string {
  const { firstWarningS, firstBreachS, warningFraction: fraction, together } = schedule;
  // Alone: the first warning after the opening, with a tenth to spare, and (apart) the last warning
  // before the first breach: budget × fraction ≥ opening and budget × (1 − fraction) ≥ opening.
  const alone = Math.ceil(openSeconds * 1.1 * Math.max(1 / fraction, together ? 0 : 1 / (1 - fraction)));
  if (firstWarningS < openSeconds) {
    return `  note: the first warnings fell due ${firstWarningS.toFixed(0)} s after the first start, before the opening ended (${openSeconds.toFixed(0)} s): the lateness below includes the opening's load; --budget-s of at least ${alone} measures the deadlines alone`;
  }
  if (!together && firstWarningS + openSeconds > firstBreachS) {
    return `  note: warnings (from ${firstWarningS.toFixed(0)} s) were still falling due when the breaches began (${firstBreachS.toFixed(0)} s; opening ${openSeconds.toFixed(0)} s), so deadlines fell due at up to twice the opening's rate; --budget-s of at least ${alone} measures each kind alone`;
  }
  const when = together ? `warnings and breaches together from ${firstBreachS.toFixed(0)} s, one workflow task for both` : `warnings from ${firstWarningS.toFixed(0)} s, breaches from ${firstBreachS.toFixed(0)} s`;
  return `  deadlines fell due after the opening (${when}; opening ${openSeconds.toFixed(0)} s): nothing else competed with them`;
}

/** One kind of deadline `bench:scale` reports the lateness of: its audit action and its line's label. */
export interface LatenessKind {
  action: 'clock_warned' | 'clock_breached';
  label: 'warnings' | 'breaches' | 'breaches, each with its warning';
  /** Which count of deadlines due by the cutoff is this kind's. */
  due: 'warnings' | 'breaches';
}

/**
 * The lines of lateness a run prints: warnings and breaches apart, or at 100 % one line, as the two of
 * a case were applied at the same instant in one workflow task (two lines would repeat each other).
 */
export function latenessKinds(schedule: DeadlineSchedule): LatenessKind[] {
  const breaches: LatenessKind = { action: 'clock_breached', label: schedule.together ? 'breaches, each with its warning' : 'breaches', due: 'breaches' };
  return schedule.together ? [breaches] : [{ action: 'clock_warned', label: 'warnings', due: 'warnings' }, breaches];
}
