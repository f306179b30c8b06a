import { qaReleaseDetails, sampleForQa, type QaSettings, type SampledDecision } from '../qa-review/qa-plan';
import { assignmentHandlers } from '../common/runtime/assignment-handlers';
/**
 * The strategic seller review as a pure state machine: `transition(state, event, now, ctx)` returns the
 * next snapshot and the effects the case runtime carries out. Nothing here reads the clock, performs
 * I/O or imports Temporal. Clocks, the approval's reminder and escalation, and the consultation window
 * are part of the state; `dueEvents` (and the runtime, for pending approvals) says when they need
 * attention.
 *
 *   new --assigned--> assigned --acknowledged--> in_review          new --queued--> queued --claimed--> in_review
 *   in_review --handed_off (blocking)--> waiting_on_handoff --handoff_answered--> in_review
 *   in_review --check_completed | risk_assessment_requested/risk_assessed | policy_gap_flagged--> in_review
 *   in_review --decision_proposed (no_action)--> closed
 *   in_review --decision_proposed (enforcement)--> pending_approval     (Account Management consulted alongside, where the playbook says)
 *   pending_approval --decision_rejected | decision_withdrawn--> in_review   (back to the maker, with reasons)
 *   pending_approval --decision_approved (quorum)--> enforcing, or awaiting_consultation while the consultation is open
 *   awaiting_consultation --consultation_answered | consultation_window_closed | urgency_approved--> enforcing
 *   (no_action, or an enforcement where it would be enforced, sampled for pre-release QA) --> qa_hold
 *   qa_hold --qa_released--> enforcing, or closed for no_action
 *   enforcing --enforcement_completed (applied)--> closed
 *   enforcing --enforcement_completed (compensated)--> enforcement_failed --enforcement_retried--> enforcing
 *                                                                       --decision_withdrawn--> in_review
 *
 * A closed review stays running while a policy gap it raised waits for leadership's decision.
 */
import { SYSTEM_ACTOR, type Actor, type Role } from '../common/actor';
import { approve, markDue, openApproval, reject, stillNeeded, withdraw } from '../common/approval/approval';
import type { NoticeParams, NotificationRecipient, TaskRow } from '../common/case-projection';
import { calendarLookup, currentClock, nextClockWake, pauseNamed, resumeNamed, startNamed, stopNamed, type CalendarLookup } from '../common/clock-book';
import { isText, isTime, textProblem } from '../common/input-checks';
import type { CaseEffect, Transition } from '../common/runtime/case-kind';
import { ALWAYS_ON } from '../common/business-calendar';
import { applyClockEvent, startClock } from '../common/sla-clock';
import { ENFORCEMENT_WORKFLOW_TYPE, enforcementWorkflowId, type EnforcementRequest } from '../enforcement/enforcement.contract';
import { enforcementPlan } from '../enforcement/enforcement-plan';
import { findPlaybook, type Playbook } from './playbooks';
import type { ReviewInput, ReviewSettings } from './review.contract';
import { actorGuard, inputGuard, isReviewEvent, playbookProblem, refuse, statusGuard } from './review.rules';
import {
  openGaps,
  openHandoffs,
  type Proposal,
  type ReviewEvent,
  type ReviewEventOf,
  type ReviewEventType,
  type ReviewHandoff,
  type ReviewState,
} from './review.state';
import { defaultScope, statementOfReasons } from './statement-of-reasons';
import {
  POLICY_GAP_CLOCK,
  REASON_CODES,
  REVIEW_CLOCKS,
  REVIEW_FINISHED_STATUSES,
  type Decision,
  type EnforcementDecision,
  type ReasonCode,
  type ReviewClock,
  type ReviewNotificationTemplate,
  type ReviewTaskKind,
} from './review.vocabulary';

interface Draft {
  s: ReviewState;
  effects: CaseEffect[];
  now: number;
  ctx: ReviewSettings;
  reason: string | null;
  details: Record<string, string | number | boolean | null>;
}

// ---------------------------------------------------------------------------------------------------
// Creation

export function validateReviewInput(input: ReviewInput): string | null {
  if (!input || typeof input !== 'object') return 'the input must be an object';
  if (!isText(input.caseId)) return textProblem('caseId');
  if (!input.seller || !isText(input.seller.sellerId) || !isText(input.seller.marketplace)) return 'seller must name a seller id and marketplace';
  if (!isText(input.summary)) return textProblem('summary');
  if (!isText(input.team)) return textProblem('team');
  if (!input.createdBy || !isText(input.createdBy.userId)) return 'createdBy must be an actor';
  if (!isTime(input.requestedAt)) return 'requestedAt must be an epoch-millisecond time';
  if (!input.settings) return 'settings are missing';
  return playbookProblem(input.playbook);
}

export function playbookOf(s: Pick<ReviewState, 'playbook'>): Playbook {
  const playbook = findPlaybook(s.playbook);
  if (!playbook) throw new Error(`playbook ${s.playbook.id} v${s.playbook.version} is not in the catalog`);
  return playbook;
}

export function newReviewState(input: ReviewInput, now: number): ReviewState {
  const playbook = findPlaybook(input.playbook)!;
  return {
    schemaVersion: 1,
    caseId: input.caseId,
    seller: input.seller,
    summary: input.summary,
    severity: playbook.slaSeverity,
    team: input.team,
    tier: input.tier,
    playbook: { id: playbook.id, version: playbook.version },
    trigger: input.trigger,
    status: 'new',
    assigneeId: null,
    createdBy: input.createdBy.userId,
    createdAt: input.requestedAt,
    updatedAt: now,
    acknowledgedAt: null,
    clocks: [],
    breaches: { first_response: false, resolution: false },
    tasks: {},
    checks: playbook.checks.map((c) => ({
      id: c.id, title: c.title, required: c.required, status: 'pending', finding: null, notes: null, evidence: [], completedBy: null, completedAt: null, revisions: 0,
    })),
    risk: null,
    riskPending: null,
    handoffs: [],
    proposal: null,
    previousProposals: [],
    enforcements: [],
    statement: null,
    outcome: null,
    closedAt: null,
    policyGaps: [],
    lastNote: null,
    counters: { transitions: 0, tasks: 0, handoffs: 0, proposals: 0, enforcements: 0, riskCalls: 0, policyGaps: 0 },
  };
}

// ---------------------------------------------------------------------------------------------------
// Clocks, tasks, notices

const lookups = new WeakMap<ReviewSettings, CalendarLookup>();

export function reviewCalendars(ctx: ReviewSettings): CalendarLookup {
  let lookup = lookups.get(ctx);
  if (!lookup) {
    lookup = calendarLookup([ctx.firstResponse, ctx.resolution, ctx.policyGap, ...Object.values(ctx.handoffs)]);
    lookups.set(ctx, lookup);
  }
  return lookup;
}

const book = (d: Draft) => ({ clocks: d.s.clocks });

function clockLive(d: Draft, name: string): boolean {
  const c = currentClock(book(d), name);
  return c !== undefined && c.stoppedAt === undefined && (c.status === 'running' || c.status === 'paused' || c.status === 'breached');
}

function stopClock(d: Draft, name: string) {
  if (!clockLive(d, name)) return;
  d.s.clocks = stopNamed(book(d), name, reviewCalendars(d.ctx), d.now, 'met').clocks;
  if (currentClock(book(d), name)?.status === 'breached' && (REVIEW_CLOCKS as readonly string[]).includes(name)) d.s.breaches[name as ReviewClock] = true;
}

function pauseResolution(d: Draft, reason: string) {
  if (currentClock(book(d), 'resolution')?.status === 'running') d.s.clocks = pauseNamed(book(d), 'resolution', reviewCalendars(d.ctx), d.now, reason).clocks;
}

function resumeResolution(d: Draft) {
  if (currentClock(book(d), 'resolution')?.status === 'paused') d.s.clocks = resumeNamed(book(d), 'resolution', reviewCalendars(d.ctx), d.now).clocks;
}

function params(s: ReviewState, extra: NoticeParams = {}): NoticeParams {
  return { caseId: s.caseId, sellerId: s.seller.sellerId, legalName: s.seller.legalName, tier: s.tier.title, team: s.team, summary: s.summary, ...extra };
}

function notify(d: Draft, to: NotificationRecipient, template: ReviewNotificationTemplate, extra: NoticeParams = {}) {
  d.effects.push({ type: 'notify', notice: { to, template, params: params(d.s, extra) } });
}

/** Whoever should hear about the review now: its reviewer, else its team. */
function owner(s: ReviewState): NotificationRecipient {
  return s.assigneeId ? { kind: 'user', userId: s.assigneeId } : { kind: 'team', team: s.team };
}

function openTask(d: Draft, slot: string, kind: ReviewTaskKind, title: string, assigneeId: string | null, dueAt: number | null) {
  closeTask(d, slot, 'cancelled');
  d.s.counters.tasks += 1;
  const task: TaskRow = {
    id: `${d.s.caseId}/task/${d.s.counters.tasks}`, caseId: d.s.caseId, caseKind: 'strategic_review', kind, title: `${title}: ${d.s.seller.legalName} (${d.s.seller.sellerId})`,
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

const resolutionDue = (d: Draft) => currentClock(book(d), 'resolution')?.deadlineAt ?? null;

function workTask(d: Draft) {
  if (d.s.assigneeId) openTask(d, 'work', 'work', 'Strategic review', d.s.assigneeId, resolutionDue(d));
  else openTask(d, 'work', 'queue', 'Strategic review waiting in the team queue', null, resolutionDue(d));
}

// ---------------------------------------------------------------------------------------------------
// Decision flow

function calendar(d: Draft) {
  return d.ctx.resolution.calendar;
}

/**
 * The maker's proposal is sampled for QA when it is made (qa-review/qa-plan.ts); every proposal's
 * outcome is recorded. A pre-release sample is held (qa_hold) when the run has the feature (reviews
 * started before it audit it after release, as they did). Where the hold sits, and why:
 * - no_action is held at once: the review closes when QA releases it;
 * - an enforcement goes through maker-checker approval and the Account Management consultation first,
 *   and is held at the point it would be enforced, before the saga: QA reviews the decision as it would
 *   take effect, a checker's rejection or the maker's withdrawal ends it before anyone reviews it
 *   (nothing is recorded for QA then), and the saga never starts before QA released it.
 */
function sampleProposal(d: Draft, qa: QaSettings, maker: Actor, decision: string, reasonCode: string, n: number, makerStartedOn: string | null): SampledDecision {
  return sampleForQa(
    {
      caseId: d.s.caseId,
      decisionKind: 'strategic_review_decision',
      team: d.s.team,
      marketplace: d.s.seller.marketplace,
      tier: d.s.tier.id,
      maker: { userId: maker.userId, role: maker.role as Role, startedOn: makerStartedOn },
      decision: { decision, reason: reasonCode },
      evidence: {
        summary: d.s.summary,
        sellerId: d.s.seller.sellerId,
        tier: d.s.tier.id,
        checks: d.s.checks.map((c) => ({ id: c.id, finding: c.finding, notes: c.notes })),
        risk: d.s.risk ? { score: d.s.risk.score, band: d.s.risk.band } : null,
      },
      ordinal: n,
      decidedAt: d.now,
      calendar: calendar(d),
      canHold: d.ctx.qaHold === true,
    },
    qa,
  );
}

/**
 * Holds the proposal for its QA review: the review starts linked to the case, nothing is enforced or
 * closed, and nobody acts on the decision but the review (qa_released). The resolution clock runs
 * while held (the seller's case is not decided until the decision takes effect).
 */
function holdForQa(d: Draft, sampled: SampledDecision) {
  d.s.qaHold = sampled.hold;
  d.s.status = 'qa_hold';
  resumeResolution(d);
  d.effects.push(...sampled.effects);
}

function closeProposal(d: Draft, status: Proposal['status'], reason: string | null) {
  const p = d.s.proposal!;
  const consultation = p.consultation;
  if (consultation?.status === 'open') {
    consultation.status = 'cancelled';
    d.effects.push({ type: 'cancel_handoff', handoffId: consultation.handoffId, reason: `proposal ${status}` });
  }
  closeTask(d, 'approval', 'cancelled');
  closeTask(d, 'approval_overdue', 'cancelled');
  d.s.previousProposals.push({ ...p, status, withdrawnReason: status === 'withdrawn' ? reason : p.withdrawnReason });
  d.s.proposal = null;
}

/** Once approved: wait for Account Management unless answered, the window closed, or urgency was approved. */
function advance(d: Draft) {
  const p = d.s.proposal;
  if (!p || p.status !== 'approved') return;
  const c = p.consultation;
  if (c && c.status === 'open' && !p.urgency?.approvedBy) {
    if (d.s.status !== 'awaiting_consultation') {
      d.s.status = 'awaiting_consultation';
      pauseResolution(d, 'waiting_on_account_management');
    }
    return;
  }
  if (p.heldForQa) {
    const sampled = p.heldForQa;
    p.heldForQa = null;
    holdForQa(d, sampled);
    return;
  }
  startEnforcement(d);
}

function startEnforcement(d: Draft) {
  const p = d.s.proposal!;
  resumeResolution(d);
  if (p.consultation?.status === 'open') {
    p.consultation.status = 'cancelled';
    d.effects.push({ type: 'cancel_handoff', handoffId: p.consultation.handoffId, reason: 'urgent enforcement approved' });
  }
  if (!d.s.statement || d.s.statement.id !== `${d.s.caseId}/statement/${p.n}`) d.s.statement = statementOfReasons(d.s, p, d.now);
  d.s.counters.enforcements += 1;
  const n = d.s.counters.enforcements;
  const enforcementId = `${d.s.caseId}/enforcement/${n}`;
  const workflowId = enforcementWorkflowId(enforcementId);
  const request: EnforcementRequest = {
    enforcementId,
    caseId: d.s.caseId,
    sellerId: d.s.seller.sellerId,
    marketplace: d.s.seller.marketplace,
    decision: p.decision as EnforcementDecision,
    steps: enforcementPlan(p.decision as EnforcementDecision, {
      scope: p.scope,
      durationDays: p.durationDays,
      reasonCode: p.reasonCode,
      policyCitation: p.policyCitation,
      statementId: d.s.statement.id,
    }),
    requestedBy: p.overturnedBy ?? p.approval?.approvals.at(-1)?.by ?? p.proposedBy,
    statement: d.s.statement,
  };
  d.s.enforcements.push({ n, enforcementId, workflowId, startedAt: d.now, status: 'running', steps: [], failure: null, finishedAt: null });
  d.s.status = 'enforcing';
  d.details.enforcementId = enforcementId;
  d.effects.push({ type: 'start_workflow', child: { workflowType: ENFORCEMENT_WORKFLOW_TYPE, workflowId, input: { ...request } } });
}

function close(d: Draft, outcome: ReviewState['outcome']) {
  d.s.status = 'closed';
  d.s.outcome = outcome;
  d.s.closedAt = d.now;
  stopClock(d, 'first_response');
  stopClock(d, 'resolution');
  closeTask(d, 'work', 'done');
  closeTask(d, 'approval', 'cancelled');
  closeTask(d, 'approval_overdue', 'cancelled');
  for (const h of openHandoffs(d.s)) {
    h.status = 'cancelled';
    h.closedAt = d.now;
    d.effects.push({ type: 'cancel_handoff', handoffId: h.id, reason: 'review closed' });
  }
}

function settle(d: Draft) {
  if (d.s.status !== 'in_review' && d.s.status !== 'waiting_on_handoff') return;
  d.s.status = openHandoffs(d.s).some((h) => h.blocking) ? 'waiting_on_handoff' : 'in_review';
}

const iso = (ms: number) => new Date(ms).toISOString();

// ---------------------------------------------------------------------------------------------------
// Handlers

/** Routing, claims, releases and reassignments, as every assignable kind handles them (a reassignment may move the review to another team). */
const assignment = assignmentHandlers<ReviewState, Draft, ReviewNotificationTemplate>({
  working: 'in_review',
  waiting: 'waiting_on_handoff',
  movesTeam: true,
  notices: { assigned: 'review_assigned', queued: 'review_queued' },
  notify,
  workTask,
  stopFirstResponse: (d) => stopClock(d, 'first_response'),
});

type Handlers = { [T in ReviewEventType]: (d: Draft, e: ReviewEventOf<T>) => void };

const APPLY: Handlers = {
  triage_started(d) {
    d.s.clocks = startNamed(book(d), 'first_response', d.ctx.firstResponse, d.now).clocks;
    d.s.clocks = startNamed(book(d), 'resolution', d.ctx.resolution, d.now).clocks;
    d.effects.push({ type: 'route', item: { caseId: d.s.caseId, kind: 'strategic_review', marketplace: d.s.seller.marketplace, team: d.s.team } });
  },
  ...assignment,
  check_completed(d, e) {
    const c = d.s.checks.find((x) => x.id === e.checkId)!;
    if (c.status === 'done') c.revisions += 1;
    Object.assign(c, { status: 'done', finding: e.finding, notes: e.notes, evidence: e.evidence ?? [], completedBy: e.actor.userId, completedAt: d.now });
    d.details.checkId = c.id;
    d.details.finding = e.finding;
    d.details.evidence = (e.evidence ?? []).length;
  },
  risk_assessment_requested(d, e) {
    d.s.counters.riskCalls += 1;
    const callId = `${d.s.caseId}/risk/${d.s.counters.riskCalls}`;
    d.s.riskPending = { callId, requestedBy: e.actor.userId };
    d.details.callId = callId;
    d.effects.push({
      type: 'call',
      call: {
        id: callId,
        activity: 'assessRisk',
        input: {
          caseId: d.s.caseId,
          sellerId: d.s.seller.sellerId,
          findings: d.s.checks.filter((c) => c.status === 'done').map((c) => ({ checkId: c.id, finding: c.finding })),
        },
      },
    });
  },
  risk_assessed(d, e) {
    const requestedBy = d.s.riskPending?.requestedBy ?? e.actor.userId;
    d.s.riskPending = null;
    d.s.risk = { ...e.assessment, requestedBy };
    d.details.score = e.assessment.score;
    d.details.band = e.assessment.band;
    d.details.modelVersion = e.assessment.modelVersion;
    d.details.fallback = e.assessment.fallback?.reason ?? null;
  },
  risk_assessment_failed(d, e) {
    d.s.riskPending = null;
    d.reason = e.error;
    d.s.lastNote = { at: d.now, by: 'system', text: `The risk assessment failed (${e.error}); ask for it again.` };
  },
  handed_off(d, e) {
    d.s.counters.handoffs += 1;
    const id = `${d.s.caseId}/handoff/${d.s.counters.handoffs}`;
    const blocking = e.blocking ?? true;
    const sla = d.ctx.handoffs[e.team];
    const dueAt = startClock({ ...sla, id: 'due', now: d.now }).deadlineAt;
    d.s.handoffs.push({ id, team: e.team, question: e.question, blocking, status: 'open', requestedBy: e.actor.userId, requestedAt: d.now, dueAt, outcome: null, answer: null, answeredBy: null, closedAt: null });
    d.details.handoffId = id;
    d.details.team = e.team;
    d.details.blocking = blocking;
    d.effects.push({
      type: 'start_handoff',
      handoff: {
        handoffId: id, caseId: d.s.caseId, caseKind: 'strategic_review', caseTeam: d.s.team, team: e.team, question: e.question,
        context: { sellerId: d.s.seller.sellerId, marketplace: d.s.seller.marketplace, legalName: d.s.seller.legalName, tier: d.s.tier.title, summary: d.s.summary },
        blocking, requestedBy: e.actor, requestedAt: d.now, sla,
      },
    });
    settle(d);
  },
  handoff_answered(d, e) {
    const h = d.s.handoffs.find((x) => x.id === e.handoffId) as ReviewHandoff;
    Object.assign(h, { status: 'answered', outcome: e.outcome, answer: e.answer ?? null, answeredBy: e.actor.userId, closedAt: d.now });
    d.details.handoffId = h.id;
    d.details.outcome = e.outcome;
    settle(d);
    notify(d, owner(d.s), 'review_handoff_answered', { handoffTeam: h.team, outcome: e.outcome, answeredBy: e.actor.userId });
  },
  decision_proposed(d, e) {
    const playbook = playbookOf(d.s);
    d.s.counters.proposals += 1;
    const n = d.s.counters.proposals;
    const p: Proposal = {
      n,
      decision: e.decision,
      reasonCode: e.reasonCode,
      policyCitation: e.policyCitation.trim(),
      rationale: e.rationale,
      scope: e.scope?.trim() || defaultScope(e.decision),
      durationDays: e.durationDays ?? null,
      proposedBy: e.actor.userId,
      proposedAt: d.now,
      status: 'pending',
      approval: null,
      urgency: e.urgent ? { reason: e.urgencyReason!, approvedBy: null, approvedAt: null, note: null } : null,
      consultation: null,
      withdrawnReason: null,
    };
    d.details.decision = e.decision;
    d.details.reasonCode = e.reasonCode;
    d.details.urgent = Boolean(e.urgent);
    d.reason = e.rationale;
    const qa = d.ctx.qa ? sampleProposal(d, d.ctx.qa, e.actor, e.decision, e.reasonCode, n, e.makerStartedOn ?? null) : null;
    if (qa) Object.assign(d.details, qa.details);
    if (qa && !qa.hold) d.effects.push(...qa.effects);
    if (e.decision === 'no_action') {
      d.s.proposal = { ...p, status: 'no_action' };
      if (qa?.hold) holdForQa(d, qa);
      else close(d, 'no_action');
      return;
    }
    if (qa?.hold) p.heldForQa = qa;
    const subject = `${e.decision.replace(/_/g, ' ')} (${e.reasonCode.replace(/_/g, ' ')}, ${p.policyCitation})`;
    p.approval = openApproval({ id: `${d.s.caseId}/approval/${n}`, subject, maker: e.actor, policy: playbook.approval, calendar: calendar(d), now: d.now });
    d.s.proposal = p;
    d.s.status = 'pending_approval';
    openTask(d, 'approval', 'approval', `Approve ${subject}: ${stillNeeded(p.approval)}`, null, p.approval.clock.deadlineAt);
    notify(d, { kind: 'team', team: d.s.team }, 'review_approval_requested', { decision: e.decision, maker: e.actor.userId, needed: stillNeeded(p.approval) });
    if (p.urgency) notify(d, { kind: 'managers', team: d.s.team }, 'review_urgency_requested', { decision: e.decision, reason: p.urgency.reason });
    if (playbook.consultation.required) consult(d, p, playbook, e.actor);
  },
  qa_released(d, e) {
    const held = d.s.qaHold!;
    const p = d.s.proposal!;
    Object.assign(d.details, qaReleaseDetails(held, e.outcome));
    d.s.qaHold = null;
    const decision = e.outcome.decision.decision as Decision;
    if (e.outcome.overturned) {
      d.reason = `QA overturned ${p.decision} (${held.maker}): ${decision} takes effect`;
      const reasons: readonly string[] = decision === 'no_action' ? ['no_violation'] : REASON_CODES.filter((r) => r !== 'no_violation');
      const given = e.outcome.decision.reason;
      // The adjudicator's reason where it goes with the decision; else the maker's, or the first that does.
      p.reasonCode = (given && reasons.includes(given) ? given : reasons.includes(p.reasonCode) ? p.reasonCode : reasons[0]) as ReasonCode;
      if (decision !== p.decision) p.scope = defaultScope(decision);
      p.decision = decision;
      p.overturnedBy = e.outcome.decidedBy ?? null;
    }
    if (decision === 'no_action') {
      p.status = 'no_action';
      close(d, 'no_action');
      return;
    }
    p.status = 'approved';
    startEnforcement(d);
  },
  decision_approved(d, e) {
    const p = d.s.proposal!;
    p.approval = approve(p.approval!, e.actor, e.note ?? null, d.now, calendar(d));
    d.details.approvals = p.approval.approvals.length;
    d.details.required = p.approval.policy.requiredApprovals;
    if (p.approval.status !== 'approved') {
      openTask(d, 'approval', 'approval', `Approve ${p.approval.subject}: ${stillNeeded(p.approval)}`, null, p.approval.clock.deadlineAt);
      return;
    }
    p.status = 'approved';
    closeTask(d, 'approval', 'done');
    closeTask(d, 'approval_overdue', 'done');
    advance(d);
  },
  decision_rejected(d, e) {
    const p = d.s.proposal!;
    p.approval = reject(p.approval!, e.actor, e.reasons, d.now, calendar(d));
    d.reason = e.reasons;
    closeProposal(d, 'rejected', e.reasons);
    d.s.status = 'in_review';
    settle(d);
    d.s.lastNote = { at: d.now, by: e.actor.userId, text: `Proposal rejected by ${e.actor.userId}: ${e.reasons}` };
    notify(d, { kind: 'user', userId: p.proposedBy }, 'review_decision_rejected', { rejectedBy: e.actor.userId, reasons: e.reasons, decision: p.decision });
  },
  decision_withdrawn(d, e) {
    const p = d.s.proposal!;
    if (p.approval) p.approval = withdraw(p.approval, d.now, calendar(d));
    d.reason = e.reason;
    resumeResolution(d);
    closeProposal(d, 'withdrawn', e.reason);
    d.s.status = 'in_review';
    settle(d);
  },
  urgency_approved(d, e) {
    const p = d.s.proposal!;
    p.urgency = { ...p.urgency!, approvedBy: e.actor.userId, approvedAt: d.now, note: e.note ?? null };
    d.reason = e.note ?? null;
    if (d.s.status === 'awaiting_consultation') advance(d);
  },
  consultation_answered(d, e) {
    const c = d.s.proposal!.consultation!;
    Object.assign(c, { status: 'answered', response: e.response, reasons: e.reasons, answeredBy: e.actor.userId, answeredAt: d.now });
    d.details.response = e.response;
    d.reason = e.reasons;
    notify(d, owner(d.s), 'review_consultation_answered', { response: e.response, answeredBy: e.actor.userId });
    if (d.s.status === 'awaiting_consultation') advance(d);
  },
  consultation_window_closed(d) {
    const c = d.s.proposal!.consultation!;
    c.status = 'window_closed';
    d.reason = `no answer from Account Management by ${iso(c.closesAt)}`;
    d.effects.push({ type: 'cancel_handoff', handoffId: c.handoffId, reason: 'consultation window closed' });
    if (d.s.status === 'awaiting_consultation') advance(d);
  },
  approval_reminder_due(d) {
    const p = d.s.proposal!;
    p.approval = markDue(p.approval!, 'remind', d.now);
    notify(d, { kind: 'team', team: d.s.team }, 'review_approval_reminder', { decision: p.decision, needed: stillNeeded(p.approval), dueAt: p.approval.clock.deadlineAt });
  },
  approval_escalation_due(d) {
    const p = d.s.proposal!;
    p.approval = markDue(p.approval!, 'escalate', d.now);
    openTask(d, 'approval_overdue', 'approval_overdue', 'Overdue approval: decide or reassign', null, d.now);
    notify(d, { kind: 'managers', team: d.s.team }, 'review_approval_escalated', { decision: p.decision, needed: stillNeeded(p.approval) });
  },
  enforcement_completed(d, e) {
    const attempt = d.s.enforcements.at(-1)!;
    Object.assign(attempt, { status: e.result.outcome, steps: e.result.steps, failure: e.result.failure, finishedAt: d.now });
    d.details.outcome = e.result.outcome;
    if (e.result.outcome === 'applied') {
      if (d.ctx.reportsEnforcements) reportEnforcement(d, attempt.enforcementId);
      close(d, d.s.proposal!.decision);
      notify(d, owner(d.s), 'review_enforced', { decision: d.s.outcome });
      return;
    }
    d.s.status = 'enforcement_failed';
    d.reason = e.result.failure;
    d.s.lastNote = { at: d.now, by: 'system', text: `Enforcement failed and was undone: ${e.result.failure ?? 'unknown failure'}` };
    notify(d, owner(d.s), 'review_enforcement_failed', { failure: e.result.failure });
    notify(d, { kind: 'managers', team: d.s.team }, 'review_enforcement_failed', { failure: e.result.failure });
  },
  enforcement_reported(d, e) {
    d.details.callId = e.callId;
    d.details.signalledAppeals = e.signalledAppeals.join(', ');
    d.reason = e.error;
  },
  enforcement_retried(d) {
    startEnforcement(d);
  },
  policy_gap_flagged(d, e) {
    d.s.counters.policyGaps += 1;
    const n = d.s.counters.policyGaps;
    const id = `${d.s.caseId}/gap/${n}`;
    const clockName = `${POLICY_GAP_CLOCK}:${n}`;
    d.s.clocks = startNamed(book(d), clockName, d.ctx.policyGap, d.now).clocks;
    d.s.policyGaps.push({ id, tag: e.tag, question: e.question, flaggedBy: e.actor.userId, flaggedAt: d.now, status: 'open', decision: null, precedent: null, decidedBy: null, decidedAt: null, clockId: clockName });
    d.details.gapId = id;
    d.details.tag = e.tag;
    openTask(d, `gap:${id}`, 'leadership_decision', `Leadership decision (${e.tag})`, null, currentClock(book(d), clockName)!.deadlineAt);
    notify(d, { kind: 'managers', team: d.s.team }, 'policy_gap_flagged', { tag: e.tag, question: e.question, flaggedBy: e.actor.userId });
  },
  policy_gap_decided(d, e) {
    const gap = d.s.policyGaps.find((g) => g.id === e.gapId)!;
    Object.assign(gap, { status: 'decided', decision: e.decision, precedent: e.precedent, decidedBy: e.actor.userId, decidedAt: d.now });
    d.s.clocks = stopNamed(book(d), gap.clockId, reviewCalendars(d.ctx), d.now, 'met').clocks;
    d.details.gapId = gap.id;
    d.details.tag = gap.tag;
    d.reason = e.decision;
    closeTask(d, `gap:${gap.id}`, 'done');
    notify(d, { kind: 'user', userId: gap.flaggedBy }, 'policy_gap_decided', { tag: gap.tag, decision: e.decision });
  },
  clock_warned(d, e) {
    const clock = d.s.clocks.find((c) => c.id === e.clockId)!;
    d.s.clocks = d.s.clocks.map((c) => (c.id === clock.id ? applyClockEvent(c, 'warning', d.now) : c));
    d.details.clock = clock.kind;
    if (clock.kind.startsWith(POLICY_GAP_CLOCK)) notify(d, { kind: 'managers', team: d.s.team }, 'policy_gap_reminder', { dueAt: clock.deadlineAt });
    else notify(d, owner(d.s), 'review_sla_warning', { clock: clock.kind, deadlineAt: clock.deadlineAt });
  },
  clock_breached(d, e) {
    const clock = d.s.clocks.find((c) => c.id === e.clockId)!;
    d.s.clocks = d.s.clocks.map((c) => (c.id === clock.id ? applyClockEvent(c, 'breach', d.now) : c));
    d.details.clock = clock.kind;
    d.details.breachedAt = clock.deadlineAt;
    if (clock.kind.startsWith(POLICY_GAP_CLOCK)) {
      notify(d, { kind: 'managers', team: d.s.team }, 'policy_gap_overdue', { breachedAt: clock.deadlineAt });
      return;
    }
    d.s.breaches[clock.kind as ReviewClock] = true;
    d.reason = `${clock.kind.replace('_', ' ')} SLA breached`;
    notify(d, { kind: 'managers', team: d.s.team }, 'review_sla_breached', { clock: clock.kind, breachedAt: clock.deadlineAt });
  },
};

/** A new enforcement on the seller: the seller's reinstatement appeals in monitoring record a restumble (activities/restumble). */
function reportEnforcement(d: Draft, enforcementId: string) {
  const p = d.s.proposal!;
  d.effects.push({
    type: 'call',
    call: {
      id: `${enforcementId}/report`,
      activity: 'reportEnforcement',
      input: {
        enforcementId, sellerId: d.s.seller.sellerId, enforcementType: p.decision, upstreamTeam: 'other', reason: `${p.reasonCode.replace(/_/g, ' ')} (${p.policyCitation})`,
        decidedBy: [p.proposedBy, ...(p.approval?.approvals.map((v) => v.by) ?? [])], source: 'strategic_review',
      },
    },
  });
}

/** Asks the seller's account manager (a handoff to account_management, assigned to them) within the playbook's window. */
function consult(d: Draft, p: Proposal, playbook: Playbook, maker: Actor) {
  const handoffId = consultationId(d.s.caseId, p.n);
  const windowMs = playbook.consultation.windowMs;
  const accountManagerId = d.s.seller.accountManagerId;
  p.consultation = { handoffId, accountManagerId, status: 'open', requestedAt: d.now, closesAt: d.now + windowMs, response: null, reasons: null, answeredBy: null, answeredAt: null };
  const question =
    `Proposed ${p.decision.replace(/_/g, ' ')} of ${d.s.seller.legalName} (${d.s.seller.sellerId}) under ${p.policyCitation}: ${p.rationale.slice(0, 500)}. ` +
    `Agree or object with reasons by ${iso(d.now + windowMs)}${p.urgency ? ' (marked urgent: it may proceed earlier if a manager approves)' : ''}.`;
  d.effects.push({
    type: 'start_handoff',
    handoff: {
      handoffId, caseId: d.s.caseId, caseKind: 'strategic_review', caseTeam: d.s.team, team: 'account_management', question,
      context: { sellerId: d.s.seller.sellerId, legalName: d.s.seller.legalName, decision: p.decision, reasonCode: p.reasonCode, scope: p.scope, durationDays: p.durationDays, urgent: Boolean(p.urgency) },
      blocking: false, requestedBy: maker, requestedAt: d.now,
      sla: { kind: 'handoff', budgetMs: windowMs, warningFraction: 0.5, calendar: ALWAYS_ON },
      assigneeId: accountManagerId,
    },
  });
}

/** Consultations are handoffs with ids of their own shape, so their answers are told apart from Legal's or Policy's. */
export function consultationId(caseId: string, proposal: number): string {
  return `${caseId}/consultation/${proposal}`;
}

export const isConsultationId = (handoffId: string) => /\/consultation\/\d+$/.test(handoffId);

// ---------------------------------------------------------------------------------------------------
// API

export function transition(state: ReviewState, event: ReviewEvent, now: number, ctx: ReviewSettings): Transition<ReviewState> {
  if (!event || typeof event !== 'object' || !isReviewEvent(event.type)) return refuse('invalid_input', `unknown event ${String((event as { type?: unknown } | null)?.type)}`);
  if (!isTime(now)) return refuse('invalid_input', 'now must be a finite epoch-millisecond time');
  const actor: Actor | undefined = event.actor;
  if (!actor || !isText(actor.userId) || typeof actor.role !== 'string' || typeof actor.team !== 'string') return refuse('invalid_input', 'the event has no valid actor');
  const refused = statusGuard(state, event.type) ?? actorGuard(state, event) ?? inputGuard(state, event) ?? timeGuard(state, event, now);
  if (refused) return refused;

  const from = state.status;
  const d: Draft = { s: JSON.parse(JSON.stringify(state)) as ReviewState, effects: [], now, ctx, reason: null, details: {} };
  (APPLY[event.type] as (d: Draft, e: ReviewEvent) => void)(d, event);
  d.s.updatedAt = now;
  d.s.counters.transitions += 1;
  const audit: CaseEffect = { type: 'record', entry: { action: event.type, fromState: from, toState: d.s.status, actor, at: now, reason: d.reason, details: d.details } };
  return { ok: true, state: d.s, effects: [audit, ...d.effects] };
}

function timeGuard(s: ReviewState, e: ReviewEvent, now: number) {
  if (e.type === 'consultation_window_closed' && now < s.proposal!.consultation!.closesAt) {
    return refuse('invalid_transition', `the consultation window is open until ${iso(s.proposal!.consultation!.closesAt)}`);
  }
  if (e.type === 'clock_warned' || e.type === 'clock_breached') {
    const c = s.clocks.find((x) => x.id === e.clockId)!;
    if (c.status !== 'running') return refuse('invalid_transition', `clock ${c.id} is ${c.status}`);
    if (e.type === 'clock_warned' && (c.warned || now < c.warnAt)) return refuse('invalid_transition', `clock ${c.id} is not due to warn`);
    if (e.type === 'clock_breached' && now < c.deadlineAt) return refuse('invalid_transition', `clock ${c.id} is due at ${iso(c.deadlineAt)}`);
  }
  return null;
}

const isGapClockOpen = (s: ReviewState, clockId: string) => s.policyGaps.some((g) => g.clockId === clockId && g.status === 'open');

/** Clocks that may warn or breach: the team's while the review is open, a policy gap's while it is open. */
function watchedClocks(s: ReviewState) {
  return s.clocks.filter((c) => c.status === 'running' && (c.kind.startsWith(POLICY_GAP_CLOCK) ? isGapClockOpen(s, c.id) : s.status !== 'closed'));
}

export function dueEvents(state: ReviewState, now: number): ReviewEvent[] {
  const events: ReviewEvent[] = [];
  for (const clock of watchedClocks(state)) {
    if (!clock.warned && now >= clock.warnAt) events.push({ type: 'clock_warned', actor: SYSTEM_ACTOR, clockId: clock.id });
    if (now >= clock.deadlineAt) events.push({ type: 'clock_breached', actor: SYSTEM_ACTOR, clockId: clock.id });
  }
  const c = state.proposal?.consultation;
  if (c?.status === 'open' && now >= c.closesAt && state.status !== 'closed') events.push({ type: 'consultation_window_closed', actor: SYSTEM_ACTOR });
  return events;
}

export function nextWakeAt(state: ReviewState): number | undefined {
  const c = state.proposal?.consultation;
  const times = [nextClockWake({ clocks: watchedClocks(state) }), c?.status === 'open' ? c.closesAt : undefined].filter((t): t is number => t !== undefined);
  return times.length ? Math.min(...times) : undefined;
}

export function isReviewOpen(state: ReviewState): boolean {
  return !(REVIEW_FINISHED_STATUSES as readonly string[]).includes(state.status);
}

/** The workflow ends once the review is closed and leadership has decided every gap it raised. */
export function isReviewFinished(state: ReviewState): boolean {
  return !isReviewOpen(state) && openGaps(state).length === 0;
}
