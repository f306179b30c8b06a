import { Injectable, Logger } from '@nestjs/common';
import type { RosterMemberEntity } from '../../db/entities/roster-member.entity';
import { authorize, type RosterAction } from '../../workflows/common/access';
import type { Actor, Role } from '../../workflows/common/actor';
import { AccessService } from '../auth/access.service';
import { DomainError, ErrorCode } from '../common/error-codes';
import type { ListRosterQuery } from './dto/list-roster.query';
import type { UpdateMemberDto } from './dto/update-member.dto';
import { HandBackService } from './hand-back.service';
import { toMemberResponse } from './roster.mapper';
import type { RosterListResponse, RosterMemberResponse, UpdateMemberResponse } from './roster-member.response';
import { RosterRepository } from './roster.repository';

/** Roles a team-scoped manager may give; wider roles (handoff teams, operators) only an operator gives. */
const TEAM_GRANTABLE_ROLES: readonly Role[] = ['specialist', 'senior_specialist', 'manager'];

/**
 * Kinds of account rather than roles: a seller's account is bound to its seller (team `seller:<id>`)
 * and the enforcement system's is a service account. Nobody becomes one, or stops being one, by a
 * role change: such accounts are created for what they are (`npm run roster:add`).
 */
const ACCOUNT_ROLES: readonly Role[] = ['seller', 'enforcement_system'];

@Injectable()
export class RosterService {
  private readonly logger = new Logger('Roster');
  private readonly accessLogger = new Logger('Access');

  constructor(
    private readonly roster: RosterRepository,
    private readonly access: AccessService,
    private readonly handBacks: HandBackService,
  ) {}

  /**
   * Without a team, a caller who may view every team's roster (an operator) gets them all; anyone
   * else gets their own team. Asking for another team is checked like any other roster read.
   */
  async list(actor: Actor, query: ListRosterQuery): Promise<RosterListResponse> {
    const team = query.team ?? (this.mayActOnAnyTeam(actor, 'roster.view') ? undefined : actor.team);
    this.access.require(actor, 'roster.view', { kind: 'roster', team });
    const members = await this.roster.list({
      ...(team !== undefined ? { team } : {}),
      ...(query.role !== undefined ? { role: query.role } : {}),
      includeInactive: query.includeInactive ?? false,
    });
    const now = Date.now();
    return { members: members.map((m) => toMemberResponse(m, now)) };
  }

  async get(actor: Actor, userId: string): Promise<RosterMemberResponse> {
    const member = await this.findOrRefuse(actor, 'roster.view', userId);
    this.access.require(actor, 'roster.view', { kind: 'roster', team: member.team }, member.userId);
    return toMemberResponse(member, Date.now());
  }

  /**
   * Applies the fields given. Setting `outOfOfficeUntil` in the future then starts the hand-back: a
   * workflow that releases each of the member's open cases (every kind) back to the queue in the
   * caller's name, with the reason, so each case re-checks the caller's permission and its audit trail
   * names them. The answer comes at once with the hand-back's id; it finishes even if the API does not.
   */
  async update(actor: Actor, userId: string, dto: UpdateMemberDto): Promise<UpdateMemberResponse> {
    const fields = Object.entries(dto)
      .filter(([, v]) => v !== undefined)
      .map(([k]) => k);
    if (fields.length === 0) {
      throw new DomainError(ErrorCode.ValidationFailed, 'the body names no field to update', {
        fields: [{ field: '(body)', problems: ['give at least one of role, skills, capacity, outOfOfficeUntil, startedOn, teamLead, active'] }],
      });
    }
    const member = await this.findOrRefuse(actor, 'roster.update', userId);
    this.access.require(actor, 'roster.update', { kind: 'roster', team: member.team }, member.userId);
    this.checkGrant(actor, member, dto);

    if (dto.role !== undefined) member.role = dto.role;
    if (dto.skills !== undefined) {
      member.skills = {
        kinds: dto.skills.kinds ?? member.skills.kinds,
        marketplaces: dto.skills.marketplaces ?? member.skills.marketplaces,
        languages: dto.skills.languages ?? member.skills.languages,
      };
    }
    if (dto.capacity !== undefined) member.capacity = dto.capacity;
    if (dto.outOfOfficeUntil !== undefined) member.outOfOfficeUntil = dto.outOfOfficeUntil === null ? null : new Date(dto.outOfOfficeUntil);
    if (dto.startedOn !== undefined) member.startedOn = dto.startedOn;
    if (dto.teamLead !== undefined) member.teamLead = dto.teamLead;
    if (dto.active !== undefined) member.active = dto.active;
    member.updatedAt = new Date();
    // Saved before the releases, so the routing that re-offers each case already sees the absence.
    const saved = await this.roster.save(member);
    this.logger.log({ event: 'roster_updated', by: actor.userId, userId, fields });

    const now = Date.now();
    const goingAway = dto.outOfOfficeUntil != null && saved.outOfOfficeUntil !== null && saved.outOfOfficeUntil.getTime() > now;
    const offeredBack = goingAway ? await this.handBacks.start(actor, saved.userId, saved.outOfOfficeUntil as Date) : null;
    return { member: toMemberResponse(saved, now), offeredBack };
  }

  /**
   * An unknown id is a 404 only for callers whose role may use the action at all (checked against
   * their own team), so the answer tells nothing to callers who could never read the roster.
   */
  private async findOrRefuse(actor: Actor, action: RosterAction, userId: string): Promise<RosterMemberEntity> {
    const member = await this.roster.findById(userId);
    if (member) return member;
    this.access.require(actor, action, { kind: 'roster', team: actor.team }, userId);
    throw new DomainError(ErrorCode.NotFound, `No roster member ${userId}`);
  }

  /** Whether the table lets this caller use the action without a team (operators: anywhere). */
  private mayActOnAnyTeam(actor: Actor, action: RosterAction): boolean {
    return authorize(actor, action, { kind: 'roster' }).allowed;
  }

  /**
   * Rules the permission table cannot express: a team-scoped manager gives only team roles (making
   * someone an operator or a Legal approver is an operator's act), and nobody changes their own role
   * or deactivates themselves (a team must not lose its last manager by accident).
   */
  private checkGrant(actor: Actor, member: RosterMemberEntity, dto: UpdateMemberDto): void {
    const roleChange = dto.role !== undefined && dto.role !== member.role;
    if (roleChange && (ACCOUNT_ROLES.includes(dto.role as Role) || ACCOUNT_ROLES.includes(member.role as Role))) {
      throw new DomainError(ErrorCode.ValidationFailed, `role cannot change from ${member.role} to ${dto.role}`, {
        fields: [{ field: 'role', problems: [`${ACCOUNT_ROLES.join(' and ')} are kinds of account, not roles: a member cannot be given one or lose one (${member.userId} is ${member.role})`] }],
      });
    }
    if (member.userId === actor.userId && (roleChange || dto.active === false)) {
      this.refuse(actor, member, 'self_change', 'you may not change your own role or deactivate yourself; ask another manager or an operator');
    }
    if (roleChange && !this.mayActOnAnyTeam(actor, 'roster.update')) {
      const wanted = dto.role as Role;
      if (!TEAM_GRANTABLE_ROLES.includes(wanted) || !TEAM_GRANTABLE_ROLES.includes(member.role as Role)) {
        this.refuse(
          actor,
          member,
          'role_not_grantable',
          `role ${actor.role} may change roles only among ${TEAM_GRANTABLE_ROLES.join(', ')}; ${member.role} -> ${wanted} needs an operator`,
        );
      }
    }
  }

  private refuse(actor: Actor, member: RosterMemberEntity, denial: string, reason: string): never {
    this.accessLogger.warn({
      event: 'access_refused',
      userId: actor.userId,
      role: actor.role,
      team: actor.team,
      action: 'roster.update',
      target: { kind: 'roster', team: member.team, subject: member.userId },
      code: denial,
      reason,
    });
    throw new DomainError(ErrorCode.Forbidden, reason, { denial, action: 'roster.update' });
  }
}
