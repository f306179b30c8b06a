import type { CaseEntity } from '../../db/entities/case.entity';
import type { TaskEntity } from '../../db/entities/task.entity';
import type { InboxSlaResponse } from './inbox-sla';
import type { InboxItemResponse } from './inbox.response';

export function inboxItem(task: TaskEntity, kase: CaseEntity | undefined, sla: InboxSlaResponse | null = null): InboxItemResponse {
  return {
    id: task.id,
    kind: task.kind,
    title: task.title,
    assigneeId: task.assigneeId,
    team: task.team,
    dueAt: task.dueAt ? task.dueAt.toISOString() : null,
    createdAt: task.createdAt.toISOString(),
    sla,
    case: kase
      ? {
          id: kase.id,
          kind: kase.kind,
          sellerId: kase.sellerId,
          marketplace: kase.marketplace,
          severity: kase.severity,
          category: kase.escalation?.category ?? null,
          state: kase.state,
          summary: kase.summary,
          breached: kase.breached,
        }
      : null,
  };
}
