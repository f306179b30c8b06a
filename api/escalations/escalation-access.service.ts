import { Injectable } from '@nestjs/common';
import type { CaseEntity } from '../../db/entities/case.entity';
import { handoffTeamOf, type AccessTarget, type CaseAction } from '../../workflows/common/access';
import type { Actor } from '../../workflows/common/actor';
import { AccessService } from '../auth/access.service';
import { DomainError, ErrorCode } from '../common/error-codes';
import { EscalationsRepository } from './escalations.repository';

/** Loads a case for a route and applies the permission table to it: 404, then 403 with the table's reason. */
@Injectable()
export class EscalationAccess {
  constructor(
    private readonly repository: EscalationsRepository,
    private readonly access: AccessService,
  ) {}

  async load(id: string): Promise<CaseEntity> {
    const row = await this.repository.findById(id);
    if (!row) throw new DomainError(ErrorCode.NotFound, `No escalation with id ${id}`);
    return row;
  }

  /** The case, if the caller may do `action` on it. */
  async require(actor: Actor, action: CaseAction, id: string): Promise<CaseEntity> {
    const row = await this.load(id);
    this.access.require(actor, action, await this.targetFor(actor, action, row), row.id);
    return row;
  }

  /** A handoff team sees a case only through a handoff addressed to it. */
  private async targetFor(actor: Actor, action: CaseAction, row: CaseEntity): Promise<AccessTarget> {
    const target: AccessTarget = { kind: 'escalation', team: row.team ?? undefined, assigneeId: row.assigneeId ?? undefined };
    const own = handoffTeamOf(actor.role);
    if (action === 'view' && own && (await this.repository.hasHandoffTo(row.id, own))) target.handoffTeam = own;
    return target;
  }
}
