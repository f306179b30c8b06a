/**
 * Which appeal event may happen when, and who may send it: the transition table and its guards. The
 * machine (appeal.machine.ts) applies an event only after these pass; `allowedAppealEvents` asks the
 * same questions for the API's `allowedActions`.
 */
import { authorize, isSystemActor, type CaseAction } from '../common/access';
import type { Actor } from '../common/actor';
import { mayApprove, mayReject } from '../common/approval/approval';
import { isOptionalText, isText, isTime, MAX_CITATION, oneOf, textProblem } from '../common/input-checks';
import type { RefusalCode, Transition } from '../common/runtime/case-kind';
import { qaOutcomeProblem } from '../qa-review/qa-plan';
import { MAX_INFO_DEADLINE_DAYS, type AppealSettings } from './appeal.contract';
import { openInfoRequest, type AppealEvent, type AppealEventType, type AppealState, type PlanOfAction } from './appeal.state';
import { APPEAL_DECISIONS, DENY_REASONS, ENFORCEMENT_SOURCES, REINSTATE_REASONS, UPSTREAM_TEAMS, type AppealStatus } from './appeal.vocabulary';

export interface AppealRule {
  event: AppealEventType;
  from: readonly AppealStatus[];
  /** The permission a person needs; null: only the system sends it. */
  action: CaseAction | null;
  system: boolean;
  note: string;
}

/** The settings the transition table reads (the API has them from the read model's snapshot). */
export type AppealLimits = Pick<AppealSettings, 'maxInfoRequests'>;

export type Refusal = Extract<Transition<AppealState>, { ok: false }>;

const WORKING = ['new', 'queued', 'assigned', 'in_review', 'waiting_on_seller', 'pending_approval', 'qa_hold', 'reinstating', 'reinstatement_failed'] as const;
const HELD = ['assigned', 'in_review', 'waiting_on_seller'] as const;

export const APPEAL_TRANSITIONS: readonly AppealRule[] = [
  { event: 'triage_started', from: ['new'], action: null, system: true, note: 'Starts the clocks and asks routing for a reviewer (never the original decision maker).' },
  { event: 'assigned', from: ['new', 'queued'], action: null, system: true, note: 'Routing chose a reviewer.' },
  { event: 'queued', from: ['new'], action: null, system: true, note: 'No eligible reviewer: the appeal waits in the team queue.' },
  { event: 'acknowledged', from: ['assigned'], action: 'acknowledge', system: false, note: 'The reviewer takes it on (first response).' },
  { event: 'claimed', from: ['queued'], action: 'claim', system: false, note: 'A specialist takes it from the queue (first response).' },
  { event: 'released', from: HELD, action: 'release', system: false, note: 'Back to the team queue.' },
  { event: 'reassigned', from: ['queued', 'assigned', 'in_review', 'waiting_on_seller', 'pending_approval', 'reinstatement_failed'], action: 'reassign', system: false,
    note: 'A manager gives the appeal to someone else (never an original decision maker).' },
  { event: 'note_added', from: [...WORKING, 'monitoring', 'closed'], action: 'view', system: false, note: 'A staff note; sellers never see it.' },
  { event: 'info_requested', from: ['in_review'], action: 'request_info', system: false,
    note: 'Asks the seller with a deadline (the default or the given days); pauses the decision SLA; limited per appeal.' },
  { event: 'seller_responded', from: ['waiting_on_seller'], action: 'seller.respond', system: false, note: 'The seller answers (seller routes): back to review.' },
  { event: 'info_reminder_due', from: ['waiting_on_seller'], action: null, system: true, note: 'The seller is reminded before the deadline.' },
  { event: 'info_deadline_passed', from: ['waiting_on_seller'], action: null, system: true, note: 'No answer by the deadline: the appeal closes as abandoned.' },
  { event: 'decision_made', from: ['in_review'], action: 'decide_appeal', system: false,
    note: 'deny closes with a statement of reasons and redress options; reinstate waits for approval.' },
  { event: 'decision_approved', from: ['pending_approval'], action: 'approve_reinstatement', system: false, note: 'A checker approves the reinstatement: the saga runs.' },
  { event: 'decision_rejected', from: ['pending_approval'], action: 'approve_reinstatement', system: false, note: 'A checker sends it back to the reviewer with reasons.' },
  { event: 'decision_withdrawn', from: ['pending_approval', 'reinstatement_failed'], action: 'decide_appeal', system: false, note: 'The reviewer takes the decision back.' },
  { event: 'approval_reminder_due', from: ['pending_approval'], action: null, system: true, note: 'The approvers are reminded.' },
  { event: 'approval_escalation_due', from: ['pending_approval'], action: null, system: true, note: "The team's managers are told the approval is overdue." },
  { event: 'reinstatement_completed', from: ['reinstating'], action: null, system: true,
    note: 'The saga restored everything (monitoring starts) or undid what it did (reinstatement_failed).' },
  { event: 'qa_released', from: ['qa_hold'], action: null, system: true,
    note: "The held decision's QA review ended: the maker's decision (agreed) or the adjudicated one (overturned) takes effect." },
  { event: 'reinstatement_retried', from: ['reinstatement_failed'], action: 'decide_appeal', system: false, note: 'Runs the approved reinstatement again.' },
  { event: 'restumble_reported', from: ['monitoring'], action: 'enforcements.report', system: true,
    note: 'A new enforcement on the seller in the window: a restumble is recorded and the appeal closes.' },
  { event: 'monitoring_ended', from: ['monitoring'], action: null, system: true, note: 'The window passed without a new enforcement: the appeal closes clean.' },
  { event: 'clock_warned', from: WORKING, action: null, system: true, note: 'A clock reached its warning point.' },
  { event: 'clock_breached', from: WORKING, action: null, system: true, note: 'A clock passed its deadline.' },
];

const RULES = Object.fromEntries(APPEAL_TRANSITIONS.map((r) => [r.event, r])) as Record<AppealEventType, AppealRule>;
export const APPEAL_EVENT_TYPES: readonly AppealEventType[] = APPEAL_TRANSITIONS.map((r) => r.event);

export const isAppealEvent = (type: unknown): type is AppealEventType => typeof type === 'string' && Object.prototype.hasOwnProperty.call(RULES, type);

export const refuse = (code: RefusalCode, reason: string, denial?: Refusal['denial'], field?: string): Refusal => {
  const r: Refusal = { ok: false, code, reason };
  if (denial) r.denial = denial;
  if (field) r.field = field;
  return r;
};

const bad = (field: string, reason: string) => refuse('invalid_input', reason, undefined, field);

export function statusGuard(s: AppealState, type: AppealEventType, ctx: AppealLimits): Refusal | null {
  const rule = RULES[type];
  if (!rule.from.includes(s.status)) return refuse('invalid_transition', `${type} is not allowed while the appeal is ${s.status} (only from ${rule.from.join(', ')})`);
  switch (type) {
    case 'released':
      return s.assigneeId === null ? refuse('invalid_transition', 'the appeal has no assignee to release') : null;
    case 'info_requested':
      return s.counters.infoRequests >= ctx.maxInfoRequests
        ? refuse('invalid_transition', `the seller was already asked ${s.counters.infoRequests} times, the most an appeal allows (${ctx.maxInfoRequests})`)
        : null;
    case 'info_reminder_due':
      return openInfoRequest(s)?.remindedAt === null ? null : refuse('invalid_transition', 'the seller was already reminded');
    case 'reinstatement_retried':
      return s.reinstatements.at(-1)?.status === 'compensated' ? null : refuse('invalid_transition', 'the last reinstatement did not fail');
    default:
      return null;
  }
}

/** Acts that make someone the appeal's reviewer or decider: refused to whoever decided the original enforcement. */
const REVIEWER_ACTS: readonly AppealEventType[] = ['acknowledged', 'claimed', 'decision_made', 'decision_approved', 'decision_rejected', 'reinstatement_retried'];

export function isOriginalDecisionMaker(s: AppealState, userId: string): boolean {
  return s.enforcement.decidedBy.includes(userId);
}

export function actorGuard(s: AppealState, event: AppealEvent): Refusal | null {
  const rule = RULES[event.type];
  const actor = event.actor;
  if (isSystemActor(actor)) return rule.system ? null : refuse('forbidden', `the system may not send ${event.type}; it takes a person with permission ${rule.action}`);
  if (rule.action === null) return refuse('forbidden', `only the system sends ${event.type}`);
  const decision = authorize(actor, rule.action, { kind: 'appeal', team: s.team, assigneeId: s.assigneeId ?? undefined, sellerId: s.sellerId });
  if (!decision.allowed) return refuse('forbidden', decision.reason, decision.code);
  if (REVIEWER_ACTS.includes(event.type) && isOriginalDecisionMaker(s, actor.userId)) {
    return refuse('forbidden', `${actor.userId} made the enforcement under appeal and may not review it`, 'original_decision_maker');
  }
  if (event.type === 'reassigned' && isOriginalDecisionMaker(s, event.assigneeId)) {
    return refuse('forbidden', `${event.assigneeId} made the enforcement under appeal and may not review it`, 'original_decision_maker');
  }
  const approval = s.decision?.approval;
  if ((event.type === 'decision_approved' || event.type === 'decision_rejected') && approval) {
    const check = event.type === 'decision_approved' ? mayApprove(approval, actor) : mayReject(approval, actor);
    return check.ok ? null : refuse('forbidden', check.reason, check.code);
  }
  return null;
}

const isRefList = (v: unknown, max: number) =>
  Array.isArray(v) && v.length <= max && v.every((e) => typeof e === 'string' && e.trim().length > 0 && e.length <= MAX_CITATION);

/** What is missing or wrong in a plan of action, as [field, problem], or null: complete. */
export function planProblem(plan: PlanOfAction | undefined): [string, string] | null {
  if (!plan || typeof plan !== 'object') return ['plan', 'plan must hold rootCause, correctiveActions, preventiveMeasures and evidence'];
  if (!isText(plan.rootCause)) return ['plan.rootCause', textProblem('plan.rootCause')];
  for (const field of ['correctiveActions', 'preventiveMeasures'] as const) {
    const list = plan[field];
    if (!Array.isArray(list) || list.length === 0 || list.length > 20 || !list.every((x) => isText(x))) {
      return [`plan.${field}`, `plan.${field} must list 1 to 20 non-empty texts`];
    }
  }
  if (!isRefList(plan.evidence ?? [], 50)) return ['plan.evidence', `plan.evidence must be a list of at most 50 references of at most ${MAX_CITATION} characters`];
  return null;
}

export function inputGuard(s: AppealState, event: AppealEvent): Refusal | null {
  switch (event.type) {
    case 'assigned':
    case 'reassigned':
      if (!isText(event.assigneeId)) return bad('assigneeId', textProblem('assigneeId'));
      return isOptionalText(event.reason) ? null : bad('reason', textProblem('reason'));
    case 'queued':
      return isText(event.reason) ? null : bad('reason', textProblem('reason'));
    case 'released':
      return isOptionalText(event.reason) ? null : bad('reason', textProblem('reason'));
    case 'note_added':
      return isText(event.text) ? null : bad('text', textProblem('text'));
    case 'info_requested':
      if (!isText(event.question)) return bad('question', textProblem('question'));
      if (event.deadlineDays !== undefined && (!Number.isInteger(event.deadlineDays) || event.deadlineDays < 1 || event.deadlineDays > MAX_INFO_DEADLINE_DAYS)) {
        return bad('deadlineDays', `deadlineDays must be a whole number from 1 to ${MAX_INFO_DEADLINE_DAYS}`);
      }
      return null;
    case 'seller_responded':
      if (!isText(event.answer)) return bad('answer', textProblem('answer'));
      return isRefList(event.evidence ?? [], 50) ? null : bad('evidence', `evidence must be a list of at most 50 references of at most ${MAX_CITATION} characters`);
    case 'decision_made':
      return decisionProblem(event);
    case 'decision_rejected':
      return isText(event.reasons) ? null : bad('reasons', textProblem('reasons'));
    case 'decision_approved':
      return isOptionalText(event.note) ? null : bad('note', textProblem('note'));
    case 'decision_withdrawn':
      return isText(event.reason) ? null : bad('reason', textProblem('reason'));
    case 'approval_reminder_due':
    case 'approval_escalation_due':
      return s.decision?.approval?.id === event.approvalId && s.decision.approval.status === 'pending' ? null : bad('approvalId', `approval ${event.approvalId} is not pending`);
    case 'reinstatement_completed':
      return s.reinstatements.at(-1)?.enforcementId === event.result?.enforcementId ? null : bad('result', 'the result is not for the running reinstatement');
    case 'restumble_reported':
      if (!isText(event.enforcementRef) || event.enforcementRef.length > MAX_CITATION) return bad('enforcementRef', textProblem('enforcementRef'));
      if (event.enforcementRef === s.enforcement.ref) return bad('enforcementRef', 'the enforcement under appeal is not a new one');
      if (!oneOf(ENFORCEMENT_SOURCES, event.source)) return bad('source', `source must be one of ${ENFORCEMENT_SOURCES.join(', ')}`);
      if (!isText(event.enforcementType)) return bad('enforcementType', textProblem('enforcementType'));
      if (!isText(event.reason)) return bad('reason', textProblem('reason'));
      return event.at === undefined || isTime(event.at) ? null : bad('at', 'at must be an epoch-millisecond time');
    case 'qa_released': {
      const problem = qaOutcomeProblem(s.qaHold, event.outcome, APPEAL_DECISIONS);
      return problem ? bad('outcome', problem) : null;
    }
    case 'clock_warned':
    case 'clock_breached':
      return s.clocks.some((c) => c.id === event.clockId) ? null : bad('clockId', `the appeal has no clock ${String(event.clockId)}`);
    default:
      return null;
  }
}

function decisionProblem(e: Extract<AppealEvent, { type: 'decision_made' }>): Refusal | null {
  if (!oneOf(APPEAL_DECISIONS, e.decision)) return bad('decision', `decision must be one of ${APPEAL_DECISIONS.join(', ')}`);
  const reasons: readonly string[] = e.decision === 'reinstate' ? REINSTATE_REASONS : DENY_REASONS;
  if (!oneOf(reasons, e.reasonCode)) return bad('reasonCode', `reasonCode for ${e.decision} must be one of ${reasons.join(', ')}`);
  if (!isText(e.rationale)) return bad('rationale', textProblem('rationale'));
  const err = e.enforcementError;
  if (err !== undefined && err !== null) {
    if (e.decision !== 'reinstate') return bad('enforcementError', 'an enforcement error goes with reinstate only');
    if (!oneOf(UPSTREAM_TEAMS, err.upstreamTeam)) return bad('enforcementError.upstreamTeam', `enforcementError.upstreamTeam must be one of ${UPSTREAM_TEAMS.join(', ')}`);
    if (!isText(err.note)) return bad('enforcementError.note', textProblem('enforcementError.note'));
  }
  if (e.reasonCode === 'enforcement_error' && !err) return bad('enforcementError', 'reasonCode enforcement_error needs enforcementError (upstream team and note)');
  if (e.decision === 'deny' && !isText(e.facts)) return bad('facts', 'a denial needs facts: what the seller is told, as non-empty text');
  return null;
}

/** The events `actor` may send now, for the API's allowedActions (input aside). */
export function allowedAppealEvents(s: AppealState, actor: Actor, ctx: AppealLimits): AppealEventType[] {
  return APPEAL_EVENT_TYPES.filter((type) => {
    const rule = RULES[type];
    if (rule.action === null || statusGuard(s, type, ctx)) return false;
    if (type === 'restumble_reported') return false;
    return actorGuard(s, { type, actor } as AppealEvent) === null;
  });
}
