import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../workflows/common/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ErrorResponse } from '../common/error.response';
import { UuidParam } from '../common/uuid-param';
import { IdempotencyKey } from '../escalations/idempotency';
import { CreateReviewDto } from './dto/create-review.dto';
import { ListReviewsQuery } from './dto/list-reviews.query';
import { ReviewDetailResponse, ReviewPageResponse, ReviewViewResponse } from './review.response';
import { ReviewsService } from './reviews.service';

@ApiTags('strategic reviews')
@ApiResponse({ status: 401, type: ErrorResponse, description: 'No valid token' })
@Controller('reviews')
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @Post()
  @ApiOperation({ summary: "Open a strategic review of a seller (specialists, senior specialists and managers of the owning team); the seller's tier picks the playbook" })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Replaying a key returns the review it opened' })
  @ApiCreatedResponse({ type: ReviewViewResponse })
  @ApiResponse({ status: 400, type: ErrorResponse, description: 'Bad body, or a seller the directory does not know: details.fields names each bad field' })
  @ApiResponse({ status: 403, type: ErrorResponse, description: 'The caller may not open reviews for the owning team: details.denial says why' })
  @ApiResponse({ status: 409, type: ErrorResponse, description: 'The seller already has an open review: details.openReviewId names it' })
  @ApiResponse({ status: 503, type: ErrorResponse, description: 'Temporal is unreachable, or no team owns the marketplace' })
  create(@Body() dto: CreateReviewDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string): Promise<ReviewViewResponse> {
    return this.reviews.create(dto, actor, key);
  }

  @Get()
  @ApiOperation({ summary: 'Reviews the caller may view, newest first, filtered and paginated by cursor' })
  @ApiOkResponse({ type: ReviewPageResponse })
  @ApiResponse({ status: 400, type: ErrorResponse, description: 'A bad filter: details.fields names it' })
  @ApiResponse({ status: 403, type: ErrorResponse, description: 'The caller may view no reviews' })
  list(@Query() query: ListReviewsQuery, @CurrentActor() actor: Actor): Promise<ReviewPageResponse> {
    return this.reviews.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One review: checks, risk explanation, proposal with approvals and consultation, enforcement, statement of reasons, clocks, tasks, timeline, precedents, allowedActions' })
  @ApiOkResponse({ type: ReviewDetailResponse })
  @ApiResponse({ status: 400, type: ErrorResponse, description: 'id is not a UUID' })
  @ApiResponse({ status: 403, type: ErrorResponse, description: 'The caller may not view the review: details.denial says why' })
  @ApiResponse({ status: 404, type: ErrorResponse, description: 'No such review' })
  get(@UuidParam('id') id: string, @CurrentActor() actor: Actor): Promise<ReviewDetailResponse> {
    return this.reviews.detail(actor, id);
  }
}
