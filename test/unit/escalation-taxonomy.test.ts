import { SYSTEM_ACTOR, type Actor } from '../../workflows/common/actor';
import { transition } from '../../workflows/escalation/escalation.machine';
import { clockPhase } from '../../workflows/escalation/escalation.rules';
import { newEscalationState, type EscalationEvent, type EscalationState, type NewEscalation } from '../../workflows/escalation/escalation.state';
import { CURRENT_TAXONOMY, CURRENT_TAXONOMY_VERSION, resolutionProblem, taxonomyOf } from '../../workflows/escalation/escalation.taxonomy';
import { ESCALATION_CATEGORIES, RESOLUTION_CODES, ROOT_CAUSES, UPSTREAM_TEAMS } from '../../workflows/escalation/escalation.vocabulary';
import { machineContext } from '../support/escalation-context';

const T0 = Date.UTC(2026, 2, 2, 9);
const MIN = 60_000;
const HOUR = 60 * MIN;
const TEAM = 'seller-risk-eu';
const ana: Actor = { userId: 'ana', role: 'specialist', team: TEAM };
const ben: Actor = { userId: 'ben', role: 'specialist', team: TEAM };
const max: Actor = { userId: 'max', role: 'manager', team: TEAM };
const CTX = machineContext();

const INPUT: NewEscalation = {
  caseId: 'c-7',
  sellerId: 's-7',
  marketplace: 'DE',
  severity: 'medium',
  category: 'document_forgery',
  taxonomyVersion: 2,
  source: 'internal_detection',
  trigger: 'automated_detection',
  enforcementType: 'verification_block',
  summary: 'Forged utility bill on re-verification',
  createdBy: ana,
  team: TEAM,
};

function run(events: EscalationEvent[], ctx = CTX, input = INPUT): EscalationState {
  let state = newEscalationState(input, T0);
  for (const [i, e] of events.entries()) {
    const r = transition(state, e, T0 + (i + 1) * MIN, ctx);
    if (!r.ok) throw new Error(`${e.type}: ${r.code}: ${r.reason}`);
    state = r.state;
  }
  return state;
}
const working = (ctx = CTX, input = INPUT) =>
  run([{ type: 'triage_started', actor: SYSTEM_ACTOR }, { type: 'assigned', actor: SYSTEM_ACTOR, assigneeId: 'ana' }, { type: 'acknowledged', actor: ana }], ctx, input);

describe('the identity-risk taxonomy (version 2)', () => {
  it('lists every category, source, enforcement and trigger the team works with, with severity guidance for each category', () => {
    expect(CURRENT_TAXONOMY_VERSION).toBe(2);
    expect(CURRENT_TAXONOMY.categories).toEqual(expect.arrayContaining([
      'identity_verification_failure', 'document_forgery', 'linked_accounts', 'account_takeover', 'sanctions_screening_hit', 'payment_chargeback_abuse',
    ]));
    expect(CURRENT_TAXONOMY.sources).toEqual(['seller_support', 'executive_escalation', 'account_management', 'internal_detection', 'regulator_or_law_enforcement']);
    expect(CURRENT_TAXONOMY.enforcementTypes).toEqual(['none', 'suspension', 'funds_hold', 'listing_removal', 'verification_block']);
    for (const category of CURRENT_TAXONOMY.categories) expect(CURRENT_TAXONOMY.severityGuidance[category]).toEqual({ severity: expect.any(String), why: expect.any(String) });
    expect(CURRENT_TAXONOMY.severityGuidance.sanctions_screening_hit?.severity).toBe('critical');
    // Triggers are not causes any more.
    expect(CURRENT_TAXONOMY.rootCauses).not.toContain('buyer_complaint');
    expect(CURRENT_TAXONOMY.triggers).toContain('buyer_complaint');
  });

  it('allows every resolution code with at least one cause, and only known causes', () => {
    for (const code of RESOLUTION_CODES) {
      const causes = CURRENT_TAXONOMY.allowedCauses![code];
      expect(causes.length).toBeGreaterThan(0);
      for (const c of causes) expect(CURRENT_TAXONOMY.rootCauses).toContain(c);
    }
  });

  it.each<[string, string, string | undefined, string | null]>([
    ['enforcement_upheld', 'seller_bad_faith', undefined, null],
    ['enforcement_upheld', 'seller_error', undefined, null],
    ['enforcement_upheld', 'automation_false_positive', 'spiv', 'does not go with resolutionCode enforcement_upheld'],
    ['enforcement_reversed', 'seller_bad_faith', undefined, 'does not go with resolutionCode enforcement_reversed'],
    ['enforcement_reversed', 'automation_false_positive', 'spiv', null],
    ['enforcement_reversed', 'automation_false_positive', undefined, 'upstreamTeam is required with rootCause automation_false_positive'],
    ['enforcement_reversed', 'reviewer_error', 'tsi', null],
    ['enforcement_reversed', 'system_defect', 'slm', null],
    ['enforcement_reversed', 'third_party_error', undefined, null],
    ['enforcement_reversed', 'policy_ambiguity', undefined, null],
    ['enforcement_modified', 'reviewer_error', 'other', null],
    ['seller_remediated', 'seller_error', undefined, null],
    ['seller_remediated', 'seller_bad_faith', undefined, 'does not go with'],
    ['no_violation_found', 'automation_false_positive', 'spiv', null],
    ['no_violation_found', 'seller_error', undefined, 'does not go with'],
    ['duplicate', 'not_applicable', undefined, null],
    ['duplicate', 'seller_error', undefined, 'does not go with'],
    ['withdrawn', 'not_applicable', undefined, null],
    ['referred_to_other_team', 'policy_ambiguity', undefined, null],
    ['enforcement_upheld', 'buyer_complaint', undefined, 'rootCause must be one of'],
    ['enforcement_upheld', 'seller_error', 'fbi', 'upstreamTeam must be one of'],
    ['fixed', 'seller_error', undefined, 'resolutionCode must be one of'],
  ])('%s with %s (upstream %s): %s', (code, cause, team, problem) => {
    const result = resolutionProblem(CURRENT_TAXONOMY, code, cause, team);
    if (problem === null) expect(result).toBeNull();
    else {
      expect(result?.reason).toContain(problem);
      // The field at fault is the one the reason starts with.
      expect(result?.reason.startsWith(result.field)).toBe(true);
    }
  });

  it('keeps version 1 as it was: any code with any of its causes, triggers among them, no attribution needed', () => {
    const v1 = taxonomyOf(1);
    expect(taxonomyOf(undefined)).toBe(v1);
    for (const code of RESOLUTION_CODES) for (const cause of v1.rootCauses) expect(resolutionProblem(v1, code, cause, undefined)).toBeNull();
    expect(resolutionProblem(v1, 'enforcement_reversed', 'buyer_complaint', undefined)).toBeNull();
    expect(resolutionProblem(v1, 'enforcement_reversed', 'third_party_error', undefined)).toEqual({ field: 'rootCause', reason: expect.stringContaining('rootCause must be one of') });
  });

  it('declares every value of every version in the vocabulary the read model holds', () => {
    for (const v of [1, 2]) {
      const t = taxonomyOf(v);
      for (const c of t.categories) expect(ESCALATION_CATEGORIES).toContain(c);
      for (const c of t.rootCauses) expect(ROOT_CAUSES).toContain(c);
    }
    expect(UPSTREAM_TEAMS).toEqual(['slm', 'spiv', 'tsi', 'other']);
  });
});

describe('resolving under the taxonomy the case started with', () => {
  it('refuses a pair its version does not allow, and records the upstream team of an upstream error', () => {
    const state = working();
    const refused = transition(state, { type: 'resolved', actor: ana, resolutionCode: 'enforcement_reversed', rootCause: 'seller_bad_faith' }, T0 + HOUR, CTX);
    expect(refused).toMatchObject({ ok: false, code: 'invalid_input', reason: expect.stringContaining('does not go with resolutionCode enforcement_reversed') });
    const resolved = transition(state, { type: 'resolved', actor: ana, resolutionCode: 'enforcement_reversed', rootCause: 'automation_false_positive', upstreamTeam: 'spiv' }, T0 + HOUR, CTX);
    expect(resolved).toMatchObject({ ok: true, state: { resolution: { code: 'enforcement_reversed', rootCause: 'automation_false_positive', upstreamTeam: 'spiv' } } });
  });

  it('lets a version-1 case resolve as it always could', () => {
    const v1 = { ...INPUT, category: 'counterfeit' as const, taxonomyVersion: undefined, source: undefined, trigger: undefined, enforcementType: undefined };
    const state = working(CTX, v1);
    expect(state.taxonomyVersion).toBe(1);
    const r = transition(state, { type: 'resolved', actor: ana, resolutionCode: 'enforcement_reversed', rootCause: 'buyer_complaint' }, T0 + HOUR, CTX);
    expect(r.ok).toBe(true);
  });
});

describe('re-triage', () => {
  it('moves the running team clocks to the new severity, keeping the time already used, and is on the audit trail', () => {
    const state = working();
    const now = T0 + 2 * HOUR;
    const before = state.clocks.find((c) => c.id === 'resolution')!;
    const r = transition(state, { type: 'retriaged', actor: ana, severity: 'critical', category: 'sanctions_screening_hit', reason: 'OFAC list match confirmed' }, now, CTX);
    if (!r.ok) throw new Error(r.reason);
    expect(r.state).toMatchObject({ severity: 'critical', category: 'sanctions_screening_hit', counters: { retriages: 1 } });
    const after = r.state.clocks.find((c) => c.id === 'resolution')!;
    // Critical: 4 h resolution; the 2 h used of the 16 h it had count against it.
    const used = now - before.startedAt;
    expect(after.budgetMs).toBe(4 * HOUR);
    expect(after.deadlineAt).toBe(now + 4 * HOUR - used);
    expect(after.retargets).toEqual([expect.objectContaining({ byUserId: 'ana', reason: 'OFAC list match confirmed', fromBudgetMs: 16 * HOUR, toBudgetMs: 4 * HOUR })]);
    // The first response was already met: it stays met.
    expect(clockPhase(r.state, 'first_response')).toBe('stopped');
    expect(r.effects[0]).toMatchObject({
      type: 'record',
      entry: { action: 'retriaged', reason: 'OFAC list match confirmed', details: { fromSeverity: 'medium', toSeverity: 'critical', fromCategory: 'document_forgery', toCategory: 'sanctions_screening_hit' } },
    });
  });

  it("tells the assignee when a manager re-triages their case; a category alone leaves the clocks as they are", () => {
    const state = working();
    const r = transition(state, { type: 'retriaged', actor: max, category: 'linked_accounts', reason: 'Same bank account as 3 others' }, T0 + HOUR, CTX);
    if (!r.ok) throw new Error(r.reason);
    expect(r.state.clocks).toEqual(state.clocks);
    expect(r.effects).toContainEqual({ type: 'notify', notice: expect.objectContaining({ to: { kind: 'user', userId: 'ana' }, template: 'case_retriaged' }) });
  });

  it('a case from before re-triage existed may only have its category corrected', () => {
    const old = machineContext({ targetsBySeverity: undefined });
    const state = working(old);
    expect(transition(state, { type: 'retriaged', actor: ana, severity: 'low', reason: 'x' }, T0 + HOUR, old)).toMatchObject({
      ok: false,
      code: 'invalid_transition',
      reason: expect.stringContaining('only its category'),
    });
    expect(transition(state, { type: 'retriaged', actor: ana, category: 'fraud', reason: 'x' }, T0 + HOUR, old).ok).toBe(true);
  });
});

describe('the claim lease', () => {
  const assigned = (ctx = CTX) => run([{ type: 'triage_started', actor: SYSTEM_ACTOR }, { type: 'assigned', actor: SYSTEM_ACTOR, assigneeId: 'ana' }], ctx);

  it('any act of the holder renews it, and so does renewLease; others do not', () => {
    const s = assigned();
    expect(s.lease).toEqual({ userId: 'ana', expiresAt: T0 + 2 * MIN + CTX.claimLeaseMs });
    const acked = transition(s, { type: 'acknowledged', actor: ana }, T0 + HOUR, CTX);
    expect(acked.ok && acked.state.lease).toEqual({ userId: 'ana', expiresAt: T0 + HOUR + CTX.claimLeaseMs });
    const renewed = acked.ok && transition(acked.state, { type: 'lease_renewed', actor: ana }, T0 + 2 * HOUR, CTX);
    expect(renewed && renewed.ok && renewed.state.lease).toEqual({ userId: 'ana', expiresAt: T0 + 2 * HOUR + CTX.claimLeaseMs });
    const byManager = renewed && renewed.ok && transition(renewed.state, { type: 'sla_extended', actor: max, clock: 'resolution', byMs: HOUR, reason: 'x' }, T0 + 3 * HOUR, CTX);
    expect(byManager && byManager.ok && byManager.state.lease?.expiresAt).toBe(T0 + 2 * HOUR + CTX.claimLeaseMs);
  });

  it('is lifted while the case waits, and granted again when the case comes back to its holder', () => {
    const w = working();
    const asked = transition(w, { type: 'info_requested', actor: ana, question: 'Bank statement?', deadline: T0 + 48 * HOUR }, T0 + HOUR, CTX);
    expect(asked.ok && asked.state.lease).toBeNull();
    const back = asked.ok && transition(asked.state, { type: 'seller_responded', actor: SYSTEM_ACTOR, summary: 'Sent' }, T0 + 5 * HOUR, CTX);
    expect(back && back.ok && back.state).toMatchObject({ status: 'in_progress', lease: { userId: 'ana', expiresAt: T0 + 5 * HOUR + CTX.claimLeaseMs } });
  });

  it('is a new case\'s lease only in runs started before lease renewal: the first act of the holder ends it', () => {
    const old = machineContext({ features: { leaseRenewal: false } });
    const acked = transition(assigned(old), { type: 'acknowledged', actor: ana }, T0 + HOUR, old);
    expect(acked.ok && acked.state.lease).toBeNull();
  });

  it('cannot be renewed by someone else', () => {
    expect(transition(working(), { type: 'lease_renewed', actor: ben }, T0 + HOUR, CTX)).toMatchObject({ ok: false, code: 'forbidden' });
  });
});

describe('creating a case under version 2', () => {
  it('records its source, trigger, enforcement in question and taxonomy version', () => {
    expect(newEscalationState(INPUT, T0)).toMatchObject({ taxonomyVersion: 2, source: 'internal_detection', trigger: 'automated_detection', enforcementType: 'verification_block' });
  });
});
