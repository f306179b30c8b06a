import type { CaseEntity } from '../../db/entities/case.entity';
import type { EscalationView } from '../../workflows/escalation/escalation.contract';
import type { EscalationResponse } from './escalation.response';

export function fromEntity(row: CaseEntity): EscalationResponse {
  return {
    id: row.id,
    workflowId: row.workflowId,
    state: row.state,
    sellerId: row.sellerId,
    marketplace: row.marketplace,
    severity: row.severity,
    category: row.category,
    summary: row.summary,
    team: row.team,
    assigneeId: row.assigneeId,
    breached: row.breached,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function fromView(view: EscalationView): EscalationResponse {
  return {
    id: view.caseId,
    workflowId: view.workflowId,
    state: view.state,
    sellerId: view.sellerId,
    marketplace: view.marketplace,
    severity: view.severity,
    category: view.category,
    summary: view.summary,
    team: view.team,
    assigneeId: view.assigneeId,
    breached: view.breached,
    createdBy: view.createdBy,
    createdAt: new Date(view.createdAt).toISOString(),
    updatedAt: new Date(view.updatedAt).toISOString(),
  };
}
