import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { riskModelFor } from '../../activities/risk/http-risk-model';
import type { RiskModel } from '../../activities/risk/risk-model';
import { RulesRiskModel } from '../../activities/risk/rules-risk-model';
import { sellerRiskFacts } from '../../activities/risk/seller-facts';
import type { Actor } from '../../workflows/common/actor';
import { playbookFor } from '../../workflows/strategic-review/playbooks';
import { bandRank, type RiskBand } from '../../workflows/strategic-review/review.vocabulary';
import { AccessService } from '../auth/access.service';
import { DomainError, ErrorCode } from '../common/error-codes';
import { ApiSettings } from '../common/runtime';
import { ReviewOpener } from '../reviews/review-opener.service';
import type { AssessSellerDto, ListSellersQuery } from './dto/seller-queries.dto';
import { riskResponse, sellerResponse } from './seller.mapper';
import type { SellerAssessmentResponse, SellerPageResponse, SellerResponse } from './seller.response';
import { SellersRepository } from './sellers.repository';

/**
 * The seller directory: profiles (context for every case), and seller-level risk assessments, which
 * the detection and science teams' pipelines post their signals to. An assessment whose band rises to
 * or above the seller's playbook threshold opens a strategic review (at most one open per seller).
 */
@Injectable()
export class SellersService {
  private readonly model: RiskModel;

  constructor(
    private readonly repository: SellersRepository,
    private readonly access: AccessService,
    private readonly dataSource: DataSource,
    private readonly opener: ReviewOpener,
    settings: ApiSettings,
  ) {
    this.model = riskModelFor(settings.config, new RulesRiskModel());
  }

  async get(actor: Actor, id: string): Promise<SellerResponse> {
    this.access.require(actor, 'sellers.view', { kind: 'sellers' });
    return this.profile(id);
  }

  /** The profile, without a permission check: for case views, whose own check already covers it. */
  async profile(id: string): Promise<SellerResponse> {
    const seller = await this.repository.findById(id);
    if (!seller) throw new DomainError(ErrorCode.NotFound, `No seller ${id} in the directory`);
    return sellerResponse(seller, await this.openReviewOf(id));
  }

  async profileOrNull(id: string): Promise<SellerResponse | null> {
    const seller = await this.repository.findById(id);
    return seller ? sellerResponse(seller, await this.openReviewOf(id)) : null;
  }

  async list(actor: Actor, query: ListSellersQuery): Promise<SellerPageResponse> {
    this.access.require(actor, 'sellers.view', { kind: 'sellers' });
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const { rows, total } = await this.repository.list({ strategic: query.strategic, q: query.q }, limit, offset);
    return { items: rows.map((s) => sellerResponse(s, null)), total, limit, offset };
  }

  async assess(actor: Actor, id: string, dto: AssessSellerDto): Promise<SellerAssessmentResponse> {
    this.access.require(actor, 'sellers.update', { kind: 'sellers' });
    const seller = await this.repository.findById(id);
    if (!seller) throw new DomainError(ErrorCode.NotFound, `No seller ${id} in the directory`);
    const facts = await sellerRiskFacts(this.dataSource, id, [], Date.now());
    const detection = dto.detection ? { ...dto.detection } : undefined;
    const assessment = await this.model.assess({ ...facts!, detection: detection ?? facts!.detection });
    await this.repository.saveAssessment(id, { ...assessment }, detection as Record<string, number> | undefined);

    const previousBand = (seller.riskBand as RiskBand | null) ?? null;
    const { playbook } = playbookFor({ strategic: seller.strategic, annualSales: seller.annualSales });
    const rose = bandRank(assessment.band) > bandRank(previousBand);
    const reaches = bandRank(assessment.band) >= bandRank(playbook.autoOpenBand);
    let review: SellerAssessmentResponse['review'];
    if (rose && reaches) {
      const opened = await this.opener.openAutomatically(id, `Risk band rose from ${previousBand ?? 'none'} to ${assessment.band} (score ${assessment.score})`, {
        kind: 'risk_band_rise',
        ref: `${id}@${assessment.assessedAt}`,
      });
      review = opened
        ? { opened: true, caseId: opened.caseId, reason: `band rose from ${previousBand ?? 'none'} to ${assessment.band}, at or above the ${playbook.id} playbook's threshold ${playbook.autoOpenBand}` }
        : { opened: false, caseId: await this.openReviewOf(id), reason: 'the seller already has an open strategic review' };
    } else {
      review = {
        opened: false,
        caseId: null,
        reason: !rose ? `band ${assessment.band} did not rise (was ${previousBand ?? 'none'})` : `band ${assessment.band} is below the ${playbook.id} playbook's threshold ${playbook.autoOpenBand}`,
      };
    }
    return { sellerId: id, previousBand, assessment: riskResponse(assessment), review };
  }

  private async openReviewOf(sellerId: string): Promise<string | null> {
    const [row] = (await this.dataSource.query(`SELECT case_id FROM strategic_reviews WHERE seller_id = $1 AND is_open`, [sellerId])) as Array<{ case_id: string }>;
    return row?.case_id ?? null;
  }
}
