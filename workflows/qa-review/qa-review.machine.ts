import { authorize } from '../common/access';
import { isSystemActor } from '../common/access';
import type { Actor } from '../common/actor';
import { approve, markDue, mayApprove, openApproval, reject, type ApprovalDue, type PendingApproval } from '../common/approval/approval';
import { seniorityOf } from '../common/approval/approval-policy';
import type { TaskRow } from '../common/case-projection';
import { DECISION_KINDS } from '../common/quality/decision-kinds';
import { classifyErrors, statementsAgree, type DecisionStatement, type ErrorType } from '../common/quality/error-types';
import type { CaseEffect, MachineEvent, RoutingOutcome, Transition } from '../common/runtime/case-kind';
import type { QaReviewInput, QaReviewStatus, QaStatementRequest } from './qa-review.contract';

/**
 * Blind peer review of one decision, as a pure machine. The decision is held by an approval (the
 * reusable maker-checker piece: never the maker, at least the maker's role) whose reminder and
 * escalation the runtime times. The review task is routed like any case's work, to a team member at
 * least as senior as the maker; if nobody qualifies it waits for the team's managers. The reviewer
 * states their own decision without seeing the maker's: agreement approves the hold and releases the
 * decision; disagreement rejects it and a manager adjudicates. The outcome records every error type.
 */

export interface QaStatement extends DecisionStatement {
  by: string;
  processError: boolean;
  notes: string;
}

export interface QaReviewState {
  input: Omit<QaReviewInput, 'parentWorkflowId' | 'resultSignalName' | 'patchesAtStart'>;
  parent: { workflowId: string; signalName: string } | null;
  status: QaReviewStatus;
  reviewerId: string | null;
  queuedReason: string | null;
  hold: PendingApproval;
  review: QaStatement | null;
  adjudication: QaStatement | null;
  errorTypes: ErrorType[];
  createdAt: number;
  updatedAt: number;
  closedAt: number | null;
}

export type QaReviewEvent =
  | (MachineEvent & { type: 'routed'; outcome: RoutingOutcome })
  | (MachineEvent & { type: 'review_submitted'; request: QaStatementRequest })
  | (MachineEvent & { type: 'adjudicated'; request: QaStatementRequest })
  | (MachineEvent & { type: 'hold_due'; due: ApprovalDue });

const refuse = (code: 'invalid_transition' | 'forbidden' | 'invalid_input', reason: string, field?: string): Transition<QaReviewState> => ({
  ok: false,
  code,
  reason,
  ...(field ? { field } : {}),
});

export function validateQaReviewInput(i: QaReviewInput): string | null {
  const kind = DECISION_KINDS[i.decisionKind];
  if (!kind) return `decisionKind ${String(i.decisionKind)} is not a decision kind`;
  if (kind.caseKind !== i.caseKind) return `a ${i.decisionKind} belongs to ${kind.caseKind} cases, not ${i.caseKind}`;
  if (!(kind.decisions as readonly string[]).includes(i.makerDecision.decision)) return `${i.makerDecision.decision} is not a decision of ${i.decisionKind}`;
  if (!i.reviewId || !i.caseId || !i.team || !i.maker?.userId) return 'reviewId, caseId, team and maker are required';
  if (!(i.hold.remindAfterMs > 0 && i.hold.escalateAfterMs > i.hold.remindAfterMs)) return 'hold.escalateAfterMs must be after hold.remindAfterMs, both positive';
  return null;
}

/** The hold's policy: one checker, of the maker's role or above (a checker is at least a specialist). */
function holdPolicy(i: QaReviewState['input']) {
  const role = seniorityOf(i.maker.role) >= 1 ? i.maker.role : 'specialist';
  return { requiredApprovals: 1, minimumRole: role, remindAfterMs: i.hold.remindAfterMs, escalateAfterMs: i.hold.escalateAfterMs };
}

export function newQaReviewState(input: QaReviewInput, now: number): { state: QaReviewState; effects: CaseEffect[] } {
  // The link and the patch list are the runtime's, not the review's: the state (shown) keeps neither.
  const { parentWorkflowId, resultSignalName, patchesAtStart: _patches, ...rest } = input;
  const makerActor: Actor = { userId: input.maker.userId, role: input.maker.role, team: input.team };
  const hold = openApproval({ id: input.reviewId, subject: `QA hold of ${input.decisionKind} on case ${input.caseId}`, maker: makerActor, policy: holdPolicy(rest), calendar: input.calendar, now });
  const state: QaReviewState = {
    input: rest,
    parent: parentWorkflowId && resultSignalName ? { workflowId: parentWorkflowId, signalName: resultSignalName } : null,
    status: 'awaiting_review',
    reviewerId: null,
    queuedReason: null,
    hold,
    review: null,
    adjudication: null,
    errorTypes: [],
    createdAt: now,
    updatedAt: now,
    closedAt: null,
  };
  const effects: CaseEffect[] = [
    {
      type: 'route',
      item: {
        caseId: input.caseId,
        kind: input.caseKind,
        marketplace: input.marketplace,
        team: input.team,
        excludeUserIds: [input.maker.userId],
        atLeastAsSeniorAs: { role: input.maker.role, startedOn: input.maker.startedOn },
      },
    },
  ];
  return { state, effects };
}

const task = (s: QaReviewState, kind: 'qa_review' | 'qa_adjudication', assigneeId: string | null, status: TaskRow['status'], now: number): TaskRow => ({
  id: `${s.input.reviewId}/${kind}`,
  caseId: s.input.caseId,
  caseKind: s.input.caseKind,
  kind,
  title: kind === 'qa_review' ? `Blind peer review (${DECISION_KINDS[s.input.decisionKind].title})` : `Adjudicate a peer-review disagreement (${DECISION_KINDS[s.input.decisionKind].title})`,
  assigneeId,
  team: s.input.team,
  status,
  dueAt: status === 'open' ? s.hold.clock.deadlineAt : null,
  createdAt: kind === 'qa_review' ? s.createdAt : (s.review ? now : s.createdAt),
  completedAt: status === 'open' ? null : now,
});

const statementOf = (actor: Actor, r: QaStatementRequest): QaStatement => ({
  by: actor.userId,
  decision: r.decision,
  reason: r.reason,
  processError: r.processError,
  notes: r.notes,
});

/** Closes the review: the decision to release goes back to the deciding case, when one waits. */
function closed(s: QaReviewState, status: 'agreed' | 'adjudicated', correct: QaStatement, processError: boolean, now: number, extra: CaseEffect[]): Transition<QaReviewState> {
  const kind = DECISION_KINDS[s.input.decisionKind];
  const errorTypes = classifyErrors(kind, s.input.makerDecision, correct, processError);
  const next: QaReviewState = { ...s, status, errorTypes, updatedAt: now, closedAt: now };
  const effects: CaseEffect[] = [...extra];
  if (s.parent) {
    effects.push({
      type: 'signal',
      workflowId: s.parent.workflowId,
      signalName: s.parent.signalName,
      payload: {
        reviewId: s.input.reviewId,
        caseId: s.input.caseId,
        mode: s.input.mode,
        status,
        decision: { decision: correct.decision, reason: correct.reason },
        overturned: correct.decision !== s.input.makerDecision.decision,
        errorTypes,
        decidedBy: correct.by,
      },
    });
  }
  return { ok: true, state: next, effects };
}

function checkStatement(s: QaReviewState, r: QaStatementRequest): Transition<QaReviewState> | null {
  const decisions: readonly string[] = DECISION_KINDS[s.input.decisionKind].decisions;
  if (!decisions.includes(r.decision)) return refuse('invalid_input', `decision must be one of ${decisions.join(', ')}`, 'decision');
  return null;
}

export function transition(s: QaReviewState, e: QaReviewEvent, now: number): Transition<QaReviewState> {
  const team = s.input.team;
  switch (e.type) {
    case 'routed': {
      if (!isSystemActor(e.actor)) return refuse('forbidden', 'routing answers come from the system');
      if (s.status !== 'awaiting_review' || s.reviewerId !== null) return refuse('invalid_transition', 'the review is already routed');
      const assigned = e.outcome.decision === 'assign' && e.outcome.userId !== null;
      const next: QaReviewState = { ...s, reviewerId: assigned ? e.outcome.userId : null, queuedReason: assigned ? null : e.outcome.reason, updatedAt: now };
      return { ok: true, state: next, effects: [{ type: 'task', task: task(next, 'qa_review', next.reviewerId, 'open', now) }] };
    }
    case 'review_submitted': {
      if (s.status !== 'awaiting_review') return refuse('invalid_transition', `the review is ${s.status}`);
      const actor = e.actor;
      const permitted = authorize(actor, 'qa.review', { kind: 'roster', team });
      if (!permitted.allowed) return { ok: false, code: 'forbidden', reason: permitted.reason, denial: permitted.code };
      if (actor.userId === s.input.maker.userId) return { ok: false, code: 'forbidden', reason: `${actor.userId} made this decision and cannot review it`, denial: 'maker_cannot_check' };
      if (s.reviewerId !== null ? actor.userId !== s.reviewerId : actor.role !== 'manager') {
        return {
          ok: false,
          code: 'forbidden',
          reason: s.reviewerId !== null ? `the review is routed to ${s.reviewerId}` : 'nobody could be routed: a manager of the team reviews',
          denial: 'not_assignee',
        };
      }
      const hold = mayApprove(s.hold, actor);
      if (!hold.ok) return { ok: false, code: 'forbidden', reason: hold.reason, denial: hold.code };
      const bad = checkStatement(s, e.request);
      if (bad) return bad;
      const review = statementOf(actor, e.request);
      const reviewed = { ...s, review };
      if (statementsAgree(s.input.makerDecision, review)) {
        const held = { ...reviewed, hold: approve(s.hold, actor, e.request.notes || null, now, s.input.calendar) };
        return closed(held, 'agreed', review, review.processError, now, [{ type: 'task', task: task(held, 'qa_review', actor.userId, 'done', now) }]);
      }
      const next: QaReviewState = { ...reviewed, status: 'adjudicating', hold: reject(s.hold, actor, e.request.notes || 'the reviewer decided otherwise', now, s.input.calendar), updatedAt: now };
      return {
        ok: true,
        state: next,
        effects: [
          { type: 'task', task: task(next, 'qa_review', actor.userId, 'done', now) },
          { type: 'task', task: task(next, 'qa_adjudication', null, 'open', now) },
        ],
      };
    }
    case 'adjudicated': {
      if (s.status !== 'adjudicating') return refuse('invalid_transition', s.status === 'awaiting_review' ? 'there is nothing to adjudicate until the reviewer disagrees' : `the review is ${s.status}`);
      const permitted = authorize(e.actor, 'qa.adjudicate', { kind: 'roster', team });
      if (!permitted.allowed) return { ok: false, code: 'forbidden', reason: permitted.reason, denial: permitted.code };
      if (e.actor.userId === s.input.maker.userId || e.actor.userId === s.review?.by) {
        return { ok: false, code: 'forbidden', reason: `${e.actor.userId} took part in this decision and cannot adjudicate it`, denial: 'maker_cannot_check' };
      }
      const bad = checkStatement(s, e.request);
      if (bad) return bad;
      const adjudication = statementOf(e.actor, e.request);
      const next = { ...s, adjudication };
      return closed(next, 'adjudicated', adjudication, adjudication.processError || (s.review?.processError ?? false), now, [
        { type: 'task', task: task(next, 'qa_adjudication', e.actor.userId, 'done', now) },
      ]);
    }
    case 'hold_due': {
      if (!isSystemActor(e.actor)) return refuse('forbidden', 'hold reminders come from the system');
      if (s.hold.status !== 'pending') return refuse('invalid_transition', 'the hold is not pending');
      return { ok: true, state: { ...s, hold: markDue(s.hold, e.due, now), updatedAt: now }, effects: [] };
    }
  }
}

export const isQaReviewFinished = (s: QaReviewState) => s.status === 'agreed' || s.status === 'adjudicated';
