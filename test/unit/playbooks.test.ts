import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { policyProblems } from '../../workflows/common/approval/approval-policy';
import { CURRENT_PLAYBOOK_VERSIONS, PLAYBOOKS, TIERS, currentPlaybook, findPlaybook, playbookFor, selectTier } from '../../workflows/strategic-review/playbooks';

/**
 * Tiers and playbooks as versioned configuration: which tier (and so which playbook) a seller gets,
 * and that a published version never changes (a running review looks its version up to the end).
 */
describe('tier and playbook selection', () => {
  it.each<[string, { strategic: boolean; annualSales: number }, string, string]>([
    ['strategic, 120M', { strategic: true, annualSales: 120_000_000 }, 'tier_1', 'strategic-top'],
    ['strategic, exactly 50M', { strategic: true, annualSales: 50_000_000 }, 'tier_1', 'strategic-top'],
    ['strategic, just under 50M', { strategic: true, annualSales: 49_999_999.99 }, 'tier_2', 'strategic'],
    ['strategic, small', { strategic: true, annualSales: 10_000 }, 'tier_2', 'strategic'],
    ['not strategic, 120M', { strategic: false, annualSales: 120_000_000 }, 'tier_3', 'high-value'],
    ['not strategic, exactly 5M', { strategic: false, annualSales: 5_000_000 }, 'tier_3', 'high-value'],
    ['not strategic, just under 5M', { strategic: false, annualSales: 4_999_999 }, 'tier_4', 'standard'],
    ['not strategic, nothing sold', { strategic: false, annualSales: 0 }, 'tier_4', 'standard'],
  ])('%s -> %s (%s)', (_name, seller, tier, playbook) => {
    expect(selectTier(seller).id).toBe(tier);
    expect(playbookFor(seller).playbook.id).toBe(playbook);
  });

  it('has a last tier that matches every seller', () => {
    expect(TIERS.at(-1)!.when).toEqual({});
  });

  it('has a current version of every playbook a tier selects, and only published versions are current', () => {
    for (const tier of TIERS) expect(currentPlaybook(tier.playbookId).id).toBe(tier.playbookId);
    for (const [id, version] of Object.entries(CURRENT_PLAYBOOK_VERSIONS)) expect(findPlaybook({ id, version })).toBeDefined();
  });

  it.each(PLAYBOOKS.map((p) => [`${p.id} v${p.version}`, p] as const))('%s is well formed', (_name, p) => {
    expect(policyProblems(p.approval)).toEqual([]);
    expect(new Set(p.checks.map((c) => c.id)).size).toBe(p.checks.length);
    expect(p.checks.some((c) => c.required)).toBe(true);
    if (p.consultation.required) expect(p.consultation.windowMs).toBeGreaterThan(0);
  });

  it('needs a quorum with a manager on the top tier and a manager on the strategic tier', () => {
    expect(currentPlaybook('strategic-top').approval).toMatchObject({ requiredApprovals: 2, atLeast: { role: 'manager', count: 1 } });
    expect(currentPlaybook('strategic').approval).toMatchObject({ requiredApprovals: 1, minimumRole: 'manager' });
  });
});

describe('published playbook versions never change', () => {
  /** Append a new version instead of editing one: running reviews look their version up until they close. */
  const FINGERPRINTS: Record<string, string> = {
    'strategic-top@1': '103c94f34cdc1637',
    'strategic-top@2': '55ccfe428441f8c5',
    'strategic@1': 'bd2405f75a07060a',
    'high-value@1': '4b2c84e7438bc580',
    'standard@1': 'e98c4172a0c0d176',
  };

  it.each(Object.entries(FINGERPRINTS))('%s is as published', (key, fingerprint) => {
    const [id, version] = key.split('@');
    const playbook = findPlaybook({ id, version: Number(version) });
    expect(createHash('sha256').update(JSON.stringify(playbook)).digest('hex').slice(0, 16)).toBe(fingerprint);
  });

  it('pins every published version', () => {
    expect(PLAYBOOKS.map((p) => `${p.id}@${p.version}`).sort()).toEqual(Object.keys(FINGERPRINTS).sort());
  });

  it('cannot be changed at run time', () => {
    expect(() => {
      (PLAYBOOKS[0].checks as unknown as unknown[]).push({});
    }).toThrow();
  });
});

describe('a playbook change', () => {
  const history = JSON.parse(fs.readFileSync(path.join(__dirname, '../replay/histories/03-strategic-reviews/review-top-tier-enforced-playbook-v1.json'), 'utf8'));
  const input = JSON.parse(Buffer.from(history.events[0].workflowExecutionStartedEventAttributes.input.payloads[0].data, 'base64').toString('utf8'));

  it('applies to new reviews only: the recorded review started on version 1 and keeps it (test/replay replays it)', () => {
    expect(input.playbook).toEqual({ id: 'strategic-top', version: 1 });
    expect(currentPlaybook('strategic-top').version).toBe(2);
    expect(playbookFor({ strategic: true, annualSales: 90_000_000 }).playbook.version).toBe(2);
    expect(findPlaybook(input.playbook)!.checks.map((c) => c.id)).not.toContain('payout_accounts');
    expect(currentPlaybook('strategic-top').checks.map((c) => c.id)).toContain('payout_accounts');
  });
});
