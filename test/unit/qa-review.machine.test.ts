import { buildEscalationSettings } from '../../api/escalations/escalation-settings';
import { buildReviewSettings } from '../../api/reviews/review-settings';
import { loadConfig } from '../../config/env';
import { SYSTEM_ACTOR, type Actor } from '../../workflows/common/actor';
import { ALWAYS_ON } from '../../workflows/common/business-calendar';
import type { QaReviewInput, QaStatementRequest } from '../../workflows/qa-review/qa-review.contract';
import { newQaReviewState, transition, validateQaReviewInput, type QaReviewEvent, type QaReviewState } from '../../workflows/qa-review/qa-review.machine';

/** The peer-review machine's rules without Temporal: who may review or adjudicate, and what each outcome records. */
const T0 = Date.UTC(2026, 11, 1, 10);
const HOUR = 3_600_000;
const TEAM = 'seller-risk-eu';
const who = (userId: string, role: Actor['role'], team = TEAM): Actor => ({ userId, role, team });
const maker = who('ana', 'specialist');
const reviewer = who('chloe', 'senior_specialist');
const manager = who('max', 'manager');

const input: QaReviewInput = {
  reviewId: 'c1:escalation_resolution:1',
  caseId: 'c1',
  caseKind: 'escalation',
  decisionKind: 'escalation_resolution',
  team: TEAM,
  marketplace: 'DE',
  maker: { userId: 'ana', role: 'specialist', startedOn: '2026-11-10' },
  makerDecision: { decision: 'enforcement_upheld', reason: 'seller_error' },
  evidence: { summary: 's' },
  mode: 'post_release',
  stratum: 'x',
  rate: 1,
  decidedAt: T0,
  hold: { remindAfterMs: 4 * HOUR, escalateAfterMs: 8 * HOUR },
  calendar: ALWAYS_ON,
};
const say = (actor: Actor, decision: string, reason: string | null = null, processError = false): QaStatementRequest => ({ actor, decision, reason, processError, notes: 'n' });
const step = (s: QaReviewState, e: QaReviewEvent) => {
  const r = transition(s, e, T0 + HOUR);
  if (!r.ok) throw new Error(`${r.code}: ${r.reason}`);
  return r.state;
};
const routedTo = (userId: string | null): QaReviewState =>
  step(newQaReviewState(input, T0).state, { type: 'routed', actor: SYSTEM_ACTOR, outcome: { decision: userId ? 'assign' : 'queue', userId, reason: 'r' } });
const refusal = (s: QaReviewState, e: QaReviewEvent) => {
  const r = transition(s, e, T0 + HOUR);
  return r.ok ? 'accepted' : `${r.code}${r.denial ? `/${r.denial}` : ''}`;
};

describe('the QA review machine', () => {
  it('routes the review to someone at least as senior, never the maker', () => {
    const { effects } = newQaReviewState(input, T0);
    expect(effects).toEqual([
      { type: 'route', item: { caseId: 'c1', kind: 'escalation', marketplace: 'DE', team: TEAM, excludeUserIds: ['ana'], atLeastAsSeniorAs: { role: 'specialist', startedOn: '2026-11-10' } } },
    ]);
  });

  it.each<[string, QaReviewEvent, string]>([
    ['the maker', { type: 'review_submitted', actor: maker, request: say(maker, 'withdrawn') }, 'forbidden/maker_cannot_check'],
    ['someone not routed', { type: 'review_submitted', actor: who('kim', 'specialist'), request: say(who('kim', 'specialist'), 'withdrawn') }, 'forbidden/not_assignee'],
    ['another team', { type: 'review_submitted', actor: who('dana', 'senior_specialist', 'seller-risk-us'), request: say(who('dana', 'senior_specialist', 'seller-risk-us'), 'withdrawn') }, 'forbidden/wrong_team'],
    ['legal', { type: 'review_submitted', actor: who('lea', 'legal', 'legal'), request: say(who('lea', 'legal', 'legal'), 'withdrawn') }, 'forbidden/role_not_permitted'],
    ['a decision the kind does not have', { type: 'review_submitted', actor: reviewer, request: say(reviewer, 'suspension') }, 'invalid_input'],
    ['an adjudication before any disagreement', { type: 'adjudicated', actor: manager, request: say(manager, 'withdrawn') }, 'invalid_transition'],
    ['a routing answer from a person', { type: 'routed', actor: manager, outcome: { decision: 'assign', userId: 'x', reason: 'r' } }, 'forbidden'],
  ])('refuses %s', (_name, event, expected) => {
    expect(refusal(routedTo('chloe'), event)).toBe(expected);
  });

  it('lets a manager review when nobody could be routed, but not a specialist', () => {
    const queued = routedTo(null);
    expect(refusal(queued, { type: 'review_submitted', actor: who('kim', 'specialist'), request: say(who('kim', 'specialist'), 'enforcement_upheld', 'seller_error') })).toBe('forbidden/not_assignee');
    expect(step(queued, { type: 'review_submitted', actor: manager, request: say(manager, 'enforcement_upheld', 'seller_error') }).status).toBe('agreed');
  });

  it('records a process error even when the reviewer agrees', () => {
    const s = step(routedTo('chloe'), { type: 'review_submitted', actor: reviewer, request: say(reviewer, 'enforcement_upheld', null, true) });
    expect(s).toMatchObject({ status: 'agreed', errorTypes: ['process_error'], hold: { status: 'approved' } });
  });

  it('on disagreement, a manager other than the reviewer adjudicates; a same-direction change is a wrong reason', () => {
    const disputed = step(routedTo('chloe'), { type: 'review_submitted', actor: reviewer, request: say(reviewer, 'enforcement_modified', 'seller_error') });
    expect(disputed).toMatchObject({ status: 'adjudicating', hold: { status: 'rejected' } });
    const adjudicated = step(disputed, { type: 'adjudicated', actor: manager, request: say(manager, 'enforcement_modified', 'seller_error') });
    expect(adjudicated).toMatchObject({ status: 'adjudicated', errorTypes: ['wrong_reason'], adjudication: { by: 'max' } });
    const managerReviewed = step(routedTo(null), { type: 'review_submitted', actor: manager, request: say(manager, 'no_violation_found') });
    expect(refusal(managerReviewed, { type: 'adjudicated', actor: manager, request: say(manager, 'no_violation_found') })).toBe('forbidden/maker_cannot_check');
  });

  it('keeps neither the parent link nor the patch list in its state, only the review\'s own input', () => {
    const linked: QaReviewInput = { ...input, parentWorkflowId: 'escalation-1', resultSignalName: 'qaReviewOutcome', patchesAtStart: ['case-projection-local'] };
    expect(newQaReviewState(linked, T0).state.input).toEqual(input);
  });

  it('validates its input', () => {
    expect(validateQaReviewInput(input)).toBeNull();
    expect(validateQaReviewInput({ ...input, caseKind: 'strategic_review' })).toMatch(/belongs to escalation cases/);
    expect(validateQaReviewInput({ ...input, makerDecision: { decision: 'suspension', reason: null } })).toMatch(/not a decision of escalation_resolution/);
    expect(validateQaReviewInput({ ...input, hold: { remindAfterMs: 8 * HOUR, escalateAfterMs: 4 * HOUR } })).toMatch(/hold/);
  });
});

describe('QA_SAMPLING', () => {
  const calendars = { team: ALWAYS_ON, handoffs: { legal: ALWAYS_ON, policy: ALWAYS_ON, customer_trust: ALWAYS_ON } };
  it('is off by default: new cases carry no QA settings', () => {
    const config = loadConfig({});
    expect(config.QA_SAMPLING).toBe('off');
    expect(buildEscalationSettings(config, 'high', calendars).qa).toBeUndefined();
    expect(buildReviewSettings(config, 'high', calendars).qa).toBeUndefined();
  });
  it('on: new escalations and reviews carry the default policy and the hold', () => {
    const config = loadConfig({ QA_SAMPLING: 'on' });
    expect(buildEscalationSettings(config, 'high', calendars).qa).toMatchObject({ policy: { version: 'qa-2026-12' }, hold: { remindAfterMs: 4 * HOUR, escalateAfterMs: 8 * HOUR } });
    expect(buildReviewSettings(config, 'high', calendars).qa).toMatchObject({ policy: { version: 'qa-2026-12' } });
  });
  it('refuses anything but on and off, naming it', () => {
    expect(() => loadConfig({ QA_SAMPLING: 'yes' })).toThrow(/QA_SAMPLING:/);
  });
});
