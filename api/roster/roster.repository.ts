import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RosterMemberEntity } from '../../db/entities/roster-member.entity';

/** States in which a case is finished; every other state is open work. */
export const FINISHED_CASE_STATES = ['resolved', 'closed'] as const;

export interface AssignedCaseRow {
  caseId: string;
  workflowId: string;
  state: string;
}

/** Queries on the roster; no rules here. */
@Injectable()
export class RosterRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(RosterMemberEntity);
  }

  findActive(userId: string): Promise<RosterMemberEntity | null> {
    return this.repo.findOneBy({ userId, active: true });
  }

  findById(userId: string): Promise<RosterMemberEntity | null> {
    return this.repo.findOneBy({ userId });
  }

  list(filter: { team?: string; role?: string; includeInactive?: boolean }): Promise<RosterMemberEntity[]> {
    const { includeInactive, ...where } = filter;
    return this.repo.find({
      where: { ...where, ...(includeInactive ? {} : { active: true }) },
      order: { team: 'ASC', userId: 'ASC' },
    });
  }

  save(member: RosterMemberEntity): Promise<RosterMemberEntity> {
    return this.repo.save(member);
  }

  /** The escalations assigned to a member that are not finished, oldest first. */
  async openEscalationsAssignedTo(userId: string): Promise<AssignedCaseRow[]> {
    const rows: Array<{ id: string; workflow_id: string; state: string }> = await this.dataSource.query(
      `SELECT id, workflow_id, state FROM cases
        WHERE kind = 'escalation' AND assignee_id = $1 AND state <> ALL($2::text[])
        ORDER BY created_at, id`,
      [userId, [...FINISHED_CASE_STATES]],
    );
    return rows.map((r) => ({ caseId: r.id, workflowId: r.workflow_id, state: r.state }));
  }
}
