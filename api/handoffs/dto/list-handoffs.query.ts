import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { OffsetPageQuery } from '../../common/offset-page.query';

export const HANDOFF_STATUSES = ['open', 'answered', 'cancelled'] as const;

export class ListHandoffsQuery extends OffsetPageQuery {
  @ApiPropertyOptional({ enum: HANDOFF_STATUSES, default: 'open' })
  @IsOptional()
  @IsIn(HANDOFF_STATUSES as readonly string[], { message: `status must be one of: ${HANDOFF_STATUSES.join(', ')}` })
  status?: (typeof HANDOFF_STATUSES)[number];
}
