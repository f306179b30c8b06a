import { Injectable } from '@nestjs/common';
import { WorkflowNotFoundError, type UpdateDefinition } from '@temporalio/common';
import type { CaseEntity } from '../../db/entities/case.entity';
import type { CaseAction } from '../../workflows/common/access';
import type { Actor } from '../../workflows/common/actor';
import { sellerResponseSlaTarget } from '../../workflows/common/sla-policy';
import {
  acknowledgeUpdate,
  assignUpdate,
  claimUpdate,
  escalateUpdate,
  extendSlaUpdate,
  handOffUpdate,
  reassignUpdate,
  recordSellerResponseUpdate,
  renewLeaseUpdate,
  retriageUpdate,
  releaseUpdate,
  reopenUpdate,
  requestInfoUpdate,
  resolveUpdate,
  type ActionRequest,
  type EscalationView,
} from '../../workflows/escalation/escalation.contract';
import { DomainError, ErrorCode } from '../common/error-codes';
import { ApiSettings, TemporalClient } from '../common/runtime';
import { RosterRepository } from '../roster/roster.repository';
import type { AssignDto } from './dto/assign.dto';
import type { ExtendSlaDto } from './dto/extend-sla.dto';
import type { RetriageDto } from './dto/retriage.dto';
import type { HandOffDto } from './dto/hand-off.dto';
import type { OptionalReasonDto, ReasonDto } from './dto/reason.dto';
import type { ReassignDto } from './dto/reassign.dto';
import type { RequestInfoDto } from './dto/request-info.dto';
import type { ResolveDto } from './dto/resolve.dto';
import type { SellerResponseDto } from './dto/seller-response.dto';
import { CaseAccess } from '../cases/case-access.service';
import { ReviewOpener } from '../reviews/review-opener.service';
import { ENFORCEMENT_WORTHY_RESOLUTIONS } from '../../workflows/strategic-review/review.vocabulary';
import { escalationAllowedActions, escalationContextFor } from './allowed-actions';
import { defaultSellerDeadline } from './escalation-settings';
import { fromView } from './escalation.mapper';
import type { EscalationViewResponse } from './escalation.response';
import { updateIdFor } from './idempotency';
import { sellerDeadline } from './seller-deadline';

/** Roles that can hold a case. */
const ASSIGNABLE_ROLES = ['specialist', 'senior_specialist', 'manager'];

/**
 * One method per case action: load the case (404), check the caller against the permission table
 * (403 with its reason), then send the workflow update, whose validator checks state and permission
 * again (409/403/400 with its reason). With an Idempotency-Key, a replayed request is applied once.
 */
@Injectable()
export class EscalationActionsService {
  constructor(
    private readonly cases: CaseAccess,
    private readonly temporal: TemporalClient,
    private readonly settings: ApiSettings,
    private readonly roster: RosterRepository,
    private readonly reviews: ReviewOpener,
  ) {}

  acknowledge(actor: Actor, id: string, key?: string) {
    return this.act(actor, id, 'acknowledge', acknowledgeUpdate, {}, key);
  }

  claim(actor: Actor, id: string, key?: string) {
    return this.act(actor, id, 'claim', claimUpdate, {}, key);
  }

  release(actor: Actor, id: string, dto: OptionalReasonDto, key?: string) {
    return this.act(actor, id, 'release', releaseUpdate, { reason: dto.reason }, key);
  }

  requestInfo(actor: Actor, id: string, dto: RequestInfoDto, key?: string) {
    const now = Date.now();
    const deadline = dto.deadline
      ? sellerDeadline(dto.deadline, now)
      : defaultSellerDeadline(sellerResponseSlaTarget(this.settings.config.SLA_POLICY_JSON), now);
    return this.act(actor, id, 'request_info', requestInfoUpdate, { question: dto.question, deadline }, key);
  }

  recordSellerResponse(actor: Actor, id: string, dto: SellerResponseDto, key?: string) {
    return this.act(actor, id, 'record_seller_response', recordSellerResponseUpdate, { summary: dto.summary }, key);
  }

  handOff(actor: Actor, id: string, dto: HandOffDto, key?: string) {
    const payload = { team: dto.team, question: dto.question, blocking: dto.blocking ?? true };
    return this.act(actor, id, 'hand_off', handOffUpdate, payload, key);
  }

  async resolve(actor: Actor, id: string, dto: ResolveDto, key?: string) {
    // The resolver's start date: the case samples the resolution for QA by the maker's tenure.
    const makerStartedOn = (await this.roster.activeMember(actor.userId))?.startedOn ?? null;
    const payload = { resolutionCode: dto.resolutionCode, rootCause: dto.rootCause, upstreamTeam: dto.upstreamTeam, note: dto.note, makerStartedOn };
    const resolved = await this.act(actor, id, 'resolve', resolveUpdate, payload, key);
    // An enforcement-worthy resolution on a strategic seller opens a strategic review (one per escalation, one open per seller).
    if ((ENFORCEMENT_WORTHY_RESOLUTIONS as readonly string[]).includes(dto.resolutionCode)) {
      const seller = await this.reviews.strategicSeller(resolved.sellerId);
      if (seller) await this.reviews.openAutomatically(seller.id, `Escalation resolved ${dto.resolutionCode}: ${resolved.summary}`.slice(0, 2000), { kind: 'escalation_resolved', ref: id });
    }
    return resolved;
  }

  reopen(actor: Actor, id: string, dto: ReasonDto, key?: string) {
    return this.act(actor, id, 'reopen', reopenUpdate, { reason: dto.reason }, key);
  }

  escalate(actor: Actor, id: string, dto: ReasonDto, key?: string) {
    return this.act(actor, id, 'escalate', escalateUpdate, { reason: dto.reason }, key);
  }

  reassign(actor: Actor, id: string, dto: ReassignDto, key?: string) {
    return this.act(actor, id, 'reassign', reassignUpdate, async (row) => {
      const member = await this.roster.findActive(dto.assigneeId);
      if (!member || !ASSIGNABLE_ROLES.includes(member.role)) {
        throw new DomainError(ErrorCode.ValidationFailed, `${dto.assigneeId} is not an active specialist, senior specialist or manager`, {
          fields: [{ field: 'assigneeId', problems: ['must be an active roster member who can hold cases'] }],
        });
      }
      return { assigneeId: member.userId, team: member.team !== row.team ? member.team : undefined, reason: dto.reason };
    }, key);
  }

  /** A manager gives a queued case to a member of its team (moving it to another team is a reassignment). */
  assign(actor: Actor, id: string, dto: AssignDto, key?: string) {
    return this.act(actor, id, 'reassign', assignUpdate, async (row) => {
      const member = await this.roster.findActive(dto.assigneeId);
      if (!member || !ASSIGNABLE_ROLES.includes(member.role) || member.team !== row.team) {
        throw new DomainError(ErrorCode.ValidationFailed, `${dto.assigneeId} is not an active member of team ${row.team} who can hold cases`, {
          fields: [{ field: 'assigneeId', problems: [`must be an active specialist, senior specialist or manager of team ${row.team}`] }],
        });
      }
      return { assigneeId: member.userId, reason: dto.reason };
    }, key);
  }

  retriage(actor: Actor, id: string, dto: RetriageDto, key?: string) {
    return this.act(actor, id, 'retriage', retriageUpdate, { severity: dto.severity, category: dto.category, reason: dto.reason }, key);
  }

  renewLease(actor: Actor, id: string, key?: string) {
    return this.act(actor, id, 'renew_lease', renewLeaseUpdate, {}, key);
  }

  extendSla(actor: Actor, id: string, dto: ExtendSlaDto, key?: string) {
    return this.act(actor, id, 'extend_sla', extendSlaUpdate, { clock: dto.clock, byMs: dto.byMinutes * 60_000, reason: dto.reason }, key);
  }

  private async act<Req extends ActionRequest>(
    actor: Actor,
    id: string,
    action: CaseAction,
    update: UpdateDefinition<EscalationView, [Req]>,
    payload: Omit<Req, 'actor'> | ((row: CaseEntity) => Promise<Omit<Req, 'actor'>>),
    key: string | undefined,
  ): Promise<EscalationViewResponse> {
    const row = await this.cases.require(actor, action, id, 'escalation');
    const body = typeof payload === 'function' ? await payload(row) : payload;
    const request = { ...withoutUndefined(body), actor } as Req;
    try {
      const view = await this.temporal.client.workflow
        .getHandle(row.workflowId)
        .executeUpdate(update, { args: [request], updateId: updateIdFor(action, actor, key) });
      const ctx = escalationContextFor(this.settings.config);
      return { ...fromView(view), allowedActions: escalationAllowedActions(view.caseId, view.case, actor, Date.now(), ctx) };
    } catch (err) {
      // The read model still lists the case, but its workflow has ended (closed): nothing more to do.
      if (err instanceof WorkflowNotFoundError) {
        throw new DomainError(ErrorCode.InvalidTransition, `the case is ${row.state} and takes no more actions`);
      }
      throw err;
    }
  }
}

/** Temporal's JSON drops undefined fields anyway; dropping them here keeps history readable and args exact. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
