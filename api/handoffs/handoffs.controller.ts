import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../workflows/common/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { IdempotencyKey } from '../escalations/idempotency';
import { AnswerHandoffDto } from './dto/answer-handoff.dto';
import { ListHandoffsQuery } from './dto/list-handoffs.query';
import { HandoffPageResponse, HandoffResponse } from './handoff.response';
import { HandoffsService } from './handoffs.service';

@ApiTags('handoffs')
@Controller('handoffs')
export class HandoffsController {
  constructor(private readonly handoffs: HandoffsService) {}

  @Get()
  @ApiOperation({
    summary: "Handoffs for the caller's team: addressed to it (legal, policy, customer trust, account management), or raised from its cases",
  })
  @ApiOkResponse({ type: HandoffPageResponse })
  list(@Query() query: ListHandoffsQuery, @CurrentActor() actor: Actor): Promise<HandoffPageResponse> {
    return this.handoffs.list(actor, query);
  }

  @Post(':handoffId/answer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Answer a handoff (members of the addressed team): approve, reject or advise, with notes and a citation' })
  @ApiParam({ name: 'handoffId', description: 'The handoff id, URL-encoded (e.g. <caseId>%2Fhandoff%2F1)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Replaying a key applies the answer once' })
  @ApiOkResponse({ type: HandoffResponse })
  answer(
    @Param('handoffId') handoffId: string,
    @Body() dto: AnswerHandoffDto,
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key?: string,
  ): Promise<HandoffResponse> {
    return this.handoffs.answer(actor, handoffId, dto, key);
  }
}
