import { ApplicationFailure } from '@temporalio/activity';

/**
 * Activities say whether a failure can heal. PostgreSQL's SQLSTATE classes tell: a value the database
 * refuses (class 22), a broken constraint (23), an unknown column or table (42), or a trigger's
 * refusal (P0) will fail the same way on every retry, so they are non-retryable and the workflow learns
 * at once; lost connections, shutdowns, lack of resources and conflicts between transactions (08, 53,
 * 57, 40) and network errors heal, so they retry on the schedule the workflow set.
 */

const PERMANENT_SQLSTATE_CLASSES = ['22', '23', '42', 'P0', '2B', '2D', '44'];

/** The type of the non-retryable failure: the read model refuses this write. */
export const REJECTED_BY_DATABASE = 'rejected_by_database';
/** The type of the retryable failure: the database cannot be reached or is busy. */
export const DATABASE_UNAVAILABLE = 'database_unavailable';
/** Anything else (a defect a new deployment may fix): retried on the workflow's schedule. */
export const UNEXPECTED = 'unexpected_activity_error';

const NETWORK_ERRNOS = ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN'];

function sqlState(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

export function classifyFailure(err: unknown): ApplicationFailure {
  if (err instanceof ApplicationFailure) return err;
  const message = err instanceof Error ? err.message : String(err);
  const state = sqlState(err);
  if (state && PERMANENT_SQLSTATE_CLASSES.includes(state.slice(0, 2))) {
    return ApplicationFailure.nonRetryable(`${message} (SQLSTATE ${state})`, REJECTED_BY_DATABASE);
  }
  if (state) return ApplicationFailure.retryable(`${message} (SQLSTATE ${state})`, DATABASE_UNAVAILABLE);
  const errno = (err as { code?: unknown } | null)?.code;
  const lostConnection = /connection (terminated|timeout|refused)|timeout exceeded when trying to connect/i.test(message);
  if ((typeof errno === 'string' && NETWORK_ERRNOS.includes(errno)) || lostConnection) {
    return ApplicationFailure.retryable(message, DATABASE_UNAVAILABLE);
  }
  return ApplicationFailure.retryable(message, UNEXPECTED);
}

/** Runs `work`, turning any failure into a classified ApplicationFailure. */
export async function classified<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw classifyFailure(err);
  }
}
