import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError, type QueryDefinition, type UpdateDefinition } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import type { ApplyBulkInput, BulkAction, BulkCaseRef, BulkCaseResult, BulkView } from '../workflows/bulk-operation/bulk-operation.contract';
import { unsupportedReason } from '../workflows/bulk-operation/bulk-operation.machine';
import type { Actor } from '../workflows/common/actor';
import { NOT_RECORDED } from '../workflows/common/refusal';
import { extendSlaUpdate, getEscalationQuery, reassignUpdate, resolveUpdate, retriageUpdate } from '../workflows/escalation/escalation.contract';
import { getReviewQuery, reassignReviewUpdate } from '../workflows/strategic-review/review.contract';
import { classified } from './failures';

export interface BulkOperationDeps {
  dataSource: DataSource;
  temporal: Client;
}

type View = { state: string };
interface CaseMessage {
  update: UpdateDefinition<View, [never]>;
  view: QueryDefinition<View>;
  request: Record<string, unknown>;
}

/** The case's own update for the batch's action, with the request a single action through the API would send. */
function messageFor(action: BulkAction, target: BulkCaseRef, actor: Actor): CaseMessage {
  const view = target.kind === 'escalation' ? getEscalationQuery : getReviewQuery;
  const as = (update: UpdateDefinition<never, [never]>, request: Record<string, unknown>): CaseMessage => ({
    update: update as unknown as CaseMessage['update'],
    view: view as QueryDefinition<View>,
    request: Object.fromEntries(Object.entries({ ...request, actor }).filter(([, v]) => v !== undefined)),
  });
  switch (action.type) {
    case 'reassign': {
      const request = { assigneeId: action.assigneeId, team: action.assigneeTeam !== target.team ? action.assigneeTeam : undefined, reason: action.reason };
      return as((target.kind === 'escalation' ? reassignUpdate : reassignReviewUpdate) as never, request);
    }
    case 'close':
      return as(resolveUpdate as never, { resolutionCode: action.resolutionCode, rootCause: action.rootCause, note: action.note });
    case 'extend_sla':
      return as(extendSlaUpdate as never, { clock: action.clock, byMs: action.byMinutes * 60_000, reason: action.reason });
    case 'retriage':
      return as(retriageUpdate as never, { severity: action.severity, category: action.category, reason: action.reason });
  }
}

/**
 * A bulk operation's two side effects: one case's change (its normal update, signed under the starter's
 * identity by the worker's client, so the case re-checks permission and state), and the batch's
 * snapshot in the read model.
 */
export function createBulkOperationActivities({ dataSource, temporal }: BulkOperationDeps) {
  return {
    /**
     * A refusal by the case (permission, state, input) is a result, not a failure; an unreachable case
     * throws so the activity retries on the batch's bounded schedule. The update id is the batch's and
     * the case's: a retried activity applies the change once.
     */
    async applyBulkAction({ operationId, actor, action, target }: ApplyBulkInput): Promise<BulkCaseResult> {
      const base = { caseId: target.caseId, kind: target.kind };
      const refused = (code: string, reason: string): BulkCaseResult => ({ ...base, outcome: 'refused', code, reason, state: null, at: Date.now() });
      const unsupported = unsupportedReason(action.type, target.kind);
      if (unsupported) return refused('unsupported', unsupported);
      const message = messageFor(action, target, actor);
      const handle = temporal.workflow.getHandle(target.workflowId);
      try {
        const view = await handle.executeUpdate(message.update, { args: [message.request as never], updateId: `${operationId}:${target.caseId}` });
        return { ...base, outcome: 'done', code: null, reason: null, state: view.state, at: Date.now() };
      } catch (err) {
        if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
          // Applied; the case writes it to the read model by itself.
          if (err.cause.type === NOT_RECORDED) return { ...base, outcome: 'done', code: null, reason: null, state: (await handle.query(message.view)).state, at: Date.now() };
          return refused(err.cause.type ?? 'conflict', err.cause.message);
        }
        if (err instanceof WorkflowNotFoundError) return refused('not_found', 'the case has no running workflow (it is closed)');
        throw err;
      }
    },

    /** Writes the batch's snapshot; an older snapshot arriving late never overwrites a newer one. Results are written once per case. */
    recordBulkOperation: ({ view, version }: { view: BulkView; version: number }): Promise<void> =>
      classified(() =>
        dataSource.transaction(async (tx) => {
          const ts = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
          await tx.query(
            `INSERT INTO bulk_operations (id, team, started_by, action_type, action, filter, status, total, done, refused, remaining, version, created_at, updated_at, finished_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
             ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, done = EXCLUDED.done, refused = EXCLUDED.refused,
               remaining = EXCLUDED.remaining, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at, finished_at = EXCLUDED.finished_at
             WHERE bulk_operations.version < EXCLUDED.version`,
            [
              view.operationId, view.team, view.startedBy, view.action.type, JSON.stringify(view.action), JSON.stringify(view.filter), view.status,
              view.progress.total, view.progress.done, view.progress.refused, view.progress.remaining, version,
              ts(view.createdAt), ts(view.updatedAt), ts(view.finishedAt),
            ],
          );
          if (view.results.length === 0) return;
          await tx.query(
            `INSERT INTO bulk_operation_results (operation_id, case_id, kind, outcome, code, reason, state, at)
             SELECT $1, r.case_id, r.kind, r.outcome, r.code, r.reason, r.state, r.at
             FROM jsonb_to_recordset($2::jsonb) AS r(case_id uuid, kind varchar, outcome varchar, code varchar, reason text, state varchar, at timestamptz)
             ON CONFLICT (operation_id, case_id) DO NOTHING`,
            [
              view.operationId,
              JSON.stringify(view.results.map((r) => ({ case_id: r.caseId, kind: r.kind, outcome: r.outcome, code: r.code, reason: r.reason, state: r.state, at: new Date(r.at).toISOString() }))),
            ],
          );
        }),
      ),
  };
}
