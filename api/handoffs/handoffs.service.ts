import { Injectable } from '@nestjs/common';
import { WorkflowNotFoundError } from '@temporalio/common';
import { handoffTeamOf, type AccessTarget } from '../../workflows/common/access';
import type { Actor, CaseKind, HandoffTeam } from '../../workflows/common/actor';
import { answerHandoffUpdate, handoffWorkflowId } from '../../workflows/handoff/handoff.contract';
import { AccessService } from '../auth/access.service';
import { DomainError, ErrorCode } from '../common/error-codes';
import { TemporalClient } from '../common/runtime';
import { updateIdFor } from '../escalations/idempotency';
import type { AnswerHandoffDto } from './dto/answer-handoff.dto';
import type { ListHandoffsQuery } from './dto/list-handoffs.query';
import { fromHandoffEntity, fromHandoffView } from './handoff.mapper';
import type { HandoffPageResponse, HandoffResponse } from './handoff.response';
import { CasesRepository } from '../cases/cases.repository';
import { HandoffsRepository, type HandoffScope } from './handoffs.repository';

/**
 * Handoffs from the addressee's side: answering one (a member of the addressed team; the handoff
 * workflow's validator checks again) and the team's list. The answer reaches the case by a signal,
 * so the case's read model catches up a moment after this returns.
 */
@Injectable()
export class HandoffsService {
  constructor(
    private readonly repository: HandoffsRepository,
    private readonly cases: CasesRepository,
    private readonly access: AccessService,
    private readonly temporal: TemporalClient,
  ) {}

  async answer(actor: Actor, handoffId: string, dto: AnswerHandoffDto, key?: string): Promise<HandoffResponse> {
    const handoff = await this.repository.findById(handoffId);
    if (!handoff) throw new DomainError(ErrorCode.NotFound, `No handoff with id ${handoffId}`);
    const kase = await this.cases.findById(handoff.caseId);
    const target: AccessTarget = {
      kind: handoff.caseKind as CaseKind,
      team: kase?.team ?? undefined,
      assigneeId: kase?.assigneeId ?? undefined,
      handoffTeam: handoff.team as HandoffTeam,
    };
    this.access.require(actor, 'answer_handoff', target, handoff.id);
    const request = { actor, outcome: dto.outcome, notes: dto.notes, ...(dto.citation ? { citation: dto.citation } : {}) };
    try {
      const view = await this.temporal.client.workflow
        .getHandle(handoff.workflowId || handoffWorkflowId(handoff.id))
        .executeUpdate(answerHandoffUpdate, { args: [request], updateId: updateIdFor('answer_handoff', actor, key) });
      return fromHandoffView(view);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) {
        throw new DomainError(ErrorCode.InvalidTransition, `handoff ${handoff.id} is ${handoff.status} and takes no more answers`);
      }
      throw err;
    }
  }

  async list(actor: Actor, query: ListHandoffsQuery): Promise<HandoffPageResponse> {
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const { rows, total } = await this.repository.list(scopeOf(actor), query.status ?? 'open', limit, offset);
    const cases = await this.cases.casesById(rows.map((r) => r.caseId));
    return { items: rows.map((r) => fromHandoffEntity(r, cases.get(r.caseId))), total, limit, offset };
  }
}

/** Handoff teams see what is addressed to them; seller-risk teams what their cases asked; operators everything. */
function scopeOf(actor: Actor): HandoffScope {
  const own = handoffTeamOf(actor.role);
  if (own) return { addressedTo: own };
  if (actor.role === 'operator') return { everywhere: true };
  return { caseTeam: actor.team };
}
