import { Injectable } from '@nestjs/common';
import { WorkflowNotFoundError, type UpdateDefinition } from '@temporalio/common';
import { DataSource } from 'typeorm';
import type { CaseAction } from '../../workflows/common/access';
import { sellerIdOf, type Actor } from '../../workflows/common/actor';
import * as c from '../../workflows/appeal/appeal.contract';
import type { AppealState } from '../../workflows/appeal/appeal.state';
import { AccessService } from '../auth/access.service';
import { CaseAccess } from '../cases/case-access.service';
import { CaseQueriesService } from '../cases/case-queries.service';
import type { CaseEntity } from '../../db/entities/case.entity';
import { DomainError, ErrorCode } from '../common/error-codes';
import { TemporalClient } from '../common/runtime';
import { reportEnforcement } from '../../activities/restumble/enforcement-reports';
import { updateIdFor } from '../escalations/idempotency';
import { RosterRepository } from '../roster/roster.repository';
import { AppealOpener } from './appeal-opener.service';
import { fromAppealState, fromAppealView, sellerAppeal } from './appeal.mapper';
import type { AppealDetailResponse, AppealResponse, InboundEnforcementResponse, SellerAppealResponse } from './appeal.response';
import type { CreateAppealDto, ReportEnforcementDto } from './dto/create-appeal.dto';

type Snapshot = { appeal?: AppealState; maxInfoRequests?: number };

/**
 * Appeals through the API: staff create, read and act (load, 404; permission table, 403; then the
 * workflow update, whose validator checks state, permission and the original decision maker again);
 * sellers create, read and answer only their own (another seller's appeal is a 404, never a 403, so
 * its existence is not disclosed); the enforcement system reports new enforcements (restumbles).
 */
@Injectable()
export class AppealsService {
  constructor(
    private readonly opener: AppealOpener,
    private readonly cases: CaseAccess,
    private readonly queries: CaseQueriesService,
    private readonly access: AccessService,
    private readonly temporal: TemporalClient,
    private readonly dataSource: DataSource,
    private readonly roster: RosterRepository,
  ) {}

  async create(dto: CreateAppealDto, actor: Actor, key?: string): Promise<AppealResponse> {
    return fromAppealView(await this.opener.open(dto, actor, key), actor);
  }

  async createAsSeller(dto: CreateAppealDto, actor: Actor, key?: string): Promise<SellerAppealResponse> {
    if (dto.sellerId !== sellerIdOf(actor)) throw new DomainError(ErrorCode.Forbidden, `${actor.userId} may appeal only for their own seller account`, { denial: 'wrong_seller' });
    return sellerAppeal((await this.opener.open(dto, actor, key)).appeal);
  }

  async detail(actor: Actor, id: string): Promise<AppealDetailResponse> {
    const row = await this.cases.require(actor, 'view', id, 'appeal');
    const snap = row.snapshot as Snapshot;
    if (!snap.appeal) throw new DomainError(ErrorCode.NotFound, `appeal ${id} has not been recorded yet`);
    const parts = await this.queries.parts(id);
    return { ...fromAppealState(snap.appeal, row.workflowId, { maxInfoRequests: snap.maxInfoRequests ?? 0 }, actor), timeline: parts.timeline };
  }

  async sellerDetail(actor: Actor, id: string): Promise<SellerAppealResponse> {
    const row = await this.sellerCase(actor, 'seller.view', id);
    return sellerAppeal((row.snapshot as Snapshot).appeal!);
  }

  async sellerRespond(actor: Actor, id: string, answer: string, evidence: string[] | undefined, key?: string): Promise<SellerAppealResponse> {
    const row = await this.sellerCase(actor, 'seller.respond', id);
    const view = await this.update(row, c.sellerRespondUpdate, { actor, answer, evidence: evidence ?? [] }, actor, key);
    return sellerAppeal(view.appeal);
  }

  /** The maker's start date goes with the decision: the appeal samples it for QA by the maker's tenure. */
  async decide(actor: Actor, id: string, body: Omit<c.DecideRequest, 'actor' | 'makerStartedOn'>, key?: string) {
    const makerStartedOn = (await this.roster.findActive(actor.userId))?.startedOn ?? null;
    return this.act(actor, id, 'decide_appeal', c.decideAppealUpdate, { ...body, makerStartedOn }, key);
  }

  act<Req extends c.ActionRequest>(actor: Actor, id: string, action: CaseAction, def: UpdateDefinition<c.AppealView, [Req]>, body: Omit<Req, 'actor'>, key?: string) {
    return this.cases.require(actor, action, id, 'appeal').then(async (row) => fromAppealView(await this.update(row, def, { ...withoutUndefined(body), actor } as Req, actor, key), actor));
  }

  /** A new enforcement from the enforcement system: recorded, and signalled to the seller's appeals in monitoring. */
  async report(actor: Actor, dto: ReportEnforcementDto): Promise<InboundEnforcementResponse> {
    this.access.require(actor, 'enforcements.report', { kind: 'enforcements' });
    const signalledAppeals = await reportEnforcement(this.dataSource, this.temporal.client, {
      enforcementId: dto.enforcementId, sellerId: dto.sellerId, enforcementType: dto.type, upstreamTeam: dto.upstreamTeam, reason: dto.reason,
      decidedBy: dto.decidedBy ?? [], source: 'external',
    }, actor);
    return { enforcementId: dto.enforcementId, signalledAppeals };
  }

  /** The seller's own appeal; anything else (another seller's, another kind, none) is the same 404. */
  private async sellerCase(actor: Actor, action: CaseAction, id: string): Promise<CaseEntity> {
    const notFound = new DomainError(ErrorCode.NotFound, `No appeal with id ${id}`);
    const row = await this.cases.load(id, 'appeal').catch(() => {
      throw notFound;
    });
    if (row.sellerId !== sellerIdOf(actor) || !(row.snapshot as Snapshot).appeal) throw notFound;
    this.access.require(actor, action, { kind: 'appeal', sellerId: row.sellerId }, id);
    return row;
  }

  private async update<Req>(row: CaseEntity, def: UpdateDefinition<c.AppealView, [Req]>, request: Req, actor: Actor, key?: string): Promise<c.AppealView> {
    try {
      return await this.temporal.client.workflow.getHandle(row.workflowId).executeUpdate(def, { args: [request], updateId: updateIdFor(`appeal:${def.name}`, actor, key) });
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new DomainError(ErrorCode.InvalidTransition, `the appeal is ${row.state} and takes no more actions`);
      throw err;
    }
  }
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
