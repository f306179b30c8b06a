import { randomUUID } from 'node:crypto';
import type { Actor } from '../../workflows/common/actor';
import { playbookFor } from '../../workflows/strategic-review/playbooks';
import type { ReviewInput, ReviewSettings } from '../../workflows/strategic-review/review.contract';
import type { SellerSnapshot } from '../../workflows/strategic-review/review.state';
import { alwaysOnTarget } from './escalation-context';

export const reviewActors = {
  ben: { userId: 'ben', role: 'specialist', team: 'seller-risk-us' },
  dana: { userId: 'dana', role: 'senior_specialist', team: 'seller-risk-us' },
  mia: { userId: 'mia', role: 'manager', team: 'seller-risk-us' },
  alex: { userId: 'alex', role: 'account_manager', team: 'account-management' },
} satisfies Record<string, Actor>;

/** Review settings on the always-on calendar, so time-skipping and machine tests count plain hours. */
export function reviewSettings(overrides: Partial<ReviewSettings> = {}): ReviewSettings {
  return {
    firstResponse: alwaysOnTarget('first_response', 8),
    resolution: alwaysOnTarget('resolution', 60),
    handoffs: { legal: alwaysOnTarget('handoff', 16, 0.5), policy: alwaysOnTarget('handoff', 8), customer_trust: alwaysOnTarget('handoff', 4) },
    policyGap: alwaysOnTarget('policy_gap', 24, 0.5),
    ...overrides,
  };
}

/** A review input as the API would build it for a seller of these facts (tier and current playbook), on seller-risk-us. */
export function reviewInput(seller: Partial<SellerSnapshot> = {}, overrides: Partial<ReviewInput> = {}): ReviewInput {
  const s: SellerSnapshot = {
    sellerId: `ts-seller-${randomUUID().slice(0, 8)}`,
    marketplace: 'US',
    legalName: 'Time Skipping Traders LLC',
    annualSales: 18_000_000,
    strategic: true,
    accountManagerId: 'alex',
    enforcementHistory: [],
    linkedAccounts: [],
    ...seller,
  };
  const { tier, playbook } = playbookFor(s);
  return {
    caseId: randomUUID(),
    seller: s,
    summary: `Strategic review of ${s.legalName}`,
    team: 'seller-risk-us',
    createdBy: reviewActors.ben,
    trigger: { kind: 'manual', ref: null },
    tier: { id: tier.id, title: tier.title },
    playbook: { id: playbook.id, version: playbook.version },
    requestedAt: Date.now(),
    settings: reviewSettings(),
    ...overrides,
  };
}
