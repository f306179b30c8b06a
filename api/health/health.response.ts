import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class HealthResponse {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
}

export class CheckResponse {
  @ApiProperty() ok!: boolean;
  @ApiPropertyOptional({ description: 'Why the check failed' }) error?: string;
  @ApiProperty({ type: 'integer', description: 'How long the check took' }) ms!: number;
}

export class WorkerCheckResponse extends CheckResponse {
  @ApiProperty() taskQueue!: string;
  @ApiProperty({ type: 'integer', description: 'Workers polling for workflow tasks in the last 90 s' }) workflowPollers!: number;
  @ApiProperty({ type: 'integer', description: 'Workers polling for activity tasks in the last 90 s' }) activityPollers!: number;
}

export class ReadinessChecksResponse {
  @ApiProperty({ type: CheckResponse }) postgres!: CheckResponse;
  @ApiProperty({ type: CheckResponse }) temporal!: CheckResponse;
  @ApiProperty({ type: WorkerCheckResponse }) worker!: WorkerCheckResponse;
}

export class ReadinessResponse {
  @ApiProperty({ enum: ['ready'] }) status!: 'ready';
  @ApiProperty({ type: ReadinessChecksResponse }) checks!: ReadinessChecksResponse;
}
