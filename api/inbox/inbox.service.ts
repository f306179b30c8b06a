import { Injectable } from '@nestjs/common';
import type { Actor } from '../../workflows/common/actor';
import { inboxItem } from './inbox.mapper';
import type { InboxQuery } from './inbox.query';
import type { InboxPageResponse } from './inbox.response';
import { CasesRepository } from '../cases/cases.repository';
import { InboxRepository, type InboxOwner } from './inbox.repository';

/**
 * The caller's inbox and their team's queue. Both are scoped to the caller by construction (their
 * own user id, their own team), so there is nothing further to authorize.
 */
@Injectable()
export class InboxService {
  constructor(
    private readonly repository: InboxRepository,
    private readonly cases: CasesRepository,
  ) {}

  mine(actor: Actor, query: InboxQuery): Promise<InboxPageResponse> {
    return this.page({ assigneeId: actor.userId }, query);
  }

  team(actor: Actor, query: InboxQuery): Promise<InboxPageResponse> {
    return this.page({ team: actor.team }, query);
  }

  private async page(owner: InboxOwner, query: InboxQuery): Promise<InboxPageResponse> {
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const { rows, total } = await this.repository.open(owner, query.kind, limit, offset);
    const cases = await this.cases.casesById(rows.map((r) => r.caseId));
    return { items: rows.map((t) => inboxItem(t, cases.get(t.caseId))), total, limit, offset };
  }
}
