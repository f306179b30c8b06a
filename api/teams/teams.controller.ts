import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Actor } from '../../workflows/common/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ErrorResponse } from '../common/error.response';
import { TeamCalendarQuery } from './dto/calendar.query';
import { CreateTeamDto } from './dto/create-team.dto';
import { ListTeamsQuery } from './dto/list-teams.query';
import { UpdateTeamDto } from './dto/update-team.dto';
import { TeamCalendarResponse, TeamListResponse, TeamResponse } from './team.response';
import { TeamsService } from './teams.service';

const BAD_REQUEST = { type: ErrorResponse, description: 'validation_failed: details.fields names each bad field' };
const UNAUTHORIZED = { type: ErrorResponse, description: 'unauthenticated: missing, malformed or expired token, or not an active roster member' };
const FORBIDDEN = { type: ErrorResponse, description: 'forbidden: the permission table refuses the caller (details.denial)' };
const NOT_FOUND = { type: ErrorResponse, description: 'not_found: no team with this id' };

/** Routing rules and calendars as configuration. Changes apply to cases created afterwards. */
@ApiTags('teams')
@ApiBearerAuth()
@ApiUnauthorizedResponse(UNAUTHORIZED)
@ApiForbiddenResponse(FORBIDDEN)
@Controller('teams')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Get()
  @ApiOperation({ summary: 'Teams with their routing rules and calendars (everyone on the roster)' })
  @ApiOkResponse({ type: TeamListResponse })
  @ApiBadRequestResponse(BAD_REQUEST)
  list(@Query() query: ListTeamsQuery, @CurrentActor() actor: Actor): Promise<TeamListResponse> {
    return this.teams.list(actor, query);
  }

  @Post()
  @ApiOperation({ summary: 'Add a team (operators); it receives new cases of the rules it claims' })
  @ApiCreatedResponse({ type: TeamResponse })
  @ApiBadRequestResponse(BAD_REQUEST)
  @ApiConflictResponse({ type: ErrorResponse, description: 'conflict: the id exists, or another active team claims a rule (details.conflicts)' })
  create(@Body() dto: CreateTeamDto, @CurrentActor() actor: Actor): Promise<TeamResponse> {
    return this.teams.create(actor, dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One team' })
  @ApiOkResponse({ type: TeamResponse })
  @ApiNotFoundResponse(NOT_FOUND)
  get(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<TeamResponse> {
    return this.teams.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a team (operators): rules, calendar, holidays, fallback, active. Applies to new cases only' })
  @ApiOkResponse({ type: TeamResponse })
  @ApiBadRequestResponse(BAD_REQUEST)
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiConflictResponse({
    type: ErrorResponse,
    description: 'conflict: another active team claims a rule (details.conflicts), or the change would leave no fallback team',
  })
  update(@Param('id') id: string, @Body() dto: UpdateTeamDto, @CurrentActor() actor: Actor): Promise<TeamResponse> {
    return this.teams.update(actor, id, dto);
  }

  @Get(':id/calendar')
  @ApiOperation({ summary: "A team's holidays and working hours for one year, as new cases would count them" })
  @ApiOkResponse({ type: TeamCalendarResponse })
  @ApiBadRequestResponse(BAD_REQUEST)
  @ApiNotFoundResponse(NOT_FOUND)
  calendar(@Param('id') id: string, @Query() query: TeamCalendarQuery, @CurrentActor() actor: Actor): Promise<TeamCalendarResponse> {
    return this.teams.calendar(actor, id, query.year ?? new Date().getUTCFullYear());
  }
}
