import type { Role } from '../actor';

/**
 * Maker-checker as policy data: how many people must approve what one person proposed, how senior
 * they must be, and how long the approval may wait before it reminds and escalates. A case kind keeps
 * the policy it started with (its playbook's, for strategic reviews) and evaluates it with
 * approval.ts. Pure data: bundled into workflow code.
 */
export interface ApprovalPolicy {
  /** Distinct approvers needed (a quorum when more than one); never the maker. */
  requiredApprovals: number;
  /** Every approver holds at least this role (by SENIORITY rank). */
  minimumRole: Role;
  /** Among the approvers, at least `count` hold `role` or above (e.g. one manager in a quorum of two). */
  atLeast?: { role: Role; count: number };
  /** Business time after which the approvers are reminded. */
  remindAfterMs: number;
  /** Business time after which the approval is escalated to the team's managers. */
  escalateAfterMs: number;
}

/**
 * Seniority by role, for approvals: who may check whose work. Roles outside case work (handoff teams,
 * account managers, operators) rank 0 and never approve.
 */
export const SENIORITY: Readonly<Record<Role, number>> = {
  specialist: 1,
  senior_specialist: 2,
  manager: 3,
  legal: 0,
  policy: 0,
  customer_trust: 0,
  account_manager: 0,
  operator: 0,
  seller: 0,
  enforcement_system: 0,
};

export function seniorityOf(role: string): number {
  return (SENIORITY as Record<string, number>)[role] ?? 0;
}

/** Problems with a policy (for validating configuration), or an empty list. */
export function policyProblems(p: ApprovalPolicy): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(p.requiredApprovals) || p.requiredApprovals < 1) problems.push('requiredApprovals must be a whole number of at least 1');
  if (seniorityOf(p.minimumRole) < 1) problems.push(`minimumRole ${p.minimumRole} is not a case-working role`);
  if (p.atLeast) {
    if (seniorityOf(p.atLeast.role) < seniorityOf(p.minimumRole)) problems.push('atLeast.role must be at least minimumRole');
    if (!Number.isInteger(p.atLeast.count) || p.atLeast.count < 1 || p.atLeast.count > p.requiredApprovals) {
      problems.push('atLeast.count must be between 1 and requiredApprovals');
    }
  }
  if (!(p.remindAfterMs > 0)) problems.push('remindAfterMs must be positive');
  if (!(p.escalateAfterMs > p.remindAfterMs)) problems.push('escalateAfterMs must be after remindAfterMs');
  return problems;
}
