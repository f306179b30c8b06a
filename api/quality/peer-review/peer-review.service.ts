import { Injectable } from '@nestjs/common';
import { WorkflowNotFoundError, type UpdateDefinition } from '@temporalio/common';
import { DataSource } from 'typeorm';
import { authorize, type CaseAction } from '../../../workflows/common/access';
import type { Actor } from '../../../workflows/common/actor';
import * as c from '../../../workflows/qa-review/qa-review.contract';
import { AccessService } from '../../auth/access.service';
import { DomainError, ErrorCode } from '../../common/error-codes';
import { TemporalClient } from '../../common/runtime';
import { updateIdFor } from '../../escalations/idempotency';
import type { QaStatementDto } from './dto/qa-statement.dto';
import type { QaReviewResponse } from './peer-review.response';

/**
 * Blind peer review through the API: read a review (its evidence; the maker's decision stays hidden
 * while the review is blind), the reviewer's statement, a manager's adjudication. The route checks
 * the permission table; the workflow checks it again with the review's own rules (never the maker,
 * the routed reviewer, seniority).
 */
@Injectable()
export class PeerReviewService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly temporal: TemporalClient,
  ) {}

  async get(actor: Actor, reviewId: string): Promise<QaReviewResponse> {
    await this.load(actor, reviewId, 'qa.review');
    try {
      return await this.temporal.client.workflow.getHandle(c.qaReviewWorkflowId(reviewId)).query(c.getQaReviewQuery);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new DomainError(ErrorCode.NotFound, `No QA review ${reviewId}`);
      throw err;
    }
  }

  review = (actor: Actor, reviewId: string, d: QaStatementDto, key?: string) => this.act(actor, reviewId, 'qa.review', c.submitPeerReviewUpdate, d, key);
  adjudicate = (actor: Actor, reviewId: string, d: QaStatementDto, key?: string) => this.act(actor, reviewId, 'qa.adjudicate', c.adjudicateQaReviewUpdate, d, key);

  private async act(actor: Actor, reviewId: string, action: CaseAction, update: UpdateDefinition<c.QaReviewView, [c.QaStatementRequest]>, d: QaStatementDto, key?: string) {
    const row = await this.load(actor, reviewId, action);
    if (row.status === 'agreed' || row.status === 'adjudicated') throw new DomainError(ErrorCode.InvalidTransition, `the review is ${row.status}`);
    const request: c.QaStatementRequest = { actor, decision: d.decision, reason: d.reason ?? null, processError: d.processError, notes: d.notes };
    try {
      return await this.temporal.client.workflow
        .getHandle(c.qaReviewWorkflowId(reviewId))
        .executeUpdate(update, { args: [request], updateId: updateIdFor(`qa:${update.name}`, actor, key) });
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new DomainError(ErrorCode.InvalidTransition, 'the review has ended');
      throw err;
    }
  }

  /** The review's team from the read model; a 404 only for callers who could act on some review. */
  private async load(actor: Actor, reviewId: string, action: CaseAction): Promise<{ team: string; status: string }> {
    const [row] = (await this.ds.query(`SELECT team, status FROM qa_decisions WHERE id = $1 AND sampled`, [reviewId])) as Array<{ team: string; status: string }>;
    if (!row) {
      this.access.require(actor, action, { kind: 'roster', team: actor.team }, reviewId);
      throw new DomainError(ErrorCode.NotFound, `No QA review ${reviewId}`);
    }
    // Quality viewers (operators, seniors, managers of the team) may read any review of the team.
    if (action === 'qa.review' && authorize(actor, 'quality.view', { kind: 'roster', team: row.team }).allowed) return row;
    this.access.require(actor, action, { kind: 'roster', team: row.team }, reviewId);
    return row;
  }
}
