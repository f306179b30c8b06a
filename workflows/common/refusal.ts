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

/** The failure type of an update that was applied but could not be written to the read model in time. */
export const NOT_RECORDED = 'not_recorded';

/**
 * Rejects an update whose change the workflow applied but could not record: the caller learns it at
 * once instead of waiting without bound. The case keeps retrying the write by itself; a retry of the
 * update with the same id applies nothing twice (Temporal answers it with this same outcome).
 */
export function notRecorded(reason: string): ApplicationFailure {
  return ApplicationFailure.create({
    type: NOT_RECORDED,
    message: `the action was applied to the case, but the read model could not be updated yet (${reason}); the case keeps retrying and reads will show it once it is written; repeating the request with the same Idempotency-Key applies nothing twice`,
    nonRetryable: true,
  });
}
