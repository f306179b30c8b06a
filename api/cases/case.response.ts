import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CASE_KINDS } from '../../workflows/common/actor';
import { HANDOFF_ADDRESSEES } from '../../workflows/handoff/handoff.vocabulary';

/** What every kind's case shows the same way: clocks, tasks, handoffs, audit lines, and the case row itself. */

export class ClockResponse {
  @ApiProperty({ example: 'resolution' }) id!: string;
  @ApiProperty({ example: 'resolution' }) kind!: string;
  @ApiProperty({ enum: ['running', 'paused', 'met', 'breached', 'cancelled'] }) status!: string;
  @ApiProperty() calendarId!: string;
  @ApiProperty({ description: 'Business-time budget in milliseconds, extensions included' }) budgetMs!: number;
  @ApiProperty() startedAt!: string;
  @ApiProperty() warnAt!: string;
  @ApiProperty({ description: 'When the clock breaches (for a paused clock: as of its last running segment)' })
  deadlineAt!: string;
  @ApiProperty() warned!: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) breachedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) stoppedAt!: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Business time left; only on a live view' })
  remainingMs!: number | null;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) pauses!: { at: string; reason: string; resumedAt: string | null }[];
  @ApiProperty({ type: 'array', items: { type: 'object' } })
  extensions!: { at: string; byUserId: string; reason: string; addedMs: number }[];
}

export class TaskResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'work' }) kind!: string;
  @ApiProperty() title!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) assigneeId!: string | null;
  @ApiProperty() team!: string;
  @ApiProperty({ enum: ['open', 'done', 'cancelled'] }) status!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) dueAt!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) completedAt!: string | null;
}

export class CaseHandoffResponse {
  @ApiProperty({ example: '<caseId>/handoff/1' }) id!: string;
  @ApiProperty({ enum: HANDOFF_ADDRESSEES }) team!: string;
  @ApiProperty() question!: string;
  @ApiProperty() blocking!: boolean;
  @ApiProperty({ enum: ['open', 'answered', 'cancelled'] }) status!: string;
  @ApiProperty() requestedBy!: string;
  @ApiProperty() requestedAt!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) dueAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, enum: ['approve', 'reject', 'advise'] }) outcome!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) notes!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) citation!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) answeredBy!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) answeredAt!: string | null;
}

export class TimelineEntryResponse {
  @ApiProperty() seq!: number;
  @ApiProperty({ example: 'acknowledged' }) action!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) fromState!: string | null;
  @ApiProperty() toState!: string;
  @ApiProperty() actorId!: string;
  @ApiProperty() actorRole!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) details!: Record<string, unknown>;
  @ApiProperty() at!: string;
}

/** A case of any kind, as lists show it; built by the mapper, never an entity. */
export class CaseSummaryResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: CASE_KINDS }) kind!: string;
  @ApiProperty() workflowId!: string;
  @ApiProperty() state!: string;
  @ApiProperty({ description: 'Not finished (by the kind\'s own list of finished states)' }) open!: boolean;
  @ApiProperty() sellerId!: string;
  @ApiProperty() marketplace!: string;
  @ApiProperty() severity!: string;
  @ApiProperty() summary!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) team!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) assigneeId!: string | null;
  @ApiProperty() breached!: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The soonest running team SLA deadline' }) dueAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) resolvedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) closedAt!: string | null;
  @ApiProperty() createdBy!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "The kind's own fields (escalations: category, language, resolutionCode, rootCause, reopenCount)" })
  details!: Record<string, unknown>;
}

export class CaseDetailResponse extends CaseSummaryResponse {
  @ApiProperty({ type: [ClockResponse] }) clocks!: ClockResponse[];
  @ApiProperty({ type: [TaskResponse], description: 'Open tasks first, then done and cancelled ones' }) tasks!: TaskResponse[];
  @ApiProperty({ type: [CaseHandoffResponse] }) handoffs!: CaseHandoffResponse[];
  @ApiProperty({ type: [TimelineEntryResponse] }) timeline!: TimelineEntryResponse[];
}

export class CasePageResponse {
  @ApiProperty({ type: [CaseSummaryResponse] }) items!: CaseSummaryResponse[];
  @ApiProperty({ description: 'Cases matching the filters (all pages), counted up to LIST_TOTAL_CAP (10,000 by default)' }) total!: number;
  @ApiProperty({ description: 'True when more cases match than LIST_TOTAL_CAP: total is then that cap, not the exact count' }) totalCapped!: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last' })
  nextCursor!: string | null;
}
