import { Injectable } from '@nestjs/common';
import type { CaseEntity } from '../../db/entities/case.entity';
import { handoffTeamOf, type AccessTarget, type CaseAction } from '../../workflows/common/access';
import type { Actor, CaseKind } from '../../workflows/common/actor';
import { AccessService } from '../auth/access.service';
import { DomainError, ErrorCode } from '../common/error-codes';
import { CasesRepository } from './cases.repository';

const KIND_NAMES: Record<CaseKind, string> = {
  escalation: 'escalation',
  strategic_review: 'strategic review',
  appeal: 'appeal',
};

/** Loads a case of any kind for a route and applies the permission table to it: 404, then 403 with the table's reason. */
@Injectable()
export class CaseAccess {
  constructor(
    private readonly repository: CasesRepository,
    private readonly access: AccessService,
  ) {}

  /** The case; with `kind`, only a case of that kind (another kind's id is a 404 on that kind's routes). */
  async load(id: string, kind?: CaseKind): Promise<CaseEntity> {
    const row = await this.repository.findById(id, kind);
    if (!row) throw new DomainError(ErrorCode.NotFound, `No ${kind ? KIND_NAMES[kind] : 'case'} with id ${id}`);
    return row;
  }

  /** The case, if the caller may do `action` on it. */
  async require(actor: Actor, action: CaseAction, id: string, kind?: CaseKind): Promise<CaseEntity> {
    const row = await this.load(id, kind);
    this.access.require(actor, action, await this.targetFor(actor, action, row), row.id);
    return row;
  }

  /** A handoff team sees a case only through a handoff addressed to it. */
  private async targetFor(actor: Actor, action: CaseAction, row: CaseEntity): Promise<AccessTarget> {
    const target: AccessTarget = { kind: row.kind as CaseKind, team: row.team ?? undefined, assigneeId: row.assigneeId ?? undefined };
    const own = handoffTeamOf(actor.role);
    if (action === 'view' && own && (await this.repository.hasHandoffTo(row.id, own))) target.handoffTeam = own;
    return target;
  }
}
