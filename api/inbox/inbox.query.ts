import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { OffsetPageQuery } from '../common/offset-page.query';

export class InboxQuery extends OffsetPageQuery {
  @ApiPropertyOptional({ example: 'work', description: 'Only tasks of this kind (queue, work, manager_review, handoff, ...)' })
  @IsOptional()
  @Matches(/^[a-z_]{1,32}$/, { message: 'kind must be a task kind such as work or queue' })
  kind?: string;
}
