import type { Actor, Role } from '../../workflows/common/actor';
import { approvalDue, approve, isQuorate, markDue, mayApprove, mayReject, nextApprovalWake, openApproval, reject, stillNeeded, withdraw, type PendingApproval } from '../../workflows/common/approval/approval';
import { policyProblems, type ApprovalPolicy } from '../../workflows/common/approval/approval-policy';
import { ALWAYS_ON } from '../../workflows/common/business-calendar';

/** Maker-checker as data: the evaluator's answers for every kind of policy and approver, as tables. */
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 2, 2, 9);
const actor = (userId: string, role: Role): Actor => ({ userId, role, team: 'seller-risk-us' });
const maker = actor('ben', 'specialist');
const senior = actor('dana', 'senior_specialist');
const senior2 = actor('sam', 'senior_specialist');
const manager = actor('mia', 'manager');
const manager2 = actor('max', 'manager');

const ONE_SENIOR: ApprovalPolicy = { requiredApprovals: 1, minimumRole: 'senior_specialist', remindAfterMs: 4 * HOUR, escalateAfterMs: 8 * HOUR };
const ONE_MANAGER: ApprovalPolicy = { ...ONE_SENIOR, minimumRole: 'manager' };
const QUORUM: ApprovalPolicy = { ...ONE_SENIOR, requiredApprovals: 2, atLeast: { role: 'manager', count: 1 } };
const TWO_MANAGERS: ApprovalPolicy = { ...ONE_SENIOR, requiredApprovals: 2, minimumRole: 'manager' };

const open = (policy: ApprovalPolicy, by: Actor = maker) => openApproval({ id: 'a1', subject: 'suspension', maker: by, policy, calendar: ALWAYS_ON, now: T0 });
const vote = (a: PendingApproval, ...who: Actor[]) => who.reduce((x, w) => approve(x, w, null, T0 + HOUR, ALWAYS_ON), a);

describe('who may approve now', () => {
  it.each<[string, ApprovalPolicy, Actor, Actor[], true | string]>([
    ['a senior on a one-senior policy', ONE_SENIOR, senior, [], true],
    ['a manager on a one-senior policy', ONE_SENIOR, manager, [], true],
    ['a specialist on a one-senior policy', ONE_SENIOR, actor('kim', 'specialist'), [], 'insufficient_seniority'],
    ['a senior on a one-manager policy', ONE_MANAGER, senior, [], 'insufficient_seniority'],
    ['a manager on a one-manager policy', ONE_MANAGER, manager, [], true],
    ['the maker', ONE_SENIOR, maker, [], 'maker_cannot_check'],
    ['a senior first on a quorum needing a manager', QUORUM, senior, [], true],
    ['a second senior when the manager seat is the last one', QUORUM, senior2, [senior], 'needs_more_senior'],
    ['a manager after a senior on the quorum', QUORUM, manager, [senior], true],
    ['a senior after a manager on the quorum', QUORUM, senior, [manager], true],
    ['the same senior twice', QUORUM, senior, [senior], 'already_approved'],
    ['anyone on an approved approval', ONE_SENIOR, manager, [senior], 'not_pending'],
    ['a second manager on a two-manager policy', TWO_MANAGERS, manager2, [manager], true],
    ['operators never approve', ONE_SENIOR, actor('olga', 'operator'), [], 'insufficient_seniority'],
  ])('%s', (_name, policy, who, before, expected) => {
    const check = mayApprove(vote(open(policy), ...before), who);
    if (expected === true) expect(check).toEqual({ ok: true });
    else expect(check).toMatchObject({ ok: false, code: expected });
  });

  it('refuses a senior maker approving their own proposal even when senior enough', () => {
    expect(mayApprove(open(ONE_SENIOR, senior), senior)).toMatchObject({ ok: false, code: 'maker_cannot_check' });
  });

  it('lets an approver who already voted reject before the quorum, not the maker', () => {
    const a = vote(open(QUORUM), senior);
    expect(mayReject(a, senior)).toEqual({ ok: true });
    expect(mayReject(a, maker)).toMatchObject({ ok: false, code: 'maker_cannot_check' });
  });
});

describe('when it is approved or rejected', () => {
  it.each<[string, ApprovalPolicy, Actor[], 'pending' | 'approved', string]>([
    ['one senior approves a one-senior policy', ONE_SENIOR, [senior], 'approved', 'approved'],
    ['one senior on a quorum', QUORUM, [senior], 'pending', '1 more approval, 1 of them from a manager or above'],
    ['a senior and a manager on a quorum', QUORUM, [senior, manager], 'approved', 'approved'],
    ['a manager alone on a quorum', QUORUM, [manager], 'pending', '1 more approval, from a senior_specialist or above'],
    ['two managers on a quorum', QUORUM, [manager, manager2], 'approved', 'approved'],
    ['nobody yet on a two-manager policy', TWO_MANAGERS, [], 'pending', '2 more approvals, from a manager or above'],
  ])('%s -> %s', (_name, policy, voters, status, needed) => {
    const a = vote(open(policy), ...voters);
    expect(a.status).toBe(status);
    expect(isQuorate(a)).toBe(status === 'approved');
    expect(stillNeeded(a)).toBe(needed);
  });

  it('stops its clock once approved, and a rejection or withdrawal closes it with the reasons', () => {
    const approved = vote(open(ONE_SENIOR), senior);
    expect(approved.clock.status).toBe('met');
    expect(nextApprovalWake([approved])).toBeUndefined();
    const rejected = reject(open(QUORUM), manager, 'warn first', T0 + HOUR, ALWAYS_ON);
    expect(rejected).toMatchObject({ status: 'rejected', rejection: { by: 'mia', reasons: 'warn first' }, closedAt: T0 + HOUR });
    expect(withdraw(open(QUORUM), T0 + HOUR, ALWAYS_ON).status).toBe('withdrawn');
  });
});

describe('reminders and escalation', () => {
  it.each<[string, number, 'remind' | 'escalate' | null]>([
    ['before the reminder', 4 * HOUR - 1, null],
    ['at the reminder', 4 * HOUR, 'remind'],
    ['at the escalation, never reminded', 8 * HOUR, 'remind'],
  ])('%s', (_name, after, due) => {
    expect(approvalDue(open(ONE_SENIOR), T0 + after)).toBe(due);
  });

  it('reminds once, then escalates once, then nothing is due', () => {
    let a = open(ONE_SENIOR);
    expect(nextApprovalWake([a])).toBe(T0 + 4 * HOUR);
    a = markDue(a, 'remind', T0 + 4 * HOUR);
    expect(approvalDue(a, T0 + 5 * HOUR)).toBeNull();
    expect(nextApprovalWake([a])).toBe(T0 + 8 * HOUR);
    expect(approvalDue(a, T0 + 8 * HOUR)).toBe('escalate');
    a = markDue(a, 'escalate', T0 + 8 * HOUR);
    expect(a).toMatchObject({ remindedAt: T0 + 4 * HOUR, escalatedAt: T0 + 8 * HOUR, status: 'pending' });
    expect(approvalDue(a, T0 + 100 * HOUR)).toBeNull();
    expect(nextApprovalWake([a])).toBeUndefined();
    expect(mayApprove(a, senior)).toEqual({ ok: true });
  });
});

describe('policies as data', () => {
  it.each<[string, ApprovalPolicy, string[]]>([
    ['a quorum with a manager', QUORUM, []],
    ['no approvals', { ...ONE_SENIOR, requiredApprovals: 0 }, ['requiredApprovals must be a whole number of at least 1']],
    ['an operator as minimum', { ...ONE_SENIOR, minimumRole: 'operator' }, ['minimumRole operator is not a case-working role']],
    ['a senior count above the quorum', { ...QUORUM, atLeast: { role: 'manager', count: 3 } }, ['atLeast.count must be between 1 and requiredApprovals']],
    ['escalation before the reminder', { ...ONE_SENIOR, escalateAfterMs: HOUR }, ['escalateAfterMs must be after remindAfterMs']],
  ])('%s', (_name, policy, problems) => {
    expect(policyProblems(policy)).toEqual(problems);
  });
});
