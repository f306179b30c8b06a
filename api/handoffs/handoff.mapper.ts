import type { CaseEntity } from '../../db/entities/case.entity';
import type { HandoffEntity } from '../../db/entities/handoff.entity';
import type { HandoffView } from '../../workflows/handoff/handoff.contract';
import type { HandoffCaseSummary, HandoffResponse } from './handoff.response';

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (value: number | Date | null | undefined) => (value == null ? null : new Date(value).toISOString());

export function fromHandoffView(view: HandoffView): HandoffResponse {
  return {
    id: view.handoffId,
    caseId: view.caseId,
    team: view.team,
    status: view.status,
    question: view.question,
    blocking: view.blocking,
    requestedBy: view.requestedBy,
    requestedAt: iso(view.requestedAt),
    dueAt: isoOrNull(view.clock?.deadlineAt),
    remindedAt: isoOrNull(view.remindedAt),
    escalatedAt: isoOrNull(view.escalatedAt),
    answer: view.answer ? { ...view.answer, answeredAt: iso(view.answer.answeredAt) } : null,
  };
}

export function fromHandoffEntity(row: HandoffEntity, kase?: CaseEntity): HandoffResponse {
  return {
    id: row.id,
    caseId: row.caseId,
    team: row.team,
    status: row.status,
    question: row.question,
    blocking: row.blocking,
    requestedBy: row.requestedBy,
    requestedAt: row.requestedAt.toISOString(),
    dueAt: isoOrNull(row.dueAt),
    remindedAt: isoOrNull(row.remindedAt),
    escalatedAt: isoOrNull(row.escalatedAt),
    answer:
      row.status === 'answered' && row.outcome
        ? {
            outcome: row.outcome,
            notes: row.notes ?? '',
            citation: row.citation,
            answeredBy: row.answeredBy ?? '',
            answeredAt: isoOrNull(row.answeredAt) ?? '',
          }
        : null,
    ...(kase ? { case: caseSummary(kase) } : {}),
  };
}

function caseSummary(c: CaseEntity): HandoffCaseSummary {
  return {
    id: c.id,
    kind: c.kind,
    sellerId: c.sellerId,
    marketplace: c.marketplace,
    severity: c.severity,
    state: c.state,
    team: c.team,
    summary: c.summary,
  };
}
