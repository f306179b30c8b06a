import { Injectable } from '@nestjs/common';
import type { Actor } from '../../workflows/common/actor';
import { CaseAccess } from '../cases/case-access.service';
import { CaseQueriesService } from '../cases/case-queries.service';
import type { EscalationState } from '../../workflows/escalation/escalation.state';
import { ApiSettings } from '../common/runtime';
import { SellersService } from '../sellers/sellers.service';
import { escalationAllowedActions, escalationContextFor } from './allowed-actions';
import type { ListEscalationsQuery } from './dto/list-escalations.query';
import { fromEntity } from './escalation.mapper';
import type { EscalationDetailResponse, EscalationPageResponse, EscalationResponse } from './escalation.response';

/** Reads of escalations: the shared case reads, shown with the escalation's own fields. */
@Injectable()
export class EscalationQueriesService {
  constructor(
    private readonly cases: CaseAccess,
    private readonly queries: CaseQueriesService,
    private readonly settings: ApiSettings,
    private readonly sellers: SellersService,
  ) {}

  async summary(id: string): Promise<EscalationResponse> {
    return fromEntity(await this.cases.load(id, 'escalation'));
  }

  async detail(actor: Actor, id: string): Promise<EscalationDetailResponse> {
    const row = await this.cases.require(actor, 'view', id, 'escalation');
    return {
      ...fromEntity(row),
      ...(await this.queries.parts(id)),
      seller: await this.sellers.profileOrNull(row.sellerId),
      allowedActions: escalationAllowedActions(
        row.id,
        (row.snapshot as { case?: EscalationState }).case,
        actor,
        Date.now(),
        escalationContextFor(this.settings.config),
      ),
    };
  }

  async list(actor: Actor, query: ListEscalationsQuery): Promise<EscalationPageResponse> {
    const page = await this.queries.page(actor, query, ['escalation']);
    return { items: page.rows.map(fromEntity), total: page.total, totalCapped: page.totalCapped, nextCursor: page.nextCursor };
  }
}
