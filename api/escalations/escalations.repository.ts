import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CaseEntity } from '../../db/entities/case.entity';

/** Queries on the escalation read model; no rules here. */
@Injectable()
export class EscalationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  findById(id: string): Promise<CaseEntity | null> {
    return this.dataSource.getRepository(CaseEntity).findOneBy({ id, kind: 'escalation' });
  }
}
