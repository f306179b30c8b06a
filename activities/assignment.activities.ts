import type { DataSource } from 'typeorm';
import type { MemberSkills } from '../db/entities/roster-member.entity';
import type { CaseKind, Role } from '../workflows/common/actor';
import { route, type RosterMember, type RoutingDecision, type WorkItem } from '../workflows/common/routing';
import { classified } from './failures';

export interface AssignmentDeps {
  dataSource: DataSource;
}

export interface AssignmentResult {
  decision: 'assign' | 'queue';
  userId: string | null;
  reason: string;
  /** The ranked candidates (user id and free capacity), for the audit trail. */
  candidates: Array<{ userId: string; freeCapacity: number }>;
}

/**
 * Asks the pure routing function (workflows/common/routing.ts) for a decision on the current roster.
 * Active cases are counted from the read model, across every case kind.
 */
export function createAssignmentActivities({ dataSource }: AssignmentDeps) {
  return {
    assignCase: (item: WorkItem, now: number): Promise<AssignmentResult> => classified(async () => {
      const rows: Array<{
        user_id: string;
        role: Role;
        team: string;
        skills: MemberSkills;
        capacity: number;
        out_of_office_until: Date | null;
        last_assigned_at: Date | null;
        started_on: string | null;
        active_cases: number;
      }> = await dataSource.query(
        `SELECT m.user_id, m.role, m.team, m.skills, m.capacity, m.out_of_office_until, m.last_assigned_at, m.started_on::text AS started_on,
                (SELECT count(*)::int FROM cases c
                  WHERE c.assignee_id = m.user_id AND c.is_open AND c.id <> $2) AS active_cases
           FROM roster_members m
          WHERE m.team = $1 AND m.active`,
        [item.team, item.caseId],
      );
      const members: RosterMember[] = rows.map((r) => ({
        userId: r.user_id,
        role: r.role,
        team: r.team,
        skills: { kinds: r.skills.kinds as CaseKind[], marketplaces: r.skills.marketplaces, languages: r.skills.languages },
        capacity: r.capacity,
        activeCases: r.active_cases,
        outOfOfficeUntil: r.out_of_office_until?.getTime(),
        lastAssignedAt: r.last_assigned_at?.getTime(),
        startedOn: r.started_on,
      }));
      const decision: RoutingDecision = route(item, members, now);
      if (decision.decision === 'assign') {
        await dataSource.query(`UPDATE roster_members SET last_assigned_at = $2 WHERE user_id = $1`, [
          decision.userId,
          new Date(now),
        ]);
        return {
          decision: 'assign',
          userId: decision.userId,
          reason: decision.reason,
          candidates: decision.candidates.slice(0, 5).map((c) => ({ userId: c.userId, freeCapacity: c.score })),
        };
      }
      return { decision: 'queue', userId: null, reason: decision.reason, candidates: [] };
    }),
  };
}
