import { ApiProperty, IntersectionType } from '@nestjs/swagger';
import { CASE_KINDS } from '../../workflows/common/actor';
import { AgeCounts, Staffing } from '../workload/workload.response';
import { EMPTY_REASONS } from './figures';
import { BUCKETS } from './period';

const REASONS = Object.values(EMPTY_REASONS);
const reason = (what: string) => ({
  enum: REASONS,
  nullable: true,
  type: String,
  description: `Why the ${what} has no value (nothing to measure in this group); null when it has one`,
});
const nullableNumber = (description: string) => ({ type: Number, nullable: true, description });
const counts = (description: string, example: Record<string, number>) => ({
  type: 'object' as const,
  additionalProperties: { type: 'integer' },
  description,
  example,
});

export class MetricsScope {
  @ApiProperty({ type: String, nullable: true, description: "The owning team counted; null: every team (operators only)" }) team!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: CASE_KINDS, description: 'The case kind counted; null: every kind' }) kind!: string | null;
}

export class MetricsPeriod {
  @ApiProperty({ description: 'Start (inclusive), ISO 8601 with the offset of timeZone', example: '2026-03-02T00:00:00.000+01:00' }) from!: string;
  @ApiProperty({ description: 'End (exclusive)', example: '2026-05-25T00:00:00.000+02:00' }) to!: string;
  @ApiProperty({ enum: BUCKETS }) bucket!: string;
  @ApiProperty({ example: 'Europe/Berlin' }) timeZone!: string;
}

export class BucketRange {
  @ApiProperty({ description: 'The local date the whole bucket starts on (a week: its Monday; a month: its 1st)', example: '2026-03-02' }) key!: string;
  @ApiProperty({ description: "Start of the bucket's part of the period (inclusive)" }) from!: string;
  @ApiProperty({ description: "End of the bucket's part of the period (exclusive)" }) to!: string;
}

abstract class Reported {
  @ApiProperty({ description: 'The instant the answer was computed' }) generatedAt!: string;
  @ApiProperty({ type: MetricsScope }) scope!: MetricsScope;
}

abstract class PeriodReported extends Reported {
  @ApiProperty({ type: MetricsPeriod }) period!: MetricsPeriod;
}

// SLA attainment ------------------------------------------------------------------------------------

export class Attainment {
  @ApiProperty({ description: 'Clocks that stopped as met' }) met!: number;
  @ApiProperty({ description: 'Clocks that breached (even if the case was resolved afterwards)' }) missed!: number;
  @ApiProperty({ description: 'met + missed' }) decided!: number;
  @ApiProperty(nullableNumber('met / decided, from 0 to 1')) attainment!: number | null;
  @ApiProperty(reason('attainment')) reason!: string | null;
}
export class KindAttainment extends Attainment {
  @ApiProperty({ enum: CASE_KINDS }) kind!: string;
}
export class SeverityAttainment extends Attainment {
  @ApiProperty({ example: 'high' }) severity!: string;
}
export class ClockAttainment extends Attainment {
  @ApiProperty({ example: 'first_response', description: 'The clock kind: first_response, resolution (never seller_response)' }) clock!: string;
}
export class SlaBucket extends IntersectionType(BucketRange, Attainment) {
  @ApiProperty({ type: [ClockAttainment] }) byClock!: ClockAttainment[];
  @ApiProperty({ type: [SeverityAttainment] }) bySeverity!: SeverityAttainment[];
}
export class SlaExcluded {
  @ApiProperty({ description: "The seller's deadlines decided in the period: never the team's SLA" }) sellerClock!: number;
  @ApiProperty({ description: 'Clocks cancelled in the period' }) cancelled!: number;
}
export class SlaMetricsResponse extends PeriodReported {
  @ApiProperty({ type: Attainment }) totals!: Attainment;
  @ApiProperty({ type: [KindAttainment] }) byKind!: KindAttainment[];
  @ApiProperty({ type: [SeverityAttainment] }) bySeverity!: SeverityAttainment[];
  @ApiProperty({ type: [ClockAttainment] }) byClock!: ClockAttainment[];
  @ApiProperty({ type: SlaExcluded }) excluded!: SlaExcluded;
  @ApiProperty({ type: [SlaBucket] }) series!: SlaBucket[];
}

// Response times ------------------------------------------------------------------------------------

export class Durations {
  @ApiProperty({ description: 'Cases measured' }) count!: number;
  @ApiProperty(nullableNumber('Median, whole milliseconds')) medianMs!: number | null;
  @ApiProperty(nullableNumber('90th percentile (linear interpolation), whole milliseconds')) p90Ms!: number | null;
  @ApiProperty(reason('median')) reason!: string | null;
}
export class KindDurations extends Durations {
  @ApiProperty({ enum: CASE_KINDS }) kind!: string;
}
export class DurationsBucket extends IntersectionType(BucketRange, Durations) {}
export class DurationReport {
  @ApiProperty({ type: Durations }) totals!: Durations;
  @ApiProperty({ type: [KindDurations] }) byKind!: KindDurations[];
  @ApiProperty({ type: [DurationsBucket] }) series!: DurationsBucket[];
}
export class ReopenedBucket extends BucketRange {
  @ApiProperty({ description: 'Reopenings in the bucket' }) count!: number;
}
export class Reopened {
  @ApiProperty() total!: number;
  @ApiProperty({ type: [ReopenedBucket] }) series!: ReopenedBucket[];
}
export class ResponseTimesResponse extends PeriodReported {
  @ApiProperty({ type: DurationReport, description: "Creation to the case's first acknowledged or claimed event, bucketed by that event" })
  firstResponse!: DurationReport;
  @ApiProperty({ type: DurationReport, description: "Creation to the case's first resolution, bucketed by that resolution" }) resolution!: DurationReport;
  @ApiProperty({ type: Reopened }) reopened!: Reopened;
}

// Volume ----------------------------------------------------------------------------------------------

export class CreatedBucket extends BucketRange {
  @ApiProperty() total!: number;
  @ApiProperty(counts('Escalations created, by category', { counterfeit: 12, fraud: 3 })) byCategory!: Record<string, number>;
}
export class CreatedVolume {
  @ApiProperty({ description: 'Cases created in the period' }) total!: number;
  @ApiProperty(counts('By case kind', { escalation: 15, strategic_review: 0, appeal: 2 })) byKind!: Record<string, number>;
  @ApiProperty(counts('Escalations by category (other kinds have none)', { counterfeit: 12, fraud: 3 })) byCategory!: Record<string, number>;
  @ApiProperty({ type: [CreatedBucket] }) series!: CreatedBucket[];
}
export class CompletedBucket extends BucketRange {
  @ApiProperty() total!: number;
  @ApiProperty(counts('Escalations completed, by root cause', { seller_error: 4, unrecorded: 0 })) byRootCause!: Record<string, number>;
}
export class CompletedVolume {
  @ApiProperty({ description: 'Cases completed (resolved, or closed without a resolution) in the period' }) total!: number;
  @ApiProperty(counts('By case kind', { escalation: 9, strategic_review: 0, appeal: 1 })) byKind!: Record<string, number>;
  @ApiProperty(counts('Escalations by root cause; `unrecorded`: completed without one', { seller_error: 4, automation_false_positive: 5 }))
  byRootCause!: Record<string, number>;
  @ApiProperty({ type: [CompletedBucket] }) series!: CompletedBucket[];
}
export class VolumeResponse extends PeriodReported {
  @ApiProperty({ type: CreatedVolume }) created!: CreatedVolume;
  @ApiProperty({ type: CompletedVolume }) completed!: CompletedVolume;
}

// Breach and escalation rates -----------------------------------------------------------------------

export class Rates {
  @ApiProperty({ description: 'Cases completed in the group' }) completed!: number;
  @ApiProperty({ description: 'Of those, cases that breached a team SLA clock at any time' }) breached!: number;
  @ApiProperty({ description: 'Of those, cases escalated to a manager at least once' }) escalated!: number;
  @ApiProperty(nullableNumber('breached / completed')) breachRate!: number | null;
  @ApiProperty(nullableNumber('escalated / completed')) escalationRate!: number | null;
  @ApiProperty(reason('rates')) reason!: string | null;
}
export class KindRates extends Rates {
  @ApiProperty({ enum: CASE_KINDS }) kind!: string;
}
export class SeverityRates extends Rates {
  @ApiProperty({ example: 'critical' }) severity!: string;
}
export class RatesBucket extends IntersectionType(BucketRange, Rates) {}
export class BreachesResponse extends PeriodReported {
  @ApiProperty({ type: Rates }) totals!: Rates;
  @ApiProperty({ type: [KindRates] }) byKind!: KindRates[];
  @ApiProperty({ type: [SeverityRates] }) bySeverity!: SeverityRates[];
  @ApiProperty({ type: [RatesBucket] }) series!: RatesBucket[];
}

// Handoff turnaround --------------------------------------------------------------------------------

export class Turnaround {
  @ApiProperty({ description: 'Handoffs answered in the group' }) answered!: number;
  @ApiProperty({ description: "Of those, answered after the handoff's SLA deadline" }) breached!: number;
  @ApiProperty(nullableNumber('breached / answered')) breachRate!: number | null;
  @ApiProperty(nullableNumber('Median of answered_at - requested_at, whole milliseconds')) medianMs!: number | null;
  @ApiProperty(nullableNumber('90th percentile, whole milliseconds')) p90Ms!: number | null;
  @ApiProperty(reason('turnaround')) reason!: string | null;
}
export class TeamTurnaround extends Turnaround {
  @ApiProperty({ example: 'legal', description: 'The team the handoff was addressed to' }) team!: string;
}
export class TurnaroundBucket extends IntersectionType(BucketRange, Turnaround) {
  @ApiProperty({ type: [TeamTurnaround] }) byHandoffTeam!: TeamTurnaround[];
}
export class HandoffsResponse extends PeriodReported {
  @ApiProperty({ type: Turnaround }) totals!: Turnaround;
  @ApiProperty({ type: [TeamTurnaround] }) byHandoffTeam!: TeamTurnaround[];
  @ApiProperty({ type: [TurnaroundBucket] }) series!: TurnaroundBucket[];
}

// Backlog age -----------------------------------------------------------------------------------------

export class BacklogFigures {
  @ApiProperty({ description: 'Open cases' }) open!: number;
  @ApiProperty({ type: AgeCounts }) byAge!: AgeCounts;
  @ApiProperty(nullableNumber('Median age (now - created_at), whole milliseconds')) medianAgeMs!: number | null;
  @ApiProperty(nullableNumber('90th percentile age, whole milliseconds')) p90AgeMs!: number | null;
  @ApiProperty(nullableNumber('Age of the oldest open case, whole milliseconds')) oldestAgeMs!: number | null;
  @ApiProperty({ description: 'Open cases that breached a team SLA' }) breached!: number;
  @ApiProperty({ description: 'Open cases past their soonest running team deadline (cases.due_at)' }) overdue!: number;
  @ApiProperty(reason('age')) reason!: string | null;
}
export class KindBacklogFigures extends BacklogFigures {
  @ApiProperty({ enum: CASE_KINDS }) kind!: string;
}
export class SeverityBacklogFigures extends BacklogFigures {
  @ApiProperty({ example: 'high' }) severity!: string;
}
export class BacklogResponse extends Reported {
  @ApiProperty({ type: BacklogFigures }) totals!: BacklogFigures;
  @ApiProperty({ type: [KindBacklogFigures] }) byKind!: KindBacklogFigures[];
  @ApiProperty({ type: [SeverityBacklogFigures] }) bySeverity!: SeverityBacklogFigures[];
  @ApiProperty(counts('Open cases by state', { queued: 3, in_progress: 7, waiting_on_seller: 2 })) byState!: Record<string, number>;
}

// Staffing ------------------------------------------------------------------------------------------

export class StaffingResponse {
  @ApiProperty() team!: string;
  @ApiProperty({ description: 'The instant every number refers to' }) generatedAt!: string;
  @ApiProperty({ description: 'The window the pace was measured over, in days' }) windowDays!: number;
  @ApiProperty({ type: Staffing, description: 'The staffing plan of GET /workload, with its arithmetic' }) staffing!: Staffing;
}

// Seller satisfaction -----------------------------------------------------------------------------------

export class SatisfactionGroupResponse {
  @ApiProperty({ example: 'appeal' }) kind!: string;
  @ApiProperty({ type: String, nullable: true, example: 'seller-risk-us' }) team!: string | null;
  @ApiProperty({ description: "An appeal's outcome (reinstated, denied) or an escalation's resolution code", example: 'reinstated' }) decision!: string;
  @ApiProperty() responses!: number;
  @ApiProperty({ description: 'Mean score (1 to 5), two decimals' }) averageScore!: number;
  @ApiProperty({ description: 'Share answering 4 or 5, four decimals' }) satisfiedShare!: number;
}
export class SatisfactionResponse extends PeriodReported {
  @ApiProperty({ description: 'Survey answers given in the period' }) responses!: number;
  @ApiProperty({ type: Number, nullable: true }) averageScore!: number | null;
  @ApiProperty({ type: Number, nullable: true }) satisfiedShare!: number | null;
  @ApiProperty({ type: [SatisfactionGroupResponse] }) groups!: SatisfactionGroupResponse[];
}
