/**
 * Who gets a case: a pure function of the work item, the roster and the time, so a routing decision can
 * be replayed, explained (every candidate's score and every rejection is returned) and tested without
 * a database. Bundled into workflow code: no Node, ORM or Temporal imports.
 */
import { CaseKind, Role } from './actor';
import { seniorityOf } from './approval/approval-policy';

export interface WorkItem {
  caseId: string;
  kind: CaseKind;
  marketplace: string;
  /** When given, the assignee must speak it. */
  language?: string;
  /** The owning team; only its members are considered. */
  team: string;
  /** E.g. the user who just released the case, or the maker of a decision that needs a checker. */
  excludeUserIds?: readonly string[];
  /**
   * A peer reviewer's work: only members at least as senior as the maker are eligible, by role, and
   * within the same role by start date (started on or before the maker; an unknown date proves nothing).
   */
  atLeastAsSeniorAs?: { role: Role; startedOn: string | null };
}

export interface RosterSkills {
  kinds: readonly CaseKind[];
  marketplaces: readonly string[];
  languages: readonly string[];
}

export interface RosterMember {
  userId: string;
  role: Role;
  team: string;
  skills: RosterSkills;
  /** Most cases the member works at once. */
  capacity: number;
  activeCases: number;
  /** Epoch ms; out of office while `now` is before it. */
  outOfOfficeUntil?: number;
  /** Epoch ms of the member's last assignment; absent means never. */
  lastAssignedAt?: number;
  /** First day on the team (YYYY-MM-DD), when the roster records it. */
  startedOn?: string | null;
}

export const ROUTABLE_ROLES: readonly Role[] = ['specialist', 'senior_specialist'];

export type IneligibleReason =
  | 'excluded'
  | 'role'
  | 'team'
  | 'kind'
  | 'marketplace'
  | 'language'
  | 'out_of_office'
  | 'at_capacity'
  | 'less_senior';

export interface Candidate {
  userId: string;
  /** 1 is the chosen one. */
  rank: number;
  /** Free capacity (capacity - activeCases): the higher, the better. */
  score: number;
  capacity: number;
  activeCases: number;
  lastAssignedAt?: number;
}

export interface Ineligible {
  userId: string;
  reason: IneligibleReason;
}

export type RoutingDecision =
  | { decision: 'assign'; userId: string; reason: string; candidates: Candidate[]; ineligible: Ineligible[] }
  | { decision: 'queue'; reason: string; ineligible: Ineligible[] };

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const has = (list: readonly string[], value: string) => list.some((v) => same(v, value));

export function isOutOfOffice(member: Pick<RosterMember, 'outOfOfficeUntil'>, now: number): boolean {
  return member.outOfOfficeUntil !== undefined && now < member.outOfOfficeUntil;
}

/** The first rule a member fails, in a fixed order so the explanation is stable. */
export function ineligibility(member: RosterMember, item: WorkItem, now: number): IneligibleReason | undefined {
  if (item.excludeUserIds?.includes(member.userId)) return 'excluded';
  if (!ROUTABLE_ROLES.includes(member.role)) return 'role';
  if (member.team !== item.team) return 'team';
  if (!member.skills.kinds.includes(item.kind)) return 'kind';
  if (!has(member.skills.marketplaces, item.marketplace)) return 'marketplace';
  if (item.language !== undefined && !has(member.skills.languages, item.language)) return 'language';
  if (isOutOfOffice(member, now)) return 'out_of_office';
  if (member.activeCases >= member.capacity) return 'at_capacity';
  if (item.atLeastAsSeniorAs && !atLeastAsSenior(member, item.atLeastAsSeniorAs)) return 'less_senior';
  return undefined;
}

/** By role first; within a role, by tenure (ISO dates compare as strings). */
export function atLeastAsSenior(member: Pick<RosterMember, 'role' | 'startedOn'>, maker: { role: Role; startedOn: string | null }): boolean {
  const rank = seniorityOf(member.role);
  const makerRank = seniorityOf(maker.role);
  if (rank !== makerRank) return rank > makerRank;
  if (maker.startedOn === null) return true;
  return member.startedOn !== undefined && member.startedOn !== null && member.startedOn <= maker.startedOn;
}

/** Most free capacity first; then whoever waited longest since their last case (never = first); then id. */
function compareCandidates(a: RosterMember, b: RosterMember): number {
  const free = b.capacity - b.activeCases - (a.capacity - a.activeCases);
  if (free !== 0) return free;
  const la = a.lastAssignedAt ?? Number.NEGATIVE_INFINITY;
  const lb = b.lastAssignedAt ?? Number.NEGATIVE_INFINITY;
  if (la !== lb) return la < lb ? -1 : 1;
  // Code-unit order, not localeCompare: the result must not depend on the worker's locale.
  return a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0;
}

const REASON_PHRASES: Record<IneligibleReason, string> = {
  excluded: 'excluded',
  role: 'not a specialist',
  team: 'in another team',
  kind: `without the case kind's skill`,
  marketplace: 'without the marketplace',
  language: 'without the language',
  out_of_office: 'out of office',
  at_capacity: 'at capacity',
  less_senior: 'less senior than the maker',
};

export function route(item: WorkItem, members: readonly RosterMember[], now: number): RoutingDecision {
  const eligible: RosterMember[] = [];
  const ineligible: Ineligible[] = [];
  for (const member of members) {
    const reason = ineligibility(member, item, now);
    if (reason) ineligible.push({ userId: member.userId, reason });
    else eligible.push(member);
  }

  if (eligible.length === 0) {
    const counts = new Map<IneligibleReason, number>();
    for (const { reason } of ineligible) counts.set(reason, (counts.get(reason) ?? 0) + 1);
    const detail = [...counts].map(([reason, n]) => `${n} ${REASON_PHRASES[reason]}`).join(', ');
    return {
      decision: 'queue',
      reason: `no eligible member in team ${item.team}` + (detail ? ` (${detail})` : ' (no members)'),
      ineligible,
    };
  }

  const ranked = [...eligible].sort(compareCandidates);
  const candidates: Candidate[] = ranked.map((m, i) => ({
    userId: m.userId,
    rank: i + 1,
    score: m.capacity - m.activeCases,
    capacity: m.capacity,
    activeCases: m.activeCases,
    ...(m.lastAssignedAt !== undefined ? { lastAssignedAt: m.lastAssignedAt } : {}),
  }));
  const [first, second] = candidates;
  let why = `most free capacity (${first.score} of ${first.capacity})`;
  if (second && second.score === first.score) {
    why += first.lastAssignedAt === second.lastAssignedAt ? ', tie broken by user id' : ', tie broken by least recently assigned';
  }
  return {
    decision: 'assign',
    userId: first.userId,
    reason: `${first.userId}: ${why} among ${candidates.length} eligible in team ${item.team}`,
    candidates,
    ineligible,
  };
}

/**
 * When a claim lapses: `leaseMs` after the later of the claim and the assignee's last activity on the
 * case. The workflow waits until `leaseExpiresAt` and checks `leaseExpired` with its own clock then.
 */
export function leaseExpiresAt(claimedAt: number, leaseMs: number, lastActivityAt?: number): number {
  return Math.max(claimedAt, lastActivityAt ?? claimedAt) + leaseMs;
}

export function leaseExpired(claimedAt: number, leaseMs: number, lastActivityAt: number | undefined, now: number): boolean {
  return now >= leaseExpiresAt(claimedAt, leaseMs, lastActivityAt);
}

export interface AbsentMember {
  userId: string;
  team: string;
  outOfOfficeUntil: number;
  activeCases: number;
}

/**
 * Members out of office at `now`, sorted by user id: their open cases should go back to the queue.
 * Members with `activeCases` 0 are listed too, because the counter is a projection that may lag; the
 * caller looks up the cases actually assigned to each.
 */
export function openWorkToOffer(members: readonly RosterMember[], now: number): AbsentMember[] {
  return members
    .filter((m) => isOutOfOffice(m, now))
    .map((m) => ({ userId: m.userId, team: m.team, outOfOfficeUntil: m.outOfOfficeUntil as number, activeCases: m.activeCases }))
    .sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
}
