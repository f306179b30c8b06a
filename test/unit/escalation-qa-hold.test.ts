import { SYSTEM_ACTOR, type Actor } from '../../workflows/common/actor';
import type { CaseEffect } from '../../workflows/common/runtime/case-kind';
import { allowedActions, dueEvents, transition } from '../../workflows/escalation/escalation.machine';
import { clockPhase } from '../../workflows/escalation/escalation.rules';
import { newEscalationState, type EscalationEvent, type EscalationState } from '../../workflows/escalation/escalation.state';
import type { QaOutcome } from '../../workflows/qa-review/qa-review.contract';
import { machineContext } from '../support/escalation-context';
import { heldForQa, newStarterAt, qaContext } from '../support/escalation-qa';

const T0 = Date.UTC(2026, 10, 30, 9);
const MIN = 60_000;
const TEAM = 'seller-risk-eu';
const spec: Actor = { userId: 'u-new', role: 'specialist', team: TEAM };
const senior: Actor = { userId: 'u-senior', role: 'senior_specialist', team: TEAM };
const manager: Actor = { userId: 'u-mgr', role: 'manager', team: TEAM };
const CTX = qaContext();

function apply(state: EscalationState, event: EscalationEvent, now = state.updatedAt + MIN, ctx = CTX): EscalationState {
  const r = transition(state, event, now, ctx);
  if (!r.ok) throw new Error(`${event.type} from ${state.status}: ${r.reason}`);
  return r.state;
}

function inProgress(): EscalationState {
  const created = newEscalationState({ caseId: 'c-qa', sellerId: 's-1', marketplace: 'DE', severity: 'high', category: 'counterfeit', summary: 'Fakes', createdBy: spec, team: TEAM }, T0);
  const triaged = apply(created, { type: 'triage_started', actor: SYSTEM_ACTOR }, T0);
  const assigned = apply(triaged, { type: 'assigned', actor: SYSTEM_ACTOR, assigneeId: spec.userId });
  return apply(assigned, { type: 'acknowledged', actor: spec });
}

const outcome = (s: EscalationState, over: Partial<QaOutcome> = {}): QaOutcome => ({
  reviewId: s.qaHold!.reviewId, caseId: s.caseId, mode: 'pre_release', status: 'agreed', decision: s.qaHold!.decision, overturned: false, errorTypes: [], decidedBy: senior.userId, ...over,
});
const released = (s: EscalationState, o: QaOutcome, now = s.updatedAt + MIN) => transition(s, { type: 'qa_released', actor: SYSTEM_ACTOR, outcome: o }, now, CTX);
const ofType = <T extends CaseEffect['type']>(effects: CaseEffect[], type: T) => effects.filter((e): e is Extract<CaseEffect, { type: T }> => e.type === type);

describe('an escalation resolution held for pre-release QA', () => {
  it("holds a new starter's resolution: not in effect, the review starts linked to the case, nothing tells the seller", () => {
    const before = inProgress();
    const now = before.updatedAt + MIN;
    const r = transition(before, { type: 'resolved', actor: spec, resolutionCode: 'enforcement_upheld', rootCause: 'seller_bad_faith', note: 'n', makerStartedOn: newStarterAt(now) }, now, CTX);
    if (!r.ok) throw new Error(r.reason);
    expect(r.state).toMatchObject({
      status: 'qa_hold', resolution: null, resolvedAt: null, openTask: null, lease: null,
      qaHold: { reviewId: 'c-qa:escalation_resolution:1', maker: spec.userId, decision: { decision: 'enforcement_upheld', reason: 'seller_bad_faith' }, decidedAt: now, from: 'in_progress', resolution: { code: 'enforcement_upheld', resolvedBy: spec.userId } },
    });
    // The resolution clock keeps counting: the seller still has no answer.
    expect(clockPhase(r.state, 'resolution')).toBe('running');
    expect(clockPhase(r.state, 'first_response')).toBe('stopped');
    expect(r.effects[0]).toMatchObject({ type: 'record', entry: { action: 'resolved', fromState: 'in_progress', toState: 'qa_hold', details: { qaSampled: true, qaHeld: true } } });
    expect(ofType(r.effects, 'notify')).toEqual([]);
    expect(ofType(r.effects, 'qa_record')[0].row).toMatchObject({ mode: 'pre_release', status: 'awaiting_review', sampled: true });
    const [start] = ofType(r.effects, 'start_workflow');
    expect(start.child).toMatchObject({ workflowType: 'qaReviewWorkflow', workflowId: 'qa-review-c-qa:escalation_resolution:1', resultSignal: 'qaReviewOutcome' });
    expect(start.child.detached).toBeUndefined();
  });

  it('cancels the open handoffs when the resolution is held: the decision no longer waits for them', () => {
    const withHandoff = apply(inProgress(), { type: 'handed_off', actor: spec, team: 'policy', question: 'Precedent?', blocking: false });
    const held = heldForQa(withHandoff, spec);
    expect(held.handoffs).toMatchObject([{ status: 'cancelled' }]);
  });

  it('lets nobody act on the held case: only the QA outcome (and the clocks) move it', () => {
    const held = heldForQa(inProgress(), spec);
    for (const who of [spec, senior, manager]) expect(allowedActions(held, who)).toEqual([]);
    const refused = transition(held, { type: 'reopened', actor: manager, reason: 'x' }, held.updatedAt + MIN, CTX);
    expect(refused).toMatchObject({ ok: false, code: 'invalid_transition' });
    const byPerson = transition(held, { type: 'qa_released', actor: manager, outcome: outcome(held) }, held.updatedAt + MIN, CTX);
    expect(byPerson).toMatchObject({ ok: false, code: 'forbidden' });
    const otherReview = released(held, outcome(held, { reviewId: 'c-qa:escalation_resolution:9' }));
    expect(otherReview).toMatchObject({ ok: false, code: 'invalid_input', field: 'outcome' });
  });

  it('agreement releases the maker resolution exactly as an unsampled one takes effect', () => {
    const held = heldForQa(inProgress(), spec);
    const now = held.updatedAt + 30 * MIN;
    const r = released(held, outcome(held), now);
    if (!r.ok) throw new Error(r.reason);
    expect(r.state).toMatchObject({ status: 'resolved', resolvedAt: now, qaHold: null, resolution: { code: 'enforcement_upheld', rootCause: 'seller_bad_faith', resolvedBy: spec.userId, resolvedAt: now } });
    expect(clockPhase(r.state, 'resolution')).toBe('stopped');
    expect(r.effects[0]).toMatchObject({ type: 'record', entry: { action: 'qa_released', fromState: 'qa_hold', toState: 'resolved', actor: SYSTEM_ACTOR, details: { overturned: false, makerDecision: 'enforcement_upheld', releasedDecision: 'enforcement_upheld', qaStatus: 'agreed' } } });
    expect(ofType(r.effects, 'notify')).toEqual([expect.objectContaining({ notice: expect.objectContaining({ to: { kind: 'seller', sellerId: 's-1' }, template: 'case_resolved', params: expect.objectContaining({ resolutionCode: 'enforcement_upheld' }) }) })]);
    // The reopen window runs from the release.
    expect(dueEvents(r.state, now + CTX.reopenWindowMs, CTX).map((e) => e.type)).toContain('closed');
  });

  it('disagreement: the adjudicated resolution takes effect and the audit trail says it was overturned', () => {
    const held = heldForQa(inProgress(), spec);
    const r = released(held, outcome(held, { status: 'adjudicated', overturned: true, decision: { decision: 'enforcement_reversed', reason: 'automation_false_positive' }, decidedBy: manager.userId, errorTypes: ['false_positive'] }));
    if (!r.ok) throw new Error(r.reason);
    expect(r.state.resolution).toMatchObject({ code: 'enforcement_reversed', rootCause: 'automation_false_positive', resolvedBy: manager.userId });
    expect(r.effects[0]).toMatchObject({
      type: 'record',
      entry: { action: 'qa_released', reason: expect.stringContaining('QA overturned enforcement_upheld'), details: { overturned: true, qaStatus: 'adjudicated', makerDecision: 'enforcement_upheld', releasedDecision: 'enforcement_reversed', decidedBy: manager.userId, errorTypes: 'false_positive' } },
    });
    expect(ofType(r.effects, 'notify')[0].notice.params).toMatchObject({ resolutionCode: 'enforcement_reversed' });
  });

  it('an adjudicated reason outside the taxonomy keeps the maker root cause', () => {
    const held = heldForQa(inProgress(), spec);
    const r = released(held, outcome(held, { status: 'adjudicated', overturned: true, decision: { decision: 'no_violation_found', reason: 'not a root cause' } }));
    expect(r.ok && r.state.resolution).toMatchObject({ code: 'no_violation_found', rootCause: 'seller_bad_faith' });
  });

  it('the resolution clock keeps running while held: a breach is recorded and the managers told, the case stays held', () => {
    const held = heldForQa(inProgress(), spec);
    const clock = held.clocks.find((c) => c.kind === 'resolution' && c.status === 'running')!;
    const due = dueEvents(held, clock.deadlineAt, CTX);
    expect(due.map((e) => e.type)).toEqual(['clock_warned', 'clock_breached']);
    const warned = apply(held, due[0], clock.deadlineAt);
    const breach = transition(warned, due[1], clock.deadlineAt, CTX);
    if (!breach.ok) throw new Error(breach.reason);
    expect(breach.state).toMatchObject({ status: 'qa_hold', breaches: { resolution: true } });
    expect(ofType(breach.effects, 'notify').map((n) => [n.notice.to, n.notice.template])).toEqual([[{ kind: 'managers', team: TEAM }, 'sla_breached']]);
  });

  it('a manager resolving an escalated case is held the same way and released back to resolved', () => {
    const escalated = apply(inProgress(), { type: 'escalated', actor: spec, reason: 'beyond me' });
    const held = heldForQa(escalated, manager);
    expect(held.qaHold?.from).toBe('escalated_to_manager');
    expect(released(held, outcome(held))).toMatchObject({ ok: true, state: { status: 'resolved', resolution: { resolvedBy: manager.userId } } });
  });

  it('runs started before the hold (no qaHold feature) audit a pre-release sample after release, as before', () => {
    const old = machineContext({ qa: CTX.qa, features: { leaseRenewal: true } });
    const before = inProgress();
    const now = before.updatedAt + MIN;
    const r = transition(before, { type: 'resolved', actor: spec, resolutionCode: 'enforcement_upheld', rootCause: 'seller_bad_faith', makerStartedOn: newStarterAt(now) }, now, old);
    if (!r.ok) throw new Error(r.reason);
    expect(r.state.status).toBe('resolved');
    expect(ofType(r.effects, 'qa_record')[0].row.mode).toBe('post_release');
    expect(ofType(r.effects, 'start_workflow')[0].child.detached).toBe(true);
  });
});
