import { Injectable } from '@nestjs/common';
import { isGrpcServiceError } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import type { Actor } from '../../workflows/common/actor';
import { handoffWorkflowId } from '../../workflows/handoff/handoff.contract';
import { TemporalClient } from '../common/runtime';
import { EscalationAccess } from '../escalations/escalation-access.service';
import { timelineEntry } from '../escalations/escalation.mapper';
import { EscalationsRepository } from '../escalations/escalations.repository';
import { renderHistory } from './history-renderer';
import type { HistoryQuery } from './history.query';
import type { EscalationHistoryResponse, HistoryEventResponse } from './history.response';

const GRPC_NOT_FOUND = 5;

/** Bookkeeping between every two decisions of the workflow; rarely what an operator is looking for. */
const WORKFLOW_TASK_EVENTS = /^WORKFLOW_TASK_/;

/** The Temporal event history of a case, decoded for operators, beside the audit trail. */
@Injectable()
export class HistoryService {
  constructor(
    private readonly cases: EscalationAccess,
    private readonly repository: EscalationsRepository,
    private readonly temporal: TemporalClient,
  ) {}

  async escalation(actor: Actor, id: string, query: HistoryQuery): Promise<EscalationHistoryResponse> {
    const row = await this.cases.require(actor, 'history.view', id);
    const [events, audit] = await Promise.all([this.render(row.workflowId, query.runId), this.repository.timeline(id)]);
    const response: EscalationHistoryResponse = {
      caseId: row.id,
      workflowId: row.workflowId,
      ...(query.runId ? { runId: query.runId } : {}),
      events: compacted(events ?? [], query),
      audit: audit.map(timelineEntry),
    };
    if (query.handoffs) {
      const children = await this.handoffWorkflows(id, events ?? []);
      response.handoffs = await Promise.all(
        children.map(async ({ handoffId, workflowId }) => ({
          handoffId,
          workflowId,
          events: compacted((await this.render(workflowId)) ?? [], query),
        })),
      );
    }
    return response;
  }

  /**
   * The case's handoff workflows: those this run started (from its history, so a handoff whose own
   * projection has not landed yet is included) and those in the read model (started by earlier runs).
   */
  private async handoffWorkflows(caseId: string, events: HistoryEventResponse[]) {
    const children = new Map<string, string>();
    for (const e of events) {
      if (e.type !== 'START_CHILD_WORKFLOW_EXECUTION_INITIATED' || !e.workflowId) continue;
      const input = e.args?.[0] as { handoffId?: unknown } | undefined;
      children.set(e.workflowId, typeof input?.handoffId === 'string' ? input.handoffId : e.workflowId);
    }
    for (const h of await this.repository.handoffs(caseId)) children.set(h.workflowId || handoffWorkflowId(h.id), h.id);
    return [...children].map(([workflowId, handoffId]) => ({ workflowId, handoffId }));
  }

  /** null when Temporal no longer has the workflow (past the namespace's retention). */
  private async render(workflowId: string, runId?: string): Promise<HistoryEventResponse[] | null> {
    try {
      const history = await this.temporal.client.workflow.getHandle(workflowId, runId).fetchHistory();
      return renderHistory(history.events ?? []);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError || (isGrpcServiceError(err) && err.code === GRPC_NOT_FOUND)) return null;
      throw err;
    }
  }
}

function compacted(events: HistoryEventResponse[], query: HistoryQuery): HistoryEventResponse[] {
  return query.compact ? events.filter((e) => !WORKFLOW_TASK_EVENTS.test(e.type)) : events;
}
