import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../workflows/common/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ErrorResponse } from '../common/error.response';
import { AssessSellerDto, ListSellersQuery } from './dto/seller-queries.dto';
import { SellerAssessmentResponse, SellerPageResponse, SellerResponse } from './seller.response';
import { SellersService } from './sellers.service';
import { SellerIdPipe } from './seller-id.pipe';
import { SELLER_ID_PATTERN } from './seller-id';

const SELLER_ID_PARAM = { name: 'sellerId', schema: { type: 'string' as const, pattern: SELLER_ID_PATTERN.source, maxLength: 100 } };

@ApiTags('sellers')
@ApiResponse({ status: 401, type: ErrorResponse, description: 'No valid token' })
@ApiResponse({ status: 403, type: ErrorResponse, description: 'The permission table refuses the caller: details.denial says why' })
@Controller('sellers')
export class SellersController {
  constructor(private readonly sellers: SellersService) {}

  @Get()
  @ApiOperation({ summary: 'The seller directory, largest annual sales first (every staff role)' })
  @ApiOkResponse({ type: SellerPageResponse })
  @ApiResponse({ status: 400, type: ErrorResponse, description: 'A bad filter: details.fields names it' })
  list(@Query() query: ListSellersQuery, @CurrentActor() actor: Actor): Promise<SellerPageResponse> {
    return this.sellers.list(actor, query);
  }

  @Get(':sellerId')
  @ApiParam(SELLER_ID_PARAM)
  @ApiOperation({ summary: "One seller's profile, tier, playbook, latest risk assessment and open review" })
  @ApiOkResponse({ type: SellerResponse })
  @ApiResponse({ status: 400, type: ErrorResponse, description: 'sellerId is malformed' })
  @ApiResponse({ status: 404, type: ErrorResponse, description: 'No such seller' })
  get(@Param('sellerId', SellerIdPipe) sellerId: string, @CurrentActor() actor: Actor): Promise<SellerResponse> {
    return this.sellers.get(actor, sellerId);
  }

  @Post(':sellerId/risk-assessments')
  @ApiParam(SELLER_ID_PARAM)
  @HttpCode(200)
  @ApiOperation({ summary: 'Record detection signals and assess the seller (operators); a band rising to the playbook threshold opens a review' })
  @ApiOkResponse({ type: SellerAssessmentResponse })
  @ApiResponse({ status: 400, type: ErrorResponse, description: 'A bad signal: details.fields names it' })
  @ApiResponse({ status: 404, type: ErrorResponse, description: 'No such seller' })
  @ApiResponse({ status: 503, type: ErrorResponse, description: 'Temporal is unreachable (opening a review)' })
  assess(@Param('sellerId', SellerIdPipe) sellerId: string, @Body() dto: AssessSellerDto, @CurrentActor() actor: Actor): Promise<SellerAssessmentResponse> {
    return this.sellers.assess(actor, sellerId, dto);
  }
}
