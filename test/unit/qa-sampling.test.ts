import { DECISION_KINDS, DECISION_KIND_IDS, decisionKind } from '../../workflows/common/quality/decision-kinds';
import { classifyErrors, statementsAgree } from '../../workflows/common/quality/error-types';
import { sampleDecision, samplingDraw, tenureBand, type DecisionToSample } from '../../workflows/common/quality/sampling';
import { DEFAULT_SAMPLING_POLICY, samplingPolicyProblems, type SamplingPolicy } from '../../workflows/common/quality/sampling-policy';
import { ALWAYS_ON } from '../../workflows/common/business-calendar';
import { qaPlanFor, type DecisionFacts } from '../../workflows/qa-review/qa-plan';

/** Sampling is a pure function of the case id and the policy: these pin its determinism and its rates. */
const DAY = 86_400_000;
const DECIDED = Date.UTC(2026, 11, 1, 12);
const caseId = (i: number) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
const decision = (i: number, over: Partial<DecisionToSample> = {}): DecisionToSample => ({
  caseId: caseId(i),
  decisionKind: 'escalation_resolution',
  decision: 'no_violation_found',
  tier: null,
  makerStartedOn: '2025-01-06',
  decidedAt: DECIDED,
  ...over,
});
const flat = (rate: number, over: Partial<SamplingPolicy> = {}): SamplingPolicy => ({
  version: 'v1',
  defaultRate: rate,
  defaultMode: 'post_release',
  newStarterWeeks: 6,
  newStarterRate: 1,
  newStarterMode: 'pre_release',
  rules: [],
  ...over,
});
const N = 20_000;
const share = (policy: SamplingPolicy, over: Partial<DecisionToSample> = {}) =>
  Array.from({ length: N }, (_, i) => sampleDecision(decision(i, over), policy)).filter((o) => o.sampled).length / N;

describe('the draw', () => {
  it('is the same for the same case and version, every time', () => {
    const a = samplingDraw(caseId(7), 'v1');
    expect(samplingDraw(caseId(7), 'v1')).toBe(a);
    expect(sampleDecision(decision(7), DEFAULT_SAMPLING_POLICY)).toEqual(sampleDecision(decision(7), DEFAULT_SAMPLING_POLICY));
  });
  it('differs between versions and between cases, and stays in [0, 1)', () => {
    expect(samplingDraw(caseId(7), 'v2')).not.toBe(samplingDraw(caseId(7), 'v1'));
    const draws = Array.from({ length: 1000 }, (_, i) => samplingDraw(caseId(i), 'v1'));
    expect(new Set(draws).size).toBe(1000);
    expect(draws.every((d) => d >= 0 && d < 1)).toBe(true);
  });
  it('is uniform: each tenth of [0, 1) holds 10% ± 1 point of 20,000 draws', () => {
    const deciles = Array.from({ length: 10 }, () => 0);
    for (let i = 0; i < N; i++) deciles[Math.floor(samplingDraw(caseId(i), 'v1') * 10)] += 1;
    for (const d of deciles) expect(Math.abs(d / N - 0.1)).toBeLessThan(0.01);
  });
});

describe('rates', () => {
  it.each([0.05, 0.1, 0.25, 0.5])('samples %f of decisions within 1 point', (rate) => {
    expect(Math.abs(share(flat(rate)) - rate)).toBeLessThan(0.01);
  });
  it('samples nothing at 0 and everything at 1', () => {
    expect(share(flat(0))).toBe(0);
    expect(share(flat(1))).toBe(1);
  });
  it('only adds cases when a rate is raised (the draw does not depend on the rate)', () => {
    const low = Array.from({ length: 2000 }, (_, i) => sampleDecision(decision(i), flat(0.1)).sampled);
    const high = Array.from({ length: 2000 }, (_, i) => sampleDecision(decision(i), flat(0.3)).sampled);
    low.forEach((s, i) => (s ? expect(high[i]).toBe(true) : undefined));
  });
});

describe('strata', () => {
  it('takes the first matching rule, by kind, tier and decision', () => {
    const p = DEFAULT_SAMPLING_POLICY;
    const review = { decisionKind: 'strategic_review_decision' as const };
    expect(sampleDecision(decision(1, { ...review, tier: 'tier_1', decision: 'warning' }), p)).toMatchObject({ rate: 0.5, mode: 'pre_release', rule: 0 });
    expect(sampleDecision(decision(1, { ...review, tier: 'tier_3', decision: 'suspension' }), p)).toMatchObject({ rate: 0.25, mode: 'pre_release', rule: 1 });
    expect(sampleDecision(decision(1, { ...review, tier: 'tier_3', decision: 'warning' }), p)).toMatchObject({ rate: 0.1, mode: 'post_release', rule: 2 });
    expect(sampleDecision(decision(1, { decision: 'enforcement_upheld' }), p)).toMatchObject({ rate: 0.1, rule: 3 });
    expect(sampleDecision(decision(1), p)).toMatchObject({ rate: 0.05, mode: 'post_release', rule: 'default' });
  });
  it('labels the stratum with kind, tier, decision and tenure', () => {
    expect(sampleDecision(decision(1, { decisionKind: 'strategic_review_decision', tier: 'tier_2', decision: 'warning' }), DEFAULT_SAMPLING_POLICY).stratum).toBe(
      'strategic_review_decision|tier=tier_2|decision=warning|tenure=established',
    );
  });
  it('matches a rule on tenure', () => {
    const p = flat(0.05, { rules: [{ tenure: 'unknown', rate: 0.2 }] });
    expect(sampleDecision(decision(1, { makerStartedOn: null }), p)).toMatchObject({ rate: 0.2, tenure: 'unknown' });
    expect(sampleDecision(decision(1), p)).toMatchObject({ rate: 0.05, tenure: 'established' });
  });
});

describe('new starters', () => {
  const startedDaysBefore = (days: number) => new Date(DECIDED - days * DAY).toISOString().slice(0, 10);
  it('are new for their first N weeks, established after, unknown without a start date', () => {
    expect(tenureBand(startedDaysBefore(41), DECIDED, 6)).toBe('new');
    expect(tenureBand(startedDaysBefore(43), DECIDED, 6)).toBe('established');
    expect(tenureBand(null, DECIDED, 6)).toBe('unknown');
    expect(tenureBand('not-a-date', DECIDED, 6)).toBe('unknown');
  });
  it('are sampled at 100% and held before release under the default policy', () => {
    const starter = { makerStartedOn: startedDaysBefore(10) };
    expect(share(DEFAULT_SAMPLING_POLICY, starter)).toBe(1);
    expect(sampleDecision(decision(3, starter), DEFAULT_SAMPLING_POLICY)).toMatchObject({ mode: 'pre_release', tenure: 'new', rate: 1 });
  });
  it('keep a stratum rate higher than the new-starter rate', () => {
    const p = flat(0.6, { newStarterRate: 0.3 });
    expect(sampleDecision(decision(3, { makerStartedOn: startedDaysBefore(1) }), p).rate).toBe(0.6);
    expect(Math.abs(share(flat(0.05, { newStarterRate: 0.3 }), { makerStartedOn: startedDaysBefore(1) }) - 0.3)).toBeLessThan(0.01);
  });
});

describe('the policy is validated', () => {
  it('accepts the default', () => {
    expect(samplingPolicyProblems(DEFAULT_SAMPLING_POLICY)).toEqual([]);
  });
  it('names each bad field', () => {
    const bad = flat(1.5, {
      version: '',
      newStarterWeeks: -1,
      rules: [{ rate: -0.1 }, { decisionKind: 'strategic_review_decision', decision: 'enforcement_upheld', rate: 0.1 }],
    });
    expect(samplingPolicyProblems(bad)).toEqual([
      'version must be a non-empty string',
      'defaultRate must be between 0 and 1',
      'newStarterWeeks must be a whole number of weeks, 0 or more',
      'rules[0].rate must be between 0 and 1',
      'rules[1].decision enforcement_upheld is not a decision of strategic_review_decision',
    ]);
  });
});

describe('decision kinds and error types', () => {
  it('registers escalation resolutions, strategic-review and appeal decisions, adverse ones among their decisions', () => {
    expect(DECISION_KIND_IDS).toEqual(['escalation_resolution', 'strategic_review_decision', 'appeal_decision']);
    for (const id of DECISION_KIND_IDS) {
      const k = DECISION_KINDS[id];
      for (const a of k.adverse) expect(k.decisions).toContain(a);
    }
    expect(decisionKind('nope')).toBeUndefined();
  });
  const review = DECISION_KINDS.strategic_review_decision;
  it.each([
    ['suspension', 'no_action', false, ['false_positive']],
    ['no_action', 'warning', false, ['false_negative']],
    ['warning', 'suspension', false, ['wrong_reason']],
    ['warning', 'warning', true, ['process_error']],
    ['suspension', 'no_action', true, ['false_positive', 'process_error']],
    ['warning', 'warning', false, []],
  ] as const)('maker %s, correct %s, process error %s: %j', (maker, correct, processError, errors) => {
    expect(classifyErrors(review, { decision: maker, reason: null }, { decision: correct, reason: null }, processError)).toEqual(errors);
  });
  it('a different reason for the same decision is a wrong reason', () => {
    expect(classifyErrors(review, { decision: 'warning', reason: 'payment_abuse' }, { decision: 'warning', reason: 'counterfeit_goods' }, false)).toEqual(['wrong_reason']);
    expect(statementsAgree({ decision: 'warning', reason: 'payment_abuse' }, { decision: 'warning', reason: null })).toBe(true);
    expect(statementsAgree({ decision: 'warning', reason: 'payment_abuse' }, { decision: 'warning', reason: 'counterfeit_goods' })).toBe(false);
  });
});

describe('the QA plan a deciding case follows', () => {
  const facts = (i: number, startedOn: string): DecisionFacts => ({
    caseId: caseId(i),
    decisionKind: 'strategic_review_decision',
    team: 'seller-risk-eu',
    marketplace: 'DE',
    tier: 'tier_4',
    maker: { userId: 'ana', role: 'specialist', startedOn },
    decision: { decision: 'warning', reason: 'payment_abuse' },
    evidence: { checks: 3 },
    ordinal: 1,
    decidedAt: DECIDED,
    calendar: ALWAYS_ON,
  });
  const settings = { policy: DEFAULT_SAMPLING_POLICY, hold: { remindAfterMs: 4 * 3_600_000, escalateAfterMs: 8 * 3_600_000 } };

  it("holds a new starter's decision and starts its review as a child", () => {
    const plan = qaPlanFor(facts(5, '2026-11-20'), settings);
    expect(plan).toMatchObject({ hold: true, sampling: { sampled: true, mode: 'pre_release', tenure: 'new' }, row: { status: 'awaiting_review', sampled: true } });
    expect(plan.review).toMatchObject({ workflowType: 'qaReviewWorkflow', workflowId: `qa-review-${caseId(5)}:strategic_review_decision:1` });
    expect(plan.review!.input).toMatchObject({ caseKind: 'strategic_review', mode: 'pre_release', makerDecision: { decision: 'warning' } });
  });
  it('records an unsampled decision for the population and starts nothing', () => {
    const unsampled = Array.from({ length: 50 }, (_, i) => qaPlanFor(facts(i, '2020-01-06'), settings)).find((p) => !p.sampling.sampled)!;
    expect(unsampled).toMatchObject({ hold: false, review: null, row: { status: 'not_sampled', sampled: false, rate: 0.1 } });
  });
});
