/**
 * The escalation case as a pure state machine: `transition(state, event, now, ctx)` returns the next
 * snapshot and the effects the case runtime carries out (audit lines, tasks, notifications, routing,
 * handoffs). Nothing here reads the clock, performs I/O or imports Temporal. The SLA clocks, the
 * seller's deadline and the claim lease are part of the state; `dueEvents` says which of them need
 * attention at `now`, and the runtime sends those events back as the system.
 *
 * States and transitions (every arrow is a named event; the table is in escalation.rules.ts):
 *
 *   new --triage_started--> triage --assigned--> assigned --acknowledged--> in_progress
 *                             |                     ^
 *                             +--queued--> queued --+ (assigned)
 *                                          queued --claimed--> in_progress
 *   assigned | in_progress | reopened --released--> queued
 *   assigned | in_progress --lease_expired--> queued              (the holder did not act in time)
 *   waiting_on_seller | waiting_on_handoff --released--> (same status, no assignee; queued when the wait ends)
 *   in_progress | waiting_on_handoff --info_requested--> waiting_on_seller      (resolution clock paused)
 *   waiting_on_seller --seller_responded | seller_deadline_expired--> settle   (resolution clock resumed)
 *   in_progress | waiting_on_* --handed_off--> settle                           (several may be open)
 *   in_progress | waiting_on_* --handoff_answered--> settle
 *   queued | assigned | in_progress | waiting_on_handoff | reopened --escalated | clock_breached--> escalated_to_manager
 *   any open status --clock_warned--> same status; --clock_breached--> same status where it cannot escalate
 *   assigned | in_progress | waiting_on_* | escalated_to_manager | reopened --reassigned--> assigned
 *                                          (or the waiting status while an info request / blocking handoff is open)
 *   any open status except triage --sla_extended--> same status
 *   in_progress | escalated_to_manager --resolved--> resolved
 *   in_progress | escalated_to_manager --resolved (sampled for pre-release QA)--> qa_hold --qa_released--> resolved
 *   resolved --reopened (before resolvedAt + reopenWindowMs)--> reopened (or queued if no assignee)
 *   resolved --closed (system, once the reopen window has ended)--> closed
 *
 *   settle: waiting_on_seller while an info request is open; else waiting_on_handoff while a blocking
 *   handoff is open; else in_progress if the case has an assignee; else queued. A case escalated to a
 *   manager stays there until a manager reassigns or resolves it.
 *
 * Decisions worth knowing:
 * - `queued` is a status of its own: the case waits, unassigned, in its team's queue and can be claimed.
 * - A claim counts as the first response (it is the specialist's own act), so it goes to in_progress.
 * - From `assigned` (and `reopened`) the assignee acknowledges before working: the first response is
 *   explicit. Acknowledging again after a reassignment does not restart the first-response clock.
 * - Clocks: `first_response` runs from triage until acknowledged/claimed; `resolution` runs from
 *   triage until resolved, is paused only while waiting on the seller (a handoff is our own delay, and
 *   handoff teams have their own SLA), and restarts on reopen. The seller's own clock runs from a
 *   request for information to its deadline: it reminds the seller and never marks the case breached.
 * - A claim or assignment is a lease: if its holder does not act on the case before it lapses, the
 *   case returns to the queue. Any act of the holder ends the lease.
 * - Resolving cancels open handoffs; only in_progress (no blocking handoff open) or a manager on an
 *   escalated case may resolve.
 */
import { SYSTEM_ACTOR, type Actor, type Role } from '../common/actor';
import { ALWAYS_ON } from '../common/business-calendar';
import {
  calendarLookup,
  currentClock,
  extendNamed,
  nextClockWake,
  pauseNamed,
  resumeNamed,
  retargetNamed,
  startNamed,
  stopNamed,
  type CalendarLookup,
} from '../common/clock-book';
import { isText, isTime, oneOf, textProblem } from '../common/input-checks';
import { qaReleaseDetails, sampleForQa, type QaSettings, type SampledDecision } from '../qa-review/qa-plan';
import type { QaOutcome } from '../qa-review/qa-review.contract';
import { resolutionProblem, taxonomyOf } from './escalation.taxonomy';
import { SEVERITIES } from '../common/severity';
import type { NotificationRecipient, NoticeParams } from '../common/case-projection';
import type { CaseEffect, Transition } from '../common/runtime/case-kind';
import { applyClockEvent, startClock } from '../common/sla-clock';
import type { EscalationContext, EscalationSettings } from './escalation.contract';
import {
  actorGuard,
  allowedEvents,
  ESCALATABLE,
  clockPhase,
  isLive,
  inputGuard,
  isKnownEvent,
  refuse,
  statusGuard,
  timeGuard,
} from './escalation.rules';
import {
  openHandoffs,
  type EscalationEvent,
  type EscalationEventType,
  type EscalationState,
  type EventOf,
  type Handoff,
  type HeldResolution,
  type Resolution,
  type InfoRequest,
  type NewEscalation,
} from './escalation.state';
import { escalationTask } from './escalation.tasks';
import {
  CASE_CLOCKS,
  DEFAULT_REOPEN_WINDOW_MS,
  ESCALATION_CATEGORIES,
  ESCALATION_FINISHED_STATUSES,
  SELLER_CLOCK,
  type CaseClock,
  type EscalationStatus,
  type NotificationTemplate,
  type ResolutionCode,
  type RootCause,
  type TaskKind,
} from './escalation.vocabulary';

export type EscalationTransition = Transition<EscalationState>;

interface Draft {
  s: EscalationState;
  effects: CaseEffect[];
  now: number;
  ctx: EscalationContext;
  actor: Actor;
  reason: string | null;
  details: Record<string, string | number | boolean | null>;
}

// ---------------------------------------------------------------------------------------------------
// QA sampling

/**
 * A resolution is sampled for QA at decision time (qa-review/qa-plan.ts); every resolution's outcome is
 * recorded. A pre-release sample is held (qa_hold) when the run has the feature; runs started before it
 * audit a pre-release sample after release, as they did.
 */
function sampleResolution(d: Draft, qa: QaSettings, resolution: Omit<Resolution, 'resolvedAt'>, makerStartedOn: string | null): SampledDecision {
  return sampleForQa(
    {
      caseId: d.s.caseId,
      decisionKind: 'escalation_resolution',
      team: d.s.team ?? 'unassigned',
      marketplace: d.s.marketplace,
      tier: null,
      maker: { userId: d.actor.userId, role: d.actor.role as Role, startedOn: makerStartedOn },
      decision: { decision: resolution.code, reason: resolution.rootCause },
      evidence: {
        summary: d.s.summary,
        sellerId: d.s.sellerId,
        marketplace: d.s.marketplace,
        severity: d.s.severity,
        category: d.s.category,
        trigger: d.s.trigger ?? null,
        enforcementType: d.s.enforcementType ?? null,
        handoffs: d.s.handoffs.map((h) => ({ team: h.team, question: h.question, status: h.status })),
      },
      ordinal: d.s.previousResolutions.length + 1,
      decidedAt: d.now,
      calendar: d.ctx.resolution.calendar,
      canHold: d.ctx.features.qaHold === true,
    },
    qa,
  );
}

/** The resolution as QA released it: the maker's, or the adjudicated decision (with its reason where the taxonomy allows it). */
function releasedResolution(s: EscalationState, held: HeldResolution, outcome: QaOutcome): Omit<Resolution, 'resolvedAt'> {
  if (!outcome.overturned) return held.resolution;
  const code = outcome.decision.decision as ResolutionCode;
  const taxonomy = taxonomyOf(s.taxonomyVersion);
  const fits = (cause: string | null | undefined) => typeof cause === 'string' && resolutionProblem(taxonomy, code, cause as RootCause, held.resolution.upstreamTeam ?? undefined) === null;
  const rootCause = fits(outcome.decision.reason) ? (outcome.decision.reason as RootCause) : held.resolution.rootCause;
  return { ...held.resolution, code, rootCause, resolvedBy: outcome.decidedBy ?? held.resolution.resolvedBy };
}

// ---------------------------------------------------------------------------------------------------
// Clocks

const lookups = new WeakMap<EscalationSettings, CalendarLookup>();

/** The calendars a case's settings carry (and the always-on one the seller's clock counts on). */
export function calendarsOf(ctx: EscalationSettings): CalendarLookup {
  let lookup = lookups.get(ctx);
  if (!lookup) {
    const bySeverity = Object.values(ctx.targetsBySeverity ?? {}).flatMap((t) => [t.firstResponse, t.resolution]);
    lookup = calendarLookup([ctx.firstResponse, ctx.resolution, ctx.sellerResponse, ...Object.values(ctx.handoffs), ...bySeverity]);
    lookups.set(ctx, lookup);
  }
  return lookup;
}

const book = (d: Draft) => ({ clocks: d.s.clocks });

function setClock(d: Draft, name: CaseClock, to: 'running' | 'paused' | 'stopped', reason = '') {
  const phase = clockPhase(d.s, name);
  const cals = calendarsOf(d.ctx);
  if (to === 'running' && phase === 'paused') d.s.clocks = resumeNamed(book(d), name, cals, d.now).clocks;
  else if (to === 'running' && (phase === 'not_started' || phase === 'stopped')) {
    d.s.clocks = startNamed(book(d), name, name === 'first_response' ? d.ctx.firstResponse : d.ctx.resolution, d.now).clocks;
  } else if (to === 'paused' && phase === 'running') d.s.clocks = pauseNamed(book(d), name, cals, d.now, reason).clocks;
  else if (to === 'stopped' && phase !== 'not_started' && phase !== 'stopped') {
    d.s.clocks = stopNamed(book(d), name, cals, d.now, 'met').clocks;
    // Stopped after its deadline but before the breach was noticed: an SLA cannot be met late.
    if (currentClock(book(d), name)?.status === 'breached') d.s.breaches[name] = true;
  }
}

function stopSellerClock(d: Draft) {
  d.s.clocks = stopNamed(book(d), SELLER_CLOCK, calendarsOf(d.ctx), d.now, 'met').clocks;
}

// ---------------------------------------------------------------------------------------------------
// Effects

function noticeParams(s: EscalationState, extra: NoticeParams = {}): NoticeParams {
  return { caseId: s.caseId, sellerId: s.sellerId, severity: s.severity, category: s.category, team: s.team, summary: s.summary, ...extra };
}

function notify(d: Draft, to: NotificationRecipient, template: NotificationTemplate, extra: NoticeParams = {}) {
  const language = to.kind === 'seller' ? d.s.language : undefined;
  d.effects.push({ type: 'notify', notice: { to, template, params: noticeParams(d.s, extra), ...(language ? { language } : {}) } });
}

/** Whoever should hear about the case now: the team's managers if escalated, else the assignee, else the team. */
export function owner(s: EscalationState): NotificationRecipient {
  if (s.status === 'escalated_to_manager') return { kind: 'managers', team: s.team as string };
  if (s.assigneeId !== null) return { kind: 'user', userId: s.assigneeId };
  return { kind: 'team', team: s.team as string };
}

function closeTask(d: Draft, outcome: 'done' | 'cancelled') {
  if (d.s.openTask) d.effects.push({ type: 'task', task: { ...d.s.openTask, status: outcome, completedAt: d.now } });
  d.s.openTask = null;
}

function openTask(d: Draft, kind: TaskKind, previousOutcome: 'done' | 'cancelled') {
  closeTask(d, previousOutcome);
  d.s.counters.tasks += 1;
  const task = escalationTask(d.s, kind, d.s.counters.tasks, d.now);
  d.s.openTask = task;
  d.effects.push({ type: 'task', task });
}

function firstResponse(d: Draft) {
  if (d.s.acknowledgedAt === null) d.s.acknowledgedAt = d.now;
  setClock(d, 'first_response', 'stopped');
}

function waitingStatus(s: EscalationState): EscalationStatus | null {
  if (s.openInfoRequest) return 'waiting_on_seller';
  if (openHandoffs(s).some((h) => h.blocking)) return 'waiting_on_handoff';
  return null;
}

/** After a wait starts or ends (see the diagram). An escalated case stays with its manager. */
function settle(d: Draft) {
  if (d.s.status === 'escalated_to_manager') return;
  const next = waitingStatus(d.s) ?? (d.s.assigneeId !== null ? 'in_progress' : 'queued');
  if (next === 'queued' && d.s.status !== 'queued') {
    toQueue(d);
    return;
  }
  d.s.status = next;
}

function toQueue(d: Draft) {
  d.s.status = 'queued';
  openTask(d, 'queue', 'cancelled');
  notify(d, { kind: 'team', team: d.s.team as string }, 'case_queued');
}

function escalate(d: Draft, reason: string, by: Actor, breach: CaseClock | null) {
  d.s.escalation = { reason, by: by.userId, at: d.now, breach };
  d.s.counters.escalations += 1;
  d.s.status = 'escalated_to_manager';
  openTask(d, 'manager_review', 'cancelled');
  notify(d, { kind: 'managers', team: d.s.team as string }, 'case_escalated', { reason, clock: breach });
}

function newId(s: EscalationState, counter: 'infoRequests' | 'handoffs', prefix: string): string {
  s.counters[counter] += 1;
  return `${s.caseId}/${prefix}/${s.counters[counter]}`;
}

function release(d: Draft, reason: string | null) {
  const previous = d.s.assigneeId as string;
  d.s.assigneeId = null;
  d.s.assignedAt = null;
  d.s.counters.releases += 1;
  d.reason = reason;
  d.details.previousAssigneeId = previous;
  closeTask(d, 'cancelled');
  // While waiting, the case stays put; it reaches the queue when the wait ends.
  settle(d);
  return previous;
}

/** Open handoffs end with the decision: nobody waits for their answers any more. */
function cancelOpenHandoffs(d: Draft, reason: string) {
  for (const h of openHandoffs(d.s)) {
    h.status = 'cancelled';
    h.closedAt = d.now;
    d.effects.push({ type: 'cancel_handoff', handoffId: h.id, reason });
  }
}

/** A resolution takes effect: the case is resolved, its clocks stop, the seller is told, the reopen window opens. */
function putInEffect(d: Draft, resolution: Omit<Resolution, 'resolvedAt'>) {
  d.s.resolution = { ...resolution, resolvedAt: d.now };
  d.s.resolvedAt = d.now;
  d.s.status = 'resolved';
  setClock(d, 'first_response', 'stopped');
  setClock(d, 'resolution', 'stopped');
  cancelOpenHandoffs(d, 'case resolved');
  closeTask(d, 'done');
  notify(d, { kind: 'seller', sellerId: d.s.sellerId }, 'case_resolved', { resolutionCode: resolution.code });
}

/**
 * The maker's resolution is held for pre-release QA: decided, not in effect. The maker's work is done
 * (task closed, handoffs cancelled), the seller hears nothing yet, and nobody acts on the case but the
 * QA review, whose outcome (`qa_released`) puts the maker's or the adjudicated resolution in effect.
 * The resolution clock keeps running: the SLA is what the seller is promised, and the seller has no
 * answer until the hold ends (like a handoff, a hold is the team's own delay, and the hold's reminder
 * and escalation keep it short). A breach while held is recorded and the managers are told.
 */
function holdForQa(d: Draft, held: HeldResolution) {
  d.s.qaHold = held;
  d.s.status = 'qa_hold';
  setClock(d, 'first_response', 'stopped');
  cancelOpenHandoffs(d, 'resolution held for QA');
  closeTask(d, 'done');
}

const iso = (ms: number) => new Date(ms).toISOString();

// ---------------------------------------------------------------------------------------------------
// Handlers

type Handlers = { [T in EscalationEventType]: (d: Draft, e: EventOf<T>) => void };

const APPLY: Handlers = {
  triage_started(d, e) {
    if (e.team !== undefined) d.s.team = e.team;
    d.s.status = 'triage';
    setClock(d, 'first_response', 'running');
    setClock(d, 'resolution', 'running');
    d.effects.push({
      type: 'route',
      item: {
        caseId: d.s.caseId,
        kind: 'escalation',
        marketplace: d.s.marketplace,
        team: d.s.team as string,
        ...(d.s.language !== null ? { language: d.s.language } : {}),
      },
    });
  },
  assigned(d, e) {
    d.s.assigneeId = e.assigneeId;
    d.s.assignedAt = d.now;
    d.s.counters.assignments += 1;
    d.s.status = 'assigned';
    d.reason = e.reason ?? null;
    d.details.assigneeId = e.assigneeId;
    openTask(d, 'work', 'done');
    notify(d, { kind: 'user', userId: e.assigneeId }, 'case_assigned');
  },
  queued(d, e) {
    d.reason = e.reason;
    toQueue(d);
    notify(d, { kind: 'managers', team: d.s.team as string }, 'case_queued_no_one_eligible', { reason: e.reason });
  },
  acknowledged(d) {
    d.s.status = 'in_progress';
    firstResponse(d);
  },
  claimed(d, e) {
    d.s.assigneeId = e.actor.userId;
    d.s.assignedAt = d.now;
    d.s.counters.assignments += 1;
    d.s.status = 'in_progress';
    d.details.assigneeId = e.actor.userId;
    openTask(d, 'work', 'done');
    firstResponse(d);
  },
  released(d, e) {
    const previous = release(d, e.reason ?? null);
    if (e.actor.userId !== previous) notify(d, { kind: 'user', userId: previous }, 'case_released', { reason: e.reason ?? null });
  },
  lease_expired(d) {
    const previous = release(d, 'lease_expired');
    notify(d, { kind: 'user', userId: previous }, 'case_released', { reason: 'lease_expired' });
  },
  info_requested(d, e) {
    const id = newId(d.s, 'infoRequests', 'info');
    d.s.openInfoRequest = { id, question: e.question, deadline: e.deadline, requestedBy: e.actor.userId, requestedAt: d.now };
    d.details.infoRequestId = id;
    d.details.deadline = e.deadline;
    d.s.status = 'waiting_on_seller';
    setClock(d, 'resolution', 'paused', 'waiting_on_seller');
    // The seller's own clock: exactly the deadline given, reminded at the policy's point.
    const budgetMs = Math.max(1, Math.ceil(e.deadline - d.now));
    d.s.clocks = startNamed(book(d), SELLER_CLOCK, { ...d.ctx.sellerResponse, kind: SELLER_CLOCK, budgetMs, calendar: ALWAYS_ON }, d.now).clocks;
    notify(d, { kind: 'seller', sellerId: d.s.sellerId }, 'seller_info_requested', { question: e.question, deadline: e.deadline });
  },
  seller_responded(d, e) {
    d.details.infoRequestId = d.s.openInfoRequest?.id ?? null;
    d.s.openInfoRequest = null;
    d.s.lastSellerResponseAt = d.now;
    if (e.summary !== undefined) d.s.lastNote = { at: d.now, by: e.actor.userId, text: `Seller responded: ${e.summary}` };
    stopSellerClock(d);
    setClock(d, 'resolution', 'running');
    settle(d);
    notify(d, owner(d.s), 'seller_responded', { summary: e.summary ?? null });
  },
  seller_deadline_expired(d) {
    const request = d.s.openInfoRequest as InfoRequest;
    d.details.infoRequestId = request.id;
    d.s.openInfoRequest = null;
    d.s.lastNote = { at: d.now, by: 'system', text: `The seller did not answer "${request.question}" by ${iso(request.deadline)}; continue without it.` };
    d.reason = 'seller deadline expired';
    stopSellerClock(d);
    setClock(d, 'resolution', 'running');
    settle(d);
    notify(d, owner(d.s), 'seller_deadline_expired', { question: request.question, deadline: request.deadline });
  },
  handed_off(d, e) {
    const id = newId(d.s, 'handoffs', 'handoff');
    const blocking = e.blocking ?? true;
    const sla = d.ctx.handoffs[e.team];
    const dueAt = startClock({ ...sla, id: 'due', now: d.now }).deadlineAt;
    d.s.handoffs.push({
      id, team: e.team, question: e.question, blocking, status: 'open', requestedBy: e.actor.userId, requestedAt: d.now,
      dueAt, outcome: null, answer: null, answeredBy: null, closedAt: null,
    });
    d.details.handoffId = id;
    d.details.team = e.team;
    d.details.blocking = blocking;
    d.effects.push({
      type: 'start_handoff',
      handoff: {
        handoffId: id,
        caseId: d.s.caseId,
        caseKind: 'escalation',
        caseTeam: d.s.team,
        team: e.team,
        question: e.question,
        context: { sellerId: d.s.sellerId, marketplace: d.s.marketplace, severity: d.s.severity, category: d.s.category, summary: d.s.summary },
        blocking,
        requestedBy: e.actor,
        requestedAt: d.now,
        sla,
      },
    });
    settle(d);
  },
  handoff_answered(d, e) {
    const handoff = d.s.handoffs.find((h) => h.id === e.handoffId) as Handoff;
    handoff.status = 'answered';
    handoff.outcome = e.outcome;
    handoff.answer = e.answer ?? null;
    handoff.answeredBy = e.actor.userId;
    handoff.closedAt = d.now;
    d.details.handoffId = handoff.id;
    d.details.outcome = e.outcome;
    settle(d);
    notify(d, owner(d.s), 'handoff_answered', { handoffTeam: handoff.team, outcome: e.outcome, answeredBy: e.actor.userId });
  },
  escalated(d, e) {
    d.reason = e.reason;
    escalate(d, e.reason, e.actor, null);
  },
  clock_warned(d, e) {
    const clock = d.s.clocks.find((c) => c.id === e.clockId)!;
    d.s.clocks = d.s.clocks.map((c) => (c.id === clock.id ? applyClockEvent(c, 'warning', d.now) : c));
    d.details.clock = clock.kind;
    d.details.deadlineAt = clock.deadlineAt;
    if (clock.kind === SELLER_CLOCK && d.s.openInfoRequest) {
      const { question, deadline } = d.s.openInfoRequest;
      notify(d, { kind: 'seller', sellerId: d.s.sellerId }, 'seller_info_reminder', { question, deadline });
    } else if (clock.kind !== SELLER_CLOCK) {
      notify(d, owner(d.s), 'sla_warning', { clock: clock.kind, deadlineAt: clock.deadlineAt });
    }
  },
  clock_breached(d, e) {
    const clock = d.s.clocks.find((c) => c.id === e.clockId)!;
    const name = clock.kind as CaseClock;
    const breachedBefore = d.s.breaches.first_response || d.s.breaches.resolution;
    d.s.clocks = d.s.clocks.map((c) => (c.id === clock.id ? applyClockEvent(c, 'breach', d.now) : c));
    d.s.breaches[name] = true;
    d.reason = `${name.replace('_', ' ')} SLA breached`;
    d.details.clock = name;
    d.details.breachedAt = clock.deadlineAt;
    if ((ESCALATABLE as readonly EscalationStatus[]).includes(d.s.status)) {
      escalate(d, d.reason, SYSTEM_ACTOR, name);
    } else {
      notify(d, { kind: 'managers', team: d.s.team as string }, breachedBefore ? 'sla_breached_again' : 'sla_breached', { clock: name, breachedAt: clock.deadlineAt });
    }
  },
  retriaged(d, e) {
    const from = { severity: d.s.severity, category: d.s.category };
    d.reason = e.reason;
    d.details.fromSeverity = from.severity;
    d.details.fromCategory = from.category;
    if (e.category !== undefined) d.s.category = e.category;
    if (e.severity !== undefined && e.severity !== from.severity) {
      d.s.severity = e.severity;
      const targets = d.ctx.targetsBySeverity![e.severity];
      for (const name of CASE_CLOCKS) {
        if (!isLive(d.s, name)) continue;
        const target = name === 'first_response' ? targets.firstResponse : targets.resolution;
        d.s.clocks = retargetNamed(book(d), name, calendarsOf(d.ctx), d.now, target, e.actor.userId, e.reason).clocks;
      }
    }
    d.details.toSeverity = d.s.severity;
    d.details.toCategory = d.s.category;
    d.s.counters.retriages = (d.s.counters.retriages ?? 0) + 1;
    if (d.s.assigneeId !== null && d.s.assigneeId !== e.actor.userId) {
      notify(d, { kind: 'user', userId: d.s.assigneeId }, 'case_retriaged', { reason: e.reason, fromSeverity: from.severity, fromCategory: from.category });
    }
  },
  lease_renewed() {
    // The lease itself is set below (updateLease), like every act of the holder.
  },
  reassigned(d, e) {
    d.details.previousAssigneeId = d.s.assigneeId;
    d.details.assigneeId = e.assigneeId;
    if (e.team !== undefined && e.team !== d.s.team) {
      d.details.previousTeam = d.s.team;
      d.s.team = e.team;
    }
    d.s.assigneeId = e.assigneeId;
    d.s.assignedAt = d.now;
    d.s.counters.assignments += 1;
    d.s.escalation = null;
    d.s.status = waitingStatus(d.s) ?? 'assigned';
    d.reason = e.reason ?? null;
    openTask(d, 'work', 'cancelled');
    notify(d, { kind: 'user', userId: e.assigneeId }, 'case_assigned');
  },
  sla_extended(d, e) {
    d.s.counters.slaExtensions += 1;
    d.reason = e.reason;
    d.details.clock = e.clock;
    d.details.byMs = e.byMs;
    d.s.clocks = extendNamed(book(d), e.clock, calendarsOf(d.ctx), d.now, e.byMs, e.actor.userId, e.reason).clocks;
  },
  resolved(d, e) {
    const resolution = { code: e.resolutionCode, rootCause: e.rootCause, upstreamTeam: e.upstreamTeam ?? null, note: e.note ?? null, resolvedBy: e.actor.userId };
    d.reason = e.note ?? null;
    d.details.resolutionCode = e.resolutionCode;
    d.details.rootCause = e.rootCause;
    d.details.upstreamTeam = e.upstreamTeam ?? null;
    const qa = d.ctx.qa ? sampleResolution(d, d.ctx.qa, resolution, e.makerStartedOn ?? null) : null;
    if (qa?.hold) holdForQa(d, { ...qa.hold, resolution, from: d.s.status });
    else putInEffect(d, resolution);
    if (qa) {
      Object.assign(d.details, qa.details);
      d.effects.push(...qa.effects);
    }
  },
  qa_released(d, e) {
    const held = d.s.qaHold as HeldResolution;
    const resolution = releasedResolution(d.s, held, e.outcome);
    Object.assign(d.details, qaReleaseDetails(held, e.outcome));
    d.reason = e.outcome.overturned ? `QA overturned ${held.resolution.code} (${held.maker}): ${resolution.code} takes effect` : null;
    d.s.qaHold = null;
    putInEffect(d, resolution);
  },
  reopened(d, e) {
    if (d.s.resolution) d.s.previousResolutions.push(d.s.resolution);
    d.s.resolution = null;
    d.s.resolvedAt = null;
    d.s.escalation = null;
    d.s.reopenCount += 1;
    d.reason = e.reason;
    setClock(d, 'resolution', 'running');
    if (d.s.assigneeId !== null) {
      d.s.status = 'reopened';
      openTask(d, 'work', 'cancelled');
      notify(d, { kind: 'user', userId: d.s.assigneeId }, 'case_reopened', { reason: e.reason });
    } else {
      toQueue(d);
    }
  },
  closed(d) {
    d.s.status = 'closed';
    d.s.closedAt = d.now;
  },
};

/**
 * The claim lease: an assigned or in-progress case whose holder does not act on it within the lease
 * returns to the queue. Granted on a claim or an assignment, and (leaseRenewal) renewed by any act of
 * the holder or by `renewLease`, and granted again when the case comes back to its holder after a wait.
 * Runs started before leaseRenewal keep the first rule: the holder's first act ends the lease.
 */
function updateLease(d: Draft, event: EscalationEvent) {
  const s = d.s;
  const holder = s.assigneeId;
  const leasable = holder !== null && (s.status === 'assigned' || s.status === 'in_progress');
  const grant = () => ({ userId: holder as string, expiresAt: d.now + d.ctx.claimLeaseMs });
  const grants = event.type === 'claimed' || event.type === 'assigned' || event.type === 'reassigned' || event.type === 'lease_renewed';
  if (!d.ctx.features.leaseRenewal) {
    if (grants && holder !== null) s.lease = grant();
    else if (s.lease && (event.actor.userId === s.lease.userId || holder !== s.lease.userId)) s.lease = null;
  } else if (leasable && (grants || event.actor.userId === holder || !s.lease || s.lease.userId !== holder)) {
    s.lease = grant();
  }
  if (!leasable) s.lease = null;
}

// ---------------------------------------------------------------------------------------------------
// API

/**
 * Apply one event. Checks, in order: the event is known and allowed from the current status; the actor
 * may send it (system or `authorize`); the payload and time guards. The input state is never mutated.
 */
export function transition(state: EscalationState, event: EscalationEvent, now: number, ctx: EscalationContext): EscalationTransition {
  if (!event || typeof event !== 'object' || !isKnownEvent(event.type)) {
    return refuse('invalid_input', `unknown event ${String((event as { type?: unknown } | null)?.type)}`);
  }
  if (!isTime(now)) return refuse('invalid_input', 'now must be a finite epoch-millisecond time');
  const actor = event.actor;
  if (!actor || !isText(actor.userId) || typeof actor.role !== 'string' || typeof actor.team !== 'string') {
    return refuse('invalid_input', 'the event has no valid actor');
  }

  const byStatus = statusGuard(state, event.type);
  if (byStatus) return byStatus;

  let handoffTeam: Handoff['team'] | undefined;
  if (event.type === 'handoff_answered') {
    const handoff = state.handoffs.find((h) => h.id === event.handoffId);
    if (!handoff) return refuse('invalid_input', `the case has no handoff ${String(event.handoffId)}`);
    if (handoff.status !== 'open') return refuse('invalid_transition', `handoff ${handoff.id} is already ${handoff.status}`);
    handoffTeam = handoff.team;
  }

  const refused = actorGuard(state, event.type, actor, handoffTeam) ?? inputGuard(state, event, now, ctx) ?? timeGuard(state, event.type, now, ctx, event);
  if (refused) return refused;

  const from = state.status;
  const d: Draft = { s: JSON.parse(JSON.stringify(state)) as EscalationState, effects: [], now, ctx, actor, reason: null, details: {} };
  (APPLY[event.type] as (d: Draft, e: EscalationEvent) => void)(d, event);
  updateLease(d, event);
  d.s.updatedAt = now;
  d.s.counters.transitions += 1;
  const audit: CaseEffect = {
    type: 'record',
    entry: { action: event.type, fromState: from, toState: d.s.status, actor, at: now, reason: d.reason, details: d.details },
  };
  return { ok: true, state: d.s, effects: [audit, ...d.effects] };
}

/** The system events due at `now`: clock warnings and breaches, the seller's deadline, a lapsed lease, the end of the reopen window. */
export function dueEvents(state: EscalationState, now: number, ctx: EscalationSettings): EscalationEvent[] {
  const events: EscalationEvent[] = [];
  for (const clock of state.clocks) {
    if (clock.status !== 'running') continue;
    if (!clock.warned && now >= clock.warnAt) events.push({ type: 'clock_warned', actor: SYSTEM_ACTOR, clockId: clock.id });
    if (now >= clock.deadlineAt && (CASE_CLOCKS as readonly string[]).includes(clock.kind)) {
      events.push({ type: 'clock_breached', actor: SYSTEM_ACTOR, clockId: clock.id });
    }
  }
  if (state.status === 'waiting_on_seller' && state.openInfoRequest && now >= state.openInfoRequest.deadline) {
    events.push({ type: 'seller_deadline_expired', actor: SYSTEM_ACTOR });
  }
  if (timeGuard(state, 'lease_expired', now, ctx) === null && statusGuard(state, 'lease_expired') === null) {
    events.push({ type: 'lease_expired', actor: SYSTEM_ACTOR });
  }
  const reopenEnds = reopenWindowEndsAt(state, ctx);
  if (reopenEnds !== null && now >= reopenEnds) events.push({ type: 'closed', actor: SYSTEM_ACTOR });
  return events;
}

/** When the next of those events falls due; undefined when nothing is waiting on time. */
export function nextWakeAt(state: EscalationState, ctx: EscalationSettings): number | undefined {
  const lease = state.lease && state.lease.userId === state.assigneeId ? state.lease.expiresAt : undefined;
  const times = [nextClockWake({ clocks: state.clocks }), state.openInfoRequest?.deadline, lease, reopenWindowEndsAt(state, ctx) ?? undefined];
  const due = times.filter((t): t is number => t !== undefined);
  return due.length ? Math.min(...due) : undefined;
}

/** When the reopen window of a resolved case ends; null if the case is not resolved. */
export function reopenWindowEndsAt(state: EscalationState, ctx: Pick<EscalationSettings, 'reopenWindowMs'>): number | null {
  return state.status === 'resolved' && state.resolvedAt !== null ? state.resolvedAt + ctx.reopenWindowMs : null;
}

export function isOpen(state: EscalationState): boolean {
  return !(ESCALATION_FINISHED_STATUSES as readonly EscalationStatus[]).includes(state.status);
}

/** The events a person may send now (see escalation.rules.ts); time guards apply when `now` is given. */
export function allowedActions(state: EscalationState, actor: Actor, options: { now?: number; ctx?: Pick<EscalationSettings, 'reopenWindowMs'> } = {}): EscalationEventType[] {
  return allowedEvents(state, actor, { now: options.now, ctx: options.ctx ?? { reopenWindowMs: DEFAULT_REOPEN_WINDOW_MS } });
}

/** Problems with a new case's input, for the workflow to refuse it before building the state. */
export function validateNewEscalation(input: NewEscalation): string | null {
  if (!input || typeof input !== 'object') return 'the input must be an object';
  for (const field of ['caseId', 'sellerId', 'marketplace', 'summary'] as const) {
    if (!isText(input[field])) return textProblem(field);
  }
  if (!oneOf(SEVERITIES, input.severity)) return `severity must be one of ${SEVERITIES.join(', ')}`;
  if (!oneOf(ESCALATION_CATEGORIES, input.category)) return `category must be one of ${ESCALATION_CATEGORIES.join(', ')}`;
  if (input.team !== undefined && !isText(input.team)) return textProblem('team');
  if (input.language !== undefined && !isText(input.language)) return textProblem('language');
  if (!input.createdBy || !isText(input.createdBy.userId)) return 'createdBy must be an actor';
  if (input.requestedAt !== undefined && !isTime(input.requestedAt)) return 'requestedAt must be an epoch-millisecond time';
  return null;
}
