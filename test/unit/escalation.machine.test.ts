import { Actor, SYSTEM_ACTOR } from '../../workflows/common/actor';
import type { CaseEffect } from '../../workflows/common/runtime/case-kind';
import {
  allowedActions,
  dueEvents,
  nextWakeAt,
  reopenWindowEndsAt,
  transition,
  validateNewEscalation,
  type EscalationTransition,
} from '../../workflows/escalation/escalation.machine';
import { clockPhase, EVENT_TYPES, TRANSITIONS } from '../../workflows/escalation/escalation.rules';
import {
  newEscalationState as createEscalation,
  openHandoffs,
  type EscalationEvent,
  type EscalationEventType,
  type EscalationState,
  type NewEscalation,
} from '../../workflows/escalation/escalation.state';
import { ESCALATION_STATUSES, RESOLUTION_CODES, ROOT_CAUSES, type EscalationStatus } from '../../workflows/escalation/escalation.vocabulary';
import { machineContext } from '../support/escalation-context';
import { heldForQa } from '../support/escalation-qa';

const T0 = Date.UTC(2025, 0, 6, 9);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const TEAM = 'seller-risk-eu';

const CTX = machineContext();

const sys = SYSTEM_ACTOR;
const spec: Actor = { userId: 'u-spec', role: 'specialist', team: TEAM };
const spec2: Actor = { userId: 'u-spec2', role: 'specialist', team: TEAM };
const senior: Actor = { userId: 'u-senior', role: 'senior_specialist', team: TEAM };
const manager: Actor = { userId: 'u-mgr', role: 'manager', team: TEAM };
const usSpec: Actor = { userId: 'u-us', role: 'specialist', team: 'seller-risk-us' };
const usManager: Actor = { userId: 'u-mgr-us', role: 'manager', team: 'seller-risk-us' };
const legal: Actor = { userId: 'u-legal', role: 'legal', team: 'legal' };
const policy: Actor = { userId: 'u-policy', role: 'policy', team: 'policy' };
const trust: Actor = { userId: 'u-trust', role: 'customer_trust', team: 'customer_trust' };
const am: Actor = { userId: 'u-am', role: 'account_manager', team: 'am-emea' };
const operator: Actor = { userId: 'u-op', role: 'operator', team: 'ops' };
const ACTORS = { sys, spec, spec2, senior, manager, usSpec, usManager, legal, policy, trust, am, operator };

function step(state: EscalationState, event: EscalationEvent, now = state.updatedAt + MIN): EscalationTransition {
  return transition(state, event, now, CTX);
}

function apply(state: EscalationState, event: EscalationEvent, now = state.updatedAt + MIN): EscalationState {
  const result = step(state, event, now);
  if (!result.ok) throw new Error(`${event.type} from ${state.status}: ${result.code}: ${result.reason}`);
  return result.state;
}

function effectsOf(state: EscalationState, event: EscalationEvent, now = state.updatedAt + MIN): CaseEffect[] {
  const result = step(state, event, now);
  if (!result.ok) throw new Error(`${event.type} from ${state.status}: ${result.code}: ${result.reason}`);
  return result.effects;
}

const INPUT: NewEscalation = {
  caseId: 'c-1',
  sellerId: 's-1',
  marketplace: 'DE',
  severity: 'high',
  category: 'other',
  summary: 'Payouts held after a sales spike',
  createdBy: spec,
  team: TEAM,
};
const fresh = () => createEscalation(INPUT, T0);

/** The clock the next clock event is due on (the soonest running one; for breaches, a team clock). */
function dueClock(state: EscalationState, type: 'clock_warned' | 'clock_breached') {
  const running = state.clocks.filter((c) => c.status === 'running' && (type === 'clock_warned' ? !c.warned : c.kind !== 'seller_response'));
  const at = (c: (typeof running)[number]) => (type === 'clock_warned' ? c.warnAt : c.deadlineAt);
  return running.sort((a, b) => at(a) - at(b))[0];
}

/** A representative, valid event of each type for `state`, sent by `actor`. */
function sample(type: EscalationEventType, state: EscalationState, actor: Actor): EscalationEvent {
  switch (type) {
    case 'triage_started':
    case 'acknowledged':
    case 'claimed':
    case 'seller_deadline_expired':
    case 'closed':
    case 'lease_expired':
      return { type, actor };
    case 'clock_warned':
    case 'clock_breached':
      return { type, actor, clockId: dueClock(state, type)?.id ?? 'none' };
    case 'assigned':
      return { type, actor, assigneeId: spec.userId };
    case 'queued':
      return { type, actor, reason: 'no eligible member' };
    case 'released':
      return { type, actor, reason: 'going on leave' };
    case 'info_requested':
      return { type, actor, question: 'Please send the invoices', deadline: state.updatedAt + 3 * DAY };
    case 'seller_responded':
      return { type, actor, summary: 'Invoices attached' };
    case 'handed_off':
      return { type, actor, team: 'legal', question: 'Is the hold lawful?' };
    case 'handoff_answered': {
      const open = openHandoffs(state);
      const handoff = open.find((h) => h.team === actor.role) ?? open[0];
      return { type, actor, handoffId: handoff?.id ?? 'none', outcome: 'advise', answer: 'Looks fine' };
    }
    case 'escalated':
      return { type, actor, reason: 'Needs a decision above my level' };
    case 'reassigned':
      return { type, actor, assigneeId: state.assigneeId === spec2.userId ? spec.userId : spec2.userId };
    case 'sla_extended':
      return { type, actor, clock: ['running', 'paused'].includes(clockPhase(state, 'resolution')) ? 'resolution' : 'first_response', byMs: DAY, reason: 'Seller on holiday' };
    case 'resolved':
      return { type, actor, resolutionCode: 'enforcement_reversed', rootCause: 'automation_false_positive' };
    case 'reopened':
      return { type, actor, reason: 'Seller appealed with new evidence' };
    case 'retriaged':
      return { type, actor, severity: state.severity === 'critical' ? 'low' : 'critical', reason: 'Sanctions list match confirmed' };
    case 'lease_renewed':
      return { type, actor };
    case 'qa_released': {
      const held = state.qaHold;
      return {
        type, actor,
        outcome: { reviewId: held?.reviewId ?? 'none', caseId: state.caseId, mode: 'pre_release', status: 'agreed', decision: held?.decision ?? { decision: 'duplicate', reason: null }, overturned: false, errorTypes: [], decidedBy: senior.userId },
      };
    }
  }
}

// One representative state per status, reached through the machine itself.
const F = {} as Record<EscalationStatus, EscalationState>;
F.new = fresh();
F.triage = apply(F.new, { type: 'triage_started', actor: sys });
F.queued = apply(F.triage, { type: 'queued', actor: sys, reason: 'no eligible member' });
F.assigned = apply(F.triage, { type: 'assigned', actor: sys, assigneeId: spec.userId });
F.in_progress = apply(F.assigned, { type: 'acknowledged', actor: spec });
F.waiting_on_seller = apply(F.in_progress, sample('info_requested', F.in_progress, spec));
F.waiting_on_handoff = apply(F.in_progress, { type: 'handed_off', actor: spec, team: 'legal', question: 'Lawful?' });
F.escalated_to_manager = apply(F.in_progress, { type: 'escalated', actor: spec, reason: 'Beyond my authority' });
F.resolved = apply(F.in_progress, sample('resolved', F.in_progress, spec));
F.qa_hold = heldForQa(F.in_progress, spec);
F.reopened = apply(F.resolved, sample('reopened', F.resolved, spec));
F.closed = apply(F.resolved, { type: 'closed', actor: sys }, (F.resolved.resolvedAt as number) + CTX.reopenWindowMs);

/** For handoff_answered: the fixture with a legal handoff open (non-blocking where the status must not change). */
function withHandoff(status: EscalationStatus): EscalationState {
  const s = F[status];
  if (openHandoffs(s).length > 0) return s;
  const by = status === 'escalated_to_manager' ? manager : spec;
  return apply(s, { type: 'handed_off', actor: by, team: 'legal', question: 'Lawful?', blocking: status !== 'in_progress' });
}

/** For lease_expired: the fixture held under a lease (a claim leases an in-progress case). */
function withLease(status: EscalationStatus): EscalationState {
  return status === 'in_progress' ? apply(F.queued, { type: 'claimed', actor: spec }) : F[status];
}

function fixtureFor(type: EscalationEventType, from: EscalationStatus): EscalationState {
  if (type === 'handoff_answered') return withHandoff(from);
  if (type === 'lease_expired') return withLease(from);
  return F[from];
}

function actorFor(type: EscalationEventType, state: EscalationState): Actor {
  switch (type) {
    case 'triage_started':
    case 'assigned':
    case 'queued':
    case 'seller_deadline_expired':
    case 'closed':
    case 'clock_warned':
    case 'clock_breached':
    case 'lease_expired':
    case 'qa_released':
      return sys;
    case 'handoff_answered':
      return legal;
    case 'reassigned':
    case 'sla_extended':
    case 'retriaged':
      return manager;
    case 'escalated':
      return state.assigneeId === null ? senior : spec;
    case 'handed_off':
    case 'resolved':
      return state.status === 'escalated_to_manager' ? manager : spec;
    default:
      return spec;
  }
}

function nowFor(type: EscalationEventType, state: EscalationState): number {
  if (type === 'seller_deadline_expired') return state.openInfoRequest?.deadline ?? state.updatedAt + MIN;
  if (type === 'closed') return (state.resolvedAt ?? state.updatedAt) + CTX.reopenWindowMs;
  if (type === 'lease_expired') return state.lease?.expiresAt ?? state.updatedAt + MIN;
  if (type === 'clock_warned') return dueClock(state, type)?.warnAt ?? state.updatedAt + MIN;
  if (type === 'clock_breached') return dueClock(state, type)?.deadlineAt ?? state.updatedAt + MIN;
  return state.updatedAt + MIN;
}

describe('the transition table', () => {
  it('names every event once and only known statuses', () => {
    expect(new Set(EVENT_TYPES).size).toBe(TRANSITIONS.length);
    for (const rule of TRANSITIONS) {
      for (const s of [...rule.from, ...rule.to]) expect(ESCALATION_STATUSES).toContain(s);
      expect(rule.action !== null || rule.system).toBe(true);
    }
  });

  it('reaches every status', () => {
    const reached = new Set(TRANSITIONS.flatMap((r) => r.to));
    expect(ESCALATION_STATUSES.filter((s) => s !== 'new' && !reached.has(s))).toEqual([]);
  });

  const allowed = TRANSITIONS.flatMap((rule) => rule.from.map((from) => [rule.event, from] as const));
  it.each(allowed)('%s from %s is applied, lands in the table and is audited', (type, from) => {
    const state = fixtureFor(type, from);
    const actor = actorFor(type, state);
    const now = nowFor(type, state);
    const result = step(state, sample(type, state, actor), now);
    if (!result.ok) throw new Error(`${result.code}: ${result.reason}`);
    expect(TRANSITIONS.find((r) => r.event === type)?.to).toContain(result.state.status);
    const [audit] = result.effects;
    expect(audit).toMatchObject({ type: 'record', entry: { action: type, fromState: state.status, toState: result.state.status, actor, at: now } });
    expect(audit.type === 'record' && (audit.entry.reason === null || typeof audit.entry.reason === 'string')).toBe(true);
    expect(result.state.updatedAt).toBe(now);
    expect(result.state.counters.transitions).toBe(state.counters.transitions + 1);
    expect(JSON.parse(JSON.stringify(result.state))).toStrictEqual(result.state);
  });

  const disallowed = TRANSITIONS.flatMap((rule) =>
    ESCALATION_STATUSES.filter((s) => !rule.from.includes(s)).map((from) => [rule.event, from] as const),
  );
  it.each(disallowed)('%s from %s is refused with a reason', (type, from) => {
    const state = F[from];
    const result = step(state, sample(type, state, actorFor(type, state)), nowFor(type, state));
    expect(result).toEqual({ ok: false, code: 'invalid_transition', reason: expect.stringContaining(`while the case is ${from}`) });
  });
});

describe('guards', () => {
  const handoffState = F.waiting_on_handoff;
  const legalHandoffId = openHandoffs(handoffState)[0].id;

  const guardCases: Array<[string, EscalationState, EscalationEvent, string, string, number?]> = [
    // who
    ['someone else acknowledges', F.assigned, { type: 'acknowledged', actor: spec2 }, 'forbidden', 'assigned to u-spec, not to u-spec2'],
    ['a manager acknowledges for the assignee', F.assigned, { type: 'acknowledged', actor: manager }, 'forbidden', 'role manager may not acknowledge'],
    ["another team's specialist claims", F.queued, { type: 'claimed', actor: usSpec }, 'forbidden', 'belongs to team seller-risk-eu'],
    ['a colleague resolves', F.in_progress, sample('resolved', F.in_progress, spec2), 'forbidden', 'not to u-spec2'],
    ['legal resolves', F.in_progress, sample('resolved', F.in_progress, legal), 'forbidden', 'role legal may not resolve escalation cases'],
    ['an operator resolves', F.in_progress, sample('resolved', F.in_progress, operator), 'forbidden', 'role operator may not resolve'],
    ["another team's manager reassigns", F.in_progress, sample('reassigned', F.in_progress, usManager), 'forbidden', 'only within team seller-risk-us'],
    ['a specialist reassigns', F.in_progress, sample('reassigned', F.in_progress, spec), 'forbidden', 'role specialist may not reassign'],
    ['a person starts triage', F.new, { type: 'triage_started', actor: manager }, 'forbidden', 'only the system sends triage_started'],
    ['a person closes', F.resolved, { type: 'closed', actor: manager }, 'forbidden', 'only the system sends closed'],
    ['the system resolves', F.in_progress, sample('resolved', F.in_progress, sys), 'forbidden', 'the system may not send resolved'],
    ['policy answers a legal handoff', handoffState, { type: 'handoff_answered', actor: policy, handoffId: legalHandoffId, outcome: 'approve' }, 'forbidden', 'answers only policy handoffs'],
    ['customer trust answers a legal handoff', handoffState, { type: 'handoff_answered', actor: trust, handoffId: legalHandoffId, outcome: 'approve' }, 'forbidden', 'addressed to legal'],
    ['the assignee resolves an escalated case', F.escalated_to_manager, sample('resolved', F.escalated_to_manager, spec), 'forbidden', 'only a manager of team seller-risk-eu may resolve it'],
    ['the assignee hands off an escalated case', F.escalated_to_manager, sample('handed_off', F.escalated_to_manager, spec), 'forbidden', 'may hand it off'],
    ['a person re-escalates', F.escalated_to_manager, { type: 'escalated', actor: spec, reason: 'again' }, 'invalid_transition', 'while the case is escalated_to_manager'],
    ['the system escalates by hand', F.in_progress, { type: 'escalated', actor: sys, reason: 'again' }, 'forbidden', 'the system may not send escalated'],
    ['a person sends a clock warning', F.in_progress, { ...sample('clock_warned', F.in_progress, sys), actor: manager }, 'forbidden', 'only the system sends clock_warned'],
    ['a person expires a lease', F.assigned, { type: 'lease_expired', actor: manager }, 'forbidden', 'only the system sends lease_expired'],
    ['a specialist escalates from the queue', F.queued, { type: 'escalated', actor: spec, reason: 'urgent' }, 'forbidden', 'the case is unassigned'],
    ['releasing an unassigned waiting case', apply(F.waiting_on_seller, { type: 'released', actor: manager }), { type: 'released', actor: manager }, 'invalid_transition', 'no assignee'],
    ['releasing a case someone else now holds', F.in_progress, { type: 'released', actor: manager, holder: spec2.userId }, 'invalid_transition', 'now held by u-spec, not u-spec2'],
    ['a warning of an unknown clock', F.in_progress, { type: 'clock_warned', actor: sys, clockId: 'nope' }, 'invalid_input', 'no clock nope'],
    ['a breach of the seller clock', apply(F.waiting_on_seller, { type: 'seller_responded', actor: spec }), { type: 'clock_breached', actor: sys, clockId: 'seller_response' }, 'invalid_input', 'not a team clock'],
    // what
    ['a deadline in the past', F.in_progress, { type: 'info_requested', actor: spec, question: 'Invoices?', deadline: F.in_progress.updatedAt }, 'invalid_input', 'deadline must be a time in the future'],
    ['an empty question', F.in_progress, { type: 'info_requested', actor: spec, question: '  ', deadline: T0 + 9 * DAY }, 'invalid_input', 'question must be non-empty'],
    ['an unknown handoff team', F.in_progress, { type: 'handed_off', actor: spec, team: 'finance' as never, question: 'Ok?' }, 'invalid_input', 'team must be one of legal, policy, customer_trust'],
    ['an unknown handoff', handoffState, { type: 'handoff_answered', actor: legal, handoffId: 'c-1/handoff/99', outcome: 'approve' }, 'invalid_input', 'no handoff c-1/handoff/99'],
    ['an unknown outcome', handoffState, { type: 'handoff_answered', actor: legal, handoffId: legalHandoffId, outcome: 'maybe' as never }, 'invalid_input', 'outcome must be one of approve, reject, advise'],
    ['an unknown resolution code', F.in_progress, { type: 'resolved', actor: spec, resolutionCode: 'fixed' as never, rootCause: 'seller_error' }, 'invalid_input', 'resolutionCode must be one of'],
    ['an unknown root cause', F.in_progress, { type: 'resolved', actor: spec, resolutionCode: 'duplicate', rootCause: 'gremlins' as never }, 'invalid_input', 'rootCause must be one of'],
    ['reassigning to the assignee', F.in_progress, { type: 'reassigned', actor: manager, assigneeId: spec.userId }, 'invalid_input', 'already assigned to u-spec'],
    ['an empty assignee', F.triage, { type: 'assigned', actor: sys, assigneeId: '' }, 'invalid_input', 'assigneeId must be non-empty'],
    ['extending by nothing', F.in_progress, { type: 'sla_extended', actor: manager, clock: 'resolution', byMs: 0, reason: 'x' }, 'invalid_input', 'byMs must be a positive'],
    ['extending a stopped clock', F.in_progress, { type: 'sla_extended', actor: manager, clock: 'first_response', byMs: DAY, reason: 'x' }, 'invalid_input', 'the first_response clock is stopped'],
    ['a reopen without a reason', F.resolved, { type: 'reopened', actor: spec, reason: '' }, 'invalid_input', 'reason must be non-empty'],
    ['triage of a case without a team', createEscalation({ ...INPUT, team: undefined }, T0), { type: 'triage_started', actor: sys }, 'invalid_input', 'must name one'],
    ['an unknown event', F.in_progress, { type: 'teleported', actor: spec } as never, 'invalid_input', 'unknown event teleported'],
    ['an event without an actor', F.in_progress, { type: 'acknowledged' } as never, 'invalid_input', 'no valid actor'],
    // when
    ['the seller deadline has not passed', F.waiting_on_seller, { type: 'seller_deadline_expired', actor: sys }, 'invalid_transition', 'has not passed', (F.waiting_on_seller.openInfoRequest?.deadline as number) - 1],
    ['reopening at the end of the window', F.resolved, sample('reopened', F.resolved, spec), 'invalid_transition', 'the reopen window closed at', (F.resolved.resolvedAt as number) + CTX.reopenWindowMs],
    ['closing inside the window', F.resolved, { type: 'closed', actor: sys }, 'invalid_transition', 'the reopen window is open until', (F.resolved.resolvedAt as number) + CTX.reopenWindowMs - 1],
    ['a warning before it is due', F.in_progress, sample('clock_warned', F.in_progress, sys), 'invalid_transition', 'warns at'],
    ['a breach before the deadline', F.in_progress, sample('clock_breached', F.in_progress, sys), 'invalid_transition', 'is due at'],
    ['a lease before it lapses', F.assigned, { type: 'lease_expired', actor: sys }, 'invalid_transition', 'the lease runs until'],
    ['a lease the holder renewed by acting', F.in_progress, { type: 'lease_expired', actor: sys }, 'invalid_transition', 'the lease runs until', F.in_progress.updatedAt + HOUR],
    ['a lease on a case waiting on the seller', F.waiting_on_seller, { type: 'lease_expired', actor: sys }, 'invalid_transition', 'while the case is waiting_on_seller', F.waiting_on_seller.updatedAt + 3 * HOUR],
    ['a lease renewed by someone else', F.in_progress, { type: 'lease_renewed', actor: spec2 }, 'forbidden', 'assigned to u-spec, not to u-spec2'],
    ['a manager renewing a lease', F.in_progress, { type: 'lease_renewed', actor: manager }, 'forbidden', 'role manager may not renew the lease'],
    ['a re-triage to the same severity', F.in_progress, { type: 'retriaged', actor: spec, severity: 'high', reason: 'x' }, 'invalid_input', 'already high other'],
    ['a re-triage without anything to change', F.in_progress, { type: 'retriaged', actor: spec, reason: 'x' } as EscalationEvent, 'invalid_input', 'give a new severity, a new category, or both'],
    ['a re-triage without a reason', F.in_progress, { type: 'retriaged', actor: spec, severity: 'low', reason: ' ' }, 'invalid_input', 'reason must be non-empty'],
    ['a re-triage to an unknown severity', F.in_progress, { type: 'retriaged', actor: spec, severity: 'urgent' as never, reason: 'x' }, 'invalid_input', 'severity must be one of'],
    ['a re-triage to a category its taxonomy lacks', F.in_progress, { type: 'retriaged', actor: spec, category: 'document_forgery', reason: 'x' }, 'invalid_input', 'category must be one of counterfeit'],
    ['a re-triage by a colleague', F.in_progress, { type: 'retriaged', actor: spec2, severity: 'low', reason: 'x' }, 'forbidden', 'not to u-spec2'],
    ['the assignee re-triaging an escalated case', F.escalated_to_manager, { type: 'retriaged', actor: spec, severity: 'low', reason: 'x' }, 'forbidden', 'only a manager of team seller-risk-eu may re-triage it'],
  ];
  // Rows padded to six cells: jest hands a test function with more parameters than cells a `done` callback.
  it.each(guardCases.map(([n, s, e, c, r, t]) => [n, s, e, c, r, t] as const))('%s', (_name, state, event, code, reason, now) => {
    const result = step(state, event, now ?? state.updatedAt + MIN);
    expect(result).toMatchObject({ ok: false, code, reason: expect.stringContaining(reason) });
  });

  it('passes the access denial code along', () => {
    expect(step(F.assigned, { type: 'acknowledged', actor: spec2 })).toMatchObject({ ok: false, code: 'forbidden', denial: 'not_assignee' });
    expect(step(handoffState, { type: 'handoff_answered', actor: policy, handoffId: legalHandoffId, outcome: 'approve' })).toMatchObject({
      denial: 'wrong_handoff_team',
    });
  });

  it('lets a senior specialist escalate a queued case of their team', () => {
    expect(apply(F.queued, { type: 'escalated', actor: senior, reason: 'Nobody free and the seller is big' }).status).toBe('escalated_to_manager');
  });

  it('never mutates the input state', () => {
    const before = JSON.stringify(F.in_progress);
    apply(F.in_progress, sample('resolved', F.in_progress, spec));
    apply(F.in_progress, { type: 'handed_off', actor: spec, team: 'policy', question: 'Ok?' });
    expect(JSON.stringify(F.in_progress)).toBe(before);
  });
});

describe('clocks, tasks and notifications', () => {
  const types = (effects: CaseEffect[]) => effects.map((e) => e.type);
  const clock = (state: EscalationState, id: string) => state.clocks.find((c) => c.id === id);
  const notices = (effects: CaseEffect[]) => effects.flatMap((e) => (e.type === 'notify' ? [{ to: e.notice.to, template: e.notice.template }] : []));

  it('triage starts both clocks and asks for routing', () => {
    const result = step(F.new, { type: 'triage_started', actor: sys });
    expect(result.ok && result.effects.slice(1)).toEqual([
      { type: 'route', item: { caseId: 'c-1', kind: 'escalation', marketplace: 'DE', team: TEAM } },
    ]);
    expect(result.ok && result.state.clocks.map((c) => [c.id, c.status, c.deadlineAt - c.startedAt])).toEqual([
      ['first_response', 'running', 2 * HOUR],
      ['resolution', 'running', 16 * HOUR],
    ]);
  });

  it('triage can name the team and passes the language to routing', () => {
    const state = createEscalation({ ...INPUT, team: undefined, language: 'de' }, T0);
    const result = step(state, { type: 'triage_started', actor: sys, team: 'seller-risk-dach' });
    expect(result).toMatchObject({ ok: true, state: { team: 'seller-risk-dach' } });
    expect(result.ok && result.effects).toContainEqual({
      type: 'route',
      item: { caseId: 'c-1', kind: 'escalation', marketplace: 'DE', team: 'seller-risk-dach', language: 'de' },
    });
  });

  it('assignment opens a work task due at the resolution deadline, tells the assignee and leases the case', () => {
    const now = F.triage.updatedAt + MIN;
    const result = step(F.triage, { type: 'assigned', actor: sys, assigneeId: spec.userId }, now);
    expect(result.ok && result.effects.slice(1)).toEqual([
      {
        type: 'task',
        task: {
          id: 'c-1/task/1', caseId: 'c-1', caseKind: 'escalation', kind: 'work', title: 'Work the escalation: Payouts held after a sales spike',
          assigneeId: spec.userId, team: TEAM, status: 'open', dueAt: clock(F.triage, 'resolution')?.deadlineAt, createdAt: now, completedAt: null,
        },
      },
      { type: 'notify', notice: { to: { kind: 'user', userId: spec.userId }, template: 'case_assigned', params: expect.objectContaining({ caseId: 'c-1', sellerId: 's-1', severity: 'high' }) } },
    ]);
    expect(result.ok && result.state.lease).toEqual({ userId: spec.userId, expiresAt: now + CTX.claimLeaseMs });
  });

  it('queueing opens a team task and tells the team and its managers; a claim completes it and is the first response', () => {
    expect(F.queued.openTask).toMatchObject({ kind: 'queue', assigneeId: null, dueAt: clock(F.queued, 'first_response')?.deadlineAt });
    expect(notices(effectsOf(F.triage, { type: 'queued', actor: sys, reason: 'no eligible member in team seller-risk-eu' }))).toEqual([
      { to: { kind: 'team', team: TEAM }, template: 'case_queued' },
      { to: { kind: 'managers', team: TEAM }, template: 'case_queued_no_one_eligible' },
    ]);
    const result = step(F.queued, { type: 'claimed', actor: spec2 });
    expect(result).toMatchObject({ ok: true, state: { status: 'in_progress', assigneeId: spec2.userId, acknowledgedAt: expect.any(Number) } });
    expect(result.ok && types(result.effects)).toEqual(['record', 'task', 'task']);
    expect(result.ok && clockPhase(result.state, 'first_response')).toBe('stopped');
    expect(result.ok && result.state.lease?.userId).toBe(spec2.userId);
  });

  it('the first acknowledgement stops the first-response clock, a later one does not', () => {
    expect(clockPhase(F.in_progress, 'first_response')).toBe('stopped');
    expect(clock(F.in_progress, 'first_response')).toMatchObject({ status: 'met' });
    const reassigned = apply(F.in_progress, { type: 'reassigned', actor: manager, assigneeId: spec2.userId });
    expect(reassigned.status).toBe('assigned');
    const again = apply(reassigned, { type: 'acknowledged', actor: spec2 });
    expect(again.clocks).toEqual(reassigned.clocks);
  });

  it("asking the seller pauses the resolution clock and starts the seller's own clock; the answer resumes it", () => {
    const deadline = F.in_progress.updatedAt + 3 * DAY;
    const effects = effectsOf(F.in_progress, { type: 'info_requested', actor: spec, question: 'Invoices?', deadline });
    expect(notices(effects)).toEqual([{ to: { kind: 'seller', sellerId: 's-1' }, template: 'seller_info_requested' }]);
    expect(clockPhase(F.waiting_on_seller, 'resolution')).toBe('paused');
    expect(clock(F.waiting_on_seller, 'seller_response')).toMatchObject({ status: 'running', deadlineAt: F.waiting_on_seller.openInfoRequest?.deadline, calendarId: 'always-on' });
    const answered = step(F.waiting_on_seller, { type: 'seller_responded', actor: spec, summary: 'Invoices attached' });
    expect(answered).toMatchObject({ ok: true, state: { status: 'in_progress', openInfoRequest: null } });
    expect(answered.ok && clockPhase(answered.state, 'resolution')).toBe('running');
    expect(answered.ok && clock(answered.state, 'seller_response')?.status).toBe('met');
    expect(answered.ok && notices(answered.effects)).toEqual([{ to: { kind: 'user', userId: spec.userId }, template: 'seller_responded' }]);
  });

  it('an expired seller deadline resumes the clock and tells the assignee, without marking the case breached', () => {
    const deadline = F.waiting_on_seller.openInfoRequest?.deadline as number;
    expect(dueEvents(F.waiting_on_seller, deadline, CTX).map((e) => e.type)).toEqual(['clock_warned', 'seller_deadline_expired']);
    const result = step(F.waiting_on_seller, { type: 'seller_deadline_expired', actor: sys }, deadline);
    expect(result).toMatchObject({
      ok: true,
      state: { status: 'in_progress', openInfoRequest: null, breaches: { first_response: false, resolution: false }, lastNote: { by: 'system', text: expect.stringContaining('did not answer "Please send the invoices"') } },
    });
    expect(result.ok && clockPhase(result.state, 'resolution')).toBe('running');
    expect(result.ok && notices(result.effects)).toEqual([{ to: { kind: 'user', userId: spec.userId }, template: 'seller_deadline_expired' }]);
  });

  it("the seller's clock reminds the seller, in their language; a team clock warns whoever holds the case", () => {
    const withLanguage = { ...F.waiting_on_seller, language: 'de' };
    const sellerClock = clock(withLanguage, 'seller_response')!;
    const reminded = effectsOf(withLanguage, { type: 'clock_warned', actor: sys, clockId: sellerClock.id }, sellerClock.warnAt);
    expect(reminded.find((e) => e.type === 'notify')).toMatchObject({
      notice: { to: { kind: 'seller', sellerId: 's-1' }, template: 'seller_info_reminder', language: 'de', params: { question: 'Please send the invoices', deadline: sellerClock.deadlineAt } },
    });
    const resolution = clock(F.in_progress, 'resolution')!;
    const warned = step(F.in_progress, { type: 'clock_warned', actor: sys, clockId: 'resolution' }, resolution.warnAt);
    expect(warned.ok && notices(warned.effects)).toEqual([{ to: { kind: 'user', userId: spec.userId }, template: 'sla_warning' }]);
    expect(warned.ok && clock(warned.state, 'resolution')?.warned).toBe(true);
    expect(warned.ok && dueEvents(warned.state, resolution.warnAt, CTX).filter((e) => e.type.startsWith('clock_'))).toEqual([]);
  });

  it('a breach marks it, escalates to the managers with a task and tells them', () => {
    const deadline = clock(F.in_progress, 'resolution')!.deadlineAt;
    expect(dueEvents(F.in_progress, deadline, CTX).filter((e) => e.type.startsWith('clock_'))).toEqual([
      { type: 'clock_warned', actor: sys, clockId: 'resolution' },
      { type: 'clock_breached', actor: sys, clockId: 'resolution' },
    ]);
    const result = step(F.in_progress, { type: 'clock_breached', actor: sys, clockId: 'resolution' }, deadline);
    expect(result).toMatchObject({
      ok: true,
      state: { status: 'escalated_to_manager', breaches: { resolution: true, first_response: false }, escalation: { by: 'system', breach: 'resolution' }, openTask: { kind: 'manager_review' } },
    });
    expect(result.ok && types(result.effects)).toEqual(['record', 'task', 'task', 'notify']);
    expect(result.ok && notices(result.effects)).toEqual([{ to: { kind: 'managers', team: TEAM }, template: 'case_escalated' }]);
    expect(result.ok && clock(result.state, 'resolution')).toMatchObject({ status: 'breached', breachedAt: deadline });
  });

  it('a first breach where the case cannot escalate tells the managers once; a further one says so', () => {
    const first = clock(F.triage, 'first_response')!.deadlineAt;
    const inTriage = step(F.triage, { type: 'clock_breached', actor: sys, clockId: 'first_response' }, first);
    expect(inTriage).toMatchObject({ ok: true, state: { status: 'triage', breaches: { first_response: true } } });
    expect(inTriage.ok && notices(inTriage.effects)).toEqual([{ to: { kind: 'managers', team: TEAM }, template: 'sla_breached' }]);

    const escalated = apply(F.assigned, { type: 'clock_breached', actor: sys, clockId: 'first_response' }, clock(F.assigned, 'first_response')!.deadlineAt);
    const again = step(escalated, { type: 'clock_breached', actor: sys, clockId: 'resolution' }, clock(escalated, 'resolution')!.deadlineAt);
    expect(again).toMatchObject({ ok: true, state: { status: 'escalated_to_manager', breaches: { first_response: true, resolution: true } } });
    expect(again.ok && notices(again.effects)).toEqual([{ to: { kind: 'managers', team: TEAM }, template: 'sla_breached_again' }]);
  });

  it('an untouched lease lapses: the case goes back to the queue and the holder is told', () => {
    const lease = F.assigned.lease!;
    expect(nextWakeAt(F.assigned, CTX)).toBe(Math.min(lease.expiresAt, clock(F.assigned, 'first_response')!.warnAt));
    expect(dueEvents(F.assigned, lease.expiresAt, CTX).map((e) => e.type)).toContain('lease_expired');
    const result = step(F.assigned, { type: 'lease_expired', actor: sys }, lease.expiresAt);
    expect(result).toMatchObject({ ok: true, state: { status: 'queued', assigneeId: null, lease: null, openTask: { kind: 'queue' } } });
    expect(result.ok && result.effects[0]).toMatchObject({ type: 'record', entry: { action: 'lease_expired', reason: 'lease_expired' } });
    expect(result.ok && notices(result.effects)).toContainEqual({ to: { kind: 'user', userId: spec.userId }, template: 'case_released' });
    // Acting on the case renews the lease.
    expect(F.in_progress.lease).toEqual({ userId: spec.userId, expiresAt: F.in_progress.updatedAt + CTX.claimLeaseMs });
  });

  it('resolving stops the clocks, cancels open handoffs and opens the reopen window', () => {
    const withHandoffs = apply(F.in_progress, { type: 'handed_off', actor: spec, team: 'policy', question: 'Precedent?', blocking: false });
    const now = withHandoffs.updatedAt + MIN;
    const result = step(withHandoffs, { type: 'resolved', actor: spec, resolutionCode: 'seller_remediated', rootCause: 'seller_error', note: 'Fixed listings' }, now);
    expect(result).toMatchObject({
      ok: true,
      state: {
        status: 'resolved',
        resolvedAt: now,
        resolution: { code: 'seller_remediated', rootCause: 'seller_error', note: 'Fixed listings', resolvedBy: spec.userId, resolvedAt: now },
        openTask: null,
        handoffs: [{ status: 'cancelled', closedAt: now }],
      },
    });
    expect(result.ok && ['first_response', 'resolution'].map((c) => clockPhase(result.state, c))).toEqual(['stopped', 'stopped']);
    expect(result.ok && result.effects.slice(1)).toEqual([
      { type: 'cancel_handoff', handoffId: 'c-1/handoff/1', reason: 'case resolved' },
      { type: 'task', task: { ...withHandoffs.openTask, status: 'done', completedAt: now } },
      { type: 'notify', notice: { to: { kind: 'seller', sellerId: 's-1' }, template: 'case_resolved', params: expect.objectContaining({ resolutionCode: 'seller_remediated' }) } },
    ]);
    expect(result.ok && reopenWindowEndsAt(result.state, CTX)).toBe(now + CTX.reopenWindowMs);
    expect(result.ok && nextWakeAt(result.state, CTX)).toBe(now + CTX.reopenWindowMs);
  });

  it('a manager resolves an escalated case that was never acknowledged, stopping both clocks', () => {
    const escalated = apply(F.assigned, { type: 'clock_breached', actor: sys, clockId: 'first_response' }, clock(F.assigned, 'first_response')!.deadlineAt);
    const result = step(escalated, sample('resolved', escalated, manager));
    expect(result).toMatchObject({ ok: true, state: { breaches: { first_response: true } } });
    expect(result.ok && ['first_response', 'resolution'].map((c) => clockPhase(result.state, c))).toEqual(['stopped', 'stopped']);
  });

  it('resolving after a deadline passed unnoticed records the breach: an SLA is never met late', () => {
    const late = clock(F.in_progress, 'resolution')!.deadlineAt + MIN;
    const result = step(F.in_progress, sample('resolved', F.in_progress, spec), late);
    expect(result).toMatchObject({ ok: true, state: { breaches: { resolution: true } } });
    expect(result.ok && clock(result.state, 'resolution')?.status).toBe('breached');
  });
});

describe('several handoffs and a seller wait at once', () => {
  it('waits until the last blocking handoff is answered', () => {
    let s = apply(F.in_progress, { type: 'handed_off', actor: spec, team: 'legal', question: 'Lawful?' });
    s = apply(s, { type: 'handed_off', actor: spec, team: 'policy', question: 'Policy?' });
    s = apply(s, { type: 'handed_off', actor: spec, team: 'customer_trust', question: 'Buyer harm?', blocking: false });
    expect(s.status).toBe('waiting_on_handoff');
    const [toLegal, toPolicy, toTrust] = s.handoffs;
    expect([toLegal.id, toPolicy.id, toTrust.id]).toEqual(['c-1/handoff/1', 'c-1/handoff/2', 'c-1/handoff/3']);

    s = apply(s, { type: 'handoff_answered', actor: legal, handoffId: toLegal.id, outcome: 'approve' });
    expect(s.status).toBe('waiting_on_handoff');
    expect(step(s, { type: 'handoff_answered', actor: legal, handoffId: toLegal.id, outcome: 'reject' })).toMatchObject({
      ok: false,
      code: 'invalid_transition',
      reason: `handoff ${toLegal.id} is already answered`,
    });

    s = apply(s, { type: 'handoff_answered', actor: policy, handoffId: toPolicy.id, outcome: 'reject', answer: 'Violates 4.2' });
    expect(s.status).toBe('in_progress');
    expect(openHandoffs(s).map((h) => h.id)).toEqual([toTrust.id]);
    expect(s.handoffs[1]).toMatchObject({ status: 'answered', outcome: 'reject', answer: 'Violates 4.2', answeredBy: policy.userId });

    s = apply(s, { type: 'handoff_answered', actor: trust, handoffId: toTrust.id, outcome: 'advise' });
    expect(s.status).toBe('in_progress');
  });

  it('a non-blocking handoff does not stop the work', () => {
    const s = apply(F.in_progress, { type: 'handed_off', actor: spec, team: 'legal', question: 'FYI', blocking: false });
    expect(s.status).toBe('in_progress');
    const now = s.updatedAt + MIN;
    expect(step(s, { type: 'handed_off', actor: spec, team: 'legal', question: 'Another' }, now)).toMatchObject({
      ok: true,
      state: { status: 'waiting_on_handoff', handoffs: [{}, { id: 'c-1/handoff/2', dueAt: now + 16 * HOUR }] },
      effects: expect.arrayContaining([
        {
          type: 'start_handoff',
          handoff: {
            handoffId: 'c-1/handoff/2', caseId: 'c-1', caseKind: 'escalation', caseTeam: TEAM, team: 'legal', question: 'Another', blocking: true,
            context: { sellerId: 's-1', marketplace: 'DE', severity: 'high', category: 'other', summary: INPUT.summary },
            requestedBy: spec, requestedAt: now, sla: CTX.handoffs.legal,
          },
        },
      ]),
    });
  });

  it('the seller wait takes precedence over a handoff wait, in either order', () => {
    let s = apply(F.waiting_on_handoff, { type: 'info_requested', actor: spec, question: 'Invoices?', deadline: T0 + 10 * DAY });
    expect(s.status).toBe('waiting_on_seller');
    expect(clockPhase(s, 'resolution')).toBe('paused');
    s = apply(s, { type: 'handoff_answered', actor: legal, handoffId: 'c-1/handoff/1', outcome: 'advise' });
    expect(s.status).toBe('waiting_on_seller');
    s = apply(s, { type: 'handed_off', actor: spec, team: 'policy', question: 'Policy?' });
    expect(s.status).toBe('waiting_on_seller');
    s = apply(s, { type: 'seller_responded', actor: sys });
    expect(s.status).toBe('waiting_on_handoff');
    expect(clockPhase(s, 'resolution')).toBe('running');
    s = apply(s, { type: 'handoff_answered', actor: policy, handoffId: 'c-1/handoff/2', outcome: 'approve' });
    expect(s.status).toBe('in_progress');
  });

  it('an escalated case keeps its handoffs and stays with the manager when they are answered', () => {
    let s = apply(F.waiting_on_handoff, { type: 'escalated', actor: spec, reason: 'Need a call' });
    s = apply(s, { type: 'handed_off', actor: manager, team: 'policy', question: 'Policy?' });
    const answered = step(s, { type: 'handoff_answered', actor: legal, handoffId: 'c-1/handoff/1', outcome: 'approve' });
    expect(answered).toMatchObject({ ok: true, state: { status: 'escalated_to_manager' } });
    expect(answered.ok && answered.effects[1]).toMatchObject({ type: 'notify', notice: { to: { kind: 'managers', team: TEAM }, template: 'handoff_answered' } });
    // Reassigned with a blocking handoff still open: the new assignee inherits the wait.
    const back = apply(answered.ok ? answered.state : s, { type: 'reassigned', actor: manager, assigneeId: spec.userId, reason: 'Proceed' });
    expect(back).toMatchObject({ status: 'waiting_on_handoff', assigneeId: spec.userId, escalation: null, openTask: { kind: 'work', assigneeId: spec.userId } });
  });
});

describe('release, reassignment and the queue', () => {
  it('a release by the assignee puts the case back in the queue', () => {
    const result = step(F.in_progress, { type: 'released', actor: spec });
    expect(result).toMatchObject({ ok: true, state: { status: 'queued', assigneeId: null, openTask: { kind: 'queue' } } });
    expect(result.ok && result.effects.slice(1).map((e) => e.type)).toEqual(['task', 'task', 'notify']);
  });

  it("a manager's release (out of office) tells the former assignee and keeps the clocks running", () => {
    const result = step(F.assigned, { type: 'released', actor: manager, reason: 'out_of_office (marked by u-mgr)', holder: spec.userId });
    expect(result.ok && result.effects).toContainEqual({
      type: 'notify',
      notice: { to: { kind: 'user', userId: spec.userId }, template: 'case_released', params: expect.objectContaining({ reason: 'out_of_office (marked by u-mgr)' }) },
    });
    expect(result.ok && clockPhase(result.state, 'first_response')).toBe('running');
    expect(result.ok && result.effects[0]).toMatchObject({ type: 'record', entry: { actor: manager, reason: 'out_of_office (marked by u-mgr)' } });
  });

  it('the system no longer releases cases: a lapsed lease is its own event', () => {
    expect(step(F.assigned, { type: 'released', actor: sys })).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('a case released while waiting stays waiting and reaches the queue when the wait ends', () => {
    let s = apply(F.waiting_on_seller, { type: 'released', actor: manager, reason: 'out_of_office' });
    expect(s).toMatchObject({ status: 'waiting_on_seller', assigneeId: null, openTask: null });
    const result = step(s, { type: 'seller_responded', actor: manager });
    expect(result).toMatchObject({ ok: true, state: { status: 'queued', openTask: { kind: 'queue', team: TEAM } } });
    expect(result.ok && result.effects).toContainEqual({ type: 'notify', notice: { to: { kind: 'team', team: TEAM }, template: 'case_queued', params: expect.anything() } });
    s = apply(result.ok ? result.state : s, { type: 'claimed', actor: spec2 });
    expect(s).toMatchObject({ status: 'in_progress', assigneeId: spec2.userId });
  });

  it('a manager may move a case to another team', () => {
    const s = apply(F.in_progress, { type: 'reassigned', actor: manager, assigneeId: usSpec.userId, team: 'seller-risk-us' });
    expect(s).toMatchObject({ team: 'seller-risk-us', assigneeId: usSpec.userId, status: 'assigned' });
    expect(step(s, { type: 'acknowledged', actor: usSpec })).toMatchObject({ ok: true });
    expect(step(s, sample('reassigned', s, manager))).toMatchObject({ ok: false, denial: 'wrong_team' });
  });

  it('a manager assigns from the queue', () => {
    expect(apply(F.queued, { type: 'assigned', actor: manager, assigneeId: spec2.userId })).toMatchObject({ status: 'assigned', assigneeId: spec2.userId });
  });
});

describe('reopen window', () => {
  const resolvedAt = F.resolved.resolvedAt as number;

  it.each<[string, number, boolean, boolean]>([
    ['right after resolving', resolvedAt + MIN, true, false],
    ['a moment before the end', resolvedAt + CTX.reopenWindowMs - 1, true, false],
    ['at the end', resolvedAt + CTX.reopenWindowMs, false, true],
    ['long after', resolvedAt + 30 * DAY, false, true],
  ])('%s: reopen %s, close %s', (_name, now, canReopen, canClose) => {
    expect(step(F.resolved, sample('reopened', F.resolved, spec), now).ok).toBe(canReopen);
    expect(step(F.resolved, { type: 'closed', actor: sys }, now).ok).toBe(canClose);
  });

  it('uses the window passed in', () => {
    expect(transition(F.resolved, sample('reopened', F.resolved, spec), resolvedAt + 2 * DAY, { ...CTX, reopenWindowMs: DAY }).ok).toBe(false);
    expect(transition(F.resolved, { type: 'closed', actor: sys }, resolvedAt + 2 * DAY, { ...CTX, reopenWindowMs: DAY }).ok).toBe(true);
  });

  it('reopening keeps the old resolution, restarts the resolution clock and gives the assignee the case back', () => {
    const result = step(F.resolved, sample('reopened', F.resolved, manager));
    expect(result).toMatchObject({
      ok: true,
      state: {
        status: 'reopened',
        reopenCount: 1,
        resolution: null,
        resolvedAt: null,
        previousResolutions: [F.resolved.resolution],
        openTask: { kind: 'work', assigneeId: spec.userId },
      },
    });
    expect(result.ok && result.state.clocks.map((c) => [c.id, c.status])).toEqual([
      ['first_response', 'met'],
      ['resolution', 'met'],
      ['resolution#2', 'running'],
    ]);
    expect(result.ok && result.effects.slice(1).map((e) => e.type)).toEqual(['task', 'notify']);
  });

  it('a reopened case without an assignee goes to the queue', () => {
    let s = apply(F.queued, { type: 'clock_breached', actor: sys, clockId: 'first_response' }, F.queued.clocks[0].deadlineAt);
    s = apply(s, sample('resolved', s, manager));
    expect(apply(s, sample('reopened', s, manager))).toMatchObject({ status: 'queued', openTask: { kind: 'queue' } });
  });

  it('a reopened case is resolved again and counted', () => {
    let s = apply(F.reopened, { type: 'acknowledged', actor: spec });
    s = apply(s, { type: 'resolved', actor: spec, resolutionCode: 'enforcement_upheld', rootCause: 'seller_bad_faith' });
    s = apply(s, sample('reopened', s, spec));
    expect(s).toMatchObject({ reopenCount: 2, previousResolutions: [{ code: 'enforcement_reversed' }, { code: 'enforcement_upheld' }] });
  });
});

describe('allowedActions', () => {
  it.each<[EscalationStatus, Actor, EscalationEventType[]]>([
    ['new', sys, ['triage_started']],
    ['triage', sys, ['assigned', 'queued']],
    ['triage', manager, ['assigned']],
    ['queued', spec, ['claimed']],
    ['queued', senior, ['claimed', 'escalated']],
    ['queued', usSpec, []],
    ['assigned', spec, ['acknowledged', 'released', 'escalated', 'lease_renewed', 'retriaged']],
    ['assigned', spec2, []],
    ['in_progress', spec, ['released', 'info_requested', 'handed_off', 'escalated', 'resolved', 'lease_renewed', 'retriaged']],
    ['in_progress', manager, ['released', 'info_requested', 'handed_off', 'reassigned', 'sla_extended', 'resolved', 'retriaged']],
    ['waiting_on_seller', spec, ['released', 'seller_responded', 'handed_off', 'retriaged']],
    ['waiting_on_handoff', legal, ['handoff_answered']],
    ['waiting_on_handoff', policy, []],
    ['escalated_to_manager', spec, []],
    ['escalated_to_manager', manager, ['handed_off', 'reassigned', 'sla_extended', 'resolved', 'retriaged']],
    ['queued', manager, ['assigned', 'sla_extended', 'retriaged']],
    ['escalated_to_manager', sys, []],
    ['assigned', sys, []],
    ['resolved', spec, ['reopened']],
    ['resolved', operator, []],
    ['closed', manager, []],
  ])('%s, %o', (status, actor, expected) => {
    expect(allowedActions(F[status], actor, { now: F[status].updatedAt + MIN, ctx: CTX })).toEqual(expected);
  });

  it('applies time guards only when given the time', () => {
    const end = (F.resolved.resolvedAt as number) + CTX.reopenWindowMs;
    expect(allowedActions(F.resolved, sys, { now: end, ctx: CTX })).toEqual(['closed']);
    expect(allowedActions(F.resolved, sys, { now: end - 1, ctx: CTX })).toEqual(['reopened']);
    expect(allowedActions(F.resolved, sys)).toEqual(['reopened', 'closed']);
  });

  const fixtures: Array<[string, EscalationState]> = [
    ...ESCALATION_STATUSES.map((s) => [s, F[s]] as [string, EscalationState]),
    ['in_progress with a handoff', withHandoff('in_progress')],
    ['waiting_on_seller with a handoff', withHandoff('waiting_on_seller')],
    ['escalated_to_manager with a handoff', withHandoff('escalated_to_manager')],
  ];
  const pairs = fixtures.flatMap(([name, state]) => Object.entries(ACTORS).map(([who, actor]) => [name, who, state, actor] as const));
  it.each(pairs)('agrees with transition: %s, %s', (_name, _who, state, actor) => {
    const now = state.updatedAt + MIN;
    const accepted = EVENT_TYPES.filter((type) => step(state, sample(type, state, actor), now).ok);
    expect(allowedActions(state, actor, { now, ctx: CTX })).toEqual(accepted);
  });
});

describe('createEscalation', () => {
  it('builds a new case with no clock yet', () => {
    expect(fresh()).toMatchObject({
      caseId: 'c-1',
      status: 'new',
      team: TEAM,
      language: null,
      createdBy: spec.userId,
      createdAt: T0,
      updatedAt: T0,
      assigneeId: null,
      clocks: [],
      lease: null,
      breaches: { first_response: false, resolution: false },
      handoffs: [],
      reopenCount: 0,
    });
    expect(JSON.parse(JSON.stringify(fresh()))).toStrictEqual(fresh());
  });

  it('takes the time the API accepted the case', () => {
    expect(createEscalation({ ...INPUT, requestedAt: T0 - 5 }, T0)).toMatchObject({ createdAt: T0 - 5, updatedAt: T0 });
  });

  it.each<[string, Record<string, unknown>, string | null]>([
    ['a valid input', {}, null],
    ['no case id', { caseId: '' }, 'caseId must be non-empty'],
    ['a blank summary', { summary: '   ' }, 'summary must be non-empty'],
    ['an empty team', { team: '' }, 'team must be non-empty'],
    ['no creator', { createdBy: undefined }, 'createdBy must be an actor'],
    ['a bad time', { requestedAt: Number.NaN }, 'requestedAt must be an epoch-millisecond time'],
    ['an unknown severity', { severity: 'urgent' }, 'severity must be one of'],
    ['an unknown category', { category: 'misc' }, 'category must be one of'],
  ])('validates %s', (_name, over, problem) => {
    const input = { caseId: 'c-1', sellerId: 's-1', marketplace: 'DE', severity: 'low', category: 'other', summary: 'x', createdBy: spec, ...over };
    const result = validateNewEscalation(input as never);
    if (problem === null) expect(result).toBeNull();
    else expect(result).toContain(problem);
  });

  it('exports the taxonomies', () => {
    expect(RESOLUTION_CODES.length).toBeGreaterThan(0);
    expect(ROOT_CAUSES).toContain('not_applicable');
  });
});
