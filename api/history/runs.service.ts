import { Injectable } from '@nestjs/common';
import { isGrpcServiceError, type WorkflowExecutionInfo } from '@temporalio/client';

type RunInfo = Pick<WorkflowExecutionInfo, 'runId' | 'status' | 'startTime' | 'closeTime' | 'historyLength'>;
import { WorkflowNotFoundError } from '@temporalio/common';
import type { Actor } from '../../workflows/common/actor';
import { TemporalClient } from '../common/runtime';
import { EscalationAccess } from '../escalations/escalation-access.service';
import type { WorkflowRunResponse, WorkflowRunsResponse } from './runs.response';

const GRPC_NOT_FOUND = 5;
/** A case continues as new every few thousand events: far fewer runs than this. */
const MAX_RUNS = 200;

/**
 * The runs of a case's workflow (each continue-as-new starts one), from Temporal's visibility store,
 * plus the current run from a describe: visibility lags a moment behind a fresh continue-as-new.
 */
@Injectable()
export class RunsService {
  constructor(
    private readonly cases: EscalationAccess,
    private readonly temporal: TemporalClient,
  ) {}

  async escalation(actor: Actor, id: string): Promise<WorkflowRunsResponse> {
    const row = await this.cases.require(actor, 'history.view', id);
    const workflow = this.temporal.client.workflow;
    let current: RunInfo;
    try {
      current = await workflow.getHandle(row.workflowId).describe();
    } catch (err) {
      if (err instanceof WorkflowNotFoundError || (isGrpcServiceError(err) && err.code === GRPC_NOT_FOUND)) {
        return { caseId: row.id, workflowId: row.workflowId, runs: [] };
      }
      throw err;
    }
    const runs = new Map<string, RunInfo>([[current.runId, current]]);
    for await (const info of workflow.list({ query: `WorkflowId = '${row.workflowId.replace(/'/g, '')}'` })) {
      if (!runs.has(info.runId)) runs.set(info.runId, info);
      if (runs.size >= MAX_RUNS) break;
    }
    return {
      caseId: row.id,
      workflowId: row.workflowId,
      runs: [...runs.values()]
        .sort((a, b) => a.startTime.getTime() - b.startTime.getTime())
        .map((r): WorkflowRunResponse => ({
          runId: r.runId,
          status: r.status.name,
          startTime: r.startTime.toISOString(),
          closeTime: r.closeTime ? r.closeTime.toISOString() : null,
          historyLength: r.historyLength,
          current: r.runId === current.runId,
        })),
    };
  }
}
