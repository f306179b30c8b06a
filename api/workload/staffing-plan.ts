/**
 * How many more people a team needs to clear its backlog within its SLAs at the current pace.
 * Pure arithmetic, no Nest, ORM or clock: the workload service gathers the numbers, this function does
 * the sums and returns every input and intermediate value, so a manager can redo them by hand.
 *
 *   throughputPerPersonPerDay = completions / (caseWorkers × windowDays)
 *   medianRemainingDays       = median, over the open cases, of (resolution deadline − now) in days
 *   horizonDays               = max(medianRemainingDays, minimumHorizonDays)
 *   casesPerPersonInHorizon   = throughputPerPersonPerDay × horizonDays
 *   peopleNeeded              = ceil(backlog / casesPerPersonInHorizon)
 *   additionalPeople          = max(0, peopleNeeded − availableCaseWorkers)
 *
 * Pace is measured over everyone who works cases (out of office or not: they worked during the window);
 * what is available now excludes those out of office. Days are calendar days of 24 hours, like the
 * window. Cases that arrive during the horizon are not part of the backlog: the arrivals-against-
 * completions series shows whether the backlog is growing. A backlog whose median case is already past
 * its deadline is planned over `minimumHorizonDays` rather than an impossible zero or negative time.
 */

export const STAFFING_FORMULA =
  'throughputPerPersonPerDay = completions / (caseWorkers × windowDays); ' +
  'horizonDays = max(medianRemainingDays, minimumHorizonDays); ' +
  'peopleNeeded = ceil(backlog / (throughputPerPersonPerDay × horizonDays)); ' +
  'additionalPeople = max(0, peopleNeeded − availableCaseWorkers)';

export const DEFAULT_MINIMUM_HORIZON_DAYS = 1;

/**
 * Days to each open case's deadline, of which the plan reads only the count and the median: either every
 * value, or the values that can be the median (`values`, in any order) and how many more lie at or
 * below it (`below`) and at or above it (`above`), known by count alone. The workload reads only the
 * middle of a team's thousands of stored deadlines from the database this way (workload.repository.ts).
 */
export type RemainingDays = readonly number[] | { values: readonly number[]; below: number; above: number };

export interface StaffingInput {
  /** Open cases of the team now. */
  backlog: number;
  /** Cases of the team completed during the window. */
  completions: number;
  /** Length of the window, in days. */
  windowDays: number;
  /** Active members who work cases (specialists and senior specialists), out of office or not. */
  caseWorkers: number;
  /** Of those, the ones not out of office now. */
  availableCaseWorkers: number;
  /** Per open case with a known deadline: days until its resolution deadline (negative when past it). */
  remainingDays: RemainingDays;
  /** The shortest horizon planned for; defaults to DEFAULT_MINIMUM_HORIZON_DAYS. */
  minimumHorizonDays?: number;
}

/**
 * ok: every number is defined. The others say why the plan has no finite answer:
 * no_backlog (nothing to clear: 0 needed), no_case_workers (pace per person cannot be measured),
 * no_throughput (nothing completed: at zero pace no number of people clears the backlog),
 * no_deadlines (no open case has a deadline to plan against).
 */
export type StaffingStatus = 'ok' | 'no_backlog' | 'no_case_workers' | 'no_throughput' | 'no_deadlines';

export interface StaffingArithmetic {
  backlog: number;
  completions: number;
  windowDays: number;
  caseWorkers: number;
  availableCaseWorkers: number;
  casesWithDeadline: number;
  throughputPerPersonPerDay: number | null;
  medianRemainingDays: number | null;
  minimumHorizonDays: number;
  horizonDays: number | null;
  casesPerPersonInHorizon: number | null;
  peopleNeeded: number | null;
  additionalPeople: number | null;
  formula: string;
  /** The formula with this team's numbers in it (rounded to 4 decimals for reading). */
  worked: string;
}

export interface StaffingPlan {
  status: StaffingStatus;
  peopleNeeded: number | null;
  additionalPeople: number | null;
  arithmetic: StaffingArithmetic;
  /** Plain-language explanations of anything unusual: zero divisors, a floored horizon. */
  notes: string[];
}

export function planStaffing(input: StaffingInput): StaffingPlan {
  const minimumHorizonDays = input.minimumHorizonDays ?? DEFAULT_MINIMUM_HORIZON_DAYS;
  check(input, minimumHorizonDays);
  const { backlog, completions, windowDays, caseWorkers, availableCaseWorkers } = input;
  const notes: string[] = [];

  const throughput = caseWorkers > 0 ? completions / (caseWorkers * windowDays) : null;
  const median = medianOf(input.remainingDays);
  const casesWithDeadline = countOf(input.remainingDays);
  const horizon = median === null ? null : Math.max(median, minimumHorizonDays);
  const perPerson = throughput !== null && horizon !== null ? throughput * horizon : null;

  if (median !== null && median < minimumHorizonDays) {
    notes.push(
      median <= 0
        ? `the median open case is ${r(-median)} days past its resolution deadline; planned over the minimum horizon of ${minimumHorizonDays} day(s) instead`
        : `the median open case has only ${r(median)} days left; planned over the minimum horizon of ${minimumHorizonDays} day(s)`,
    );
  }

  let status: StaffingStatus;
  let needed: number | null = null;
  if (backlog === 0) {
    status = 'no_backlog';
    needed = 0;
    notes.push('no open cases: nobody more is needed');
  } else if (throughput === null) {
    status = 'no_case_workers';
    notes.push(
      `the team has no active specialist or senior specialist, so the pace per person (completions / caseWorkers × windowDays = ${completions} / 0) cannot be measured; staff the team first`,
    );
  } else if (throughput === 0) {
    status = 'no_throughput';
    notes.push(
      `no case was completed in the last ${windowDays} days: at a pace of 0 cases per person per day no number of people clears ${backlog} open cases, so no finite plan exists`,
    );
  } else if (horizon === null) {
    status = 'no_deadlines';
    notes.push('no open case has a resolution deadline to plan against');
  } else {
    status = 'ok';
    // perPerson > 0 here: throughput > 0 and horizon >= minimumHorizonDays > 0.
    needed = Math.ceil(backlog / (perPerson as number));
  }
  const additional = needed === null ? null : Math.max(0, needed - availableCaseWorkers);

  return {
    status,
    peopleNeeded: needed,
    additionalPeople: additional,
    arithmetic: {
      backlog,
      completions,
      windowDays,
      caseWorkers,
      availableCaseWorkers,
      casesWithDeadline,
      throughputPerPersonPerDay: throughput,
      medianRemainingDays: median,
      minimumHorizonDays,
      horizonDays: horizon,
      casesPerPersonInHorizon: perPerson,
      peopleNeeded: needed,
      additionalPeople: additional,
      formula: STAFFING_FORMULA,
      worked: worked(input, throughput, median, minimumHorizonDays, horizon, needed, additional),
    },
    notes,
  };
}

/**
 * Median of a list (mean of the two middle values for an even count); null for an empty list. Of a list
 * known in part (`below` values at or below the median, `above` at or above it, by count alone), the
 * median of the whole: the middle positions of the whole list, less `below`, are positions in the
 * sorted `values`. Why that is exact: a value the count stands for is at or below (above) both middle
 * positions, so it moves nothing but the positions. A RangeError when `values` do not reach the
 * middle: the counts did not describe a part the median can be in.
 */
export function medianOf(days: RemainingDays): number | null {
  const { values, below, above } = isPart(days) ? days : { values: days, below: 0, above: 0 };
  const n = below + values.length + above;
  if (n === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (position: number) => {
    const i = position - below;
    if (i < 0 || i >= sorted.length) throw new RangeError(`the median's position ${position} of ${n} is not among the ${sorted.length} values given (${below} below, ${above} above)`);
    return sorted[i];
  };
  const mid = Math.floor(n / 2);
  return n % 2 === 1 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}

function countOf(days: RemainingDays): number {
  return isPart(days) ? days.below + days.values.length + days.above : days.length;
}

function isPart(days: RemainingDays): days is { values: readonly number[]; below: number; above: number } {
  return !Array.isArray(days);
}

function worked(
  input: StaffingInput,
  throughput: number | null,
  median: number | null,
  minimumHorizonDays: number,
  horizon: number | null,
  needed: number | null,
  additional: number | null,
): string {
  const { backlog, completions, windowDays, caseWorkers, availableCaseWorkers } = input;
  const parts = [
    `throughputPerPersonPerDay = ${completions} / (${caseWorkers} × ${windowDays}) = ${throughput === null ? 'undefined (division by 0)' : r(throughput)}`,
    `horizonDays = max(${median === null ? 'none' : r(median)}, ${minimumHorizonDays}) = ${horizon === null ? 'undefined' : r(horizon)}`,
  ];
  if (throughput !== null && horizon !== null && backlog > 0) {
    const perPerson = throughput * horizon;
    parts.push(
      perPerson > 0
        ? `peopleNeeded = ceil(${backlog} / (${r(throughput)} × ${r(horizon)})) = ceil(${r(backlog / perPerson)}) = ${needed}`
        : `peopleNeeded = ceil(${backlog} / (${r(throughput)} × ${r(horizon)})) = undefined (division by 0)`,
    );
  } else if (backlog === 0) {
    parts.push('peopleNeeded = 0 (no backlog)');
  } else {
    parts.push('peopleNeeded = undefined');
  }
  parts.push(
    additional === null
      ? 'additionalPeople = undefined'
      : `additionalPeople = max(0, ${needed} − ${availableCaseWorkers}) = ${additional}`,
  );
  return parts.join('; ');
}

function r(n: number): string {
  return String(Math.round(n * 10_000) / 10_000);
}

function check(input: StaffingInput, minimumHorizonDays: number): void {
  const counts = ['backlog', 'completions', 'caseWorkers', 'availableCaseWorkers'] as const;
  for (const name of counts) {
    if (!Number.isInteger(input[name]) || input[name] < 0) throw new RangeError(`${name} must be a whole number >= 0, got ${input[name]}`);
  }
  if (input.availableCaseWorkers > input.caseWorkers) {
    throw new RangeError(`availableCaseWorkers (${input.availableCaseWorkers}) exceeds caseWorkers (${input.caseWorkers})`);
  }
  if (!(Number.isFinite(input.windowDays) && input.windowDays > 0)) throw new RangeError(`windowDays must be > 0, got ${input.windowDays}`);
  if (!(Number.isFinite(minimumHorizonDays) && minimumHorizonDays > 0)) {
    throw new RangeError(`minimumHorizonDays must be > 0, got ${minimumHorizonDays}`);
  }
  const days = input.remainingDays;
  if ((isPart(days) ? days.values : days).some((d) => !Number.isFinite(d))) throw new RangeError('remainingDays must be finite numbers');
  if (isPart(days) && ![days.below, days.above].every((n) => Number.isInteger(n) && n >= 0)) {
    throw new RangeError(`remainingDays.below and .above must be whole numbers >= 0, got ${days.below} and ${days.above}`);
  }
}
