import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsIn, IsOptional } from 'class-validator';
import { REVIEW_STATUSES, type ReviewStatus } from '../../../workflows/strategic-review/review.vocabulary';
import { bool, CaseFilterQuery, list } from '../../cases/dto/case-filter.query';

export class ListReviewsQuery extends CaseFilterQuery {
  @ApiPropertyOptional({ description: `Comma-separated: ${REVIEW_STATUSES.join(', ')}` })
  @IsOptional()
  @Transform(list)
  @ArrayMaxSize(REVIEW_STATUSES.length)
  @IsIn(REVIEW_STATUSES as readonly string[], { each: true, message: `state must be among: ${REVIEW_STATUSES.join(', ')}` })
  state?: ReviewStatus[];

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @Transform(bool)
  @IsBoolean({ message: 'open must be true or false' })
  open?: boolean;
}
