import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, type SelectQueryBuilder } from 'typeorm';
import { CaseEventEntity } from '../../db/entities/case-event.entity';
import { CaseEntity } from '../../db/entities/case.entity';
import { HandoffEntity } from '../../db/entities/handoff.entity';
import { SlaClockEntity } from '../../db/entities/sla-clock.entity';
import { TaskEntity } from '../../db/entities/task.entity';
import type { PageCursor } from './page-cursor';
import type { ViewScope } from './view-scope';

export interface EscalationFilter {
  states?: string[];
  severities?: string[];
  /** null: unassigned cases. */
  assigneeId?: string | null;
  sellerId?: string;
  team?: string;
  breached?: boolean;
  createdFrom?: Date;
  createdTo?: Date;
}

export interface EscalationPage {
  rows: CaseEntity[];
  total: number;
  /** Position of the last row, when there may be more. */
  next: PageCursor | null;
}

/** Queries on the escalation read model; no rules here. */
@Injectable()
export class EscalationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  findById(id: string): Promise<CaseEntity | null> {
    return this.dataSource.getRepository(CaseEntity).findOneBy({ id, kind: 'escalation' });
  }

  async hasHandoffTo(caseId: string, team: string): Promise<boolean> {
    return this.dataSource.getRepository(HandoffEntity).existsBy({ caseId, team });
  }

  async list(filter: EscalationFilter, scope: ViewScope, limit: number, after?: PageCursor): Promise<EscalationPage> {
    const base = this.filtered(filter, scope);
    const page = base
      .clone()
      .addSelect(`to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, 'cursor_created_at')
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(limit + 1);
    if (after) page.andWhere('(c.created_at, c.id) < (:afterAt::timestamptz, :afterId::uuid)', { afterAt: after.createdAt, afterId: after.id });
    const [{ entities, raw }, total] = await Promise.all([page.getRawAndEntities(), base.getCount()]);
    const rows = entities.slice(0, limit);
    const more = entities.length > limit;
    const last = rows[rows.length - 1];
    const lastRaw = (raw as Record<string, string>[]).find((r) => r.c_id === last?.id);
    return { rows, total, next: more && last && lastRaw ? { createdAt: lastRaw.cursor_created_at, id: last.id } : null };
  }

  private filtered(f: EscalationFilter, scope: ViewScope): SelectQueryBuilder<CaseEntity> {
    const q = this.dataSource.getRepository(CaseEntity).createQueryBuilder('c').where(`c.kind = 'escalation'`);
    if (!scope.everywhere) {
      q.andWhere(
        new Brackets((or) => {
          or.where('false');
          if (scope.team) or.orWhere('c.team = :scopeTeam', { scopeTeam: scope.team });
          if (scope.assigneeId) or.orWhere('c.assignee_id = :scopeAssignee', { scopeAssignee: scope.assigneeId });
          if (scope.handoffTeam) {
            or.orWhere('EXISTS (SELECT 1 FROM handoffs h WHERE h.case_id = c.id AND h.team = :scopeHandoffTeam)', {
              scopeHandoffTeam: scope.handoffTeam,
            });
          }
        }),
      );
    }
    if (f.states?.length) q.andWhere('c.state IN (:...states)', { states: f.states });
    if (f.severities?.length) q.andWhere('c.severity IN (:...severities)', { severities: f.severities });
    if (f.assigneeId === null) q.andWhere('c.assignee_id IS NULL');
    else if (f.assigneeId !== undefined) q.andWhere('c.assignee_id = :assigneeId', { assigneeId: f.assigneeId });
    if (f.sellerId !== undefined) q.andWhere('c.seller_id = :sellerId', { sellerId: f.sellerId });
    if (f.team !== undefined) q.andWhere('c.team = :team', { team: f.team });
    if (f.breached !== undefined) q.andWhere('c.breached = :breached', { breached: f.breached });
    if (f.createdFrom) q.andWhere('c.created_at >= :createdFrom', { createdFrom: f.createdFrom });
    if (f.createdTo) q.andWhere('c.created_at < :createdTo', { createdTo: f.createdTo });
    return q;
  }

  clocks(caseId: string): Promise<SlaClockEntity[]> {
    return this.dataSource.getRepository(SlaClockEntity).find({ where: { caseId }, order: { startedAt: 'ASC', clockId: 'ASC' } });
  }

  /** Open tasks first (soonest due first), then finished ones (latest first). */
  tasks(caseId: string): Promise<TaskEntity[]> {
    return this.dataSource
      .getRepository(TaskEntity)
      .createQueryBuilder('t')
      .where('t.case_id = :caseId', { caseId })
      .orderBy(`CASE WHEN t.status = 'open' THEN 0 ELSE 1 END`, 'ASC')
      .addOrderBy('t.due_at', 'ASC', 'NULLS LAST')
      .addOrderBy('t.created_at', 'DESC')
      .addOrderBy('t.id', 'ASC')
      .getMany();
  }

  handoffs(caseId: string): Promise<HandoffEntity[]> {
    return this.dataSource.getRepository(HandoffEntity).find({ where: { caseId }, order: { requestedAt: 'ASC', id: 'ASC' } });
  }

  timeline(caseId: string): Promise<CaseEventEntity[]> {
    return this.dataSource.getRepository(CaseEventEntity).find({ where: { caseId }, order: { seq: 'ASC' } });
  }
}
