/**
 * The reinstatement appeal as a pure state machine: `transition(state, event, now, ctx)` returns the
 * next snapshot and the effects the case runtime carries out. Nothing here reads the clock, performs
 * I/O or imports Temporal. The decision SLA, the seller's deadline and reminder, and the restumble
 * window are part of the state; `dueEvents` (and the runtime, for the pending approval) says when they
 * need attention.
 *
 *   new --assigned--> assigned --acknowledged--> in_review          new --queued--> queued --claimed--> in_review
 *   in_review --info_requested--> waiting_on_seller --seller_responded--> in_review   (decision SLA paused meanwhile)
 *   waiting_on_seller --info_deadline_passed--> closed (abandoned)
 *   in_review --decision_made (deny)--> closed (denied, statement of reasons with redress options)
 *   in_review --decision_made (reinstate)--> pending_approval --decision_rejected | decision_withdrawn--> in_review
 *   pending_approval --decision_approved--> reinstating --reinstatement_completed (applied)--> monitoring
 *   in_review --decision_made (deny, sampled for pre-release QA)--> qa_hold --qa_released (deny)--> closed
 *   pending_approval --decision_approved (sampled for pre-release QA)--> qa_hold --qa_released (reinstate)--> reinstating
 *   reinstating --reinstatement_completed (compensated)--> reinstatement_failed --reinstatement_retried--> reinstating
 *   monitoring --restumble_reported--> closed (restumbled)      monitoring --monitoring_ended--> closed (clean)
 */
import { SYSTEM_ACTOR, type Actor, type Role } from '../common/actor';
import { assignmentHandlers } from '../common/runtime/assignment-handlers';
import { qaReleaseDetails, sampleForQa, type QaSettings, type SampledDecision } from '../qa-review/qa-plan';
import { approve, markDue, openApproval, reject, stillNeeded, withdraw } from '../common/approval/approval';
import type { NoticeParams, NotificationRecipient, TaskRow } from '../common/case-projection';
import { calendarLookup, currentClock, nextClockWake, pauseNamed, resumeNamed, startNamed, stopNamed, type CalendarLookup } from '../common/clock-book';
import { isText, isTime, textProblem } from '../common/input-checks';
import type { CaseEffect, Transition } from '../common/runtime/case-kind';
import { applyClockEvent } from '../common/sla-clock';
import { ENFORCEMENT_WORKFLOW_TYPE, enforcementWorkflowId, type EnforcementRequest } from '../enforcement/enforcement.contract';
import { REINSTATEMENT, reinstatementPlan } from '../enforcement/enforcement-plan';
import { type AppealContext, type AppealInput, type AppealSettings } from './appeal.contract';
import { actorGuard, inputGuard, isAppealEvent, planProblem, refuse, statusGuard } from './appeal.rules';
import { DAY_MS } from '../common/time-units';
import { openInfoRequest, type AppealDecisionRecord, type AppealEvent, type AppealEventOf, type AppealEventType, type AppealState } from './appeal.state';
import {
  APPEAL_CLOCKS,
  APPEAL_IDLE_STATUSES,
  APPEALABLE_ENFORCEMENTS,
  DENY_REASONS,
  ENFORCEMENT_SOURCES,
  REDRESS_OPTIONS,
  REINSTATE_REASONS,
  type AppealDecision,
  type AppealReasonCode,
  type AppealClock,
  type AppealNotificationTemplate,
  type AppealOutcome,
  type AppealTaskKind,
} from './appeal.vocabulary';

interface Draft {
  s: AppealState;
  effects: CaseEffect[];
  now: number;
  ctx: AppealContext;
  reason: string | null;
  details: Record<string, string | number | boolean | null>;
}


/**
 * A decision is sampled for QA when the reviewer makes it (qa-review/qa-plan.ts); every decision's
 * outcome is recorded. A pre-release sample is held (qa_hold) when the run has the feature (runs started
 * before it audit it after release, as they did). Where the hold sits, and why:
 * - a denial is held at once: it takes effect (statement of reasons, seller told, appeal closed) on release;
 * - a reinstatement goes through its maker-checker approval first and is held once approved, before the
 *   reinstatement saga: QA reviews the decision as it would take effect, a checker's rejection or the
 *   maker's withdrawal ends it before anyone reviews it (nothing is recorded for QA then), and the saga,
 *   the point of no return, never starts before QA released it.
 */
function sampleAppealDecision(d: Draft, qa: QaSettings, maker: Actor, decision: string, reasonCode: string, n: number, makerStartedOn: string | null): SampledDecision {
  return sampleForQa(
    {
      caseId: d.s.caseId,
      decisionKind: 'appeal_decision',
      team: d.s.team,
      marketplace: d.s.marketplace,
      tier: null,
      maker: { userId: maker.userId, role: maker.role as Role, startedOn: makerStartedOn },
      decision: { decision, reason: reasonCode },
      evidence: {
        sellerId: d.s.sellerId,
        enforcement: { type: d.s.enforcement.type, reason: d.s.enforcement.reason },
        plan: d.s.plan,
        infoRequests: d.s.infoRequests.map((r) => ({ question: r.question, answer: r.answer })),
      },
      ordinal: n,
      decidedAt: d.now,
      calendar: d.ctx.resolution.calendar,
      canHold: d.ctx.features?.qaHold === true,
    },
    qa,
  );
}

/**
 * Holds the decision for its QA review: the review starts linked to the appeal, nothing reaches the
 * seller, and nobody acts on the decision but the review (qa_released). The decision SLA keeps
 * running while held: the seller has no answer yet, and the hold's reminder and escalation keep it short.
 */
function holdForQa(d: Draft, sampled: SampledDecision, facts: string | null) {
  d.s.qaHold = { ...sampled.hold!, facts };
  d.s.status = 'qa_hold';
  closeTask(d, 'work', 'done');
  d.effects.push(...sampled.effects);
}

/** The reason code an adjudicated decision is filed under: the adjudicator's where the taxonomy allows it. */
function releasedReason(decision: AppealDecision, given: string | null, maker: AppealReasonCode): AppealReasonCode {
  const allowed: readonly AppealReasonCode[] = decision === 'reinstate' ? REINSTATE_REASONS : DENY_REASONS;
  if (given && (allowed as readonly string[]).includes(given)) return given as AppealReasonCode;
  if (allowed.includes(maker)) return maker;
  // The adjudicator gave no reason of the taxonomy: the generic one of each list.
  return decision === 'reinstate' ? 'new_evidence' : 'evidence_insufficient';
}

/** A denial takes effect: the statement of reasons with redress options, the seller told, the appeal closed. */
function denialTakesEffect(d: Draft, n: number, reasonCode: AppealReasonCode, facts: string) {
  d.s.statement = {
    id: `${d.s.caseId}/statement/${n}`, caseId: d.s.caseId, decision: 'deny', reasonCode, facts,
    redress: [...REDRESS_OPTIONS], decidedByHuman: true, issuedAt: d.now,
  };
  decided(d);
  close(d, 'denied');
  notify(d, seller(d.s), 'appeal_denied', { reasonCode, facts, redress: REDRESS_OPTIONS.join('; ') });
}

// ---------------------------------------------------------------------------------------------------
// Creation

export function validateAppealInput(input: AppealInput): string | null {
  if (!input || typeof input !== 'object') return 'the input must be an object';
  if (!isText(input.caseId)) return textProblem('caseId');
  if (!input.seller || !isText(input.seller.sellerId) || !isText(input.seller.marketplace)) return 'seller must name a seller id and marketplace';
  const e = input.enforcement;
  if (!e || !isText(e.ref) || !isText(e.reason)) return 'enforcement must name its ref and reason';
  if (!(ENFORCEMENT_SOURCES as readonly string[]).includes(e.source)) return `enforcement.source must be one of ${ENFORCEMENT_SOURCES.join(', ')}`;
  if (!(APPEALABLE_ENFORCEMENTS as readonly string[]).includes(e.type)) return `enforcement.type must be one of ${APPEALABLE_ENFORCEMENTS.join(', ')}`;
  if (!Array.isArray(e.decidedBy)) return 'enforcement.decidedBy must list who decided it';
  const plan = planProblem(input.plan);
  if (plan) return plan[1];
  if (!isText(input.team)) return textProblem('team');
  if (!input.createdBy || !isText(input.createdBy.userId)) return 'createdBy must be an actor';
  if (!isTime(input.requestedAt)) return 'requestedAt must be an epoch-millisecond time';
  return input.settings ? null : 'settings are missing';
}

export function newAppealState(input: AppealInput, now: number): AppealState {
  return {
    schemaVersion: 1,
    caseId: input.caseId,
    sellerId: input.seller.sellerId,
    marketplace: input.seller.marketplace,
    legalName: input.seller.legalName,
    language: input.seller.language,
    severity: 'medium',
    team: input.team,
    enforcement: input.enforcement,
    plan: { ...input.plan, evidence: input.plan.evidence ?? [] },
    status: 'new',
    assigneeId: null,
    createdBy: input.createdBy.userId,
    createdAt: input.requestedAt,
    updatedAt: now,
    acknowledgedAt: null,
    clocks: [],
    breaches: { first_response: false, resolution: false },
    tasks: {},
    infoRequests: [],
    decision: null,
    previousDecisions: [],
    statement: null,
    reinstatements: [],
    monitoring: null,
    outcome: null,
    decidedAt: null,
    closedAt: null,
    notes: [],
    counters: { transitions: 0, tasks: 0, infoRequests: 0, decisions: 0, reinstatements: 0 },
  };
}

// ---------------------------------------------------------------------------------------------------
// Clocks, tasks, notices

const lookups = new WeakMap<AppealSettings, CalendarLookup>();

function calendars(ctx: AppealSettings): CalendarLookup {
  let lookup = lookups.get(ctx);
  if (!lookup) {
    lookup = calendarLookup([ctx.firstResponse, ctx.resolution]);
    lookups.set(ctx, lookup);
  }
  return lookup;
}

const book = (d: Draft) => ({ clocks: d.s.clocks });

function stopClock(d: Draft, name: AppealClock) {
  const c = currentClock(book(d), name);
  if (!c || c.stoppedAt !== undefined || !['running', 'paused', 'breached'].includes(c.status)) return;
  d.s.clocks = stopNamed(book(d), name, calendars(d.ctx), d.now, 'met').clocks;
}

function pauseResolution(d: Draft, reason: string) {
  if (currentClock(book(d), 'resolution')?.status === 'running') d.s.clocks = pauseNamed(book(d), 'resolution', calendars(d.ctx), d.now, reason).clocks;
}

function resumeResolution(d: Draft) {
  if (currentClock(book(d), 'resolution')?.status === 'paused') d.s.clocks = resumeNamed(book(d), 'resolution', calendars(d.ctx), d.now).clocks;
}

function params(s: AppealState, extra: NoticeParams = {}): NoticeParams {
  return { caseId: s.caseId, sellerId: s.sellerId, legalName: s.legalName, team: s.team, enforcementType: s.enforcement.type, ...extra };
}

function notify(d: Draft, to: NotificationRecipient, template: AppealNotificationTemplate, extra: NoticeParams = {}) {
  const toSeller = to.kind === 'seller';
  d.effects.push({ type: 'notify', notice: { to, template, params: params(d.s, extra), ...(toSeller ? { language: d.s.language } : {}) } });
}

const seller = (s: AppealState): NotificationRecipient => ({ kind: 'seller', sellerId: s.sellerId });
const owner = (s: AppealState): NotificationRecipient => (s.assigneeId ? { kind: 'user', userId: s.assigneeId } : { kind: 'team', team: s.team });

function openTask(d: Draft, slot: string, kind: AppealTaskKind, title: string, assigneeId: string | null, dueAt: number | null) {
  closeTask(d, slot, 'cancelled');
  d.s.counters.tasks += 1;
  const task: TaskRow = {
    id: `${d.s.caseId}/task/${d.s.counters.tasks}`, caseId: d.s.caseId, caseKind: 'appeal', kind, title: `${title}: ${d.s.legalName} (${d.s.sellerId})`,
    assigneeId, team: d.s.team, status: 'open', dueAt, createdAt: d.now, completedAt: null,
  };
  d.s.tasks[slot] = task;
  d.effects.push({ type: 'task', task });
}

function closeTask(d: Draft, slot: string, status: 'done' | 'cancelled') {
  const task = d.s.tasks[slot];
  if (!task) return;
  d.effects.push({ type: 'task', task: { ...task, status, completedAt: d.now } });
  delete d.s.tasks[slot];
}

function workTask(d: Draft) {
  const due = currentClock(book(d), 'resolution')?.deadlineAt ?? null;
  if (d.s.assigneeId) openTask(d, 'work', 'work', 'Reinstatement appeal', d.s.assigneeId, due);
  else openTask(d, 'work', 'queue', 'Reinstatement appeal waiting in the team queue', null, due);
}

/** The work item routing gets: never one of the original decision makers. */
function routeItem(s: AppealState) {
  return { caseId: s.caseId, kind: 'appeal' as const, marketplace: s.marketplace, team: s.team, excludeUserIds: s.enforcement.decidedBy, ...(s.language ? { language: s.language } : {}) };
}

function close(d: Draft, outcome: AppealOutcome | null) {
  d.s.status = 'closed';
  if (outcome) d.s.outcome = outcome;
  d.s.closedAt = d.now;
  stopClock(d, 'first_response');
  stopClock(d, 'resolution');
  closeTask(d, 'work', outcome === 'abandoned' ? 'cancelled' : 'done');
  closeTask(d, 'approval', 'cancelled');
  closeTask(d, 'approval_overdue', 'cancelled');
}

/** A decision is final (denied) or approved: the decision SLA is met, and the decider recorded. */
function decided(d: Draft) {
  d.s.decidedAt = d.now;
  stopClock(d, 'first_response');
  stopClock(d, 'resolution');
}

function closeDecision(d: Draft, status: AppealDecisionRecord['status']) {
  const decision = d.s.decision!;
  closeTask(d, 'approval', 'cancelled');
  closeTask(d, 'approval_overdue', 'cancelled');
  d.s.previousDecisions.push({ ...decision, status });
  d.s.decision = null;
}

function startReinstatement(d: Draft) {
  const decision = d.s.decision!;
  d.s.counters.reinstatements += 1;
  const n = d.s.counters.reinstatements;
  const enforcementId = `${d.s.caseId}/reinstatement/${n}`;
  const workflowId = enforcementWorkflowId(enforcementId);
  const request: EnforcementRequest = {
    enforcementId,
    caseId: d.s.caseId,
    sellerId: d.s.sellerId,
    marketplace: d.s.marketplace,
    decision: REINSTATEMENT,
    steps: reinstatementPlan(d.s.enforcement.type, {
      appealed: d.s.enforcement.type,
      appealedRef: d.s.enforcement.ref,
      reasonCode: decision.reasonCode,
      // The seller is told in their language (the gateway's notify_seller step writes the message).
      ...(d.s.language ? { language: d.s.language } : {}),
    }),
    requestedBy: decision.approval?.approvals.at(-1)?.by ?? decision.decidedBy,
  };
  d.s.reinstatements.push({ n, enforcementId, workflowId, startedAt: d.now, status: 'running', steps: [], failure: null, finishedAt: null });
  d.s.status = 'reinstating';
  d.details.enforcementId = enforcementId;
  d.effects.push({ type: 'start_workflow', child: { workflowType: ENFORCEMENT_WORKFLOW_TYPE, workflowId, input: { ...request } } });
}

const iso = (ms: number) => new Date(ms).toISOString();

// ---------------------------------------------------------------------------------------------------
// Handlers

/** Routing, claims, releases and reassignments, as every assignable kind handles them (a reassignment stays in the team). */
const assignment = assignmentHandlers<AppealState, Draft, AppealNotificationTemplate>({
  working: 'in_review',
  waiting: 'waiting_on_seller',
  movesTeam: false,
  notices: { assigned: 'appeal_assigned', queued: 'appeal_queued' },
  notify,
  workTask,
  stopFirstResponse: (d) => stopClock(d, 'first_response'),
});

type Handlers = { [T in AppealEventType]: (d: Draft, e: AppealEventOf<T>) => void };

const APPLY: Handlers = {
  triage_started(d) {
    d.s.clocks = startNamed(book(d), 'first_response', d.ctx.firstResponse, d.now).clocks;
    d.s.clocks = startNamed(book(d), 'resolution', d.ctx.resolution, d.now).clocks;
    d.effects.push({ type: 'route', item: routeItem(d.s) });
    notify(d, seller(d.s), 'appeal_received');
  },
  ...assignment,
  note_added(d, e) {
    d.s.notes.push({ at: d.now, by: e.actor.userId, text: e.text });
  },
  info_requested(d, e) {
    d.s.counters.infoRequests += 1;
    const n = d.s.counters.infoRequests;
    const deadlineAt = d.now + (e.deadlineDays !== undefined ? e.deadlineDays * DAY_MS : d.ctx.infoDeadlineMs);
    d.s.infoRequests.push({ n, question: e.question, requestedBy: e.actor.userId, requestedAt: d.now, deadlineAt, remindedAt: null, status: 'open', answer: null, evidence: [], answeredAt: null });
    d.s.status = 'waiting_on_seller';
    d.details.infoRequest = n;
    d.details.deadlineAt = deadlineAt;
    pauseResolution(d, 'waiting_on_seller');
    notify(d, seller(d.s), 'appeal_info_requested', { question: e.question, deadline: deadlineAt });
  },
  seller_responded(d, e) {
    const request = openInfoRequest(d.s)!;
    Object.assign(request, { status: 'answered', answer: e.answer, evidence: e.evidence ?? [], answeredAt: d.now });
    d.details.infoRequest = request.n;
    d.s.status = 'in_review';
    resumeResolution(d);
    notify(d, owner(d.s), 'appeal_seller_responded');
  },
  info_reminder_due(d) {
    const request = openInfoRequest(d.s)!;
    request.remindedAt = d.now;
    d.details.infoRequest = request.n;
    notify(d, seller(d.s), 'appeal_info_reminder', { question: request.question, deadline: request.deadlineAt });
  },
  info_deadline_passed(d) {
    const request = openInfoRequest(d.s)!;
    request.status = 'expired';
    d.details.infoRequest = request.n;
    d.reason = `no answer from the seller by ${iso(request.deadlineAt)}`;
    close(d, 'abandoned');
    notify(d, seller(d.s), 'appeal_abandoned', { deadline: request.deadlineAt });
    notify(d, owner(d.s), 'appeal_abandoned', { deadline: request.deadlineAt });
  },
  decision_made(d, e) {
    d.s.counters.decisions += 1;
    const record: AppealDecisionRecord = {
      n: d.s.counters.decisions,
      decision: e.decision,
      reasonCode: e.reasonCode,
      rationale: e.rationale,
      enforcementError: e.enforcementError ?? null,
      decidedBy: e.actor.userId,
      decidedAt: d.now,
      status: 'pending',
      approval: null,
    };
    d.reason = e.rationale;
    d.details.decision = e.decision;
    d.details.reasonCode = e.reasonCode;
    d.details.enforcementError = Boolean(e.enforcementError);
    d.details.decidedByHuman = true;
    const qa = d.ctx.qa ? sampleAppealDecision(d, d.ctx.qa, e.actor, e.decision, e.reasonCode, record.n, e.makerStartedOn ?? null) : null;
    if (qa) Object.assign(d.details, qa.details);
    if (qa && !qa.hold) d.effects.push(...qa.effects);
    if (e.decision === 'deny') {
      d.s.decision = { ...record, status: qa?.hold ? 'pending' : 'final' };
      if (qa?.hold) holdForQa(d, qa, e.facts!);
      else denialTakesEffect(d, record.n, e.reasonCode, e.facts!);
      return;
    }
    if (qa?.hold) record.heldForQa = qa;
    const subject = `reinstatement of ${d.s.legalName} (${e.reasonCode.replace(/_/g, ' ')})`;
    record.approval = openApproval({ id: `${d.s.caseId}/approval/${record.n}`, subject, maker: e.actor, policy: d.ctx.approval, calendar: d.ctx.resolution.calendar, now: d.now });
    d.s.decision = record;
    d.s.status = 'pending_approval';
    openTask(d, 'approval', 'approval', `Approve ${subject}: ${stillNeeded(record.approval)}`, null, record.approval.clock.deadlineAt);
    notify(d, { kind: 'team', team: d.s.team }, 'appeal_approval_requested', { maker: e.actor.userId, needed: stillNeeded(record.approval) });
  },
  decision_approved(d, e) {
    const record = d.s.decision!;
    record.approval = approve(record.approval!, e.actor, e.note ?? null, d.now, d.ctx.resolution.calendar);
    d.details.approvals = record.approval.approvals.length;
    if (record.approval.status !== 'approved') {
      openTask(d, 'approval', 'approval', `Approve ${record.approval.subject}: ${stillNeeded(record.approval)}`, null, record.approval.clock.deadlineAt);
      return;
    }
    record.status = 'approved';
    closeTask(d, 'approval', 'done');
    closeTask(d, 'approval_overdue', 'done');
    if (record.heldForQa) {
      const sampled = record.heldForQa;
      record.heldForQa = null;
      holdForQa(d, sampled, null);
      return;
    }
    decided(d);
    startReinstatement(d);
  },
  qa_released(d, e) {
    const held = d.s.qaHold!;
    const record = d.s.decision!;
    Object.assign(d.details, qaReleaseDetails(held, e.outcome));
    d.s.qaHold = null;
    const decision = e.outcome.decision.decision as AppealDecision;
    if (e.outcome.overturned) {
      d.reason = `QA overturned ${record.decision} (${held.maker}): ${decision} takes effect`;
      record.decision = decision;
      record.reasonCode = releasedReason(decision, e.outcome.decision.reason, record.reasonCode);
      // The decision in effect is the adjudicator's: reinstatements and restumbles are counted against them.
      record.decidedBy = e.outcome.decidedBy ?? record.decidedBy;
      if (decision === 'deny') record.enforcementError = null;
    }
    if (decision === 'deny') {
      record.status = 'final';
      denialTakesEffect(d, record.n, record.reasonCode, held.facts ?? `A quality review of the decision concluded: ${record.reasonCode.replace(/_/g, ' ')}.`);
      return;
    }
    record.status = 'approved';
    decided(d);
    startReinstatement(d);
  },
  decision_rejected(d, e) {
    const record = d.s.decision!;
    record.approval = reject(record.approval!, e.actor, e.reasons, d.now, d.ctx.resolution.calendar);
    d.reason = e.reasons;
    closeDecision(d, 'rejected');
    d.s.status = 'in_review';
    notify(d, { kind: 'user', userId: record.decidedBy }, 'appeal_decision_rejected', { rejectedBy: e.actor.userId, reasons: e.reasons });
  },
  decision_withdrawn(d, e) {
    const record = d.s.decision!;
    if (record.approval && record.approval.status === 'pending') record.approval = withdraw(record.approval, d.now, d.ctx.resolution.calendar);
    d.reason = e.reason;
    closeDecision(d, 'withdrawn');
    d.s.status = 'in_review';
    if (d.s.decidedAt !== null) {
      // Back to review after a failed reinstatement: the decision SLA starts again.
      d.s.decidedAt = null;
      d.s.clocks = startNamed(book(d), 'resolution', d.ctx.resolution, d.now).clocks;
    }
  },
  approval_reminder_due(d) {
    const record = d.s.decision!;
    record.approval = markDue(record.approval!, 'remind', d.now);
    notify(d, { kind: 'team', team: d.s.team }, 'appeal_approval_reminder', { needed: stillNeeded(record.approval), dueAt: record.approval.clock.deadlineAt });
  },
  approval_escalation_due(d) {
    const record = d.s.decision!;
    record.approval = markDue(record.approval!, 'escalate', d.now);
    openTask(d, 'approval_overdue', 'approval_overdue', 'Overdue reinstatement approval: decide or reassign', null, d.now);
    notify(d, { kind: 'managers', team: d.s.team }, 'appeal_approval_escalated', { needed: stillNeeded(record.approval) });
  },
  reinstatement_completed(d, e) {
    const attempt = d.s.reinstatements.at(-1)!;
    Object.assign(attempt, { status: e.result.outcome, steps: e.result.steps, failure: e.result.failure, finishedAt: d.now });
    d.details.outcome = e.result.outcome;
    if (e.result.outcome === 'compensated') {
      d.s.status = 'reinstatement_failed';
      d.reason = e.result.failure;
      notify(d, owner(d.s), 'appeal_reinstatement_failed', { failure: e.result.failure });
      return;
    }
    const reinstatedBy = d.s.decision!.decidedBy;
    d.s.outcome = 'reinstated';
    d.s.status = 'monitoring';
    d.s.monitoring = { startedAt: d.now, until: d.now + d.ctx.monitoringWindowMs, reinstatedBy, result: null, endedAt: null, restumble: null };
    d.details.monitoringUntil = d.s.monitoring.until;
    closeTask(d, 'work', 'done');
    notify(d, owner(d.s), 'appeal_reinstated', { monitoringUntil: d.s.monitoring.until });
  },
  reinstatement_retried(d) {
    startReinstatement(d);
  },
  restumble_reported(d, e) {
    const m = d.s.monitoring!;
    const at = e.at ?? d.now;
    const daysSince = Math.max(0, Math.floor((at - m.startedAt) / DAY_MS));
    m.restumble = { enforcementRef: e.enforcementRef, source: e.source, enforcementType: e.enforcementType, reason: e.reason, at, daysSinceReinstatement: daysSince, reinstatedBy: m.reinstatedBy };
    m.result = 'restumbled';
    m.endedAt = d.now;
    d.reason = e.reason;
    d.details.enforcementRef = e.enforcementRef;
    d.details.daysSinceReinstatement = daysSince;
    d.details.reinstatedBy = m.reinstatedBy;
    close(d, null);
    notify(d, { kind: 'managers', team: d.s.team }, 'appeal_restumbled', { days: daysSince, reinstatedBy: m.reinstatedBy, newEnforcement: e.enforcementType });
  },
  monitoring_ended(d) {
    const m = d.s.monitoring!;
    m.result = 'clean';
    m.endedAt = d.now;
    close(d, null);
    notify(d, { kind: 'user', userId: m.reinstatedBy }, 'appeal_monitoring_ended');
  },
  clock_warned(d, e) {
    const clock = d.s.clocks.find((c) => c.id === e.clockId)!;
    d.s.clocks = d.s.clocks.map((c) => (c.id === clock.id ? applyClockEvent(c, 'warning', d.now) : c));
    d.details.clock = clock.kind;
    notify(d, owner(d.s), 'appeal_sla_warning', { clock: clock.kind, deadlineAt: clock.deadlineAt });
  },
  clock_breached(d, e) {
    const clock = d.s.clocks.find((c) => c.id === e.clockId)!;
    d.s.clocks = d.s.clocks.map((c) => (c.id === clock.id ? applyClockEvent(c, 'breach', d.now) : c));
    d.details.clock = clock.kind;
    d.details.breachedAt = clock.deadlineAt;
    d.s.breaches[clock.kind as AppealClock] = true;
    d.reason = `${clock.kind.replace('_', ' ')} SLA breached`;
    notify(d, { kind: 'managers', team: d.s.team }, 'appeal_sla_breached', { clock: clock.kind, breachedAt: clock.deadlineAt });
  },
};

// ---------------------------------------------------------------------------------------------------
// API

export function transition(state: AppealState, event: AppealEvent, now: number, ctx: AppealContext): Transition<AppealState> {
  if (!event || typeof event !== 'object' || !isAppealEvent(event.type)) return refuse('invalid_input', `unknown event ${String((event as { type?: unknown } | null)?.type)}`);
  if (!isTime(now)) return refuse('invalid_input', 'now must be a finite epoch-millisecond time');
  const actor = event.actor;
  if (!actor || !isText(actor.userId) || typeof actor.role !== 'string' || typeof actor.team !== 'string') return refuse('invalid_input', 'the event has no valid actor');
  const refused = statusGuard(state, event.type, ctx) ?? actorGuard(state, event) ?? inputGuard(state, event) ?? timeGuard(state, event, now, ctx);
  if (refused) return refused;

  const from = state.status;
  const d: Draft = { s: JSON.parse(JSON.stringify(state)) as AppealState, effects: [], now, ctx, reason: null, details: {} };
  (APPLY[event.type] as (d: Draft, e: AppealEvent) => void)(d, event);
  d.s.updatedAt = now;
  d.s.counters.transitions += 1;
  const audit: CaseEffect = { type: 'record', entry: { action: event.type, fromState: from, toState: d.s.status, actor, at: now, reason: d.reason, details: d.details } };
  return { ok: true, state: d.s, effects: [audit, ...d.effects] };
}

function timeGuard(s: AppealState, e: AppealEvent, now: number, ctx: AppealSettings) {
  const request = openInfoRequest(s);
  if (e.type === 'info_reminder_due' && request && now < infoReminderAt(request, ctx)) return refuse('invalid_transition', 'the reminder is not due yet');
  if (e.type === 'info_deadline_passed' && request && now < request.deadlineAt) return refuse('invalid_transition', `the seller has until ${iso(request.deadlineAt)}`);
  if (e.type === 'monitoring_ended' && s.monitoring && now < s.monitoring.until) return refuse('invalid_transition', `the restumble window is open until ${iso(s.monitoring.until)}`);
  if (e.type === 'clock_warned' || e.type === 'clock_breached') {
    const c = s.clocks.find((x) => x.id === e.clockId)!;
    if (c.status !== 'running') return refuse('invalid_transition', `clock ${c.id} is ${c.status}`);
    if (e.type === 'clock_warned' && (c.warned || now < c.warnAt)) return refuse('invalid_transition', `clock ${c.id} is not due to warn`);
    if (e.type === 'clock_breached' && now < c.deadlineAt) return refuse('invalid_transition', `clock ${c.id} is due at ${iso(c.deadlineAt)}`);
  }
  return null;
}

const isWorking = (s: AppealState) => !(APPEAL_IDLE_STATUSES as readonly string[]).includes(s.status);

function watchedClocks(s: AppealState) {
  return isWorking(s) ? s.clocks.filter((c) => c.status === 'running' && (APPEAL_CLOCKS as readonly string[]).includes(c.kind)) : [];
}

export function dueEvents(state: AppealState, now: number, ctx: AppealSettings): AppealEvent[] {
  const events: AppealEvent[] = [];
  for (const clock of watchedClocks(state)) {
    if (!clock.warned && now >= clock.warnAt) events.push({ type: 'clock_warned', actor: SYSTEM_ACTOR, clockId: clock.id });
    if (now >= clock.deadlineAt) events.push({ type: 'clock_breached', actor: SYSTEM_ACTOR, clockId: clock.id });
  }
  const request = state.status === 'waiting_on_seller' ? openInfoRequest(state) : undefined;
  if (request) {
    if (now >= request.deadlineAt) events.push({ type: 'info_deadline_passed', actor: SYSTEM_ACTOR });
    else if (request.remindedAt === null && now >= infoReminderAt(request, ctx)) events.push({ type: 'info_reminder_due', actor: SYSTEM_ACTOR });
  }
  if (state.status === 'monitoring' && state.monitoring && now >= state.monitoring.until) events.push({ type: 'monitoring_ended', actor: SYSTEM_ACTOR });
  return events;
}

/** The seller is reminded `infoReminderBeforeMs` before the deadline (at once if the deadline is closer than that). */
export function infoReminderAt(request: { requestedAt: number; deadlineAt: number }, ctx: AppealSettings): number {
  return Math.max(request.requestedAt, request.deadlineAt - ctx.infoReminderBeforeMs);
}

export function nextWakeAt(state: AppealState, ctx: AppealSettings): number | undefined {
  const times: number[] = [];
  const clockWake = nextClockWake({ clocks: watchedClocks(state) });
  if (clockWake !== undefined) times.push(clockWake);
  const request = state.status === 'waiting_on_seller' ? openInfoRequest(state) : undefined;
  if (request) times.push(request.remindedAt === null ? Math.min(infoReminderAt(request, ctx), request.deadlineAt) : request.deadlineAt);
  if (state.status === 'monitoring' && state.monitoring) times.push(state.monitoring.until);
  return times.length ? Math.min(...times) : undefined;
}

export function isAppealFinished(state: AppealState): boolean {
  return state.status === 'closed';
}

/** Open for the read model: someone works it (monitoring and closed appeals are nobody's work). */
export const isAppealWorking = isWorking;
