import type { SellerEntity } from '../../db/entities/seller.entity';
import type { RiskAssessment } from '../../workflows/strategic-review/review.state';
import { playbookFor } from '../../workflows/strategic-review/playbooks';
import type { RiskAssessmentResponse, SellerResponse } from './seller.response';

export function riskResponse(a: RiskAssessment): RiskAssessmentResponse {
  return {
    score: a.score,
    band: a.band,
    modelVersion: a.modelVersion,
    model: a.model,
    fallbackReason: a.fallback?.reason ?? null,
    signals: a.signals.map((s) => ({ name: s.name, description: s.description, value: s.value, weight: s.weight, contribution: s.contribution })),
    assessedAt: new Date(a.assessedAt).toISOString(),
  };
}

export function sellerResponse(s: SellerEntity, openReviewId: string | null): SellerResponse {
  const { tier, playbook } = playbookFor({ strategic: s.strategic, annualSales: s.annualSales });
  return {
    id: s.id,
    marketplace: s.marketplace,
    legalName: s.legalName,
    annualSales: s.annualSales,
    strategic: s.strategic,
    accountManagerId: s.accountManagerId,
    enforcementHistory: s.enforcementHistory,
    linkedAccounts: s.linkedAccounts,
    tier: tier.id,
    tierTitle: tier.title,
    playbookId: playbook.id,
    playbookVersion: playbook.version,
    detectionSignals: s.detectionSignals ?? {},
    risk: s.riskAssessment ? riskResponse(s.riskAssessment as unknown as RiskAssessment) : null,
    openReviewId,
  };
}
