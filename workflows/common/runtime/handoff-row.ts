import type { HandoffRow } from '../case-projection';
import { handoffWorkflowId, type HandoffRequest } from '../../handoff/handoff.contract';
import { startClock } from '../sla-clock';

/**
 * The read-model row of a handoff a case just opened, written with the case's own projection so the
 * addressed team sees it at once; the handoff's workflow then keeps the row up to date.
 */
export function openedHandoffRow(h: HandoffRequest): HandoffRow {
  const clock = startClock({ ...h.sla, id: 'due', now: h.requestedAt });
  return {
    id: h.handoffId,
    caseId: h.caseId,
    caseKind: h.caseKind,
    workflowId: handoffWorkflowId(h.handoffId),
    team: h.team,
    question: h.question,
    context: h.context,
    blocking: h.blocking,
    status: 'open',
    requestedBy: h.requestedBy.userId,
    requestedAt: h.requestedAt,
    dueAt: clock.deadlineAt,
    warnAt: clock.warnAt,
    remindedAt: null,
    escalatedAt: null,
    breached: false,
    outcome: null,
    notes: null,
    citation: null,
    answeredBy: null,
    answeredAt: null,
  };
}
