import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, type SelectQueryBuilder, type WhereExpressionBuilder } from 'typeorm';
import { CaseEventEntity } from '../../db/entities/case-event.entity';
import { CaseEntity } from '../../db/entities/case.entity';
import { EscalationCaseEntity } from '../../db/entities/escalation-case.entity';
import { HandoffEntity } from '../../db/entities/handoff.entity';
import { SlaClockEntity } from '../../db/entities/sla-clock.entity';
import { TaskEntity } from '../../db/entities/task.entity';
import type { CaseKind } from '../../workflows/common/actor';
import type { PageCursor } from './page-cursor';
import type { ViewScope } from './view-scope';

export interface CaseFilter {
  states?: string[];
  severities?: string[];
  /** null: unassigned cases. */
  assigneeId?: string | null;
  sellerId?: string;
  team?: string;
  breached?: boolean;
  open?: boolean;
  createdFrom?: Date;
  createdTo?: Date;
}

export interface CasePage {
  rows: CaseEntity[];
  /** Matching cases, counted up to the cap the caller gave. */
  total: number;
  /** More cases match than the cap: `total` is the cap. */
  totalCapped: boolean;
  /** Position of the last row, when there may be more. */
  next: PageCursor | null;
}

export interface AssignedCaseRow {
  caseId: string;
  kind: CaseKind;
  workflowId: string;
  state: string;
}

/**
 * Queries on the case read model, for every kind: the shared `cases` row with the kind's own row
 * joined (escalations: `escalation_cases`), and what hangs off a case. No rules here.
 */
@Injectable()
export class CasesRepository {
  constructor(private readonly dataSource: DataSource) {}

  private cases(): SelectQueryBuilder<CaseEntity> {
    return this.dataSource
      .getRepository(CaseEntity)
      .createQueryBuilder('c')
      .leftJoinAndMapOne('c.escalation', EscalationCaseEntity, 'e', `e.case_id = c.id AND c.kind = 'escalation'`);
  }

  findById(id: string, kind?: CaseKind): Promise<CaseEntity | null> {
    const q = this.cases().where('c.id = :id', { id });
    if (kind) q.andWhere('c.kind = :kind', { kind });
    return q.getOne();
  }

  async casesById(ids: string[]): Promise<Map<string, CaseEntity>> {
    if (ids.length === 0) return new Map();
    const rows = await this.cases().where('c.id IN (:...ids)', { ids: [...new Set(ids)] }).getMany();
    return new Map(rows.map((r) => [r.id, r]));
  }

  hasHandoffTo(caseId: string, team: string): Promise<boolean> {
    return this.dataSource.getRepository(HandoffEntity).existsBy({ caseId, team });
  }

  /** The open cases of every kind a member holds, oldest first. */
  async openCasesAssignedTo(userId: string): Promise<AssignedCaseRow[]> {
    const rows = await this.dataSource
      .getRepository(CaseEntity)
      .find({ where: { assigneeId: userId, isOpen: true }, order: { createdAt: 'ASC', id: 'ASC' }, select: { id: true, kind: true, workflowId: true, state: true } });
    return rows.map((r) => ({ caseId: r.id, kind: r.kind as CaseKind, workflowId: r.workflowId, state: r.state }));
  }

  /** Cases of the given kinds, each kind within what the caller may view of it (`scopes`). */
  async list(filter: CaseFilter, scopes: ReadonlyMap<CaseKind, ViewScope>, limit: number, after: PageCursor | undefined, totalCap: number): Promise<CasePage> {
    const base = this.filtered(filter, scopes);
    const page = base
      .clone()
      .addSelect(`to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, 'cursor_created_at')
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(limit + 1);
    if (after) page.andWhere('(c.created_at, c.id) < (:afterAt::timestamptz, :afterId::uuid)', { afterAt: after.createdAt, afterId: after.id });
    // Counted without the kind's joined row (the filters read only `cases`), and only up to the cap: at a
    // million cases an exact count of a broad filter reads hundreds of thousands of index entries.
    const matching = this.filtered(filter, scopes, this.dataSource.getRepository(CaseEntity).createQueryBuilder('c')).select('1').limit(totalCap + 1);
    const [sql, params] = matching.getQueryAndParameters();
    const [{ entities, raw }, counted] = await Promise.all([
      page.getRawAndEntities(),
      this.dataSource.query(`SELECT count(*)::int AS n FROM (${sql}) matching`, params) as Promise<Array<{ n: number }>>,
    ]);
    const total = counted[0]?.n ?? 0;
    const rows = entities.slice(0, limit);
    const more = entities.length > limit;
    const last = rows[rows.length - 1];
    const lastRaw = (raw as Record<string, string>[]).find((r) => r.c_id === last?.id);
    return { rows, total: Math.min(total, totalCap), totalCapped: total > totalCap, next: more && last && lastRaw ? { createdAt: lastRaw.cursor_created_at, id: last.id } : null };
  }

  private filtered(f: CaseFilter, scopes: ReadonlyMap<CaseKind, ViewScope>, from: SelectQueryBuilder<CaseEntity> = this.cases()): SelectQueryBuilder<CaseEntity> {
    const q = from.where(
      new Brackets((anyKind) => {
        anyKind.where('false');
        [...scopes].forEach(([kind, scope], i) => {
          anyKind.orWhere(
            new Brackets((k) => {
              k.where(`c.kind = :kind${i}`, { [`kind${i}`]: kind });
              if (!scope.everywhere) k.andWhere(new Brackets((or) => this.within(or, scope, i)));
            }),
          );
        });
      }),
    );
    if (f.states?.length) q.andWhere('c.state IN (:...states)', { states: f.states });
    if (f.severities?.length) q.andWhere('c.severity IN (:...severities)', { severities: f.severities });
    if (f.assigneeId === null) q.andWhere('c.assignee_id IS NULL');
    else if (f.assigneeId !== undefined) q.andWhere('c.assignee_id = :assigneeId', { assigneeId: f.assigneeId });
    if (f.sellerId !== undefined) q.andWhere('c.seller_id = :sellerId', { sellerId: f.sellerId });
    if (f.team !== undefined) q.andWhere('c.team = :team', { team: f.team });
    if (f.breached !== undefined) q.andWhere('c.breached = :breached', { breached: f.breached });
    if (f.open !== undefined) q.andWhere('c.is_open = :open', { open: f.open });
    if (f.createdFrom) q.andWhere('c.created_at >= :createdFrom', { createdFrom: f.createdFrom });
    if (f.createdTo) q.andWhere('c.created_at < :createdTo', { createdTo: f.createdTo });
    return q;
  }

  /** The caller's part of one kind: their team's cases, their own, those with a handoff to their team. */
  private within(or: WhereExpressionBuilder, scope: ViewScope, i: number): void {
    or.where('false');
    if (scope.team) or.orWhere(`c.team = :scopeTeam${i}`, { [`scopeTeam${i}`]: scope.team });
    if (scope.assigneeId) or.orWhere(`c.assignee_id = :scopeAssignee${i}`, { [`scopeAssignee${i}`]: scope.assigneeId });
    if (scope.handoffTeam) {
      or.orWhere(`EXISTS (SELECT 1 FROM handoffs h WHERE h.case_id = c.id AND h.team = :scopeHandoffTeam${i})`, {
        [`scopeHandoffTeam${i}`]: scope.handoffTeam,
      });
    }
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
