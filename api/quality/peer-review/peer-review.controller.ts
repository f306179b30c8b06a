import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../../workflows/common/actor';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { ParseRegexPipe } from './review-id.pipe';
import { IdempotencyKey } from '../../escalations/idempotency';
import { QaStatementDto } from './dto/qa-statement.dto';
import { QaReviewResponse } from './peer-review.response';
import { PeerReviewService } from './peer-review.service';

const REVIEW_ID = '^[0-9a-fA-F-]{36}:[a-z_]{1,64}:[0-9]{1,6}$';
const ReviewId = () => Param('reviewId', new ParseRegexPipe(new RegExp(REVIEW_ID), 'reviewId must look like <case uuid>:<decision kind>:<n>'));

@ApiTags('quality')
@ApiBearerAuth()
@ApiParam({ name: 'reviewId', schema: { type: 'string', pattern: REVIEW_ID }, example: '7d7c4a58-4ad4-4c53-9a5c-1f4e4b1f9c11:strategic_review_decision:1' })
@Controller('qa-reviews')
export class PeerReviewController {
  constructor(private readonly reviews: PeerReviewService) {}

  @Get(':reviewId')
  @ApiOperation({ summary: "A QA review: the evidence the maker saw; the maker's decision only once the review is no longer blind" })
  @ApiOkResponse({ type: QaReviewResponse })
  get(@ReviewId() reviewId: string, @CurrentActor() actor: Actor): Promise<QaReviewResponse> {
    return this.reviews.get(actor, reviewId);
  }

  @Post(':reviewId/review')
  @HttpCode(200)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Replaying a key applies the action once and returns its result' })
  @ApiOperation({ summary: "The routed reviewer's own decision: agreement releases the held decision, disagreement goes to a manager" })
  @ApiOkResponse({ type: QaReviewResponse })
  review(@ReviewId() reviewId: string, @Body() dto: QaStatementDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string): Promise<QaReviewResponse> {
    return this.reviews.review(actor, reviewId, dto, key);
  }

  @Post(':reviewId/adjudication')
  @HttpCode(200)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Replaying a key applies the action once and returns its result' })
  @ApiOperation({ summary: "A manager's adjudication of a disagreement: the decision to release, and the error types recorded" })
  @ApiOkResponse({ type: QaReviewResponse })
  adjudicate(@ReviewId() reviewId: string, @Body() dto: QaStatementDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string): Promise<QaReviewResponse> {
    return this.reviews.adjudicate(actor, reviewId, dto, key);
  }
}
