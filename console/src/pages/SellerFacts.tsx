import { Definition, Panel } from '../components/common';
import { words } from '../lib/format';
import type { Seller } from '../lib/types';

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });

/** The seller's profile from the seller directory, as every kind's case page shows it. */
export function SellerFacts({ seller }: { seller: Seller }) {
  return (
    <Panel title="Seller profile" id="seller">
      <Definition
        items={[
          ['Legal name', seller.legalName],
          ['Seller', <span class="mono">{seller.id}</span>],
          ['Annual sales', usd.format(seller.annualSales)],
          ['Strategic', seller.strategic ? 'Yes' : 'No'],
          ['Tier', `${seller.tierTitle} (${seller.tier})`],
          ['Account manager', seller.accountManagerId ?? '—'],
          ['Linked accounts', seller.linkedAccounts.length ? seller.linkedAccounts.join(', ') : 'None'],
          ['Enforcement history', seller.enforcementHistory.length ? seller.enforcementHistory.map((e) => `${e.at} ${words(e.action)}`).join('; ') : 'None'],
          ['Latest risk', seller.risk ? `${seller.risk.score}/100 (${seller.risk.band})` : 'Not assessed'],
        ]}
      />
    </Panel>
  );
}
