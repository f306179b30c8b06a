import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class WorkflowRunResponse {
  @ApiProperty() runId!: string;
  @ApiProperty({ example: 'CONTINUED_AS_NEW', description: "Temporal's execution status" }) status!: string;
  @ApiProperty() startTime!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) closeTime!: string | null;
  @ApiProperty({ description: 'Events in this run' }) historyLength!: number;
  @ApiProperty({ description: 'The run the workflow id leads to now' }) current!: boolean;
}

export class WorkflowRunsResponse {
  @ApiProperty() caseId!: string;
  @ApiProperty() workflowId!: string;
  @ApiProperty({ type: [WorkflowRunResponse], description: 'Oldest first; empty when Temporal no longer keeps the workflow' })
  runs!: WorkflowRunResponse[];
}
