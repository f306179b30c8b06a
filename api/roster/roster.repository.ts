import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RosterMemberEntity } from '../../db/entities/roster-member.entity';

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
}
