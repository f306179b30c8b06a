import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TimelineEntryResponse } from '../cases/case.response';

export class HistoryFailureResponse {
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: "An ApplicationFailure's type, e.g. invalid_transition" })
  type!: string | null;
}

/** One Temporal history event, decoded for reading. */
export class HistoryEventResponse {
  @ApiProperty() eventId!: number;
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

export class EscalationHistoryResponse {
  @ApiProperty() caseId!: string;
  @ApiProperty() workflowId!: string;
  @ApiProperty({ type: [HistoryEventResponse], description: "The case workflow's current run, oldest event first" })
  events!: HistoryEventResponse[];
  @ApiProperty({ type: [TimelineEntryResponse], description: 'The audit trail from the read model, in order' })
  audit!: TimelineEntryResponse[];
  @ApiPropertyOptional({ type: [ChildHistoryResponse], description: 'With ?handoffs=true: each handoff workflow, rendered the same way' })
  handoffs?: ChildHistoryResponse[];
}
