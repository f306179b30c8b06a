import { randomUUID } from 'node:crypto';
import type { Actor } from '../../workflows/common/actor';
import { days, type AppealInput, type AppealSettings } from '../../workflows/appeal/appeal.contract';
import { alwaysOnTarget } from './escalation-context';

export const appealActors = {
  ben: { userId: 'ben', role: 'specialist', team: 'seller-risk-us' },
  kim: { userId: 'kim', role: 'specialist', team: 'seller-risk-us' },
  dana: { userId: 'dana', role: 'senior_specialist', team: 'seller-risk-us' },
  mia: { userId: 'mia', role: 'manager', team: 'seller-risk-us' },
} satisfies Record<string, Actor>;

export const sellerActor = (sellerId: string): Actor => ({ userId: `acct-${sellerId}`, role: 'seller', team: `seller:${sellerId}` });

/** Appeal settings on the always-on calendar, so time-skipping and machine tests count plain hours. */
export function appealSettings(overrides: Partial<AppealSettings> = {}): AppealSettings {
  return {
    firstResponse: alwaysOnTarget('first_response', 8),
    resolution: alwaysOnTarget('resolution', 40),
    infoDeadlineMs: days(17),
    infoReminderBeforeMs: days(3),
    maxInfoRequests: 2,
    approval: { requiredApprovals: 1, minimumRole: 'senior_specialist', remindAfterMs: 4 * 3_600_000, escalateAfterMs: 8 * 3_600_000 },
    monitoringWindowMs: days(90),
    ...overrides,
  };
}

/** An appeal against an external suspension decided by `mia`, on seller-risk-us. */
export function appealInput(overrides: Partial<AppealInput> = {}): AppealInput {
  const sellerId = `ap-seller-${randomUUID().slice(0, 8)}`;
  return {
    caseId: randomUUID(),
    seller: { sellerId, marketplace: 'US', legalName: 'Appealing Traders LLC', language: null },
    enforcement: { source: 'external', ref: `ext-${randomUUID().slice(0, 8)}`, type: 'suspension', reason: 'suspected counterfeit', decidedBy: ['mia'], decidedAt: null, upstreamTeam: 'SLM' },
    plan: {
      rootCause: 'A supplier shipped unbranded goods under our listing',
      correctiveActions: ['Removed the supplier', 'Audited all listings'],
      preventiveMeasures: ['Supplier invoices checked before listing'],
      evidence: ['invoice-2026-14.pdf'],
    },
    team: 'seller-risk-us',
    createdBy: sellerActor(sellerId),
    requestedAt: Date.now(),
    settings: appealSettings(),
    ...overrides,
  };
}
