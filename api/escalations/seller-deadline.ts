import { DomainError, ErrorCode } from '../common/error-codes';

/** A date-time with an explicit offset: a deadline without one would depend on the server's time zone. */
export const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

export const MAX_SELLER_DEADLINE_MS = 30 * 24 * 60 * 60 * 1000;

/** A requested deadline for the seller as epoch ms: in the future, and at most 30 days ahead (400 otherwise). */
export function sellerDeadline(text: string, now: number): number {
  const at = Date.parse(text);
  const problem = !ISO_DATE_TIME.test(text) || Number.isNaN(at)
    ? 'must be an ISO 8601 date-time with a time zone'
    : at <= now
      ? 'must be in the future'
      : at - now > MAX_SELLER_DEADLINE_MS
        ? 'must be at most 30 days ahead'
        : null;
  if (problem) {
    throw new DomainError(ErrorCode.ValidationFailed, `deadline ${problem}`, { fields: [{ field: 'deadline', problems: [problem] }] });
  }
  return at;
}
