import { Injectable } from '@nestjs/common';
import type { RosterMemberEntity } from '../../db/entities/roster-member.entity';
import { authorize } from '../../workflows/common/access';
import type { BusinessCalendar } from '../../workflows/common/business-calendar';
import { CASE_KINDS, type Actor, type Role } from '../../workflows/common/actor';
import { isOutOfOffice, ROUTABLE_ROLES } from '../../workflows/common/routing';
import { AccessService } from '../auth/access.service';
import { DomainError, ErrorCode } from '../common/error-codes';
import { ApiSettings } from '../common/runtime';
import { RosterRepository } from '../roster/roster.repository';
import { TeamDirectory } from '../teams/team-directory.service';
import type { WorkloadQuery } from './dto/workload.query';
import { resolutionDeadline, type DeadlineSource, type OpenCase } from './resolution-deadline';
import { planStaffing, type RemainingDays } from './staffing-plan';
import { AGE_BUCKETS, type AgeCounts, type Backlog, type DeadlineSources, type Flow, type WorkloadResponse } from './workload.response';
import { WorkloadRepository, type OpenCases } from './workload.repository';
import { DAY_MS, HOUR_MS } from '../../workflows/common/time-units';

export const DEFAULT_DUE_SOON_HOURS = 24;
export const DEFAULT_FLOW_DAYS = 14;

@Injectable()
export class WorkloadService {
  constructor(
    private readonly workload: WorkloadRepository,
    private readonly roster: RosterRepository,
    private readonly access: AccessService,
    private readonly settings: ApiSettings,
    private readonly teams: TeamDirectory,
  ) {}

  /**
   * One team's workload at one instant: members' load, the queue, the backlog by kind and age, the
   * flow of arrivals and completions, and the staffing plan (see staffing-plan.ts for the formula).
   */
  async forTeam(actor: Actor, query: WorkloadQuery): Promise<WorkloadResponse> {
    const team = query.team ?? this.defaultTeam(actor);
    this.access.require(actor, 'workload.view', { kind: 'roster', team });
    const everyone = await this.roster.list({ team, includeInactive: true });
    if (everyone.length === 0) throw new DomainError(ErrorCode.NotFound, `No team ${team} on the roster`);

    const dueSoonHours = query.dueSoonHours ?? DEFAULT_DUE_SOON_HOURS;
    const days = query.days ?? DEFAULT_FLOW_DAYS;
    const now = new Date();
    const dueSoonUntil = new Date(now.getTime() + dueSoonHours * HOUR_MS);
    const members = everyone.filter((m) => m.active);
    const ids = members.map((m) => m.userId);

    const [activeCases, tasks, queue, openCases, arrivals, completions, teamCalendar] = await Promise.all([
      this.workload.activeCasesByAssignee(ids),
      this.workload.openTasksByAssignee(ids, now, dueSoonUntil),
      this.workload.openQueueTasks(team, now, dueSoonUntil),
      this.workload.openCases(team, now),
      this.workload.arrivals(team, now, days),
      this.workload.completions(team, now, days),
      this.teams.calendarOf(team, now.getTime()),
    ]);

    const flow = flowOf(arrivals, completions, now, days);
    const caseWorkers = members.filter((m) => ROUTABLE_ROLES.includes(m.role as Role));
    const available = caseWorkers.filter((m) => !away(m, now.getTime()));
    const { remainingDays, sources } = this.remainingDays(team, openCases, teamCalendar, now.getTime());
    const plan = planStaffing({
      backlog: openCases.total,
      completions: flow.totals.completions,
      windowDays: days,
      caseWorkers: caseWorkers.length,
      availableCaseWorkers: available.length,
      remainingDays,
    });

    return {
      team,
      generatedAt: now.toISOString(),
      dueSoonHours,
      members: members.map((m) => {
        const active = activeCases.get(m.userId) ?? 0;
        const t = tasks.get(m.userId) ?? { dueSoon: 0, overdue: 0 };
        return {
          userId: m.userId,
          displayName: m.displayName,
          role: m.role,
          activeCases: active,
          capacity: m.capacity,
          freeCapacity: Math.max(0, m.capacity - active),
          atCapacity: active >= m.capacity,
          outOfOffice: away(m, now.getTime()),
          outOfOfficeUntil: m.outOfOfficeUntil ? m.outOfOfficeUntil.toISOString() : null,
          tasksDueSoon: t.dueSoon,
          tasksOverdue: t.overdue,
        };
      }),
      queue: { openTasks: queue.open, tasksDueSoon: queue.dueSoon, tasksOverdue: queue.overdue },
      backlog: backlogOf(openCases),
      flow,
      staffing: { ...plan, arithmetic: { ...plan.arithmetic, deadlineSources: sources } },
    };
  }

  /** Callers scoped to their team get it by default; a caller who sees every team must choose one. */
  private defaultTeam(actor: Actor): string {
    if (!authorize(actor, 'workload.view', { kind: 'roster' }).allowed) return actor.team;
    throw new DomainError(ErrorCode.ValidationFailed, `team is required for role ${actor.role}`, {
      fields: [{ field: 'team', problems: [`team is required for role ${actor.role}, who may view every team`] }],
    });
  }

  /**
   * Days to each open case's resolution deadline, and where each deadline came from: a running or
   * breached clock's stored deadline as it is (resolutionDeadline returns it unchanged; the database
   * sends only the middle of them, with how many lie before and after), a paused clock's projected and
   * a clockless case's estimated by resolutionDeadline, once per group of equal inputs (the repository
   * groups them), counted as many times as the group has cases.
   */
  private remainingDays(team: string, cases: OpenCases, teamCalendar: BusinessCalendar | null, now: number): { remainingDays: RemainingDays; sources: DeadlineSources } {
    const policy = this.settings.config.SLA_POLICY_JSON;
    const { below, middle, above } = cases.storedDeadlines;
    const sources: Record<DeadlineSource | 'none', number> = { sla_clock: below + middle.length + above, policy_estimate: 0, none: 0 };
    const values: number[] = middle.map((deadlineAt) => (deadlineAt - now) / DAY_MS);
    const groups: Array<{ c: OpenCase; n: number }> = [
      // A case with a clock is decided by its clock alone: kind, severity and creation are not read.
      ...cases.paused.map(({ clock, n }) => ({ c: { kind: '', severity: '', team, createdAt: 0, clock }, n })),
      ...cases.unclocked.map(({ kind, severity, createdAt, n }) => ({ c: { kind, severity, team, createdAt, clock: null }, n })),
    ];
    for (const { c, n } of groups) {
      const deadline = resolutionDeadline(c, policy, teamCalendar, now);
      if (!deadline) {
        sources.none += n;
        continue;
      }
      sources[deadline.source] += n;
      for (let i = 0; i < n; i++) values.push((deadline.deadlineAt - now) / DAY_MS);
    }
    return {
      remainingDays: { values, below, above },
      sources: { slaClock: sources.sla_clock, policyEstimate: sources.policy_estimate, none: sources.none },
    };
  }
}

function away(m: RosterMemberEntity, now: number): boolean {
  return m.outOfOfficeUntil !== null && isOutOfOffice({ outOfOfficeUntil: m.outOfOfficeUntil.getTime() }, now);
}

const emptyAges = (): AgeCounts => Object.fromEntries(AGE_BUCKETS.map((b) => [b, 0])) as unknown as AgeCounts;

function backlogOf(cases: OpenCases): Backlog {
  const byAge = emptyAges();
  const kinds = new Map<string, { total: number; byAge: AgeCounts }>(CASE_KINDS.map((k) => [k, { total: 0, byAge: emptyAges() }]));
  for (const { kind: name, byAge: ages } of cases.byKind) {
    let kind = kinds.get(name);
    if (!kind) kinds.set(name, (kind = { total: 0, byAge: emptyAges() }));
    for (const [bucket, n] of ages) {
      byAge[bucket] += n;
      kind.total += n;
      kind.byAge[bucket] += n;
    }
  }
  return { total: cases.total, byAge, byKind: [...kinds].map(([kind, v]) => ({ kind, ...v })) };
}

function flowOf(arrivals: Map<number, number>, completions: Map<number, number>, now: Date, days: number): Flow {
  const series = [];
  for (let i = days - 1; i >= 0; i--) {
    series.push({
      from: new Date(now.getTime() - (i + 1) * DAY_MS).toISOString(),
      to: new Date(now.getTime() - i * DAY_MS).toISOString(),
      arrivals: arrivals.get(i) ?? 0,
      completions: completions.get(i) ?? 0,
    });
  }
  const totals = series.reduce((t, d) => ({ arrivals: t.arrivals + d.arrivals, completions: t.completions + d.completions }), {
    arrivals: 0,
    completions: 0,
  });
  return { days, series, totals: { ...totals, net: totals.completions - totals.arrivals } };
}
