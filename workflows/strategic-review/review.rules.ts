/**
 * Which review event may happen when, and who may send it: the transition table and its guards. The
 * machine (review.machine.ts) applies an event only after these pass; `allowedReviewEvents` asks the
 * same questions for the API's `allowedActions`.
 */
import { authorize, isSystemActor, type CaseAction } from '../common/access';
import { HANDOFF_TEAMS, type Actor } from '../common/actor';
import { mayApprove, mayReject } from '../common/approval/approval';
import { isOptionalText, isText, MAX_CITATION, oneOf, textProblem } from '../common/input-checks';
import { qaOutcomeProblem } from '../qa-review/qa-plan';
import type { RefusalCode, Transition } from '../common/runtime/case-kind';
import { HANDOFF_OUTCOMES } from '../handoff/handoff.contract';
import { findPlaybook } from './playbooks';
import { openGaps, openHandoffs, type ReviewEvent, type ReviewEventType, type ReviewState } from './review.state';
import { CHECK_FINDINGS, CONSULTATION_RESPONSES, DECISIONS, REASON_CODES, type ReviewStatus } from './review.vocabulary';

export interface ReviewRule {
  event: ReviewEventType;
  from: readonly ReviewStatus[];
  /** The permission a person needs; null: only the system sends it. */
  action: CaseAction | null;
  system: boolean;
  note: string;
}

export type Refusal = Extract<Transition<ReviewState>, { ok: false }>;

const OPEN = ['new', 'queued', 'assigned', 'in_review', 'waiting_on_handoff', 'pending_approval', 'awaiting_consultation', 'qa_hold', 'enforcing', 'enforcement_failed'] as const;
const HELD = ['assigned', 'in_review', 'waiting_on_handoff'] as const;

export const REVIEW_TRANSITIONS: readonly ReviewRule[] = [
  { event: 'triage_started', from: ['new'], action: null, system: true, note: 'Starts the clocks and asks routing for a reviewer.' },
  { event: 'assigned', from: ['new', 'queued'], action: 'reassign', system: true, note: 'Routing chose a reviewer.' },
  { event: 'queued', from: ['new'], action: null, system: true, note: 'No eligible reviewer: the review waits in the team queue.' },
  { event: 'acknowledged', from: ['assigned'], action: 'acknowledge', system: false, note: 'The reviewer takes it on (first response).' },
  { event: 'claimed', from: ['queued'], action: 'claim', system: false, note: 'A specialist takes it from the queue (first response).' },
  { event: 'released', from: HELD, action: 'release', system: false, note: 'Back to the team queue.' },
  { event: 'reassigned', from: ['queued', 'assigned', 'in_review', 'waiting_on_handoff', 'pending_approval', 'awaiting_consultation', 'enforcement_failed'], action: 'reassign', system: false,
    note: 'A manager gives the review to someone; a pending proposal keeps its maker.' },
  { event: 'check_completed', from: ['in_review'], action: 'complete_check', system: false, note: 'A playbook check done, with a finding and evidence.' },
  { event: 'risk_assessment_requested', from: ['in_review'], action: 'assess_risk', system: false, note: 'Runs the risk model on the seller and the findings so far.' },
  { event: 'risk_assessed', from: OPEN, action: null, system: true, note: 'The model answered: score, band, signals, model version.' },
  { event: 'risk_assessment_failed', from: OPEN, action: null, system: true, note: 'The model could not be asked; the reviewer may try again.' },
  { event: 'handed_off', from: ['in_review', 'waiting_on_handoff'], action: 'hand_off', system: false, note: 'A question to Legal, Policy or Customer Trust, as in escalations.' },
  { event: 'handoff_answered', from: OPEN, action: 'answer_handoff', system: true, note: 'Only the addressed team answers.' },
  { event: 'decision_proposed', from: ['in_review'], action: 'propose_decision', system: false,
    note: 'Every required check done and the risk assessed: no_action closes the review, anything else waits for approval.' },
  { event: 'decision_approved', from: ['pending_approval'], action: 'approve_enforcement', system: false, note: 'A checker approves (not the maker, senior enough).' },
  { event: 'decision_rejected', from: ['pending_approval'], action: 'approve_enforcement', system: false, note: 'A checker sends the proposal back to the maker with reasons.' },
  { event: 'decision_withdrawn', from: ['pending_approval', 'awaiting_consultation', 'enforcement_failed'], action: 'propose_decision', system: false,
    note: 'The maker (or a manager) takes the proposal back to review.' },
  { event: 'urgency_approved', from: ['pending_approval', 'awaiting_consultation'], action: 'approve_urgency', system: false,
    note: 'A manager lets an urgent decision go ahead without waiting for Account Management.' },
  { event: 'consultation_answered', from: OPEN, action: 'answer_consultation', system: true, note: 'Account Management agrees or objects.' },
  { event: 'consultation_window_closed', from: OPEN, action: null, system: true, note: 'The window passed without an answer; the review proceeds.' },
  { event: 'approval_reminder_due', from: ['pending_approval'], action: null, system: true, note: 'The approvers are reminded.' },
  { event: 'approval_escalation_due', from: ['pending_approval'], action: null, system: true, note: "The team's managers are told the approval is overdue." },
  { event: 'enforcement_completed', from: ['enforcing'], action: null, system: true, note: 'The saga applied every step (closed) or undid them (enforcement_failed).' },
  { event: 'enforcement_reported', from: [...OPEN, 'closed'], action: null, system: true,
    note: "The applied enforcement was told to the seller's appeals in monitoring (their restumble)." },
  { event: 'qa_released', from: ['qa_hold'], action: null, system: true,
    note: "The held decision's QA review ended: the maker's decision (agreed) or the adjudicated one (overturned) takes effect." },
  { event: 'enforcement_retried', from: ['enforcement_failed'], action: 'propose_decision', system: false, note: 'Runs the approved decision again.' },
  { event: 'policy_gap_flagged', from: OPEN, action: 'flag_policy_gap', system: false, note: 'A question for leadership, with its own SLA.' },
  { event: 'policy_gap_decided', from: [...OPEN, 'closed'], action: 'decide_policy_gap', system: false, note: 'Leadership decides; the decision becomes a precedent.' },
  { event: 'clock_warned', from: [...OPEN, 'closed'], action: null, system: true, note: 'A clock reached its warning point.' },
  { event: 'clock_breached', from: [...OPEN, 'closed'], action: null, system: true, note: 'A clock passed its deadline.' },
];

const RULES = Object.fromEntries(REVIEW_TRANSITIONS.map((r) => [r.event, r])) as Record<ReviewEventType, ReviewRule>;
export const REVIEW_EVENT_TYPES: readonly ReviewEventType[] = REVIEW_TRANSITIONS.map((r) => r.event);

export const isReviewEvent = (type: unknown): type is ReviewEventType => typeof type === 'string' && Object.prototype.hasOwnProperty.call(RULES, type);

export const refuse = (code: RefusalCode, reason: string, denial?: Refusal['denial']): Refusal =>
  denial ? { ok: false, code, reason, denial } : { ok: false, code, reason };

const bad = (reason: string) => refuse('invalid_input', reason);

export function statusGuard(s: ReviewState, type: ReviewEventType): Refusal | null {
  const rule = RULES[type];
  if (!rule.from.includes(s.status)) return refuse('invalid_transition', `${type} is not allowed while the review is ${s.status} (only from ${rule.from.join(', ')})`);
  switch (type) {
    case 'released':
      return s.assigneeId === null ? refuse('invalid_transition', 'the review has no assignee to release') : null;
    case 'risk_assessment_requested':
      return s.riskPending ? refuse('invalid_transition', 'a risk assessment is already running') : null;
    case 'handoff_answered':
      return openHandoffs(s).length === 0 ? refuse('invalid_transition', 'the review has no open handoff') : null;
    case 'decision_proposed': {
      const missing = s.checks.filter((c) => c.required && c.status !== 'done');
      if (missing.length) return refuse('invalid_transition', `required checks are not done: ${missing.map((c) => c.id).join(', ')}`);
      if (!s.risk) return refuse('invalid_transition', 'the risk assessment has not been recorded');
      return null;
    }
    case 'urgency_approved':
      if (!s.proposal?.urgency) return refuse('invalid_transition', 'the proposal is not marked urgent');
      return s.proposal.urgency.approvedBy ? refuse('invalid_transition', `urgency was already approved by ${s.proposal.urgency.approvedBy}`) : null;
    case 'consultation_answered':
      return s.proposal?.consultation?.status === 'open' ? null : refuse('invalid_transition', 'no consultation is open');
    case 'consultation_window_closed':
      return s.proposal?.consultation?.status === 'open' ? null : refuse('invalid_transition', 'no consultation is open');
    case 'enforcement_retried':
      return s.enforcements.at(-1)?.status === 'compensated' ? null : refuse('invalid_transition', 'the last enforcement did not fail');
    case 'policy_gap_decided':
      return openGaps(s).length ? null : refuse('invalid_transition', 'the review has no open policy gap');
    default:
      return null;
  }
}

export function actorGuard(s: ReviewState, event: ReviewEvent): Refusal | null {
  const rule = RULES[event.type];
  const actor = event.actor;
  if (isSystemActor(actor)) return rule.system ? null : refuse('forbidden', `the system may not send ${event.type}; it takes a person with permission ${rule.action}`);
  if (rule.action === null) return refuse('forbidden', `only the system sends ${event.type}`);
  const handoffTeam = event.type === 'handoff_answered' ? s.handoffs.find((h) => h.id === event.handoffId)?.team : undefined;
  const decision = authorize(actor, rule.action, { kind: 'strategic_review', team: s.team, assigneeId: s.assigneeId ?? undefined, handoffTeam });
  if (!decision.allowed) return refuse('forbidden', decision.reason, decision.code);
  return makerCheckerGuard(s, event.type, actor);
}

/** The approval policy's own checks (common/approval), after the permission table's. */
function makerCheckerGuard(s: ReviewState, type: ReviewEventType, actor: Actor): Refusal | null {
  const approval = s.proposal?.approval;
  if ((type === 'decision_approved' || type === 'decision_rejected') && approval) {
    const check = type === 'decision_approved' ? mayApprove(approval, actor) : mayReject(approval, actor);
    return check.ok ? null : refuse('forbidden', check.reason, check.code);
  }
  if (type === 'urgency_approved' && s.proposal && s.proposal.proposedBy === actor.userId) {
    return refuse('forbidden', `${actor.userId} proposed this decision and cannot also approve its urgency`, 'maker_cannot_check');
  }
  return null;
}

const TAG = /^[a-z0-9][a-z0-9-]{1,62}$/;

export function inputGuard(s: ReviewState, event: ReviewEvent): Refusal | null {
  switch (event.type) {
    case 'assigned':
    case 'reassigned':
      if (!isText(event.assigneeId)) return bad(textProblem('assigneeId'));
      if (event.type === 'reassigned' && event.team !== undefined && !isText(event.team)) return bad(textProblem('team'));
      return isOptionalText(event.reason) ? null : bad(textProblem('reason'));
    case 'queued':
      return isText(event.reason) ? null : bad(textProblem('reason'));
    case 'released':
      if (event.holder !== undefined && event.holder !== s.assigneeId) {
        return refuse('invalid_transition', `the review is now held by ${s.assigneeId ?? 'nobody'}, not ${String(event.holder)}`);
      }
      return isOptionalText(event.reason) ? null : bad(textProblem('reason'));
    case 'check_completed': {
      if (!s.checks.some((c) => c.id === event.checkId)) return bad(`checkId must be one of this playbook's checks: ${s.checks.map((c) => c.id).join(', ')}`);
      if (!oneOf(CHECK_FINDINGS, event.finding)) return bad(`finding must be one of ${CHECK_FINDINGS.join(', ')}`);
      if (!isText(event.notes)) return bad(textProblem('notes'));
      const evidence = event.evidence ?? [];
      if (!Array.isArray(evidence) || evidence.length > 50 || !evidence.every((e) => typeof e === 'string' && e.trim() && e.length <= MAX_CITATION)) {
        return bad(`evidence must be a list of at most 50 references of at most ${MAX_CITATION} characters`);
      }
      if (event.finding === 'not_applicable' && s.checks.find((c) => c.id === event.checkId)?.required) {
        return bad('finding not_applicable is only for optional checks');
      }
      return null;
    }
    case 'handed_off':
      if (!oneOf(HANDOFF_TEAMS, event.team)) return bad(`team must be one of ${HANDOFF_TEAMS.join(', ')}`);
      if (!isText(event.question)) return bad(textProblem('question'));
      return event.blocking !== undefined && typeof event.blocking !== 'boolean' ? bad('blocking must be true or false') : null;
    case 'handoff_answered': {
      const h = s.handoffs.find((x) => x.id === event.handoffId);
      if (!h) return bad(`the review has no handoff ${String(event.handoffId)}`);
      if (h.status !== 'open') return refuse('invalid_transition', `handoff ${h.id} is already ${h.status}`);
      return oneOf(HANDOFF_OUTCOMES, event.outcome) ? null : bad(`outcome must be one of ${HANDOFF_OUTCOMES.join(', ')}`);
    }
    case 'decision_proposed':
      return decisionProblem(event);
    case 'decision_rejected':
      return isText(event.reasons) ? null : bad(textProblem('reasons'));
    case 'decision_approved':
    case 'urgency_approved':
      return isOptionalText(event.note) ? null : bad(textProblem('note'));
    case 'decision_withdrawn':
      return isText(event.reason) ? null : bad(textProblem('reason'));
    case 'consultation_answered':
      if (s.proposal?.consultation?.handoffId !== event.handoffId) return bad(`${String(event.handoffId)} is not the open consultation`);
      if (!oneOf(CONSULTATION_RESPONSES, event.response)) return bad(`response must be one of ${CONSULTATION_RESPONSES.join(', ')}`);
      return isText(event.reasons) ? null : bad(textProblem('reasons'));
    case 'policy_gap_flagged':
      if (typeof event.tag !== 'string' || !TAG.test(event.tag)) return bad('tag must be 2-63 lower-case letters, digits and dashes, e.g. marketplace-facilitator-tax');
      return isText(event.question) ? null : bad(textProblem('question'));
    case 'policy_gap_decided': {
      const gap = s.policyGaps.find((g) => g.id === event.gapId);
      if (!gap) return bad(`the review has no policy gap ${String(event.gapId)}`);
      if (gap.status !== 'open') return refuse('invalid_transition', `policy gap ${gap.id} is already decided`);
      if (!isText(event.decision)) return bad(textProblem('decision'));
      return isText(event.precedent) ? null : bad(textProblem('precedent'));
    }
    case 'qa_released': {
      const problem = qaOutcomeProblem(s.qaHold, event.outcome, DECISIONS);
      return problem ? { ...bad(problem), field: 'outcome' } : null;
    }
    case 'clock_warned':
    case 'clock_breached':
      return s.clocks.some((c) => c.id === event.clockId) ? null : bad(`the review has no clock ${String(event.clockId)}`);
    case 'approval_reminder_due':
    case 'approval_escalation_due':
      return s.proposal?.approval?.id === event.approvalId && s.proposal.approval.status === 'pending' ? null : bad(`approval ${event.approvalId} is not pending`);
    case 'enforcement_completed':
      return s.enforcements.at(-1)?.enforcementId === event.result?.enforcementId ? null : bad('the result is not for the running enforcement');
    default:
      return null;
  }
}

function decisionProblem(e: Extract<ReviewEvent, { type: 'decision_proposed' }>): Refusal | null {
  if (!oneOf(DECISIONS, e.decision)) return bad(`decision must be one of ${DECISIONS.join(', ')}`);
  if (!oneOf(REASON_CODES, e.reasonCode)) return bad(`reasonCode must be one of ${REASON_CODES.join(', ')}`);
  if ((e.decision === 'no_action') !== (e.reasonCode === 'no_violation')) {
    return bad(e.decision === 'no_action' ? 'reasonCode must be no_violation for no_action' : 'reasonCode no_violation goes with no_action only');
  }
  if (typeof e.policyCitation !== 'string' || !e.policyCitation.trim() || e.policyCitation.length > MAX_CITATION) {
    return bad(`policyCitation must be non-empty text of at most ${MAX_CITATION} characters`);
  }
  if (!isText(e.rationale)) return bad(textProblem('rationale'));
  if (e.scope !== undefined && (typeof e.scope !== 'string' || !e.scope.trim() || e.scope.length > MAX_CITATION)) return bad(`scope must be text of at most ${MAX_CITATION} characters`);
  if (e.durationDays !== undefined && e.durationDays !== null && (!Number.isInteger(e.durationDays) || e.durationDays < 1 || e.durationDays > 3650)) {
    return bad('durationDays must be a whole number of days from 1 to 3650, or null for until lifted');
  }
  if (e.urgent !== undefined && typeof e.urgent !== 'boolean') return bad('urgent must be true or false');
  if (e.urgent && !isText(e.urgencyReason)) return bad('urgencyReason: an urgent decision needs a reason');
  if (e.urgent && e.decision === 'no_action') return bad('urgent applies to enforcement decisions only');
  return null;
}

/** Consistency of a playbook reference (the input's). */
export function playbookProblem(ref: { id: string; version: number } | undefined): string | null {
  if (!ref || !findPlaybook(ref)) return `playbook ${ref?.id ?? '?'} version ${ref?.version ?? '?'} does not exist`;
  return null;
}

/** The events `actor` may send now, for the API's allowedActions (input aside). */
export function allowedReviewEvents(s: ReviewState, actor: Actor): ReviewEventType[] {
  return REVIEW_EVENT_TYPES.filter((type) => {
    const rule = RULES[type];
    if (rule.action === null || statusGuard(s, type)) return false;
    if (type === 'handoff_answered' || type === 'consultation_answered') return false;
    return actorGuard(s, { type, actor } as ReviewEvent) === null;
  });
}
