/** What each role finds in the console: its pages, in menu order; the first is where it lands. */
export interface NavItem {
  href: string;
  label: string;
}

const WORK: NavItem = { href: '/console/work', label: 'My work' };
const CASES: NavItem = { href: '/console/cases', label: 'Cases' };
const APPROVALS: NavItem = { href: '/console/approvals', label: 'Approvals' };
const TEAM: NavItem = { href: '/console/team', label: 'Team' };
const DASHBOARD: NavItem = { href: '/console/dashboard', label: 'Dashboard' };

const NAV: Record<string, NavItem[]> = {
  specialist: [WORK, CASES],
  senior_specialist: [WORK, CASES, TEAM, DASHBOARD],
  manager: [DASHBOARD, TEAM, WORK, CASES],
  legal: [APPROVALS, CASES],
  policy: [APPROVALS, CASES],
  customer_trust: [APPROVALS, CASES],
  account_manager: [WORK, CASES],
  operator: [CASES, DASHBOARD, TEAM],
};

export function navFor(role: string): NavItem[] {
  return NAV[role] ?? [CASES];
}

export function homeFor(role: string): string {
  return navFor(role)[0].href;
}

/** Roles the permission table lets read a case's workflow history (`history.view`). */
export const HISTORY_ROLES = ['manager', 'operator'];
/** Roles that change the roster (`roster.update`): out of office. */
export const ROSTER_EDITORS = ['manager', 'operator'];
/** Roles that open cases (`create`). */
export const CASE_CREATORS = ['specialist', 'senior_specialist', 'manager'];
/** Roles whose work arrives as handoffs. */
export const HANDOFF_ROLES = ['legal', 'policy', 'customer_trust'];
