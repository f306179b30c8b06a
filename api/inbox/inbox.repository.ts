import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { HandoffEntity } from '../../db/entities/handoff.entity';
import { SlaClockEntity } from '../../db/entities/sla-clock.entity';
import { TaskEntity } from '../../db/entities/task.entity';

/** Whose open tasks: one person's, or a team's unassigned ones. */
export type InboxOwner = { assigneeId: string } | { team: string };

/** Queries on open tasks; no rules here. */
@Injectable()
export class InboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  async open(owner: InboxOwner, kind: string | undefined, limit: number, offset: number) {
    const q = this.dataSource.getRepository(TaskEntity).createQueryBuilder('t').where(`t.status = 'open'`);
    if ('assigneeId' in owner) q.andWhere('t.assignee_id = :assigneeId', { assigneeId: owner.assigneeId });
    else q.andWhere('t.team = :team AND t.assignee_id IS NULL', { team: owner.team });
    if (kind) q.andWhere('t.kind = :kind', { kind });
    const [rows, total] = await q
      .orderBy('t.dueAt', 'ASC', 'NULLS LAST')
      .addOrderBy('t.createdAt', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .skip(offset)
      .take(limit)
      .getManyAndCount();
    return { rows, total };
  }

  async clocksByCase(caseIds: string[]): Promise<Map<string, SlaClockEntity[]>> {
    const byCase = new Map<string, SlaClockEntity[]>();
    if (caseIds.length === 0) return byCase;
    const rows = await this.dataSource.getRepository(SlaClockEntity).findBy({ caseId: In([...new Set(caseIds)]) });
    for (const r of rows) byCase.set(r.caseId, [...(byCase.get(r.caseId) ?? []), r]);
    return byCase;
  }

  async handoffsById(ids: string[]): Promise<Map<string, HandoffEntity>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource.getRepository(HandoffEntity).findBy({ id: In([...new Set(ids)]) });
    return new Map(rows.map((r) => [r.id, r]));
  }
}
