import type { DataSource } from 'typeorm';
import { SellerEntity } from '../entities/seller.entity';

type DemoSeller = Pick<SellerEntity, 'id' | 'marketplace' | 'legalName' | 'annualSales' | 'strategic' | 'accountManagerId' | 'enforcementHistory' | 'linkedAccounts'>;

/**
 * A demo seller directory, one or more sellers in every tier (see workflows/strategic-review/playbooks.ts),
 * on the marketplaces the demo teams own; the strategic ones have `alex` as account manager.
 */
export const DEMO_SELLERS: DemoSeller[] = [
  { id: 'seller-4711', marketplace: 'DE', legalName: 'Nordlicht Handels GmbH', annualSales: 72_000_000, strategic: true, accountManagerId: 'alex', enforcementHistory: [], linkedAccounts: ['seller-4712'] },
  { id: 'seller-4712', marketplace: 'DE', legalName: 'Nordlicht Outlet UG', annualSales: 800_000, strategic: false, accountManagerId: null,
    enforcementHistory: [{ at: '2025-06-01', action: 'listing_restriction', reason: 'counterfeit listings' }], linkedAccounts: ['seller-4711'] },
  { id: 'seller-2001', marketplace: 'US', legalName: 'Cascade Outdoor Supply LLC', annualSales: 18_000_000, strategic: true, accountManagerId: 'alex', enforcementHistory: [], linkedAccounts: [] },
  { id: 'seller-2002', marketplace: 'US', legalName: 'Bluebird Kitchenware Inc.', annualSales: 7_500_000, strategic: false, accountManagerId: null, enforcementHistory: [], linkedAccounts: [] },
  { id: 'seller-2003', marketplace: 'US', legalName: 'Summit Electronics Corp.', annualSales: 120_000_000, strategic: true, accountManagerId: 'alex',
    enforcementHistory: [{ at: '2024-11-12', action: 'warning', reason: 'late shipment rate' }], linkedAccounts: [] },
  { id: 'seller-8801', marketplace: 'JP', legalName: 'Sakura Crafts K.K.', annualSales: 3_200_000, strategic: false, accountManagerId: null, enforcementHistory: [], linkedAccounts: [] },
  { id: 'seller-9001', marketplace: 'IN', legalName: 'Lotus Textiles Pvt Ltd', annualSales: 55_000_000, strategic: true, accountManagerId: 'alex', enforcementHistory: [], linkedAccounts: [] },
  { id: 'seller-3100', marketplace: 'UK', legalName: 'Thames Books Ltd', annualSales: 1_100_000, strategic: false, accountManagerId: null, enforcementHistory: [], linkedAccounts: [] },
];

/** Seeds the demo sellers into an empty directory; returns how many were seeded (none if any seller existed). */
export async function seedDemoSellers(ds: DataSource): Promise<number> {
  const repo = ds.getRepository(SellerEntity);
  if ((await repo.count()) > 0) return 0;
  await repo.insert(DEMO_SELLERS);
  return DEMO_SELLERS.length;
}
