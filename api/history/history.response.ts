import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { CASE_KINDS, type CaseKind } from '../../workflows/common/actor';
import { TimelineEntryResponse } from '../cases/case.response';

export class HistoryFailureResponse {
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: "An ApplicationFailure's type, e.g. invalid_transition" })
  type!: string | null;
}

/** One Temporal history event, decoded for reading. */
export class HistoryEventResponse {
  @ApiPropertyOptional({ description: 'Which run of the workflow the event belongs to (1 = the first); set on case histories' }) run?: number;
  @ApiProperty({ description: 'Numbered from 1 within each run' }) eventId!: number;
  @ApiProperty({ example: 'WORKFLOW_EXECUTION_UPDATE_ACCEPTED' }) type!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) time!: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'The update, signal, activity, timer or child workflow the event is about',
  })
  name!: string | null;
  @ApiPropertyOptional() updateId?: string;
  @ApiPropertyOptional({ description: 'For child workflows and external signals: the other workflow' }) workflowId?: string;
  @ApiPropertyOptional({ type: 'array', items: {}, description: 'Decoded arguments' }) args?: unknown[];
  @ApiPropertyOptional({
    description: 'Decoded result: any JSON value, or null when the event carries none',
    nullable: true,
    oneOf: [{ type: 'object' }, { type: 'array', items: {} }, { type: 'string' }, { type: 'number' }, { type: 'boolean' }],
  })
  result?: unknown;
  @ApiPropertyOptional({ type: HistoryFailureResponse, nullable: true }) failure?: HistoryFailureResponse | null;
}

export class ChildHistoryResponse {
  @ApiProperty() handoffId!: string;
  @ApiProperty() workflowId!: string;
  @ApiProperty({ type: [HistoryEventResponse] }) events!: HistoryEventResponse[];
}

/** One run of a case's workflow: a case continues as new when its history grows long. */
export class WorkflowRunResponse {
  @ApiProperty({ description: '1 = the first run' }) run!: number;
  @ApiProperty() runId!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) startedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Null while the run is open' }) closedAt!: string | null;
  @ApiProperty({ example: 'CONTINUED_AS_NEW', description: 'How the run ended (RUNNING for the open one)' }) status!: string;
  @ApiProperty() eventCount!: number;
}

export class ChildWorkflowHistoryResponse {
  @ApiProperty() workflowId!: string;
  @ApiProperty({ type: String, nullable: true, example: 'handoffWorkflow', description: "The child's workflow type" }) workflowType!: string | null;
  @ApiProperty({ description: "False when Temporal no longer holds the child's history (past the namespace's retention): events is then empty" })
  retained!: boolean;
  @ApiProperty({ type: [HistoryEventResponse] }) events!: HistoryEventResponse[];
}

/** A case's workflow history, whatever its kind. */
export class CaseHistoryResponse {
  @ApiProperty() caseId!: string;
  @ApiProperty({ enum: CASE_KINDS }) kind!: CaseKind;
  @ApiProperty() workflowId!: string;
  @ApiProperty({ type: [WorkflowRunResponse], description: 'Every run of the case workflow, oldest first' })
  runs!: WorkflowRunResponse[];
  @ApiPropertyOptional({ description: 'With ?runId: the one run whose events are shown' }) runId?: string;
  @ApiProperty({ type: [HistoryEventResponse], description: "Every run's events (or ?runId's), oldest run first, each marked with its run" })
  events!: HistoryEventResponse[];
  @ApiProperty({ type: [TimelineEntryResponse], description: 'The audit trail from the read model, in order' })
  audit!: TimelineEntryResponse[];
  @ApiPropertyOptional({ type: [ChildWorkflowHistoryResponse], description: 'With ?children=true: each child workflow the shown runs started, rendered the same way' })
  children?: ChildWorkflowHistoryResponse[];
}

export class EscalationHistoryResponse extends OmitType(CaseHistoryResponse, ['kind', 'children'] as const) {
  @ApiPropertyOptional({ type: [ChildHistoryResponse], description: 'With ?handoffs=true: each handoff workflow, rendered the same way' })
  handoffs?: ChildHistoryResponse[];
}
