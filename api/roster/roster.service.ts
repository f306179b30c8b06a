import { Injectable, Logger } from '@nestjs/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import type { RosterMemberEntity } from '../../db/entities/roster-member.entity';
import { authorize, type RosterAction } from '../../workflows/common/access';
import { SYSTEM_ACTOR, type Actor, type Role } from '../../workflows/common/actor';
import { escalationWorkflowId, releaseUpdate } from '../../workflows/escalation/escalation.contract';
import { AccessService } from '../auth/access.service';
import { DomainError, ErrorCode, isErrorCode } from '../common/error-codes';
import { TemporalClient } from '../common/runtime';
import type { ListRosterQuery } from './dto/list-roster.query';
import type { UpdateMemberDto } from './dto/update-member.dto';
import { toMemberResponse } from './roster.mapper';
import type {
  OfferedBackResponse,
  ReleasedCase,
  RosterListResponse,
  RosterMemberResponse,
  UnreleasedCase,
  UpdateMemberResponse,
} from './roster-member.response';
import { RosterRepository, type AssignedCaseRow } from './roster.repository';

/** Roles a team-scoped manager may give; wider roles (handoff teams, operators) only an operator gives. */
const TEAM_GRANTABLE_ROLES: readonly Role[] = ['specialist', 'senior_specialist', 'manager'];

export const OUT_OF_OFFICE_REASON = 'out_of_office';

/** Releases run a few at a time: a member may hold many cases, and each is one workflow update. */
const RELEASE_CONCURRENCY = 8;
/** Bounds each release so a stuck worker turns into a reported failure, not a hanging request. */
const RELEASE_TIMEOUT_MS = 15_000;

@Injectable()
export class RosterService {
  private readonly logger = new Logger('Roster');
  private readonly accessLogger = new Logger('Access');

  constructor(
    private readonly roster: RosterRepository,
    private readonly access: AccessService,
    private readonly temporal: TemporalClient,
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
   * Applies the fields given. Setting `outOfOfficeUntil` in the future then offers the member's open
   * escalations back to the queue, one release per case. The release is the system's consequence of
   * the absence, not the caller's decision on each case (an operator, or a manager whose member holds
   * another team's case, could not release those by hand), so the system is the actor and the reason
   * names who marked the absence. One refusal does not stop the others.
   */
  async update(actor: Actor, userId: string, dto: UpdateMemberDto): Promise<UpdateMemberResponse> {
    const fields = Object.entries(dto)
      .filter(([, v]) => v !== undefined)
      .map(([k]) => k);
    if (fields.length === 0) {
      throw new DomainError(ErrorCode.ValidationFailed, 'the body names no field to update', {
        fields: [{ field: '(body)', problems: ['give at least one of role, skills, capacity, outOfOfficeUntil, teamLead, active'] }],
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
    if (dto.teamLead !== undefined) member.teamLead = dto.teamLead;
    if (dto.active !== undefined) member.active = dto.active;
    member.updatedAt = new Date();
    // Saved before the releases, so the routing that re-offers each case already sees the absence.
    const saved = await this.roster.save(member);
    this.logger.log({ event: 'roster_updated', by: actor.userId, userId, fields });

    const now = Date.now();
    const goingAway = dto.outOfOfficeUntil != null && saved.outOfOfficeUntil !== null && saved.outOfOfficeUntil.getTime() > now;
    const offeredBack = goingAway ? await this.offerBackOpenWork(actor, saved.userId) : null;
    return { member: toMemberResponse(saved, now), offeredBack };
  }

  private async offerBackOpenWork(actor: Actor, userId: string): Promise<OfferedBackResponse> {
    const cases = await this.roster.openEscalationsAssignedTo(userId);
    const outcomes = await mapLimited(cases, RELEASE_CONCURRENCY, (c) => this.release(actor, c));
    const released = outcomes.filter((o): o is ReleasedCase => !('code' in o));
    const notReleased = outcomes.filter((o): o is UnreleasedCase => 'code' in o);
    this.logger.log({
      event: 'out_of_office_offered_back',
      by: actor.userId,
      userId,
      released: released.map((c) => c.caseId),
      notReleased: notReleased.map((c) => ({ caseId: c.caseId, code: c.code })),
    });
    return { reason: OUT_OF_OFFICE_REASON, released, notReleased };
  }

  private async release(actor: Actor, c: AssignedCaseRow): Promise<ReleasedCase | UnreleasedCase> {
    const workflowId = escalationWorkflowId(c.caseId);
    const { client } = this.temporal;
    const reason = `${OUT_OF_OFFICE_REASON} (marked by ${actor.userId})`;
    try {
      const view = await client.withDeadline(Date.now() + RELEASE_TIMEOUT_MS, () =>
        client.workflow.getHandle(workflowId).executeUpdate(releaseUpdate, { args: [{ actor: SYSTEM_ACTOR, reason }] }),
      );
      return { caseId: c.caseId, workflowId, state: view.state };
    } catch (err) {
      return { caseId: c.caseId, workflowId, ...this.describeFailure(err, workflowId) };
    }
  }

  /** The same codes the error filter would give, so a client reads a per-case refusal like a response. */
  private describeFailure(err: unknown, workflowId: string): { code: string; reason: string } {
    if (err instanceof WorkflowUpdateFailedError) {
      const cause = err.cause;
      if (cause instanceof ApplicationFailure && isErrorCode(cause.type)) return { code: cause.type, reason: cause.message };
      return { code: ErrorCode.Conflict, reason: cause?.message ?? err.message };
    }
    if (err instanceof WorkflowNotFoundError) return { code: ErrorCode.NotFound, reason: 'the case has no running workflow' };
    this.logger.error({ event: 'release_failed', workflowId, error: err instanceof Error ? err.stack : String(err) });
    return { code: ErrorCode.Unavailable, reason: 'the case workflow could not be reached; try again' };
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

/** Maps with at most `limit` calls in flight; results keep the input order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
