import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HandoffEntity } from '../../db/entities/handoff.entity';

/** Whose handoffs a list shows: addressed to a team, raised from a team's cases, or all. */
export type HandoffScope = { addressedTo: string } | { caseTeam: string } | { everywhere: true };

/** Queries on handoffs; no rules here. */
@Injectable()
export class HandoffsRepository {
  constructor(private readonly dataSource: DataSource) {}

  findById(id: string): Promise<HandoffEntity | null> {
    return this.dataSource.getRepository(HandoffEntity).findOneBy({ id });
  }

  /** Soonest due first (no due time last), then oldest request. */
  async list(scope: HandoffScope, status: string, limit: number, offset: number): Promise<{ rows: HandoffEntity[]; total: number }> {
    const q = this.dataSource.getRepository(HandoffEntity).createQueryBuilder('h').where('h.status = :status', { status });
    if ('addressedTo' in scope) q.andWhere('h.team = :team', { team: scope.addressedTo });
    if ('caseTeam' in scope) {
      q.andWhere('EXISTS (SELECT 1 FROM cases c WHERE c.id = h.case_id AND c.team = :caseTeam)', { caseTeam: scope.caseTeam });
    }
    const [rows, total] = await q
      .orderBy('h.dueAt', 'ASC', 'NULLS LAST')
      .addOrderBy('h.requestedAt', 'ASC')
      .addOrderBy('h.id', 'ASC')
      .skip(offset)
      .take(limit)
      .getManyAndCount();
    return { rows, total };
  }
}
