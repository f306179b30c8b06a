import type { DataSource } from 'typeorm';
import { CASE_KINDS } from '../../workflows/common/actor';
import { RosterMemberEntity, type MemberSkills } from '../entities/roster-member.entity';

type DemoMember = Pick<RosterMemberEntity, 'userId' | 'displayName' | 'role' | 'team' | 'capacity'> & {
  skills: MemberSkills;
  teamLead?: boolean;
  /** First day on the team; the demo's one new starter is given a date relative to the seeding instead. */
  startedOn?: string;
};

/** Ana joined three weeks before the roster was seeded: a new starter, so QA samples all her decisions. */
const NEW_STARTER = 'ana';
const NEW_STARTER_DAYS = 21;
/** Everyone else has been on the team since before Riskdesk. */
const ESTABLISHED_SINCE = '2024-01-08';

/** Senior specialists work every kind Riskdesk runs. */
const ALL_KINDS = [...CASE_KINDS];
const none: MemberSkills = { kinds: [], marketplaces: [], languages: [] };

/**
 * At least one user in every role, so a newcomer can try every flow with `npm run token -- <userId>`.
 * The seller-risk teams (EU, Americas, APAC: see db/seed/teams.ts) work cases; the others answer
 * handoffs, consult, or watch.
 */
export const DEMO_ROSTER: DemoMember[] = [
  { userId: 'ana', displayName: 'Ana Specialist', role: 'specialist', team: 'seller-risk-eu', capacity: 5,
    skills: { kinds: ['escalation'], marketplaces: ['DE', 'FR', 'UK'], languages: ['de', 'en', 'fr'] } },
  { userId: 'chloe', displayName: 'Chloe Senior', role: 'senior_specialist', team: 'seller-risk-eu', capacity: 6,
    skills: { kinds: ALL_KINDS, marketplaces: ['DE', 'UK', 'FR', 'JP'], languages: ['en', 'de', 'ja'] } },
  { userId: 'max', displayName: 'Max Manager', role: 'manager', team: 'seller-risk-eu', capacity: 0, skills: none },
  { userId: 'ben', displayName: 'Ben Specialist', role: 'specialist', team: 'seller-risk-us', capacity: 4,
    skills: { kinds: ['escalation'], marketplaces: ['US', 'CA'], languages: ['en', 'es'] } },
  { userId: 'dana', displayName: 'Dana Senior', role: 'senior_specialist', team: 'seller-risk-us', capacity: 5,
    skills: { kinds: ALL_KINDS, marketplaces: ['US', 'CA', 'MX'], languages: ['en', 'es'] } },
  { userId: 'mia', displayName: 'Mia Manager', role: 'manager', team: 'seller-risk-us', capacity: 0, skills: none },
  { userId: 'kenji', displayName: 'Kenji Specialist', role: 'specialist', team: 'seller-risk-apac', capacity: 5,
    skills: { kinds: ['escalation'], marketplaces: ['JP', 'SG'], languages: ['ja', 'en'] } },
  { userId: 'priya', displayName: 'Priya Senior', role: 'senior_specialist', team: 'seller-risk-apac', capacity: 6,
    skills: { kinds: ALL_KINDS, marketplaces: ['IN', 'AU', 'SG', 'JP'], languages: ['en', 'hi'] } },
  { userId: 'hana', displayName: 'Hana Manager', role: 'manager', team: 'seller-risk-apac', capacity: 0, skills: none },
  { userId: 'lea', displayName: 'Lea Legal', role: 'legal', team: 'legal', capacity: 0, skills: none, teamLead: true },
  { userId: 'leo', displayName: 'Leo Legal', role: 'legal', team: 'legal', capacity: 0, skills: none },
  { userId: 'paul', displayName: 'Paul Policy', role: 'policy', team: 'policy', capacity: 0, skills: none, teamLead: true },
  { userId: 'cora', displayName: 'Cora Customer Trust', role: 'customer_trust', team: 'customer_trust', capacity: 0, skills: none, teamLead: true },
  { userId: 'alex', displayName: 'Alex Account Manager', role: 'account_manager', team: 'account-management', capacity: 0, skills: none },
  { userId: 'olga', displayName: 'Olga Operator', role: 'operator', team: 'operations', capacity: 0, skills: none },
  // A seller account bound to the demo seller seller-2002 (its team names the seller), and the enforcement system's service account.
  { userId: 'bluebird', displayName: 'Bluebird Kitchenware (seller)', role: 'seller', team: 'seller:seller-2002', capacity: 0, skills: none },
  { userId: 'enforcer', displayName: 'Enforcement system', role: 'enforcement_system', team: 'enforcement', capacity: 0, skills: none },
];

/** Seeds the demo roster into an empty roster; returns the members seeded (none if any existed). */
export async function seedDemoRoster(ds: DataSource): Promise<DemoMember[]> {
  const repo = ds.getRepository(RosterMemberEntity);
  if ((await repo.count()) > 0) return [];
  const starterSince = new Date(Date.now() - NEW_STARTER_DAYS * 86_400_000).toISOString().slice(0, 10);
  await repo.insert(
    DEMO_ROSTER.map((m) => ({
      ...m,
      teamLead: m.teamLead ?? false,
      email: `${m.userId}@riskdesk.example`,
      active: true,
      startedOn: m.startedOn ?? (m.userId === NEW_STARTER ? starterSince : ESTABLISHED_SINCE),
    })),
  );
  return DEMO_ROSTER;
}
