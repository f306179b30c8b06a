import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CASE_KINDS } from '../../workflows/common/actor';

export { AGE_BUCKETS, type AgeBucket } from './age-buckets';

export class MemberWorkload {
  @ApiProperty() userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() role!: string;
  @ApiProperty({ description: 'Unfinished cases assigned to the member (any kind, any team)' }) activeCases!: number;
  @ApiProperty() capacity!: number;
  @ApiProperty({ description: 'max(0, capacity - activeCases)' }) freeCapacity!: number;
  @ApiProperty({ description: 'activeCases >= capacity' }) atCapacity!: boolean;
  @ApiProperty() outOfOffice!: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) outOfOfficeUntil!: string | null;
  @ApiProperty({ description: 'Open tasks due within dueSoonHours' }) tasksDueSoon!: number;
  @ApiProperty({ description: 'Open tasks past their due time' }) tasksOverdue!: number;
}

export class QueueWorkload {
  @ApiProperty({ description: "Open tasks in the team's queue (no assignee)" }) openTasks!: number;
  @ApiProperty() tasksDueSoon!: number;
  @ApiProperty() tasksOverdue!: number;
}

export class AgeCounts {
  @ApiProperty({ name: '<1d', description: 'Younger than 1 day' }) '<1d'!: number;
  @ApiProperty({ name: '1-3d', description: 'At least 1 and under 3 days old' }) '1-3d'!: number;
  @ApiProperty({ name: '3-7d', description: 'At least 3 and under 7 days old' }) '3-7d'!: number;
  @ApiProperty({ name: '>7d', description: '7 days old or more' }) '>7d'!: number;
}

export class KindBacklog {
  @ApiProperty({ enum: CASE_KINDS }) kind!: string;
  @ApiProperty() total!: number;
  @ApiProperty({ type: AgeCounts }) byAge!: AgeCounts;
}

export class Backlog {
  @ApiProperty({ description: 'Unfinished cases of the team' }) total!: number;
  @ApiProperty({ type: AgeCounts }) byAge!: AgeCounts;
  @ApiProperty({ type: [KindBacklog] }) byKind!: KindBacklog[];
}

export class FlowDay {
  @ApiProperty({ description: 'Start of the 24-hour bucket (exclusive)' }) from!: string;
  @ApiProperty({ description: 'End of the 24-hour bucket (inclusive)' }) to!: string;
  @ApiProperty({ description: 'Cases of the team created in the bucket' }) arrivals!: number;
  @ApiProperty({ description: 'Cases of the team resolved (or closed) in the bucket' }) completions!: number;
}

export class FlowTotals {
  @ApiProperty() arrivals!: number;
  @ApiProperty() completions!: number;
  @ApiProperty({ description: 'completions - arrivals: positive means the backlog shrank' }) net!: number;
}

export class Flow {
  @ApiProperty({ description: 'Buckets of 24 hours ending at generatedAt, oldest first' }) days!: number;
  @ApiProperty({ type: [FlowDay] }) series!: FlowDay[];
  @ApiProperty({ type: FlowTotals }) totals!: FlowTotals;
}

export class DeadlineSources {
  @ApiProperty({ description: "Open cases whose deadline is their workflow's resolution clock" }) slaClock!: number;
  @ApiProperty({ description: 'Open cases without a clock yet: created_at + the policy resolution budget' }) policyEstimate!: number;
  @ApiProperty({ description: 'Open cases with no deadline (unknown kind or severity)' }) none!: number;
}

export class StaffingArithmeticResponse {
  @ApiProperty() backlog!: number;
  @ApiProperty() completions!: number;
  @ApiProperty() windowDays!: number;
  @ApiProperty({ description: 'Active specialists and senior specialists of the team' }) caseWorkers!: number;
  @ApiProperty({ description: 'Of those, not out of office now' }) availableCaseWorkers!: number;
  @ApiProperty() casesWithDeadline!: number;
  @ApiProperty({ type: DeadlineSources }) deadlineSources!: DeadlineSources;
  @ApiPropertyOptional({ type: Number, nullable: true }) throughputPerPersonPerDay!: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) medianRemainingDays!: number | null;
  @ApiProperty() minimumHorizonDays!: number;
  @ApiPropertyOptional({ type: Number, nullable: true }) horizonDays!: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) casesPerPersonInHorizon!: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) peopleNeeded!: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) additionalPeople!: number | null;
  @ApiProperty() formula!: string;
  @ApiProperty({ description: 'The formula with the numbers in it' }) worked!: string;
}

export class Staffing {
  @ApiProperty({ enum: ['ok', 'no_backlog', 'no_case_workers', 'no_throughput', 'no_deadlines'] }) status!: string;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'null when no finite answer exists (see notes)' })
  peopleNeeded!: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) additionalPeople!: number | null;
  @ApiProperty({ type: StaffingArithmeticResponse }) arithmetic!: StaffingArithmeticResponse;
  @ApiProperty({ type: [String] }) notes!: string[];
}

export class WorkloadResponse {
  @ApiProperty() team!: string;
  @ApiProperty({ description: 'The instant every number refers to' }) generatedAt!: string;
  @ApiProperty() dueSoonHours!: number;
  @ApiProperty({ type: [MemberWorkload] }) members!: MemberWorkload[];
  @ApiProperty({ type: QueueWorkload }) queue!: QueueWorkload;
  @ApiProperty({ type: Backlog }) backlog!: Backlog;
  @ApiProperty({ type: Flow }) flow!: Flow;
  @ApiProperty({ type: Staffing }) staffing!: Staffing;
}
