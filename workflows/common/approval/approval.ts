import type { Actor } from '../actor';
import type { BusinessCalendar } from '../business-calendar';
import { applyClockEvent, nextWakeAt, startClock, stopClock, type SlaClock } from '../sla-clock';
import { seniorityOf, type ApprovalPolicy } from './approval-policy';

/**
 * A pending approval and its pure evaluator: who may approve it now and why not, when it is approved
 * or rejected, and when it reminds and escalates. Plain JSON, kept in a case's state (so it survives
 * continue-as-new) and handed to the case runtime through `CaseKindDefinition.pendingApprovals`, which
 * wakes the case at the reminder and escalation points (see common/runtime).
 */
export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn';

export interface ApprovalVote {
  by: string;
  role: string;
  at: number;
  note: string | null;
}

export interface Rejection {
  by: string;
  role: string;
  at: number;
  reasons: string;
}

export interface PendingApproval {
  id: string;
  /** What is being approved, for people (e.g. "suspension under FRAUD-3"). */
  subject: string;
  makerId: string;
  requestedAt: number;
  policy: ApprovalPolicy;
  status: ApprovalStatus;
  approvals: ApprovalVote[];
  rejection: Rejection | null;
  /** Reminder at its warning point, escalation at its deadline (the policy's remindAfterMs / escalateAfterMs). */
  clock: SlaClock;
  remindedAt: number | null;
  escalatedAt: number | null;
  closedAt: number | null;
}

/** Why an actor may not approve (or reject) now; tests and the API assert the code. */
export type ApprovalRefusalCode =
  | 'not_pending'
  | 'maker_cannot_check'
  | 'already_approved'
  | 'insufficient_seniority'
  | 'needs_more_senior';

export type ApprovalCheck = { ok: true } | { ok: false; code: ApprovalRefusalCode; reason: string };

export function openApproval(input: {
  id: string;
  subject: string;
  maker: Actor;
  policy: ApprovalPolicy;
  calendar: BusinessCalendar;
  now: number;
}): PendingApproval {
  const { policy } = input;
  const clock = startClock({
    id: `approval:${input.id}`,
    kind: 'approval',
    budgetMs: policy.escalateAfterMs,
    warningFraction: Math.min(1, policy.remindAfterMs / policy.escalateAfterMs),
    calendar: input.calendar,
    now: input.now,
  });
  return {
    id: input.id,
    subject: input.subject,
    makerId: input.maker.userId,
    requestedAt: input.now,
    policy,
    status: 'pending',
    approvals: [],
    rejection: null,
    clock,
    remindedAt: null,
    escalatedAt: null,
    closedAt: null,
  };
}

const refuse = (code: ApprovalRefusalCode, reason: string): ApprovalCheck => ({ ok: false, code, reason });

/** How many of the current approvers count toward `atLeast`. */
function seniorVotes(a: PendingApproval): number {
  const need = a.policy.atLeast;
  return need ? a.approvals.filter((v) => seniorityOf(v.role) >= seniorityOf(need.role)).length : 0;
}

/**
 * Whether `actor` may approve now. The permission table (who may approve enforcement at all, and in
 * which team) is the caller's check; this is the policy's: not the maker, not twice, senior enough,
 * and not taking the last seat a more senior approver must fill.
 */
export function mayApprove(a: PendingApproval, actor: Actor): ApprovalCheck {
  if (a.status !== 'pending') return refuse('not_pending', `the approval is ${a.status}`);
  if (actor.userId === a.makerId) return refuse('maker_cannot_check', `${actor.userId} proposed this and cannot also approve it (maker-checker)`);
  if (a.approvals.some((v) => v.by === actor.userId)) return refuse('already_approved', `${actor.userId} has already approved`);
  const rank = seniorityOf(actor.role);
  if (rank < seniorityOf(a.policy.minimumRole)) {
    return refuse('insufficient_seniority', `approving needs the role ${a.policy.minimumRole} or above; ${actor.userId} is ${actor.role}`);
  }
  const need = a.policy.atLeast;
  if (need && rank < seniorityOf(need.role)) {
    const seatsLeft = a.policy.requiredApprovals - a.approvals.length;
    const seniorsMissing = Math.max(0, need.count - seniorVotes(a));
    if (seniorsMissing >= seatsLeft) {
      return refuse('needs_more_senior', `the remaining approval must come from a ${need.role} or above (${need.count} of ${a.policy.requiredApprovals} must be)`);
    }
  }
  return { ok: true };
}

/** Whether `actor` may reject now: the same people who may approve (a checker's decision either way). */
export function mayReject(a: PendingApproval, actor: Actor): ApprovalCheck {
  const check = mayApprove(a, actor);
  // An approver may still change their mind before the quorum is reached.
  if (!check.ok && check.code === 'already_approved') return { ok: true };
  return check;
}

export function isQuorate(a: Pick<PendingApproval, 'approvals' | 'policy'>): boolean {
  const need = a.policy.atLeast;
  const seniors = need ? a.approvals.filter((v) => seniorityOf(v.role) >= seniorityOf(need.role)).length : 0;
  return a.approvals.length >= a.policy.requiredApprovals && (!need || seniors >= need.count);
}

/** Records the vote; approved once quorate (the clock stops). Call only after `mayApprove`. */
export function approve(a: PendingApproval, actor: Actor, note: string | null, now: number, calendar: BusinessCalendar): PendingApproval {
  const next: PendingApproval = { ...a, approvals: [...a.approvals, { by: actor.userId, role: actor.role, at: now, note }] };
  return isQuorate(next) ? close(next, 'approved', now, calendar) : next;
}

/** One rejection ends the approval: the proposal goes back to its maker with the reasons. */
export function reject(a: PendingApproval, actor: Actor, reasons: string, now: number, calendar: BusinessCalendar): PendingApproval {
  return close({ ...a, rejection: { by: actor.userId, role: actor.role, at: now, reasons } }, 'rejected', now, calendar);
}

/** The maker (or the case) takes the proposal back. */
export function withdraw(a: PendingApproval, now: number, calendar: BusinessCalendar): PendingApproval {
  return a.status === 'pending' ? close(a, 'withdrawn', now, calendar) : a;
}

function close(a: PendingApproval, status: ApprovalStatus, now: number, calendar: BusinessCalendar): PendingApproval {
  const clock = a.clock.stoppedAt === undefined ? stopClock(a.clock, calendar, now, status === 'approved' ? 'met' : 'cancelled') : a.clock;
  return { ...a, status, clock, closedAt: now };
}

export type ApprovalDue = 'remind' | 'escalate';

/** The reminder, then the escalation, each once, while the approval waits. */
export function approvalDue(a: PendingApproval, now: number): ApprovalDue | null {
  if (a.status !== 'pending' || a.clock.status !== 'running') return null;
  if (!a.clock.warned && now >= a.clock.warnAt) return 'remind';
  if (now >= a.clock.deadlineAt) return 'escalate';
  return null;
}

/** Marks the reminder or escalation as done (the machine sends its notifications). */
export function markDue(a: PendingApproval, due: ApprovalDue, now: number): PendingApproval {
  if (due === 'remind') return { ...a, clock: applyClockEvent(a.clock, 'warning', now), remindedAt: now };
  const warned = a.clock.warned ? a.clock : applyClockEvent(a.clock, 'warning', now);
  return { ...a, clock: applyClockEvent(warned, 'breach', now), escalatedAt: now };
}

/** When the next reminder or escalation of these approvals falls due. */
export function nextApprovalWake(approvals: readonly PendingApproval[]): number | undefined {
  return nextWakeAt(approvals.filter((a) => a.status === 'pending').map((a) => a.clock));
}

/** For people: what is still needed ("1 more approval, from a manager"). */
export function stillNeeded(a: PendingApproval): string {
  if (a.status !== 'pending') return a.status;
  const seats = a.policy.requiredApprovals - a.approvals.length;
  const need = a.policy.atLeast;
  const seniors = need ? Math.max(0, need.count - seniorVotes(a)) : 0;
  const who = seniors > 0 ? `, ${seniors} of them from a ${need!.role} or above` : `, from a ${a.policy.minimumRole} or above`;
  return `${seats} more approval${seats === 1 ? '' : 's'}${who}`;
}
