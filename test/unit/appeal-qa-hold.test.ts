import { SYSTEM_ACTOR } from '../../workflows/common/actor';
import type { CaseEffect } from '../../workflows/common/runtime/case-kind';
import type { AppealContext } from '../../workflows/appeal/appeal.contract';
import { dueEvents, newAppealState, transition } from '../../workflows/appeal/appeal.machine';
import { allowedAppealEvents } from '../../workflows/appeal/appeal.rules';
import type { AppealEvent, AppealState } from '../../workflows/appeal/appeal.state';
import type { QaOutcome } from '../../workflows/qa-review/qa-review.contract';
import { appealActors as a, appealInput, appealSettings } from '../support/appeal-fixtures';

/** Appeal decisions held for pre-release QA: a denial at once, a reinstatement once approved. */
const T0 = Date.UTC(2026, 10, 30, 9);
const HOUR = 3_600_000;
const newStarter = new Date(T0 - 7 * 24 * HOUR).toISOString().slice(0, 10);
const policy = { version: 'qa-test', defaultRate: 1, defaultMode: 'post_release' as const, newStarterWeeks: 6, newStarterRate: 1, newStarterMode: 'pre_release' as const, rules: [] };
const ctx: AppealContext = { ...appealSettings(), qa: { policy, hold: { remindAfterMs: 4 * HOUR, escalateAfterMs: 8 * HOUR } }, features: { qaHold: true } };

function step(s: AppealState, e: AppealEvent, at = s.updatedAt + 60_000, c = ctx): { s: AppealState; effects: CaseEffect[] } {
  const t = transition(s, e, at, c);
  if (!t.ok) throw new Error(`${e.type} refused: ${t.reason}`);
  return { s: t.state, effects: t.effects };
}

function inReview(): AppealState {
  let s = newAppealState(appealInput(), T0);
  s = step(s, { type: 'triage_started', actor: SYSTEM_ACTOR }, T0).s;
  s = step(s, { type: 'assigned', actor: SYSTEM_ACTOR, assigneeId: 'ben' }).s;
  return step(s, { type: 'acknowledged', actor: a.ben }).s;
}

const deny: AppealEvent = { type: 'decision_made', actor: a.ben, decision: 'deny', reasonCode: 'corrective_actions_insufficient', rationale: 'No audit proof', facts: 'The audit report was not provided', makerStartedOn: newStarter };
const reinstate: AppealEvent = { type: 'decision_made', actor: a.ben, decision: 'reinstate', reasonCode: 'plan_of_action_accepted', rationale: 'Plan is complete', makerStartedOn: newStarter };
const outcome = (s: AppealState, over: Partial<QaOutcome> = {}): QaOutcome => ({
  reviewId: s.qaHold!.reviewId, caseId: s.caseId, mode: 'pre_release', status: 'agreed', decision: s.qaHold!.decision, overturned: false, errorTypes: [], decidedBy: 'kim', ...over,
});
const qaReleased = (s: AppealState, o: QaOutcome) => step(s, { type: 'qa_released', actor: SYSTEM_ACTOR, outcome: o });
const ofType = <T extends CaseEffect['type']>(effects: CaseEffect[], type: T) => effects.filter((e): e is Extract<CaseEffect, { type: T }> => e.type === type);
const sellerNotices = (effects: CaseEffect[]) => ofType(effects, 'notify').filter((n) => n.notice.to.kind === 'seller').map((n) => n.notice.template);

describe('an appeal denial held for pre-release QA', () => {
  it('is held at once: no statement, nothing to the seller, the review starts linked, nobody may act on it', () => {
    const { s, effects } = step(inReview(), deny);
    expect(s).toMatchObject({ status: 'qa_hold', statement: null, outcome: null, decidedAt: null, decision: { decision: 'deny', status: 'pending' }, qaHold: { reviewId: `${s.caseId}:appeal_decision:1`, maker: 'ben', facts: 'The audit report was not provided' } });
    expect(sellerNotices(effects)).toEqual([]);
    expect(ofType(effects, 'start_workflow')[0].child).toMatchObject({ workflowType: 'qaReviewWorkflow', resultSignal: 'qaReviewOutcome' });
    expect(ofType(effects, 'start_workflow')[0].child.detached).toBeUndefined();
    expect(effects[0]).toMatchObject({ type: 'record', entry: { action: 'decision_made', toState: 'qa_hold', details: { qaSampled: true, qaHeld: true } } });
    // The decision SLA keeps running while held.
    expect(s.clocks.find((c) => c.kind === 'resolution')?.status).toBe('running');
    for (const who of [a.ben, a.dana, a.mia]) expect(allowedAppealEvents(s, who, ctx).filter((t) => t !== 'note_added')).toEqual([]);
    expect(transition(s, { type: 'decision_withdrawn', actor: a.ben, reason: 'x' }, s.updatedAt + 1, ctx)).toMatchObject({ ok: false, code: 'invalid_transition' });
  });

  it('agreement: the denial takes effect as an unheld one does (statement of reasons, seller told, closed)', () => {
    const held = step(inReview(), deny).s;
    const { s, effects } = qaReleased(held, outcome(held));
    expect(s).toMatchObject({ status: 'closed', outcome: 'denied', qaHold: null, decision: { status: 'final' }, statement: { decision: 'deny', reasonCode: 'corrective_actions_insufficient', facts: 'The audit report was not provided' } });
    expect(sellerNotices(effects)).toEqual(['appeal_denied']);
    expect(effects[0]).toMatchObject({ type: 'record', entry: { action: 'qa_released', fromState: 'qa_hold', toState: 'closed', details: { overturned: false } } });
  });

  it('disagreement: the adjudicated reinstatement starts the saga, attributed to the adjudicator, recorded as overturned', () => {
    const held = step(inReview(), deny).s;
    const { s, effects } = qaReleased(held, outcome(held, { status: 'adjudicated', overturned: true, decision: { decision: 'reinstate', reason: 'new_evidence' }, decidedBy: 'mia', errorTypes: ['false_positive'] }));
    expect(s).toMatchObject({ status: 'reinstating', statement: null, decision: { decision: 'reinstate', reasonCode: 'new_evidence', decidedBy: 'mia', status: 'approved' } });
    expect(ofType(effects, 'start_workflow')[0].child).toMatchObject({ workflowType: 'enforcementWorkflow', input: { requestedBy: 'mia' } });
    expect(effects[0]).toMatchObject({ type: 'record', entry: { action: 'qa_released', reason: expect.stringContaining('QA overturned deny'), details: { overturned: true, makerDecision: 'deny', releasedDecision: 'reinstate', decidedBy: 'mia' } } });
    const enforcementId = s.reinstatements[0].enforcementId;
    const done = step(s, { type: 'reinstatement_completed', actor: SYSTEM_ACTOR, result: { enforcementId, outcome: 'applied', steps: [], failure: null } });
    expect(done.s.monitoring?.reinstatedBy).toBe('mia');
  });
});

describe('an appeal reinstatement held for pre-release QA (after its approval)', () => {
  it('goes through maker-checker approval first, and is held once approved, before the saga', () => {
    const proposed = step(inReview(), reinstate);
    expect(proposed.s.status).toBe('pending_approval');
    // Nothing is recorded for QA until the decision is approved: a rejected one never takes effect.
    expect(ofType(proposed.effects, 'qa_record')).toEqual([]);
    expect(proposed.effects[0]).toMatchObject({ type: 'record', entry: { details: { qaSampled: true, qaHeld: true } } });
    const approved = step(proposed.s, { type: 'decision_approved', actor: a.dana });
    expect(approved.s).toMatchObject({ status: 'qa_hold', reinstatements: [], decidedAt: null, decision: { status: 'approved', heldForQa: null } });
    expect(ofType(approved.effects, 'qa_record')[0].row).toMatchObject({ mode: 'pre_release', decidedAt: proposed.s.updatedAt });
    expect(ofType(approved.effects, 'start_workflow').map((e) => e.child.workflowType)).toEqual(['qaReviewWorkflow']);
  });

  it('a rejected reinstatement is never reviewed', () => {
    const proposed = step(inReview(), reinstate).s;
    const rejected = step(proposed, { type: 'decision_rejected', actor: a.dana, reasons: 'no' });
    expect(rejected.s.status).toBe('in_review');
    expect(ofType(rejected.effects, 'start_workflow')).toEqual([]);
  });

  it('agreement starts the reinstatement saga exactly as an unsampled approval does', () => {
    const held = step(step(inReview(), reinstate).s, { type: 'decision_approved', actor: a.dana }).s;
    const { s, effects } = qaReleased(held, outcome(held));
    expect(s).toMatchObject({ status: 'reinstating', decision: { decidedBy: 'ben' } });
    expect(s.decidedAt).toBe(s.updatedAt);
    expect(ofType(effects, 'start_workflow')[0].child).toMatchObject({ workflowType: 'enforcementWorkflow', input: { requestedBy: 'dana' } });
    const enforcementId = s.reinstatements[0].enforcementId;
    const done = step(s, { type: 'reinstatement_completed', actor: SYSTEM_ACTOR, result: { enforcementId, outcome: 'applied', steps: [], failure: null } });
    expect(done.s).toMatchObject({ status: 'monitoring', outcome: 'reinstated', monitoring: { reinstatedBy: 'ben' } });
  });

  it('disagreement: the adjudicated denial takes effect with a statement of reasons', () => {
    const held = step(step(inReview(), reinstate).s, { type: 'decision_approved', actor: a.dana }).s;
    const { s, effects } = qaReleased(held, outcome(held, { status: 'adjudicated', overturned: true, decision: { decision: 'deny', reason: 'violation_confirmed' }, decidedBy: 'mia' }));
    expect(s).toMatchObject({ status: 'closed', outcome: 'denied', reinstatements: [], statement: { decision: 'deny', reasonCode: 'violation_confirmed' }, decision: { decision: 'deny', decidedBy: 'mia' } });
    expect(sellerNotices(effects)).toEqual(['appeal_denied']);
  });

  it('refuses an outcome of another review', () => {
    const held = step(inReview(), deny).s;
    const t = transition(held, { type: 'qa_released', actor: SYSTEM_ACTOR, outcome: outcome(held, { reviewId: 'other' }) }, held.updatedAt + 1, ctx);
    expect(t).toMatchObject({ ok: false, code: 'invalid_input', field: 'outcome' });
  });

  it('the decision SLA keeps counting while held: its breach tells the managers', () => {
    const held = step(inReview(), deny).s;
    const clock = held.clocks.find((c) => c.kind === 'resolution' && c.status === 'running')!;
    const due = dueEvents(held, clock.deadlineAt, ctx);
    expect(due.map((e) => e.type)).toEqual(['clock_warned', 'clock_breached']);
    const breached = step(step(held, due[0], clock.deadlineAt).s, due[1], clock.deadlineAt);
    expect(breached.s).toMatchObject({ status: 'qa_hold', breaches: { resolution: true } });
    expect(ofType(breached.effects, 'notify').map((n) => [n.notice.to, n.notice.template])).toEqual([[{ kind: 'managers', team: 'seller-risk-us' }, 'appeal_sla_breached']]);
  });

  it('runs started before the hold (no qaHold feature) audit a pre-release sample after release', () => {
    const old: AppealContext = { ...ctx, features: undefined };
    const { s, effects } = step(inReview(), deny, undefined, old);
    expect(s.status).toBe('closed');
    expect(ofType(effects, 'qa_record')[0].row.mode).toBe('post_release');
    expect(ofType(effects, 'start_workflow')[0].child.detached).toBe(true);
  });
});
