import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../workflows/common/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { HandBackService } from './hand-back.service';
import { HandBackProgressResponse } from './roster-member.response';

@ApiTags('roster')
@ApiBearerAuth()
@Controller('hand-backs')
export class HandBackController {
  constructor(private readonly handBacks: HandBackService) {}

  @Get(':handBackId')
  @ApiOperation({ summary: "Progress of an out-of-office hand-back (whoever may view the absent member's roster entry)" })
  @ApiOkResponse({ type: HandBackProgressResponse })
  get(@Param('handBackId') handBackId: string, @CurrentActor() actor: Actor): Promise<HandBackProgressResponse> {
    return this.handBacks.progress(actor, handBackId);
  }
}
