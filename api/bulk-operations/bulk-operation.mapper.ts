import type { BulkView } from '../../workflows/bulk-operation/bulk-operation.contract';
import type { BulkOperationResponse, BulkOperationSummaryResponse } from './bulk-operation.response';
import type { BulkOperationRow, BulkResultRow } from './bulk-operations.repository';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function fromView(v: BulkView): BulkOperationResponse {
  return {
    id: v.operationId,
    team: v.team,
    startedBy: v.startedBy,
    action: v.action,
    filter: v.filter,
    status: v.status,
    progress: v.progress,
    results: v.results.map((r) => ({ caseId: r.caseId, kind: r.kind, outcome: r.outcome, code: r.code, reason: r.reason, state: r.state, at: iso(r.at)! })),
    createdAt: iso(v.createdAt)!,
    updatedAt: iso(v.updatedAt)!,
    finishedAt: iso(v.finishedAt),
  };
}

export function summaryFromRow(r: BulkOperationRow): BulkOperationSummaryResponse {
  return {
    id: r.id,
    team: r.team,
    startedBy: r.started_by,
    actionType: r.action_type,
    status: r.status,
    progress: { total: r.total, done: r.done, refused: r.refused, remaining: r.remaining },
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    finishedAt: r.finished_at ? r.finished_at.toISOString() : null,
  };
}

export function fromRow(r: BulkOperationRow, results: BulkResultRow[]): BulkOperationResponse {
  const { actionType: _type, ...summary } = summaryFromRow(r);
  return {
    ...summary,
    action: r.action as unknown as BulkOperationResponse['action'],
    filter: r.filter,
    results: results.map((x) => ({ caseId: x.case_id, kind: x.kind, outcome: x.outcome, code: x.code, reason: x.reason, state: x.state, at: x.at.toISOString() })),
  };
}
