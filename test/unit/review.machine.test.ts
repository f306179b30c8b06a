import { SYSTEM_ACTOR, type Actor } from '../../workflows/common/actor';
import type { CaseEffect } from '../../workflows/common/runtime/case-kind';
import { dueEvents, isReviewFinished, newReviewState, nextWakeAt, transition } from '../../workflows/strategic-review/review.machine';
import { allowedReviewEvents } from '../../workflows/strategic-review/review.rules';
import type { ReviewEvent, ReviewState } from '../../workflows/strategic-review/review.state';
import { reviewActors as a, reviewInput, reviewSettings } from '../support/review-fixtures';

/** The review machine without Temporal: who may send what when, and what each step asks the runtime to do. */
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 2, 2, 9);
const ctx = reviewSettings();
const kim: Actor = { userId: 'kim', role: 'specialist', team: 'seller-risk-us' };

function step(s: ReviewState, e: ReviewEvent, at = T0): { s: ReviewState; effects: CaseEffect[] } {
  const t = transition(s, e, at, ctx);
  if (!t.ok) throw new Error(`${e.type} refused: ${t.reason}`);
  return { s: t.state, effects: t.effects };
}

/** A tier-2 review in review with ben, every required check clear, the risk assessed. */
function ready(seller = {}): ReviewState {
  let s = newReviewState(reviewInput(seller), T0);
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

const propose = (decision = 'listing_restriction', extra = {}): ReviewEvent =>
  ({ type: 'decision_proposed', actor: a.ben, decision, reasonCode: decision === 'no_action' ? 'no_violation' : 'counterfeit_goods', policyCitation: 'Policy §1', rationale: 'Facts', ...extra }) as ReviewEvent;

describe('the review machine', () => {
  it('asks the runtime for the risk model with the findings so far', () => {
    let s = newReviewState(reviewInput(), T0);
    s = step(s, { type: 'triage_started', actor: SYSTEM_ACTOR }).s;
    s = step(s, { type: 'assigned', actor: SYSTEM_ACTOR, assigneeId: 'ben' }).s;
    s = step(s, { type: 'acknowledged', actor: a.ben }).s;
    s = step(s, { type: 'check_completed', actor: a.ben, checkId: 'identity_documents', finding: 'concern', notes: 'mismatch' }).s;
    const { effects } = step(s, { type: 'risk_assessment_requested', actor: a.ben });
    expect(effects).toContainEqual({ type: 'call', call: { id: `${s.caseId}/risk/1`, activity: 'assessRisk', input: { caseId: s.caseId, sellerId: s.seller.sellerId, findings: [{ checkId: 'identity_documents', finding: 'concern' }] } } });
  });

  it.each<[string, (s: ReviewState) => ReviewState, ReviewEvent, string, string]>([
    ['a proposal before the checks', (s) => ({ ...s, checks: s.checks.map((c) => ({ ...c, status: 'pending' as const })) }), propose(), 'invalid_transition', 'required checks are not done'],
    ['a proposal before the risk assessment', (s) => ({ ...s, risk: null }), propose(), 'invalid_transition', 'risk assessment has not been recorded'],
    ['a proposal by a teammate who is not the reviewer', (s) => s, { ...propose(), actor: kim } as ReviewEvent, 'forbidden', 'assigned to ben'],
    ['no_violation with an enforcement', (s) => s, propose('warning', { reasonCode: 'no_violation' }), 'invalid_input', 'no_violation goes with no_action only'],
    ['an urgent decision without a reason', (s) => s, propose('suspension', { urgent: true }), 'invalid_input', 'urgencyReason'],
    ['not_applicable on a required check', (s) => s, { type: 'check_completed', actor: a.ben, checkId: 'identity_documents', finding: 'not_applicable', notes: 'n/a' }, 'invalid_input', 'only for optional checks'],
    ['an unknown check', (s) => s, { type: 'check_completed', actor: a.ben, checkId: 'horoscope', finding: 'clear', notes: 'n/a' }, 'invalid_input', "one of this playbook's checks"],
    ['a person sending a system event', (s) => s, { type: 'risk_assessment_failed', actor: a.mia, callId: 'x', error: 'forged' }, 'forbidden', 'only the system'],
  ])('refuses %s', (_name, prepare, event, code, reason) => {
    const t = transition(prepare(ready()), event, T0, ctx);
    expect(t).toMatchObject({ ok: false, code, reason: expect.stringContaining(reason) });
  });

  it('closes on no action, with nothing to approve or enforce', () => {
    const { s, effects } = step(ready(), propose('no_action'));
    expect(s).toMatchObject({ status: 'closed', outcome: 'no_action', statement: null, proposal: { status: 'no_action', approval: null } });
    expect(effects.some((e) => e.type === 'start_workflow' || e.type === 'start_handoff')).toBe(false);
    expect(isReviewFinished(s)).toBe(true);
  });

  it('opens an approval and a consultation of the seller account manager, then enforces once both allow', () => {
    const proposed = step(ready(), propose());
    expect(proposed.s.status).toBe('pending_approval');
    const consult = proposed.effects.find((e) => e.type === 'start_handoff');
    expect(consult).toMatchObject({ handoff: { team: 'account_management', assigneeId: 'alex', handoffId: `${proposed.s.caseId}/consultation/1`, blocking: false } });
    expect(allowedReviewEvents(proposed.s, a.ben)).not.toContain('decision_approved');
    expect(allowedReviewEvents(proposed.s, a.mia)).toEqual(expect.arrayContaining(['decision_approved', 'decision_rejected']));
    expect(allowedReviewEvents(proposed.s, a.dana)).not.toContain('decision_approved');

    const approved = step(proposed.s, { type: 'decision_approved', actor: a.mia });
    expect(approved.s.status).toBe('awaiting_consultation');
    expect(nextWakeAt(approved.s)).toBe(T0 + 72 * HOUR);
    expect(dueEvents(approved.s, T0 + 72 * HOUR)).toEqual([{ type: 'consultation_window_closed', actor: SYSTEM_ACTOR }]);

    const answered = step(approved.s, { type: 'consultation_answered', actor: a.alex, handoffId: `${proposed.s.caseId}/consultation/1`, response: 'object', reasons: 'Restructuring' });
    expect(answered.s.status).toBe('enforcing');
    const saga = answered.effects.find((e) => e.type === 'start_workflow');
    expect(saga).toMatchObject({
      child: {
        workflowType: 'enforcementWorkflow',
        input: { enforcementId: `${proposed.s.caseId}/enforcement/1`, decision: 'listing_restriction', requestedBy: 'mia', steps: [{ step: 'restrict_listings' }, { step: 'notify_seller' }] },
      },
    });
    expect(answered.s.statement).toMatchObject({ measure: { decision: 'listing_restriction', scope: 'all listings' }, ground: { policyCitation: 'Policy §1' } });
  });

  it('keeps running after closing while a policy gap waits for leadership, whose clock reminds and then is overdue', () => {
    let s = step(ready(), { type: 'policy_gap_flagged', actor: kim, tag: 'edge-case', question: 'What now?' }).s;
    s = step(s, propose('no_action')).s;
    expect(isReviewFinished(s)).toBe(false);
    expect(nextWakeAt(s)).toBe(T0 + 12 * HOUR);
    expect(dueEvents(s, T0 + 24 * HOUR).map((e) => e.type)).toEqual(['clock_warned', 'clock_breached']);
    s = step(s, { type: 'policy_gap_decided', actor: a.mia, gapId: s.policyGaps[0].id, decision: 'Fine', precedent: 'Edge cases like this are fine' }).s;
    expect(isReviewFinished(s)).toBe(true);
    expect(nextWakeAt(s)).toBeUndefined();
  });
});
