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
/** QA reviews, calibration sessions and scorecards: for the roles that review (`qa.review`) and answer sessions. */
const QUALITY: NavItem = { href: '/console/quality', label: 'Quality' };

const NAV: Record<string, NavItem[]> = {
  specialist: [WORK, CASES, QUALITY],
  senior_specialist: [WORK, CASES, TEAM, DASHBOARD, QUALITY],
  manager: [DASHBOARD, TEAM, WORK, CASES, QUALITY],
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
/** Roles that read their team's scorecards (`quality.view` on their own team). */
export const QUALITY_VIEWERS = ['senior_specialist', 'manager'];
/** Roles that adjudicate QA disagreements (`qa.adjudicate`) and run calibration sessions (`calibration.run`). */
export const QUALITY_MANAGERS = ['manager'];
/** Roles with a scorecard of their own: those who decide cases. */
export const DECIDERS = ['specialist', 'senior_specialist', 'manager'];
