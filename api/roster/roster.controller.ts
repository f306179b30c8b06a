import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../workflows/common/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ListRosterQuery } from './dto/list-roster.query';
import { UpdateMemberDto } from './dto/update-member.dto';
import { RosterListResponse, RosterMemberResponse, UpdateMemberResponse } from './roster-member.response';
import { RosterService } from './roster.service';

@ApiTags('roster')
@ApiBearerAuth()
@Controller('roster')
export class RosterController {
  constructor(private readonly roster: RosterService) {}

  @Get()
  @ApiOperation({ summary: 'Roster members (senior specialists and managers: own team; operators: any team)' })
  @ApiOkResponse({ type: RosterListResponse })
  list(@Query() query: ListRosterQuery, @CurrentActor() actor: Actor): Promise<RosterListResponse> {
    return this.roster.list(actor, query);
  }

  @Get(':userId')
  @ApiOperation({ summary: 'One roster member' })
  @ApiOkResponse({ type: RosterMemberResponse })
  get(@Param('userId') userId: string, @CurrentActor() actor: Actor): Promise<RosterMemberResponse> {
    return this.roster.get(actor, userId);
  }

  @Patch(':userId')
  @ApiOperation({
    summary: "Update a member (managers of the member's team, operators); going out of office offers their open escalations back",
  })
  @ApiOkResponse({ type: UpdateMemberResponse })
  update(@Param('userId') userId: string, @Body() dto: UpdateMemberDto, @CurrentActor() actor: Actor): Promise<UpdateMemberResponse> {
    return this.roster.update(actor, userId, dto);
  }
}
