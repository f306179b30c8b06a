import { SYSTEM_ACTOR } from '../../workflows/common/actor';
import type { CaseEffect } from '../../workflows/common/runtime/case-kind';
import { dueEvents, newReviewState, transition } from '../../workflows/strategic-review/review.machine';
import { allowedReviewEvents } from '../../workflows/strategic-review/review.rules';
import type { ReviewEvent, ReviewState } from '../../workflows/strategic-review/review.state';
import type { ReviewSettings } from '../../workflows/strategic-review/review.contract';
import type { QaOutcome } from '../../workflows/qa-review/qa-review.contract';
import { reviewActors as a, reviewInput, reviewSettings } from '../support/review-fixtures';

/** Strategic-review decisions held for pre-release QA: no_action at once, an enforcement once it would be enforced. */
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 30, 9);
const newStarter = new Date(T0 - 7 * 24 * HOUR).toISOString().slice(0, 10);
const policy = { version: 'qa-test', defaultRate: 1, defaultMode: 'post_release' as const, newStarterWeeks: 6, newStarterRate: 1, newStarterMode: 'pre_release' as const, rules: [] };
const ctx: ReviewSettings = reviewSettings({ qa: { policy, hold: { remindAfterMs: 4 * HOUR, escalateAfterMs: 8 * HOUR } }, qaHold: true });

function step(s: ReviewState, e: ReviewEvent, at = T0, c = ctx): { s: ReviewState; effects: CaseEffect[] } {
  const t = transition(s, e, at, c);
  if (!t.ok) throw new Error(`${e.type} refused: ${t.reason}`);
  return { s: t.state, effects: t.effects };
}

function ready(): ReviewState {
  let s = newReviewState(reviewInput(), T0);
  s = step(s, { type: 'triage_started', actor: SYSTEM_ACTOR }).s;
  s = step(s, { type: 'assigned', actor: SYSTEM_ACTOR, assigneeId: 'ben' }).s;
  s = step(s, { type: 'acknowledged', actor: a.ben }).s;
  for (const c of s.checks.filter((x) => x.required)) s = step(s, { type: 'check_completed', actor: a.ben, checkId: c.id, finding: 'clear', notes: 'ok' }).s;
  s = step(s, { type: 'risk_assessment_requested', actor: a.ben }).s;
  return step(s, {
    type: 'risk_assessed', actor: SYSTEM_ACTOR, callId: s.riskPending!.callId,
    assessment: { score: 10, band: 'low', modelVersion: 'rules-2026.1', model: 'rules', fallback: null, signals: [], assessedAt: T0 },
  }).s;
}

const propose = (decision: string): ReviewEvent =>
  ({ type: 'decision_proposed', actor: a.ben, decision, reasonCode: decision === 'no_action' ? 'no_violation' : 'counterfeit_goods', policyCitation: 'Policy §1', rationale: 'Facts', makerStartedOn: newStarter }) as ReviewEvent;
const outcome = (s: ReviewState, over: Partial<QaOutcome> = {}): QaOutcome => ({
  reviewId: s.qaHold!.reviewId, caseId: s.caseId, mode: 'pre_release', status: 'agreed', decision: s.qaHold!.decision, overturned: false, errorTypes: [], decidedBy: 'dana', ...over,
});
const ofType = <T extends CaseEffect['type']>(effects: CaseEffect[], type: T) => effects.filter((e): e is Extract<CaseEffect, { type: T }> => e.type === type);
const enforcementStarts = (effects: CaseEffect[]) => ofType(effects, 'start_workflow').filter((e) => e.child.workflowType === 'enforcementWorkflow');

/** Proposed, approved by mia, and Account Management answered: where an unsampled proposal would be enforced. */
function heldEnforcement(): { proposed: ReviewState; held: ReviewState; effects: CaseEffect[] } {
  const proposed = step(ready(), propose('listing_restriction')).s;
  const approved = step(proposed, { type: 'decision_approved', actor: a.mia }).s;
  const { s, effects } = step(approved, { type: 'consultation_answered', actor: a.alex, handoffId: `${proposed.caseId}/consultation/1`, response: 'agree', reasons: 'fine' });
  return { proposed, held: s, effects };
}

describe('a strategic-review decision held for pre-release QA', () => {
  it('holds no_action at once: not closed, the review starts linked, nobody acts on it', () => {
    const { s, effects } = step(ready(), propose('no_action'));
    expect(s).toMatchObject({ status: 'qa_hold', outcome: null, qaHold: { maker: 'ben', decision: { decision: 'no_action' } } });
    expect(ofType(effects, 'start_workflow')[0].child).toMatchObject({ workflowType: 'qaReviewWorkflow', resultSignal: 'qaReviewOutcome' });
    // Only a question for leadership remains (it does not touch the decision): nothing decides, approves or enforces.
    for (const who of [a.ben, a.dana, a.mia]) expect(allowedReviewEvents(s, who)).toEqual(['policy_gap_flagged']);
    const released = step(s, { type: 'qa_released', actor: SYSTEM_ACTOR, outcome: outcome(s) });
    expect(released.s).toMatchObject({ status: 'closed', outcome: 'no_action', qaHold: null });
  });

  it('holds an enforcement once approved and consulted, before the saga; agreement starts the saga', () => {
    const { proposed, held, effects } = heldEnforcement();
    expect(ofType(step(ready(), propose('listing_restriction')).effects, 'qa_record')).toEqual([]);
    expect(proposed.status).toBe('pending_approval');
    expect(held).toMatchObject({ status: 'qa_hold', enforcements: [] });
    expect(enforcementStarts(effects)).toEqual([]);
    expect(ofType(effects, 'qa_record')[0].row).toMatchObject({ mode: 'pre_release', decidedAt: T0 });
    const released = step(held, { type: 'qa_released', actor: SYSTEM_ACTOR, outcome: outcome(held) });
    expect(released.s).toMatchObject({ status: 'enforcing', proposal: { decision: 'listing_restriction' } });
    expect(enforcementStarts(released.effects)[0].child.input).toMatchObject({ decision: 'listing_restriction', requestedBy: 'mia' });
    expect(released.effects[0]).toMatchObject({ type: 'record', entry: { action: 'qa_released', fromState: 'qa_hold', toState: 'enforcing', details: { overturned: false } } });
  });

  it('disagreement: the adjudicated decision takes effect and the audit trail records it was overturned', () => {
    const { held } = heldEnforcement();
    const milder = step(held, { type: 'qa_released', actor: SYSTEM_ACTOR, outcome: outcome(held, { status: 'adjudicated', overturned: true, decision: { decision: 'warning', reason: 'counterfeit_goods' }, decidedBy: 'mia' }) });
    expect(milder.s).toMatchObject({ status: 'enforcing', proposal: { decision: 'warning', overturnedBy: 'mia' } });
    expect(enforcementStarts(milder.effects)[0].child.input).toMatchObject({ decision: 'warning', requestedBy: 'mia' });
    expect(milder.effects[0]).toMatchObject({ type: 'record', entry: { reason: expect.stringContaining('QA overturned listing_restriction'), details: { overturned: true, releasedDecision: 'warning' } } });

    const none = step(held, { type: 'qa_released', actor: SYSTEM_ACTOR, outcome: outcome(held, { status: 'adjudicated', overturned: true, decision: { decision: 'no_action', reason: null }, decidedBy: 'mia' }) });
    expect(none.s).toMatchObject({ status: 'closed', outcome: 'no_action', enforcements: [], proposal: { decision: 'no_action', reasonCode: 'no_violation' } });
  });

  it('a rejected enforcement is never reviewed', () => {
    const proposed = step(ready(), propose('listing_restriction')).s;
    const rejected = step(proposed, { type: 'decision_rejected', actor: a.mia, reasons: 'not enough' });
    expect(rejected.s.status).toBe('in_review');
    expect(ofType(rejected.effects, 'start_workflow')).toEqual([]);
    expect(ofType(rejected.effects, 'qa_record')).toEqual([]);
  });

  it('the resolution clock runs while held: a breach is recorded and the managers told, the review stays held', () => {
    const held = step(ready(), propose('no_action')).s;
    const clock = held.clocks.find((c) => c.kind === 'resolution' && c.status === 'running')!;
    const due = dueEvents(held, clock.deadlineAt).filter((e) => e.type === 'clock_breached');
    expect(due).toHaveLength(1);
    const breached = step(held, due[0], clock.deadlineAt);
    expect(breached.s).toMatchObject({ status: 'qa_hold', breaches: { resolution: true } });
    expect(ofType(breached.effects, 'notify').map((n) => n.notice.to)).toContainEqual({ kind: 'managers', team: held.team });
  });

  it('reviews started before the hold audit a pre-release sample after release', () => {
    const { s, effects } = step(ready(), propose('no_action'), T0, { ...ctx, qaHold: undefined });
    expect(s.status).toBe('closed');
    expect(ofType(effects, 'start_workflow')[0].child.detached).toBe(true);
  });
});
