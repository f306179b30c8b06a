import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { BULK_STATUSES, type BulkStatus } from '../../../workflows/bulk-operation/bulk-operation.contract';
import { OffsetPageQuery } from '../../common/offset-page.query';

export class ListBulkOperationsQuery extends OffsetPageQuery {
  @ApiPropertyOptional({ enum: BULK_STATUSES })
  @IsOptional()
  @IsIn(BULK_STATUSES as readonly string[], { message: `status must be one of: ${BULK_STATUSES.join(', ')}` })
  status?: BulkStatus;
}
