import { stringify } from 'csv-stringify/sync';

/**
 * The false-positive feedback to an upstream enforcement team, as pure arithmetic: the appeals
 * decided in the period that found the team's enforcement wrong, against the team's enforcements the
 * enforcement system reported in the same period. No I/O: the service reads the rows.
 */
export interface FalsePositiveCase {
  caseId: string;
  sellerId: string;
  enforcementRef: string;
  enforcementType: string;
  reasonCode: string | null;
  note: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
}

export interface FalsePositiveReport {
  upstreamTeam: string;
  from: string;
  to: string;
  /** The team's enforcements reported in the period. */
  enforcements: number;
  /** Appeals decided in the period that flagged the team's enforcement as an error. */
  enforcementErrors: number;
  /** enforcementErrors / enforcements, or null when the team reported no enforcements in the period. */
  rate: number | null;
  cases: FalsePositiveCase[];
}

/** A share rounded to four decimals; null without a denominator (never a division by zero). */
export function falsePositiveRate(errors: number, enforcements: number): number | null {
  if (enforcements <= 0) return null;
  return Math.round((errors / enforcements) * 10_000) / 10_000;
}

export function falsePositiveReport(upstreamTeam: string, from: string, to: string, enforcements: number, cases: FalsePositiveCase[]): FalsePositiveReport {
  return { upstreamTeam, from, to, enforcements, enforcementErrors: cases.length, rate: falsePositiveRate(cases.length, enforcements), cases };
}

export const FALSE_POSITIVE_CSV_COLUMNS = [
  'upstream_team', 'period_from', 'period_to', 'team_enforcements', 'enforcement_errors', 'rate',
  'case_id', 'seller_id', 'enforcement_ref', 'enforcement_type', 'reason_code', 'note', 'decided_by', 'decided_at',
] as const;

/** One line per case, each with the period's totals (one summary line when there are no cases). */
export function falsePositiveCsv(r: FalsePositiveReport): string {
  const totals = [r.upstreamTeam, r.from, r.to, r.enforcements, r.enforcementErrors, r.rate ?? ''];
  const rows = r.cases.length
    ? r.cases.map((c) => [...totals, c.caseId, c.sellerId, c.enforcementRef, c.enforcementType, c.reasonCode ?? '', c.note ?? '', c.decidedBy ?? '', c.decidedAt ?? ''])
    : [[...totals, '', '', '', '', '', '', '', '']];
  return stringify(rows, { header: true, columns: [...FALSE_POSITIVE_CSV_COLUMNS] });
}
