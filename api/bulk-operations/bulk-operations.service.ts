import { Injectable } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type UpdateDefinition } from '@temporalio/common';
import { createHash, randomUUID } from 'node:crypto';
import {
  BULK_MAX_CASES,
  bulkOperationWorkflowId,
  cancelBulkUpdate,
  getBulkQuery,
  pauseBulkUpdate,
  resumeBulkUpdate,
  type BulkAction,
  type BulkCaseRef,
  type BulkCommand,
  type BulkCommandRequest,
  type BulkOperationInput,
  type BulkView,
} from '../../workflows/bulk-operation/bulk-operation.contract';
import { absorbPage, clampConcurrency, type SelectionStep } from '../../workflows/bulk-operation/bulk-operation.machine';
import type { bulkOperationWorkflow } from '../../workflows/bulk-operation/bulk-operation.workflow';
import { authorize } from '../../workflows/common/access';
import { CASE_KINDS, type Actor, type CaseKind } from '../../workflows/common/actor';
import { ENFORCEMENT_WORTHY_RESOLUTIONS } from '../../workflows/strategic-review/review.vocabulary';
import { AccessService } from '../auth/access.service';
import { CaseQueriesService } from '../cases/case-queries.service';
import { DomainError, ErrorCode } from '../common/error-codes';
import { TemporalClient } from '../common/runtime';
import { updateIdFor } from '../escalations/idempotency';
import { RosterRepository } from '../roster/roster.repository';
import { fromRow, fromView, summaryFromRow } from './bulk-operation.mapper';
import type { BulkOperationListResponse, BulkOperationResponse, BulkOperationStartedResponse } from './bulk-operation.response';
import { BulkOperationsRepository } from './bulk-operations.repository';
import type { BulkCommandDto } from './dto/bulk-command.dto';
import type { ListBulkOperationsQuery } from './dto/list-bulk-operations.query';
import type { StartBulkOperationDto } from './dto/start-bulk-operation.dto';

const ASSIGNABLE_ROLES = ['specialist', 'senior_specialist', 'manager'];
const SELECTION_PAGE = 100;
const COMMAND_UPDATES: Record<BulkCommand, UpdateDefinition<BulkView, [BulkCommandRequest]>> = {
  pause: pauseBulkUpdate,
  resume: resumeBulkUpdate,
  cancel: cancelBulkUpdate,
};

function missing(field: string, action: string): DomainError {
  return new DomainError(ErrorCode.ValidationFailed, `${field} is required for ${action}`, { fields: [{ field, problems: [`required for ${action}`] }] });
}

/**
 * Starts, watches and steers bulk operations. Starting selects the cases as GET /cases would list them
 * for the caller (at most BULK_MAX_CASES) and hands them to a batch workflow; each case is then changed
 * by its own update under the caller's identity, so a case the caller may not change is refused there.
 */
@Injectable()
export class BulkOperationsService {
  constructor(
    private readonly access: AccessService,
    private readonly queries: CaseQueriesService,
    private readonly repository: BulkOperationsRepository,
    private readonly roster: RosterRepository,
    private readonly temporal: TemporalClient,
  ) {}

  async start(actor: Actor, dto: StartBulkOperationDto, key?: string): Promise<BulkOperationStartedResponse> {
    this.access.require(actor, 'bulk.run', { kind: 'bulk', team: actor.team });
    const action = await this.actionOf(dto);
    const cases = await this.select(actor, dto);
    // With an Idempotency-Key, a retried request finds the batch it started.
    const operationId = key ? uuidFrom(`${actor.userId}:${key}`) : randomUUID();
    const input: BulkOperationInput = {
      operationId,
      actor,
      team: actor.team,
      action,
      filter: { ...dto.filter },
      cases,
      concurrency: clampConcurrency(dto.concurrency),
      createdAt: Date.now(),
    };
    try {
      await this.temporal.client.workflow.start<typeof bulkOperationWorkflow>('bulkOperationWorkflow', {
        taskQueue: this.temporal.taskQueue,
        workflowId: bulkOperationWorkflowId(operationId),
        args: [input],
        // Who may steer it is known without a worker (describe reads the memo, a query needs a worker).
        memo: { team: actor.team },
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
    return { id: operationId, status: 'running', total: cases.length, location: `/bulk-operations/${operationId}` };
  }

  async get(actor: Actor, id: string): Promise<BulkOperationResponse> {
    const found = await this.load(id);
    this.access.require(actor, 'bulk.view', { kind: 'bulk', team: found.team }, id);
    return found.response;
  }

  async list(actor: Actor, query: ListBulkOperationsQuery): Promise<BulkOperationListResponse> {
    this.access.require(actor, 'bulk.view', { kind: 'bulk', team: actor.team });
    // Operators see every team's batches; a manager their own team's.
    const everywhere = authorize(actor, 'bulk.view', { kind: 'bulk' }).allowed;
    const page = await this.repository.list(everywhere ? null : actor.team, query.status, query.limit ?? 20, query.offset ?? 0);
    return { items: page.rows.map(summaryFromRow), total: page.total };
  }

  async command(actor: Actor, id: string, command: BulkCommand, dto: BulkCommandDto, key?: string): Promise<BulkOperationResponse> {
    const row = await this.repository.find(id);
    this.access.require(actor, 'bulk.run', { kind: 'bulk', team: row?.team ?? (await this.teamFromMemo(id)) }, id);
    try {
      const view = await this.temporal.client.workflow
        .getHandle(bulkOperationWorkflowId(id))
        .executeUpdate(COMMAND_UPDATES[command], { args: [{ actor, ...(dto.reason ? { reason: dto.reason } : {}) }], updateId: updateIdFor(`bulk-${command}`, actor, key) });
      return fromView(view);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new DomainError(ErrorCode.InvalidTransition, `the batch is ${row?.status ?? 'finished'}; its workflow has ended`);
      throw err;
    }
  }

  /** The batch's team before its first write to the read model. */
  private async teamFromMemo(id: string): Promise<string> {
    try {
      const { memo } = await this.temporal.client.workflow.getHandle(bulkOperationWorkflowId(id)).describe();
      return String(memo?.team ?? '');
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new DomainError(ErrorCode.NotFound, `No bulk operation with id ${id}`);
      throw err;
    }
  }

  /** The read model's record; before the batch's first write, the workflow's own view. */
  private async load(id: string): Promise<{ team: string; response: BulkOperationResponse }> {
    const row = await this.repository.find(id);
    if (row) return { team: row.team, response: fromRow(row, await this.repository.results(id)) };
    try {
      const view = await this.temporal.client.workflow.getHandle(bulkOperationWorkflowId(id)).query(getBulkQuery);
      return { team: view.team, response: fromView(view) };
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new DomainError(ErrorCode.NotFound, `No bulk operation with id ${id}`);
      throw err;
    }
  }

  private async actionOf(dto: StartBulkOperationDto): Promise<BulkAction> {
    switch (dto.action) {
      case 'reassign': {
        if (!dto.assigneeId) throw missing('assigneeId', 'reassign');
        if (!dto.reason) throw missing('reason', 'reassign');
        const member = await this.roster.findActive(dto.assigneeId);
        if (!member || !ASSIGNABLE_ROLES.includes(member.role)) {
          throw new DomainError(ErrorCode.ValidationFailed, `${dto.assigneeId} is not an active specialist, senior specialist or manager`, {
            fields: [{ field: 'assigneeId', problems: ['must be an active roster member who can hold cases'] }],
          });
        }
        return { type: 'reassign', assigneeId: member.userId, assigneeTeam: member.team, reason: dto.reason };
      }
      case 'close': {
        if (!dto.resolutionCode) throw missing('resolutionCode', 'close');
        if (!dto.rootCause) throw missing('rootCause', 'close');
        // Such a resolution on a strategic seller opens a strategic review: that stays a single-case decision.
        if ((ENFORCEMENT_WORTHY_RESOLUTIONS as readonly string[]).includes(dto.resolutionCode)) {
          throw new DomainError(ErrorCode.ValidationFailed, `resolutionCode ${dto.resolutionCode} may open a strategic review: resolve such cases one by one`, {
            fields: [{ field: 'resolutionCode', problems: [`must not be one of ${ENFORCEMENT_WORTHY_RESOLUTIONS.join(', ')} in a bulk close`] }],
          });
        }
        return { type: 'close', resolutionCode: dto.resolutionCode, rootCause: dto.rootCause, ...(dto.note ? { note: dto.note } : {}) };
      }
      case 'extend_sla':
        if (!dto.clock) throw missing('clock', 'extend_sla');
        if (!dto.byMinutes) throw missing('byMinutes', 'extend_sla');
        if (!dto.reason) throw missing('reason', 'extend_sla');
        return { type: 'extend_sla', clock: dto.clock, byMinutes: dto.byMinutes, reason: dto.reason };
      case 'retriage':
        if (!dto.severity && !dto.category) throw missing('severity', 'retriage (or category)');
        if (!dto.reason) throw missing('reason', 'retriage');
        return { type: 'retriage', ...(dto.severity ? { severity: dto.severity } : {}), ...(dto.category ? { category: dto.category } : {}), reason: dto.reason };
    }
  }

  /** The cases GET /cases would list the caller for this filter, page by page, up to the cap. */
  private async select(actor: Actor, dto: StartBulkOperationDto): Promise<BulkCaseRef[]> {
    const { kind, ...filter } = dto.filter;
    const kinds: readonly CaseKind[] = kind?.length ? kind : CASE_KINDS;
    let step: SelectionStep = { status: 'more', cases: [] };
    let cursor: string | undefined;
    while (step.status === 'more') {
      const page = await this.queries.page(actor, { ...filter, limit: SELECTION_PAGE, cursor }, kinds);
      const refs = page.rows.map((r) => ({ caseId: r.id, kind: r.kind as CaseKind, workflowId: r.workflowId, team: r.team }));
      step = absorbPage(step.cases, refs, page.nextCursor !== null, BULK_MAX_CASES);
      cursor = page.nextCursor ?? undefined;
    }
    if (step.status === 'over_cap') {
      throw new DomainError(ErrorCode.ValidationFailed, `the filter selects more than ${BULK_MAX_CASES} cases, the most one batch may change: narrow it`, {
        fields: [{ field: 'filter', problems: [`selects more than ${BULK_MAX_CASES} cases`] }],
      });
    }
    if (step.cases.length === 0) {
      throw new DomainError(ErrorCode.ValidationFailed, 'the filter selects no case the caller may view', { fields: [{ field: 'filter', problems: ['selects no case'] }] });
    }
    return step.cases;
  }
}

/** A UUID derived from text (the caller and their Idempotency-Key). */
function uuidFrom(text: string): string {
  const h = createHash('sha256').update(`riskdesk-bulk:${text}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
