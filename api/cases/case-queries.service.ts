import { Injectable } from '@nestjs/common';
import type { CaseEntity } from '../../db/entities/case.entity';
import type { Actor, CaseKind } from '../../workflows/common/actor';
import { AccessService } from '../auth/access.service';
import { ApiSettings } from '../common/runtime';
import { DomainError, ErrorCode } from '../common/error-codes';
import { CaseAccess } from './case-access.service';
import { caseSummary, clockFromEntity, handoffFromEntity, taskFromEntity, timelineEntry } from './case.mapper';
import type { CaseDetailResponse, CasePageResponse, CaseSummaryResponse } from './case.response';
import { CasesRepository, type CaseFilter } from './cases.repository';
import type { CaseFilterQuery } from './dto/case-filter.query';
import { decodeCursor, encodeCursor } from './page-cursor';
import { viewScope, type ViewScope } from './view-scope';

const DEFAULT_PAGE_SIZE = 20;

/** What hangs off a case, the same for every kind. */
export type CaseParts = Pick<CaseDetailResponse, 'clocks' | 'tasks' | 'handoffs' | 'timeline'>;

/** Reads of the case read model for every kind: one case with everything around it, and filtered lists. */
@Injectable()
export class CaseQueriesService {
  constructor(
    private readonly repository: CasesRepository,
    private readonly cases: CaseAccess,
    private readonly access: AccessService,
    private readonly settings: ApiSettings,
  ) {}

  async parts(caseId: string): Promise<CaseParts> {
    const [clocks, tasks, handoffs, timeline] = await Promise.all([
      this.repository.clocks(caseId),
      this.repository.tasks(caseId),
      this.repository.handoffs(caseId),
      this.repository.timeline(caseId),
    ]);
    return {
      clocks: clocks.map(clockFromEntity),
      tasks: tasks.map(taskFromEntity),
      handoffs: handoffs.map(handoffFromEntity),
      timeline: timeline.map(timelineEntry),
    };
  }

  async detail(actor: Actor, id: string): Promise<CaseDetailResponse> {
    const row = await this.cases.require(actor, 'view', id);
    return { ...caseSummary(row), ...(await this.parts(id)) };
  }

  async list(actor: Actor, query: CaseFilterQuery & { kind?: CaseKind[]; state?: string[]; open?: boolean }, kinds: readonly CaseKind[]): Promise<CasePageResponse> {
    const page = await this.page(actor, query, query.kind?.length ? query.kind : kinds);
    return { items: page.rows.map(caseSummary), total: page.total, totalCapped: page.totalCapped, nextCursor: page.nextCursor };
  }

  /** Rows of the given kinds the caller may view (403 when they may view none of them), filtered and paged. */
  async page(
    actor: Actor,
    query: CaseFilterQuery & { state?: string[]; open?: boolean },
    kinds: readonly CaseKind[],
  ): Promise<{ rows: CaseEntity[]; total: number; totalCapped: boolean; nextCursor: string | null }> {
    const scopes = new Map<CaseKind, ViewScope>();
    for (const kind of kinds) {
      const scope = viewScope(actor, kind);
      if (scope) scopes.set(kind, scope);
    }
    if (scopes.size === 0) {
      this.access.require(actor, 'view', { kind: kinds[0] });
      throw new DomainError(ErrorCode.Forbidden, `role ${actor.role} may not list ${kinds.join(', ')} cases`);
    }
    const page = await this.repository.list(
      toFilter(query),
      scopes,
      query.limit ?? DEFAULT_PAGE_SIZE,
      query.cursor ? decodeCursor(query.cursor) : undefined,
      this.settings.config.LIST_TOTAL_CAP,
    );
    return { rows: page.rows, total: page.total, totalCapped: page.totalCapped, nextCursor: page.next ? encodeCursor(page.next) : null };
  }

  summary(row: CaseEntity): CaseSummaryResponse {
    return caseSummary(row);
  }
}

function toFilter(q: CaseFilterQuery & { state?: string[]; open?: boolean }): CaseFilter {
  const createdFrom = q.createdFrom ? new Date(q.createdFrom) : undefined;
  const createdTo = q.createdTo ? new Date(q.createdTo) : undefined;
  if (createdFrom && createdTo && createdFrom >= createdTo) {
    throw new DomainError(ErrorCode.ValidationFailed, 'createdFrom must be before createdTo', {
      fields: [{ field: 'createdFrom', problems: ['must be before createdTo'] }],
    });
  }
  return {
    states: q.state,
    severities: q.severity,
    assigneeId: q.assigneeId === 'none' ? null : q.assigneeId,
    sellerId: q.sellerId,
    team: q.team,
    breached: q.breached,
    open: q.open,
    createdFrom,
    createdTo,
  };
}
