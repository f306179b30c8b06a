import { HANDOFF_TEAMS } from '../common/actor';

/** The handoff's vocabulary, free of Temporal imports so the console's forms can use it too. */

/** Who a handoff can address: the handoff teams, and account management for a strategic review's consultation. */
export const HANDOFF_ADDRESSEES = [...HANDOFF_TEAMS, 'account_management'] as const;
export type HandoffAddressee = (typeof HANDOFF_ADDRESSEES)[number];

export const HANDOFF_OUTCOMES = ['approve', 'reject', 'advise'] as const;
export type HandoffOutcome = (typeof HANDOFF_OUTCOMES)[number];

export const HANDOFF_STATUSES = ['open', 'answered', 'cancelled'] as const;
export type HandoffStatus = (typeof HANDOFF_STATUSES)[number];
