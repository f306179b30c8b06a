import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BULK_ACTION_TYPES, BULK_STATUSES } from '../../workflows/bulk-operation/bulk-operation.contract';
import { CASE_KINDS } from '../../workflows/common/actor';
import { BulkFilterDto } from './dto/bulk-filter.dto';

export class BulkActionResponse {
  @ApiProperty({ enum: BULK_ACTION_TYPES }) type!: string;
  @ApiPropertyOptional() assigneeId?: string;
  @ApiPropertyOptional() assigneeTeam?: string;
  @ApiPropertyOptional() reason?: string;
  @ApiPropertyOptional() resolutionCode?: string;
  @ApiPropertyOptional() rootCause?: string;
  @ApiPropertyOptional() note?: string;
  @ApiPropertyOptional() clock?: string;
  @ApiPropertyOptional() byMinutes?: number;
  @ApiPropertyOptional() severity?: string;
  @ApiPropertyOptional() category?: string;
}

export class BulkProgressResponse {
  @ApiProperty() total!: number;
  @ApiProperty() done!: number;
  @ApiProperty() refused!: number;
  @ApiProperty({ description: 'Not yet sent; after a cancel, never will be' }) remaining!: number;
}

export class BulkCaseResultResponse {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ enum: CASE_KINDS }) kind!: string;
  @ApiProperty({ enum: ['done', 'refused'] }) outcome!: string;
  @ApiProperty({ type: String, nullable: true, description: "The case's refusal type (forbidden, invalid_transition, validation_failed), or unsupported, not_found, unavailable" })
  code!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The case's own reason for refusing" }) reason!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The case's state after the change" }) state!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class BulkOperationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() team!: string;
  @ApiProperty() startedBy!: string;
  @ApiProperty({ type: BulkActionResponse }) action!: BulkActionResponse;
  @ApiProperty({ type: BulkFilterDto }) filter!: BulkFilterDto;
  @ApiProperty({ enum: BULK_STATUSES }) status!: string;
  @ApiProperty({ type: BulkProgressResponse }) progress!: BulkProgressResponse;
  @ApiProperty({ type: [BulkCaseResultResponse], description: 'One entry per case that has answered, in the order they answered' })
  results!: BulkCaseResultResponse[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt!: string | null;
}

export class BulkOperationSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() team!: string;
  @ApiProperty() startedBy!: string;
  @ApiProperty({ enum: BULK_ACTION_TYPES }) actionType!: string;
  @ApiProperty({ enum: BULK_STATUSES }) status!: string;
  @ApiProperty({ type: BulkProgressResponse }) progress!: BulkProgressResponse;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt!: string | null;
}

export class BulkOperationListResponse {
  @ApiProperty({ type: [BulkOperationSummaryResponse] }) items!: BulkOperationSummaryResponse[];
  @ApiProperty() total!: number;
}

export class BulkOperationStartedResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: BULK_STATUSES }) status!: string;
  @ApiProperty({ description: 'Cases selected by the filter' }) total!: number;
  @ApiProperty({ example: '/bulk-operations/7d1f0c1e-4c7b-4f55-9d5e-6f1f9d2b8a10', description: 'Where to watch it' }) location!: string;
}
