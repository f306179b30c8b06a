import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../workflows/common/actor';
import type { ReviewState } from '../../workflows/strategic-review/review.state';
import { CaseAccess } from '../cases/case-access.service';
import { CaseQueriesService } from '../cases/case-queries.service';
import { DomainError, ErrorCode } from '../common/error-codes';
import { SellersRepository } from '../sellers/sellers.repository';
import { SellersService } from '../sellers/sellers.service';
import type { CreateReviewDto } from './dto/create-review.dto';
import type { ListReviewsQuery } from './dto/list-reviews.query';
import { ReviewOpener } from './review-opener.service';
import { fromReviewView, reviewParts, reviewSummary } from './review.mapper';
import type { PrecedentLinkResponse, ReviewDetailResponse, ReviewPageResponse, ReviewViewResponse } from './review.response';

/** Opening reviews by hand, and reading them (the shared case reads, shown with the review's own parts). */
@Injectable()
export class ReviewsService {
  constructor(
    private readonly opener: ReviewOpener,
    private readonly sellers: SellersRepository,
    private readonly profiles: SellersService,
    private readonly cases: CaseAccess,
    private readonly queries: CaseQueriesService,
    private readonly dataSource: DataSource,
  ) {}

  async create(dto: CreateReviewDto, actor: Actor, idempotencyKey?: string): Promise<ReviewViewResponse> {
    const seller = await this.sellers.findById(dto.sellerId);
    if (!seller) {
      throw new DomainError(ErrorCode.ValidationFailed, `seller ${dto.sellerId} is not in the seller directory`, {
        fields: [{ field: 'sellerId', problems: ['must be a seller in the directory (GET /sellers; import with npm run sellers:import)'] }],
      });
    }
    const view = await this.opener.open({ seller, summary: dto.summary, by: actor, trigger: { kind: 'manual', ref: null }, idempotencyKey });
    return fromReviewView(view, actor);
  }

  async detail(actor: Actor, id: string): Promise<ReviewDetailResponse> {
    const row = await this.cases.require(actor, 'view', id, 'strategic_review');
    const state = (row.snapshot as { review?: ReviewState }).review;
    if (!state) throw new DomainError(ErrorCode.NotFound, `review ${id} has not been recorded yet`);
    const [parts, seller, precedents] = await Promise.all([this.queries.parts(id), this.profiles.profileOrNull(row.sellerId), this.precedentsFor(state)]);
    return { ...reviewSummary(row), ...reviewParts(state, actor), seller, clocks: parts.clocks, tasks: parts.tasks, timeline: parts.timeline, precedents };
  }

  async list(actor: Actor, query: ListReviewsQuery): Promise<ReviewPageResponse> {
    const page = await this.queries.page(actor, query, ['strategic_review']);
    return { items: page.rows.map(reviewSummary), total: page.total, nextCursor: page.nextCursor };
  }

  /** Decided gaps of other cases that share a tag with this review's gaps: the precedents a reviewer should read. */
  private async precedentsFor(s: ReviewState): Promise<PrecedentLinkResponse[]> {
    const tags = [...new Set(s.policyGaps.map((g) => g.tag))];
    if (!tags.length) return [];
    const rows = (await this.dataSource.query(
      `SELECT id, case_id, tag, decision, precedent, decided_by, decided_at FROM policy_gaps
        WHERE tag = ANY($1::text[]) AND status = 'decided' AND case_id <> $2 ORDER BY decided_at DESC LIMIT 20`,
      [tags, s.caseId],
    )) as Array<{ id: string; case_id: string; tag: string; decision: string; precedent: string; decided_by: string; decided_at: Date }>;
    return rows.map((r) => ({ gapId: r.id, caseId: r.case_id, tag: r.tag, decision: r.decision, precedent: r.precedent, decidedBy: r.decided_by, decidedAt: r.decided_at.toISOString() }));
  }
}
