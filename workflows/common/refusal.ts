import { ApplicationFailure } from '@temporalio/workflow';

/**
 * The failure types a workflow refuses an update with. The API's ErrorCode enum has the same values
 * (a unit test checks), so a refusal maps to its HTTP status without translation.
 */
export const REFUSAL_TYPES = ['invalid_transition', 'forbidden', 'validation_failed', 'not_found'] as const;
export type RefusalType = (typeof REFUSAL_TYPES)[number];

/** An ApplicationFailure that rejects the update (and only the update): never retried. */
export function refusal(type: RefusalType, reason: string, details?: Record<string, unknown>): ApplicationFailure {
  return ApplicationFailure.create({ type, message: reason, nonRetryable: true, details: details ? [details] : undefined });
}
