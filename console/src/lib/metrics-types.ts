/**
 * The metrics API's answers as the dashboard reads them (the OpenAPI document has them in full).
 * A figure over nothing is null with a `reason` code, never 0.
 */

export interface BucketRange {
  /** The local date the whole bucket starts on. */
  key: string;
  /** The bucket's part of the period, ISO 8601 with the zone's offset. */
  from: string;
  to: string;
}

export interface MetricsHead {
  generatedAt: string;
  scope: { team: string | null; kind: string | null };
  period: { from: string; to: string; bucket: string; timeZone: string };
}

export interface Attainment {
  met: number;
  missed: number;
  decided: number;
  attainment: number | null;
  reason: string | null;
}
export type ClockAttainment = Attainment & { clock: string };
export type SeverityAttainment = Attainment & { severity: string };

export interface SlaMetrics extends MetricsHead {
  totals: Attainment;
  byClock: ClockAttainment[];
  bySeverity: SeverityAttainment[];
  excluded: { sellerClock: number; cancelled: number };
  series: Array<BucketRange & Attainment & { byClock: ClockAttainment[]; bySeverity: SeverityAttainment[] }>;
}

export interface Durations {
  count: number;
  medianMs: number | null;
  p90Ms: number | null;
  reason: string | null;
}
export interface DurationReport {
  totals: Durations;
  series: Array<BucketRange & Durations>;
}
export interface ResponseTimes extends MetricsHead {
  firstResponse: DurationReport;
  resolution: DurationReport;
  reopened: { total: number; series: Array<BucketRange & { count: number }> };
}

export interface VolumeMetrics extends MetricsHead {
  created: { total: number; byCategory: Record<string, number>; series: Array<BucketRange & { total: number; byCategory: Record<string, number> }> };
  completed: { total: number; byRootCause: Record<string, number>; series: Array<BucketRange & { total: number; byRootCause: Record<string, number> }> };
}

export interface Rates {
  completed: number;
  breached: number;
  escalated: number;
  breachRate: number | null;
  escalationRate: number | null;
  reason: string | null;
}
export interface BreachMetrics extends MetricsHead {
  totals: Rates;
  series: Array<BucketRange & Rates>;
}

export interface Turnaround {
  answered: number;
  breached: number;
  breachRate: number | null;
  medianMs: number | null;
  p90Ms: number | null;
  reason: string | null;
}
export type TeamTurnaround = Turnaround & { team: string };
export interface HandoffMetrics extends MetricsHead {
  totals: Turnaround;
  byHandoffTeam: TeamTurnaround[];
  series: Array<BucketRange & Turnaround & { byHandoffTeam: TeamTurnaround[] }>;
}

export interface BacklogFigures {
  open: number;
  /** Open cases per age bucket (<1d, 1-3d, 3-7d, >7d), youngest first, as the API orders them. */
  byAge: Record<string, number>;
  medianAgeMs: number | null;
  p90AgeMs: number | null;
  oldestAgeMs: number | null;
  breached: number;
  overdue: number;
  reason: string | null;
}
export interface BacklogMetrics {
  generatedAt: string;
  scope: { team: string | null; kind: string | null };
  totals: BacklogFigures;
  byKind: Array<BacklogFigures & { kind: string }>;
  bySeverity: Array<BacklogFigures & { severity: string }>;
  byState: Record<string, number>;
}
