import { Injectable } from '@nestjs/common';
import type { Actor } from '../../workflows/common/actor';
import type { TaskEntity } from '../../db/entities/task.entity';
import { caseTaskSla, handoffTaskSla } from './inbox-sla';
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
    const caseIds = rows.map((r) => r.caseId);
    const [cases, clocks, handoffs] = await Promise.all([
      this.cases.casesById(caseIds),
      this.repository.clocksByCase(caseIds),
      this.repository.handoffsById(rows.filter((r) => r.kind.startsWith('handoff')).map((r) => handoffIdOf(r.id))),
    ]);
    const now = Date.now();
    const sla = (t: TaskEntity) => {
      const handoff = t.kind.startsWith('handoff') ? handoffs.get(handoffIdOf(t.id)) : undefined;
      return handoff ? handoffTaskSla(handoff, now) : caseTaskSla(t.kind, t.dueAt, clocks.get(t.caseId) ?? []);
    };
    return { items: rows.map((t) => inboxItem(t, cases.get(t.caseId), sla(t))), total, limit, offset };
  }
}

/** Handoff tasks are `<handoffId>/answer` (and `/escalation`): the handoff is the id without its last segment. */
function handoffIdOf(taskId: string): string {
  return taskId.slice(0, taskId.lastIndexOf('/'));
}
