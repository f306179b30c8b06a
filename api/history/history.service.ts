import { Injectable } from '@nestjs/common';
import { isGrpcServiceError } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import type { Actor } from '../../workflows/common/actor';
import { handoffWorkflowId } from '../../workflows/handoff/handoff.contract';
import { DomainError, ErrorCode } from '../common/error-codes';
import { TemporalClient } from '../common/runtime';
import { CaseAccess } from '../cases/case-access.service';
import { timelineEntry } from '../cases/case.mapper';
import { CasesRepository } from '../cases/cases.repository';
import { renderHistory } from './history-renderer';
import type { CaseHistoryQuery, EscalationHistoryQuery, HistoryQuery } from './history.query';
import type { CaseKind } from '../../workflows/common/actor';
import type { CaseHistoryResponse, ChildWorkflowHistoryResponse, EscalationHistoryResponse, HistoryEventResponse, WorkflowRunResponse } from './history.response';

const GRPC_NOT_FOUND = 5;

/** Bookkeeping between every two decisions of the workflow; rarely what an operator is looking for. */
const WORKFLOW_TASK_EVENTS = /^WORKFLOW_TASK_/;

/** A case continues as new every few thousand events; this many runs is years of a busy case. */
const MAX_RUNS = 200;

/** How a run's last event says it ended. */
const CLOSING_EVENTS: Record<string, string> = {
  WORKFLOW_EXECUTION_COMPLETED: 'COMPLETED',
  WORKFLOW_EXECUTION_FAILED: 'FAILED',
  WORKFLOW_EXECUTION_TIMED_OUT: 'TIMED_OUT',
  WORKFLOW_EXECUTION_CANCELED: 'CANCELED',
  WORKFLOW_EXECUTION_TERMINATED: 'TERMINATED',
  WORKFLOW_EXECUTION_CONTINUED_AS_NEW: 'CONTINUED_AS_NEW',
};

interface RenderedRun {
  summary: WorkflowRunResponse;
  events: HistoryEventResponse[];
}

/** The Temporal event history of a case, decoded for operators, beside the audit trail. */
@Injectable()
export class HistoryService {
  constructor(
    private readonly cases: CaseAccess,
    private readonly repository: CasesRepository,
    private readonly temporal: TemporalClient,
  ) {}

  /** An escalation's history, with its handoff workflows on request (the route that came first). */
  async escalation(actor: Actor, id: string, query: EscalationHistoryQuery): Promise<EscalationHistoryResponse> {
    const { kind: _kind, ...rest } = await this.caseHistory(actor, id, query, 'escalation');
    const response: EscalationHistoryResponse = rest;
    if (query.handoffs) {
      const children = await this.handoffWorkflows(id, rest.events);
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
   * Any case's history, whatever its kind; with `children`, every child workflow its runs started
   * (handoffs, enforcement sagas, QA reviews), each rendered the same way.
   */
  async case(actor: Actor, id: string, query: CaseHistoryQuery): Promise<CaseHistoryResponse> {
    const response = await this.caseHistory(actor, id, query);
    if (query.children) {
      const started = childWorkflowsOf(response.events);
      response.children = await Promise.all(
        started.map(async (child): Promise<ChildWorkflowHistoryResponse> => {
          const events = await this.render(child.workflowId);
          return { ...child, retained: events !== null, events: compacted(events ?? [], query) };
        }),
      );
    }
    return response;
  }

  private async caseHistory(actor: Actor, id: string, query: HistoryQuery, kind?: CaseKind): Promise<CaseHistoryResponse> {
    const row = await this.cases.require(actor, 'history.view', id, kind);
    const [runs, audit] = await Promise.all([this.allRuns(row.workflowId), this.repository.timeline(id)]);
    if (query.runId && !runs.some((r) => r.summary.runId === query.runId)) {
      throw new DomainError(ErrorCode.NotFound, `the case's workflow has no run ${query.runId}`);
    }
    const events = runs.filter((r) => !query.runId || r.summary.runId === query.runId).flatMap((r) => r.events);
    return {
      caseId: row.id,
      kind: row.kind as CaseKind,
      workflowId: row.workflowId,
      runs: runs.map((r) => r.summary),
      ...(query.runId ? { runId: query.runId } : {}),
      events: compacted(events, query),
      audit: audit.map(timelineEntry),
    };
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

  /**
   * Every run of the workflow, oldest first: from the latest run, each run's first event names the
   * run it continued (`continuedExecutionRunId`). Runs past the namespace's retention are gone.
   */
  private async allRuns(workflowId: string): Promise<RenderedRun[]> {
    const latest = await this.latestRunId(workflowId);
    const runs: Array<{ runId: string; events: temporal.api.history.v1.IHistoryEvent[] }> = [];
    for (let runId = latest; runId && runs.length < MAX_RUNS; ) {
      const history = await this.fetch(workflowId, runId);
      if (!history) break;
      runs.unshift({ runId, events: history });
      runId = history[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
    }
    return runs.map(({ runId, events }, i) => {
      const rendered = renderHistory(events).map((e) => ({ run: i + 1, ...e }));
      const last = rendered[rendered.length - 1];
      const status = last ? (CLOSING_EVENTS[last.type] ?? 'RUNNING') : 'RUNNING';
      return {
        summary: {
          run: i + 1,
          runId,
          startedAt: rendered[0]?.time ?? null,
          closedAt: status === 'RUNNING' ? null : (last?.time ?? null),
          status,
          eventCount: rendered.length,
        },
        events: rendered,
      };
    });
  }

  private async latestRunId(workflowId: string): Promise<string | undefined> {
    try {
      return (await this.temporal.client.workflow.getHandle(workflowId).describe()).runId;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  private async fetch(workflowId: string, runId?: string): Promise<temporal.api.history.v1.IHistoryEvent[] | null> {
    try {
      return (await this.temporal.client.workflow.getHandle(workflowId, runId).fetchHistory()).events ?? [];
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  /** null when Temporal no longer has the workflow (past the namespace's retention). */
  private async render(workflowId: string): Promise<HistoryEventResponse[] | null> {
    const events = await this.fetch(workflowId);
    return events ? renderHistory(events) : null;
  }
}

function isNotFound(err: unknown): boolean {
  return err instanceof WorkflowNotFoundError || (isGrpcServiceError(err) && err.code === GRPC_NOT_FOUND);
}

/** The child workflows the shown runs started, in the order they were started, each once. */
function childWorkflowsOf(events: HistoryEventResponse[]): Array<{ workflowId: string; workflowType: string | null }> {
  const children = new Map<string, string | null>();
  for (const e of events) {
    if (e.type === 'START_CHILD_WORKFLOW_EXECUTION_INITIATED' && e.workflowId && !children.has(e.workflowId)) children.set(e.workflowId, e.name);
  }
  return [...children].map(([workflowId, workflowType]) => ({ workflowId, workflowType }));
}

function compacted(events: HistoryEventResponse[], query: HistoryQuery): HistoryEventResponse[] {
  return query.compact ? events.filter((e) => !WORKFLOW_TASK_EVENTS.test(e.type)) : events;
}
