import { Injectable } from '@nestjs/common';
import type { Actor } from '../../workflows/common/actor';
import type { EscalationState } from '../../workflows/escalation/escalation.machine';
import { AccessService } from '../auth/access.service';
import { ApiSettings } from '../common/runtime';
import { escalationAllowedActions, escalationContextFor } from './allowed-actions';
import { DomainError, ErrorCode } from '../common/error-codes';
import type { ListEscalationsQuery } from './dto/list-escalations.query';
import { EscalationAccess } from './escalation-access.service';
import {
  clockFromEntity,
  fromEntity,
  handoffFromEntity,
  taskFromEntity,
  timelineEntry,
} from './escalation.mapper';
import type { EscalationDetailResponse, EscalationPageResponse, EscalationResponse } from './escalation.response';
import { EscalationsRepository, type EscalationFilter } from './escalations.repository';
import { decodeCursor, encodeCursor } from './page-cursor';
import { viewScope } from './view-scope';

const DEFAULT_PAGE_SIZE = 20;

/** Reads of the escalation read model: one case with everything around it, and filtered lists. */
@Injectable()
export class EscalationQueriesService {
  constructor(
    private readonly repository: EscalationsRepository,
    private readonly cases: EscalationAccess,
    private readonly access: AccessService,
    private readonly settings: ApiSettings,
  ) {}

  async summary(id: string): Promise<EscalationResponse> {
    return fromEntity(await this.cases.load(id));
  }

  async detail(actor: Actor, id: string): Promise<EscalationDetailResponse> {
    const row = await this.cases.require(actor, 'view', id);
    const [clocks, tasks, handoffs, timeline] = await Promise.all([
      this.repository.clocks(id),
      this.repository.tasks(id),
      this.repository.handoffs(id),
      this.repository.timeline(id),
    ]);
    return {
      ...fromEntity(row),
      clocks: clocks.map(clockFromEntity),
      tasks: tasks.map(taskFromEntity),
      handoffs: handoffs.map(handoffFromEntity),
      timeline: timeline.map(timelineEntry),
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
    const scope = viewScope(actor, 'escalation');
    if (!scope) {
      this.access.require(actor, 'view', { kind: 'escalation' });
      throw new DomainError(ErrorCode.Forbidden, `role ${actor.role} may not list escalation cases`);
    }
    const page = await this.repository.list(
      toFilter(query),
      scope,
      query.limit ?? DEFAULT_PAGE_SIZE,
      query.cursor ? decodeCursor(query.cursor) : undefined,
    );
    return { items: page.rows.map(fromEntity), total: page.total, nextCursor: page.next ? encodeCursor(page.next) : null };
  }
}

function toFilter(q: ListEscalationsQuery): EscalationFilter {
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
    createdFrom,
    createdTo,
  };
}
