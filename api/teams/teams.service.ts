import { Injectable, Logger } from '@nestjs/common';
import { DateTime } from 'luxon';
import { QueryFailedError } from 'typeorm';
import type { TeamEntity } from '../../db/entities/team.entity';
import type { TeamConfig } from '../../db/seed/teams';
import { HANDOFF_TEAMS, type Actor } from '../../workflows/common/actor';
import { businessTimeBetween } from '../../workflows/common/business-calendar';
import { AccessService } from '../auth/access.service';
import { DomainError, ErrorCode } from '../common/error-codes';
import type { FieldProblem } from '../common/validation';
import type { CreateTeamDto } from './dto/create-team.dto';
import type { ListTeamsQuery } from './dto/list-teams.query';
import type { UpdateTeamDto } from './dto/update-team.dto';
import { buildTeamCalendar, COUNTED_HOLIDAY_TYPES, holidaySourceProblems, teamHolidaysIn } from './team-calendar';
import { toTeamConfig, toTeamEntity, toTeamResponse } from './team.mapper';
import type { TeamCalendarResponse, TeamListResponse, TeamResponse } from './team.response';
import { describeConflict, ruleConflicts } from './team-rules';
import { TeamsRepository } from './teams.repository';
import { HOUR_MS } from '../../workflows/common/time-units';


/**
 * Teams as configuration: operators create and change them; everyone who works cases may read them.
 * A change applies to cases created afterwards: a running case keeps the team and calendars it was
 * created with (they travel in its workflow input).
 */
@Injectable()
export class TeamsService {
  private readonly logger = new Logger('Teams');

  constructor(
    private readonly teams: TeamsRepository,
    private readonly access: AccessService,
  ) {}

  async list(actor: Actor, query: ListTeamsQuery): Promise<TeamListResponse> {
    this.access.require(actor, 'teams.view', { kind: 'teams' });
    const rows = await this.teams.list({ kind: query.kind, includeInactive: query.includeInactive ?? false });
    return { teams: rows.map(toTeamResponse) };
  }

  async get(actor: Actor, id: string): Promise<TeamResponse> {
    this.access.require(actor, 'teams.view', { kind: 'teams', team: id });
    return toTeamResponse(await this.find(id));
  }

  /** The team's holidays and working hours in one year, as a new case would count them. */
  async calendar(actor: Actor, id: string, year: number): Promise<TeamCalendarResponse> {
    this.access.require(actor, 'teams.view', { kind: 'teams', team: id });
    const team = await this.find(id);
    const { holidays, removed } = teamHolidaysIn(team, year);
    const calendar = buildTeamCalendar(team, { from: year, to: year });
    const startOf = (y: number) => DateTime.fromObject({ year: y, month: 1, day: 1 }, { zone: team.timeZone }).toMillis();
    const inYear = businessTimeBetween(calendar, startOf(year), startOf(year + 1));
    return {
      team: team.id,
      year,
      timeZone: team.timeZone,
      workingHours: team.workingHours,
      holidayCountry: team.holidayCountry,
      holidayRegion: team.holidayRegion,
      holidayTypes: [...COUNTED_HOLIDAY_TYPES],
      holidays,
      removed,
      workingHoursInYear: Math.round((inYear / HOUR_MS) * 100) / 100,
    };
  }

  async create(actor: Actor, dto: CreateTeamDto): Promise<TeamResponse> {
    this.access.require(actor, 'teams.update', { kind: 'teams', team: dto.id });
    if (await this.teams.findById(dto.id)) {
      throw new DomainError(ErrorCode.Conflict, `a team with id ${dto.id} already exists; change it with PATCH /teams/${dto.id}`, {
        conflict: 'team_exists',
      });
    }
    const config: TeamConfig = {
      id: dto.id,
      name: dto.name,
      kind: dto.kind,
      marketplaces: dto.marketplaces ?? [],
      categories: dto.categories ?? [],
      fallback: dto.fallback ?? false,
      timeZone: dto.timeZone,
      workingHours: dto.workingHours,
      holidayCountry: dto.holidayCountry ?? null,
      holidayRegion: dto.holidayRegion ?? null,
      holidayAdditions: (dto.holidayAdditions ?? []).map((a) => ({ date: a.date, name: a.name })),
      holidayRemovals: dto.holidayRemovals ?? [],
      active: dto.active ?? true,
    };
    const saved = await this.check(config, null).then(() => this.save(toTeamEntity(config, actor.userId, new Date())));
    this.logger.log({ event: 'team_created', by: actor.userId, team: saved.id });
    return toTeamResponse(saved);
  }

  async update(actor: Actor, id: string, dto: UpdateTeamDto): Promise<TeamResponse> {
    const fields = Object.entries(dto)
      .filter(([, v]) => v !== undefined)
      .map(([k]) => k);
    if (fields.length === 0) {
      throw new DomainError(ErrorCode.ValidationFailed, 'the body names no field to update', {
        fields: [{ field: '(body)', problems: ['give at least one field to change'] }],
      });
    }
    this.access.require(actor, 'teams.update', { kind: 'teams', team: id });
    const current = await this.find(id);
    const changed: TeamConfig = {
      ...toTeamConfig(current),
      ...Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)),
    };
    if (dto.holidayAdditions) changed.holidayAdditions = dto.holidayAdditions.map((a) => ({ date: a.date, name: a.name }));
    // A new country without a region drops the old country's region.
    if (dto.holidayCountry !== undefined && dto.holidayRegion === undefined && dto.holidayCountry !== current.holidayCountry) {
      changed.holidayRegion = null;
    }
    await this.check(changed, current);
    const saved = await this.save(Object.assign(current, changed, { updatedAt: new Date(), updatedBy: actor.userId }));
    this.logger.log({ event: 'team_updated', by: actor.userId, team: id, fields });
    return toTeamResponse(saved);
  }

  private async find(id: string): Promise<TeamEntity> {
    const team = await this.teams.findById(id);
    if (!team) throw new DomainError(ErrorCode.NotFound, `No team ${id}`);
    return team;
  }

  /** The rules a single field cannot check: 400 for a bad combination, 409 for a clash with other teams. */
  private async check(team: TeamConfig, current: TeamEntity | null): Promise<void> {
    const problems: FieldProblem[] = [...holidaySourceProblems(team.holidayCountry, team.holidayRegion)];
    if (team.kind === 'handoff_team') {
      if (!(HANDOFF_TEAMS as readonly string[]).includes(team.id)) {
        problems.push({ field: 'id', problems: [`a handoff team's id is one of ${HANDOFF_TEAMS.join(', ')}: the workflows hand off to no other`] });
      }
      for (const f of ['marketplaces', 'categories'] as const) {
        if (team[f].length > 0) problems.push({ field: f, problems: [`a handoff team owns no ${f}`] });
      }
      if (team.fallback) problems.push({ field: 'fallback', problems: ['only a case team can be the fallback'] });
      if (!team.active) problems.push({ field: 'active', problems: ['a handoff team answers handoffs from every case and cannot be deactivated'] });
    } else if (team.categories.length > 0 && team.marketplaces.length === 0) {
      problems.push({ field: 'categories', problems: ['categories narrow the team’s marketplaces; give marketplaces too'] });
    }
    if (team.fallback && !team.active && !current?.fallback) {
      problems.push({ field: 'active', problems: ['the fallback team must be active'] });
    }
    if (problems.length > 0) {
      throw new DomainError(ErrorCode.ValidationFailed, problems.flatMap((p) => p.problems).join('; '), { fields: problems });
    }

    if (current?.fallback && (!team.fallback || !team.active)) {
      throw new DomainError(
        ErrorCode.Conflict,
        `${current.id} is the fallback team for cases no rule matches; make another team the fallback (PATCH it with "fallback": true) instead`,
        { conflict: 'fallback_required' },
      );
    }
    const conflicts = ruleConflicts(await this.teams.list({ includeInactive: false }), team);
    if (conflicts.length > 0) {
      throw new DomainError(ErrorCode.Conflict, `routing rules already claimed: ${conflicts.map(describeConflict).join('; ')}`, {
        conflict: 'rule_claimed',
        conflicts,
      });
    }
  }

  /** Saves; a unique violation that a concurrent change slipped past `check` becomes the same 409. */
  private async save(team: TeamEntity): Promise<TeamEntity> {
    try {
      return await this.teams.save(team);
    } catch (err) {
      const constraint = err instanceof QueryFailedError ? (err.driverError as { constraint?: string }).constraint : undefined;
      if (constraint === 'ux_team_routes_rule') {
        throw new DomainError(ErrorCode.Conflict, `routing rules already claimed: ${(err as QueryFailedError<Error & { detail?: string }>).driverError.detail ?? 'by another team'}`, {
          conflict: 'rule_claimed',
        });
      }
      if (constraint === 'pk_teams') throw new DomainError(ErrorCode.Conflict, `a team with id ${team.id} already exists`, { conflict: 'team_exists' });
      throw err;
    }
  }
}
