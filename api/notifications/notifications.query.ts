import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { OffsetPageQuery } from '../common/offset-page.query';

export class NotificationsQuery extends OffsetPageQuery {
  @ApiPropertyOptional({ description: 'Only notifications not yet marked read', default: false })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'unread must be true or false' })
  unread?: boolean;
}
