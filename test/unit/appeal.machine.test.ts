import { SYSTEM_ACTOR, type Actor } from '../../workflows/common/actor';
import type { CaseEffect } from '../../workflows/common/runtime/case-kind';
import { days } from '../../workflows/appeal/appeal.contract';
import { dueEvents, isAppealFinished, newAppealState, nextWakeAt, transition, validateAppealInput } from '../../workflows/appeal/appeal.machine';
import { allowedAppealEvents, planProblem } from '../../workflows/appeal/appeal.rules';
import type { AppealEvent, AppealState } from '../../workflows/appeal/appeal.state';
import { appealView } from '../../workflows/appeal/appeal.view';
import { REDRESS_OPTIONS } from '../../workflows/appeal/appeal.vocabulary';
import { appealActors as a, appealInput, appealSettings, sellerActor } from '../support/appeal-fixtures';

/** The appeal machine without Temporal: who may send what when, and what each step asks the runtime to do. */
const T0 = Date.UTC(2026, 2, 2, 9);
const ctx = appealSettings();

function step(s: AppealState, e: AppealEvent, at = T0): { s: AppealState; effects: CaseEffect[] } {
  const t = transition(s, e, at, ctx);
  if (!t.ok) throw new Error(`${e.type} refused: ${t.reason}`);
  return { s: t.state, effects: t.effects };
}

/** An appeal in review with ben. */
function inReview(): AppealState {
  let s = newAppealState(appealInput(), T0);
  s = step(s, { type: 'triage_started', actor: SYSTEM_ACTOR }).s;
  s = step(s, { type: 'assigned', actor: SYSTEM_ACTOR, assigneeId: 'ben' }).s;
  return step(s, { type: 'acknowledged', actor: a.ben }).s;
}

const seller = (s: AppealState): Actor => sellerActor(s.sellerId);
const deny: AppealEvent = { type: 'decision_made', actor: a.ben, decision: 'deny', reasonCode: 'corrective_actions_insufficient', rationale: 'No audit proof', facts: 'The audit report was not provided' };
const reinstate = (extra = {}): AppealEvent => ({ type: 'decision_made', actor: a.ben, decision: 'reinstate', reasonCode: 'plan_of_action_accepted', rationale: 'Plan is complete', ...extra }) as AppealEvent;

/** Reinstated (saga applied) and in monitoring. */
function monitoring(): AppealState {
  let s = step(inReview(), reinstate()).s;
  s = step(s, { type: 'decision_approved', actor: a.dana }).s;
  const enforcementId = s.reinstatements[0].enforcementId;
  return step(s, { type: 'reinstatement_completed', actor: SYSTEM_ACTOR, result: { enforcementId, outcome: 'applied', steps: [], failure: null } }, T0 + 1000).s;
}

describe('appeal intake', () => {
  it('takes a complete plan of action', () => {
    expect(validateAppealInput(appealInput())).toBeNull();
    expect(planProblem(appealInput().plan)).toBeNull();
  });

  it.each<[string, object, string]>([
    ['no root cause', { rootCause: ' ' }, 'plan.rootCause'],
    ['no corrective action', { correctiveActions: [] }, 'plan.correctiveActions'],
    ['a blank preventive measure', { preventiveMeasures: [''] }, 'plan.preventiveMeasures'],
    ['evidence that is not a list of references', { evidence: 'invoice.pdf' }, 'plan.evidence'],
  ])('names the field of an incomplete plan: %s', (_name, change, field) => {
    const plan = { ...appealInput().plan, ...change };
    expect(planProblem(plan as never)?.[0]).toBe(field);
    expect(validateAppealInput(appealInput({ plan: plan as never }))).toContain(field);
  });

  it('refuses an enforcement type nobody appeals', () => {
    const input = appealInput();
    expect(validateAppealInput({ ...input, enforcement: { ...input.enforcement, type: 'ban_forever' as never } })).toContain('enforcement.type');
  });

  it('routes away from the original decision makers and tells the seller the appeal arrived', () => {
    const s = newAppealState(appealInput(), T0);
    const { effects } = step(s, { type: 'triage_started', actor: SYSTEM_ACTOR });
    expect(effects).toContainEqual({ type: 'route', item: expect.objectContaining({ kind: 'appeal', excludeUserIds: ['mia'] }) });
    expect(effects).toContainEqual({ type: 'notify', notice: expect.objectContaining({ to: { kind: 'seller', sellerId: s.sellerId }, template: 'appeal_received' }) });
  });
});

describe('the appeal machine', () => {
  it.each<[string, (s: AppealState) => AppealEvent, string, string]>([
    ['a manager reassigning to the original decision maker', () => ({ type: 'reassigned', actor: a.mia, assigneeId: 'mia' }), 'forbidden', 'original_decision_maker'],
    ['another seller answering', () => ({ type: 'seller_responded', actor: sellerActor('someone-else'), answer: 'x' }), 'forbidden', 'wrong_seller'],
    ['a teammate deciding', () => ({ ...deny, actor: a.kim }) as AppealEvent, 'forbidden', 'not_assignee'],
    ['the seller deciding', (s) => ({ ...deny, actor: seller(s) }) as AppealEvent, 'forbidden', 'role_not_permitted'],
  ])('refuses %s', (_name, event, code, denial) => {
    let s = newAppealState(appealInput(), T0);
    s = step(s, { type: 'triage_started', actor: SYSTEM_ACTOR }).s;
    s = step(s, { type: 'assigned', actor: SYSTEM_ACTOR, assigneeId: 'ben' }).s;
    if (denial !== 'original_decision_maker') s = step(s, { type: 'acknowledged', actor: a.ben }).s;
    if (denial === 'wrong_seller') s = step(s, { type: 'info_requested', actor: a.ben, question: 'Send the audit' }).s;
    expect(transition(s, event(s), T0, ctx)).toMatchObject({ ok: false, code, denial });
  });

  it('refuses the original decision maker as reviewer: claiming from the queue, or deciding', () => {
    const input = appealInput();
    let s = newAppealState({ ...input, enforcement: { ...input.enforcement, decidedBy: ['mia', 'kim'] } }, T0);
    s = step(s, { type: 'triage_started', actor: SYSTEM_ACTOR }).s;
    s = step(s, { type: 'queued', actor: SYSTEM_ACTOR, reason: 'nobody free' }).s;
    expect(transition(s, { type: 'claimed', actor: a.kim }, T0, ctx)).toMatchObject({ ok: false, code: 'forbidden', denial: 'original_decision_maker' });
    expect(allowedAppealEvents(s, a.kim, ctx)).not.toContain('claimed');
    expect(allowedAppealEvents(s, a.ben, ctx)).toContain('claimed');
  });

  it.each<[string, object, string]>([
    ['a deny reason with reinstate', { reasonCode: 'violation_confirmed' }, 'reasonCode'],
    ['an enforcement error without its team', { reasonCode: 'enforcement_error' }, 'enforcementError'],
    ['an unknown upstream team', { enforcementError: { upstreamTeam: 'XYZ', note: 'wrong' } }, 'enforcementError.upstreamTeam'],
  ])('names the field of a bad decision: %s', (_name, extra, field) => {
    expect(transition(inReview(), reinstate(extra), T0, ctx)).toMatchObject({ ok: false, code: 'invalid_input', field });
  });

  it('denies with a statement of reasons, the redress options and a human decider, and closes', () => {
    const { s, effects } = step(inReview(), deny);
    expect(s).toMatchObject({ status: 'closed', outcome: 'denied', decidedAt: T0, statement: { decision: 'deny', facts: 'The audit report was not provided', redress: [...REDRESS_OPTIONS], decidedByHuman: true } });
    expect(effects).toContainEqual({ type: 'notify', notice: expect.objectContaining({ to: { kind: 'seller', sellerId: s.sellerId }, template: 'appeal_denied' }) });
    expect(effects[0]).toMatchObject({ type: 'record', entry: { details: { decidedByHuman: true } } });
    expect(isAppealFinished(s)).toBe(true);
  });

  it('needs the reusable approval for a reinstatement: not the maker, at least a senior specialist', () => {
    const { s } = step(inReview(), reinstate({ enforcementError: { upstreamTeam: 'SPIV', note: 'ID check misread' } }));
    expect(s.status).toBe('pending_approval');
    expect(allowedAppealEvents(s, a.ben, ctx)).not.toContain('decision_approved');
    expect(allowedAppealEvents(s, a.kim, ctx)).not.toContain('decision_approved');
    expect(allowedAppealEvents(s, a.dana, ctx)).toContain('decision_approved');
    expect(transition(s, { type: 'decision_approved', actor: a.mia }, T0, ctx)).toMatchObject({ ok: false, denial: 'original_decision_maker' });
    const approved = step(s, { type: 'decision_approved', actor: a.dana });
    expect(approved.s).toMatchObject({ status: 'reinstating', decidedAt: T0 });
    expect(approved.effects).toContainEqual({
      type: 'start_workflow',
      child: expect.objectContaining({ workflowType: 'enforcementWorkflow', input: expect.objectContaining({ decision: 'reinstatement', steps: [
        expect.objectContaining({ step: 'reinstate_account' }), expect.objectContaining({ step: 'restore_listings' }),
        expect.objectContaining({ step: 'release_funds' }), expect.objectContaining({ step: 'notify_seller' }),
      ] }) }),
    });
  });

  it('goes back to review when the checker rejects the reinstatement', () => {
    let s = step(inReview(), reinstate()).s;
    s = step(s, { type: 'decision_rejected', actor: a.dana, reasons: 'Audit missing' }).s;
    expect(s).toMatchObject({ status: 'in_review', decision: null, previousDecisions: [{ status: 'rejected' }] });
  });

  it('lets a failed reinstatement be retried', () => {
    let s = step(inReview(), reinstate()).s;
    s = step(s, { type: 'decision_approved', actor: a.dana }).s;
    const enforcementId = s.reinstatements[0].enforcementId;
    s = step(s, { type: 'reinstatement_completed', actor: SYSTEM_ACTOR, result: { enforcementId, outcome: 'compensated', steps: [], failure: 'gateway refused' } }).s;
    expect(s.status).toBe('reinstatement_failed');
    const retried = step(s, { type: 'reinstatement_retried', actor: a.ben });
    expect(retried.s.reinstatements.map((r) => r.enforcementId)).toEqual([enforcementId, `${s.caseId}/reinstatement/2`]);
  });
});

describe('requests for information', () => {
  it('pauses the decision SLA, reminds before the deadline, resumes on the answer', () => {
    const asked = step(inReview(), { type: 'info_requested', actor: a.ben, question: 'Send the audit report' });
    const s = asked.s;
    expect(s.status).toBe('waiting_on_seller');
    expect(s.infoRequests[0].deadlineAt).toBe(T0 + days(17));
    expect(s.clocks.find((c) => c.kind === 'resolution')!.status).toBe('paused');
    expect(nextWakeAt(s, ctx)).toBe(T0 + days(14));
    expect(dueEvents(s, T0 + days(14), ctx)).toEqual([{ type: 'info_reminder_due', actor: SYSTEM_ACTOR }]);
    const reminded = step(s, { type: 'info_reminder_due', actor: SYSTEM_ACTOR }, T0 + days(14));
    expect(reminded.effects).toContainEqual({ type: 'notify', notice: expect.objectContaining({ template: 'appeal_info_reminder', to: { kind: 'seller', sellerId: s.sellerId } }) });
    const answered = step(reminded.s, { type: 'seller_responded', actor: seller(s), answer: 'Attached', evidence: ['audit.pdf'] }, T0 + days(15)).s;
    expect(answered).toMatchObject({ status: 'in_review', infoRequests: [{ status: 'answered', evidence: ['audit.pdf'] }] });
    expect(answered.clocks.find((c) => c.kind === 'resolution')!.status).toBe('running');
  });

  it('takes a deadline of its own and abandons the appeal when it passes', () => {
    const s = step(inReview(), { type: 'info_requested', actor: a.ben, question: 'Send the audit', deadlineDays: 5 }).s;
    expect(s.infoRequests[0].deadlineAt).toBe(T0 + days(5));
    expect(transition(s, { type: 'info_deadline_passed', actor: SYSTEM_ACTOR }, T0 + days(4), ctx)).toMatchObject({ ok: false, code: 'invalid_transition' });
    expect(dueEvents(s, T0 + days(5), ctx)).toEqual([{ type: 'info_deadline_passed', actor: SYSTEM_ACTOR }]);
    const closed = step(s, { type: 'info_deadline_passed', actor: SYSTEM_ACTOR }, T0 + days(5)).s;
    expect(closed).toMatchObject({ status: 'closed', outcome: 'abandoned', infoRequests: [{ status: 'expired' }] });
  });

  it('stops at the limit of requests per appeal', () => {
    let s = inReview();
    for (let i = 0; i < ctx.maxInfoRequests; i++) {
      s = step(s, { type: 'info_requested', actor: a.ben, question: `Question ${i}` }).s;
      s = step(s, { type: 'seller_responded', actor: seller(s), answer: 'Here' }).s;
    }
    expect(appealView(s, T0, ctx, 'wf').infoRequestsLeft).toBe(0);
    expect(transition(s, { type: 'info_requested', actor: a.ben, question: 'One more' }, T0, ctx)).toMatchObject({ ok: false, code: 'invalid_transition', reason: expect.stringContaining('the most an appeal allows (2)') });
  });
});

describe('the decision SLA', () => {
  const HOUR = 3_600_000;
  it('warns the reviewer and tells the managers at the breach; stops at the decision', () => {
    const s = inReview();
    const resolution = s.clocks.find((c) => c.kind === 'resolution')!;
    expect(resolution.deadlineAt).toBe(T0 + 40 * HOUR);
    expect(dueEvents(s, T0 + 30 * HOUR, ctx)).toEqual([{ type: 'clock_warned', actor: SYSTEM_ACTOR, clockId: 'resolution' }]);
    const warned = step(s, { type: 'clock_warned', actor: SYSTEM_ACTOR, clockId: 'resolution' }, T0 + 30 * HOUR);
    expect(warned.effects).toContainEqual({ type: 'notify', notice: expect.objectContaining({ to: { kind: 'user', userId: 'ben' }, template: 'appeal_sla_warning' }) });
    const breached = step(warned.s, { type: 'clock_breached', actor: SYSTEM_ACTOR, clockId: 'resolution' }, T0 + 40 * HOUR);
    expect(breached.s.breaches.resolution).toBe(true);
    expect(breached.effects).toContainEqual({ type: 'notify', notice: expect.objectContaining({ to: { kind: 'managers', team: 'seller-risk-us' }, template: 'appeal_sla_breached' }) });
    const denied = step(breached.s, deny, T0 + 41 * HOUR).s;
    expect(denied.clocks.find((c) => c.kind === 'resolution')!.status).not.toBe('running');
    expect(dueEvents(denied, T0 + 100 * HOUR, ctx)).toEqual([]);
  });

  it('does not run while the seller is asked: the deadline moves by the time waited', () => {
    const asked = step(inReview(), { type: 'info_requested', actor: a.ben, question: 'Audit?' }, T0 + HOUR).s;
    expect(dueEvents(asked, T0 + 45 * HOUR, ctx).filter((e) => e.type === 'clock_breached')).toEqual([]);
    const back = step(asked, { type: 'seller_responded', actor: seller(asked), answer: 'Here' }, T0 + 49 * HOUR).s;
    expect(back.clocks.find((c) => c.kind === 'resolution')!.deadlineAt).toBe(T0 + 88 * HOUR);
  });
});

describe('restumble monitoring', () => {
  it('watches the seller for the window, then closes clean', () => {
    const s = monitoring();
    expect(s).toMatchObject({ status: 'monitoring', outcome: 'reinstated', monitoring: { until: T0 + 1000 + days(90), reinstatedBy: 'ben' } });
    expect(nextWakeAt(s, ctx)).toBe(T0 + 1000 + days(90));
    expect(dueEvents(s, T0 + days(89), ctx)).toEqual([]);
    const closed = step(s, { type: 'monitoring_ended', actor: SYSTEM_ACTOR }, T0 + 1000 + days(90)).s;
    expect(closed).toMatchObject({ status: 'closed', outcome: 'reinstated', monitoring: { result: 'clean' } });
  });

  it('records a restumble with the days since reinstatement and the reinstating specialist', () => {
    const at = T0 + 1000 + days(40) + 5;
    const { s } = step(monitoring(), { type: 'restumble_reported', actor: SYSTEM_ACTOR, enforcementRef: 'ext-2', source: 'external', enforcementType: 'suspension', reason: 'counterfeit again' }, at);
    expect(s).toMatchObject({ status: 'closed', outcome: 'reinstated', monitoring: { result: 'restumbled', restumble: { daysSinceReinstatement: 40, reinstatedBy: 'ben', enforcementRef: 'ext-2' } } });
  });

  it('does not take the appealed enforcement itself for a restumble', () => {
    const s = monitoring();
    const e: AppealEvent = { type: 'restumble_reported', actor: SYSTEM_ACTOR, enforcementRef: s.enforcement.ref, source: 'external', enforcementType: 'suspension', reason: 'resent' };
    expect(transition(s, e, T0 + days(1), ctx)).toMatchObject({ ok: false, code: 'invalid_input', field: 'enforcementRef' });
  });

  it('takes restumble reports only while monitoring', () => {
    const e: AppealEvent = { type: 'restumble_reported', actor: SYSTEM_ACTOR, enforcementRef: 'ext-2', source: 'external', enforcementType: 'suspension', reason: 'x' };
    expect(transition(inReview(), e, T0, ctx)).toMatchObject({ ok: false, code: 'invalid_transition' });
  });
});

describe('QA sampling of the decision (decision kind appeal_decision)', () => {
  const HOUR = 3_600_000;
  const policy = (rate: number) => ({
    version: 'qa-test', defaultRate: rate, defaultMode: 'post_release' as const,
    newStarterWeeks: 6, newStarterRate: rate, newStarterMode: 'pre_release' as const, rules: [],
  });
  const withQa = (rate: number) => ({ ...ctx, qa: { policy: policy(rate), hold: { remindAfterMs: 4 * HOUR, escalateAfterMs: 8 * HOUR } } });
  const decide = (rate: number, e: AppealEvent) => {
    const t = transition(inReview(), { ...e, makerStartedOn: '2024-01-08' } as AppealEvent, T0 + 60_000, withQa(rate));
    if (!t.ok) throw new Error(t.reason);
    return t.effects;
  };

  it('records a sampled denial and starts a detached post-release peer review of it', () => {
    const effects = decide(1, deny);
    const recorded = effects.find((x) => x.type === 'qa_record');
    expect(recorded).toMatchObject({
      row: { decisionKind: 'appeal_decision', makerId: 'ben', sampled: true, mode: 'post_release', status: 'awaiting_review', makerDecision: { decision: 'deny', reason: 'corrective_actions_insufficient' } },
    });
    expect(effects.find((x) => x.type === 'start_workflow')).toMatchObject({ child: { detached: true } });
  });

  it('records a reinstatement that is not sampled, and starts no review', () => {
    const effects = decide(0, reinstate());
    expect(effects.find((x) => x.type === 'qa_record')).toMatchObject({ row: { decisionKind: 'appeal_decision', sampled: false, status: 'not_sampled' } });
    expect(effects.some((x) => x.type === 'start_workflow' && 'child' in x && x.child.workflowType !== 'enforcementWorkflow')).toBe(false);
  });

  it('samples nothing when the appeal was created without QA settings', () => {
    expect(step(inReview(), deny).effects.some((x) => x.type === 'qa_record')).toBe(false);
  });
});
