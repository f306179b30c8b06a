import { isGrpcServiceError, ServiceError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { google } from '@temporalio/proto';
import { QueryFailedError } from 'typeorm';
import { NOT_RECORDED } from '../../workflows/common/refusal';

/**
 * Which outside service a request could not use, and whether what the request asked for may still
 * happen. The global filter turns any of these into a 503 `unavailable` with `Retry-After`: a
 * dependency being down or slow is never a 500 and never a hang.
 */
export type Dependency = 'postgres' | 'temporal' | 'read_model';

export interface DependencyFailure {
  dependency: Dependency;
  /** What went wrong, in words a client can log (no stack, no SQL). */
  reason: string;
  /**
   * `applied`: the change was made (the workflow took the action; only its read model lags).
   * `unknown`: the request reached the dependency and its answer was lost (a timeout): it may still apply.
   * `not_applied`: the dependency refused or never got the request.
   */
  outcome: 'applied' | 'unknown' | 'not_applied';
  retryAfterSeconds: number;
}

/** How long a client should wait before retrying; a failed projection is retried by its case after 15 s. */
export const RETRY_AFTER_SECONDS = 5;
export const NOT_RECORDED_RETRY_AFTER_SECONDS = 15;

/** gRPC status codes that mean "Temporal did not answer in time or could not be reached". */
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_RESOURCE_EXHAUSTED = 8;
const GRPC_UNAVAILABLE = 14;
const GRPC_CANCELLED = 1;
const GRPC_FAILED_PRECONDITION = 9;
/**
 * The detail Temporal attaches (with FAILED_PRECONDITION) when an update reached the workflow but the
 * workflow task carrying it failed before accepting it: a worker died mid-task (or the workflow fails
 * its tasks, which an operator sees in its history). The update was not accepted, so nothing applied,
 * and the same update id may be sent again.
 */
const WORKFLOW_NOT_READY = 'temporal.api.errordetails.v1.WorkflowNotReadyFailure';

/**
 * PostgreSQL SQLSTATEs that mean the server is going away, refusing connections, out of resources or
 * cancelled the statement (statement_timeout): class 08 (connection exception), 53 (insufficient
 * resources), 57P01-57P05 (shutdown, crash, cannot connect now), 57014 (query cancelled), 58 (system error).
 */
const PG_UNAVAILABLE = /^(08|53|57P0|57014$|58)/;
/** Socket-level failures reaching PostgreSQL. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN']);
/** node-postgres and pg-pool errors that carry no code; `unknown` ones were sent and their answer lost. */
const PG_LOST_ANSWER = [/Query read timeout/, /Connection terminated unexpectedly/];
const PG_REFUSED = [
  /timeout exceeded when trying to connect/,
  /Connection terminated due to connection timeout/,
  /Client has encountered a connection error and is not queryable/,
  /Client was closed and is not queryable/,
  /Connection terminated/,
];

export function dependencyFailureOf(err: unknown): DependencyFailure | null {
  if (err instanceof WorkflowUpdateFailedError) {
    const cause = err.cause;
    if (cause instanceof ApplicationFailure && cause.type === NOT_RECORDED) {
      return { dependency: 'read_model', reason: cause.message, outcome: 'applied', retryAfterSeconds: NOT_RECORDED_RETRY_AFTER_SECONDS };
    }
    return null;
  }
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    return temporal('the update was sent but Temporal did not confirm it in time', 'unknown');
  }
  const grpc = grpcErrorOf(err)?.code;
  if (grpc !== undefined) {
    if (grpc === GRPC_DEADLINE_EXCEEDED || grpc === GRPC_CANCELLED) return temporal('Temporal did not answer in time', 'unknown');
    if (grpc === GRPC_UNAVAILABLE) return temporal(`Temporal is unreachable (${messageOf(err)})`, 'unknown');
    if (grpc === GRPC_RESOURCE_EXHAUSTED) return temporal(`Temporal is overloaded (${messageOf(err)})`, 'not_applied');
    if (grpc === GRPC_FAILED_PRECONDITION && grpcDetailTypes(err).includes(WORKFLOW_NOT_READY)) {
      return temporal("the case's workflow task failed before it took the action (a worker stopped mid-task, or the workflow is failing its tasks); nothing was applied", 'not_applied');
    }
    return null;
  }
  return postgresFailureOf(err);
}

function postgresFailureOf(err: unknown): DependencyFailure | null {
  const driver = (err instanceof QueryFailedError ? err.driverError : err) as { code?: unknown; message?: unknown } | null;
  // Duck-typed: socket errors come from Node's core, whose Error is not this module's under a test runner's sandbox.
  if (!driver || typeof driver !== 'object' || typeof driver.message !== 'string') return null;
  const code = driver.code;
  const message = driver.message;
  if (typeof code === 'string' && PG_UNAVAILABLE.test(code)) {
    const reason = code === '57014' ? 'PostgreSQL cancelled a statement that ran past its time limit' : `PostgreSQL refused the request (SQLSTATE ${code})`;
    return { dependency: 'postgres', reason, outcome: 'not_applied', retryAfterSeconds: RETRY_AFTER_SECONDS };
  }
  if (typeof code === 'string' && NETWORK_CODES.has(code)) {
    return { dependency: 'postgres', reason: `PostgreSQL is unreachable (${code})`, outcome: 'not_applied', retryAfterSeconds: RETRY_AFTER_SECONDS };
  }
  if (PG_LOST_ANSWER.some((p) => p.test(message))) {
    return { dependency: 'postgres', reason: `PostgreSQL did not answer in time (${message})`, outcome: 'unknown', retryAfterSeconds: RETRY_AFTER_SECONDS };
  }
  if (PG_REFUSED.some((p) => p.test(message))) {
    return { dependency: 'postgres', reason: `PostgreSQL is unreachable (${message})`, outcome: 'not_applied', retryAfterSeconds: RETRY_AFTER_SECONDS };
  }
  return null;
}

function temporal(reason: string, outcome: DependencyFailure['outcome']): DependencyFailure {
  return { dependency: 'temporal', reason, outcome, retryAfterSeconds: RETRY_AFTER_SECONDS };
}

/** grpc-js's ServiceError, named through the SDK's guard (grpc-js is the SDK's dependency, not ours). */
type GrpcServiceError = typeof isGrpcServiceError extends (err: unknown) => err is infer E ? E : never;

/**
 * The gRPC error inside a Temporal client error, wherever the SDK put it (the error itself, or the
 * cause of the `ServiceError` it wrapped it in).
 */
function grpcErrorOf(err: unknown): GrpcServiceError | null {
  if (isGrpcServiceError(err)) return err;
  if (err instanceof ServiceError && isGrpcServiceError(err.cause)) return err.cause;
  return null;
}

/** The types of the details a gRPC status carries (google.rpc.Status in `grpc-status-details-bin`). */
function grpcDetailTypes(err: unknown): string[] {
  // The SDK's guard is duck-typed, so the metadata's shape is checked before it is read.
  const metadata = grpcErrorOf(err)?.metadata as { get?: (key: string) => unknown[] | undefined } | undefined;
  const raw = typeof metadata?.get === 'function' ? metadata.get('grpc-status-details-bin')?.[0] : undefined;
  // isView, not instanceof: grpc-js's Buffer may come from another realm (a test runner's sandbox).
  if (!ArrayBuffer.isView(raw)) return [];
  try {
    return google.rpc.Status.decode(raw as Uint8Array).details.map((d) => (d.type_url ?? '').replace(/^.*\//, ''));
  } catch {
    return [];
  }
}

function messageOf(err: unknown): string {
  const e = grpcErrorOf(err) ?? err;
  return e instanceof Error ? (e as { details?: string }).details || e.message : String(e);
}
