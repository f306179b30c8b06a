import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import type { Request, Response } from 'express';
import { dependencyFailureOf, RETRY_AFTER_SECONDS, type DependencyFailure } from './dependency-failure';
import { DomainError, ErrorCode, httpStatusFor, isErrorCode } from './error-codes';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: Record<string, unknown>;
}

/**
 * The one place errors become HTTP responses: domain errors and Temporal refusals keep their code and
 * reason; a dependency that is down or slow (PostgreSQL, Temporal, the read model) is a 503 with
 * `Retry-After` that says whether a write may still apply; anything unexpected becomes a generic 500
 * that leaks nothing (and is logged in full).
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendError(exception, http.getRequest<Request>(), http.getResponse<Response>());
  }
}

const logger = new Logger('HttpErrorFilter');

/**
 * Writes the error answer for `exception`; also used by the middlewares that run before any route
 * (body parser, content type, method checks), so every error has the same shape.
 */
export function sendError(exception: unknown, req: Request, res: Response): void {
  const failure = dependencyFailureOf(exception);
  const body = failure ? unavailable(failure, req) : toBody(exception);
  if (failure) {
    logger.warn({ event: 'dependency_unavailable', dependency: failure.dependency, outcome: failure.outcome, reason: failure.reason });
  } else if (body.statusCode >= 500 && body.statusCode !== HttpStatus.SERVICE_UNAVAILABLE) {
    logger.error(withCauses(exception));
  }
  if (res.headersSent) return;
  const retryAfter = failure?.retryAfterSeconds ?? (body.details?.retryAfterSeconds as number | undefined);
  if (body.statusCode === HttpStatus.SERVICE_UNAVAILABLE || (body.statusCode === HttpStatus.TOO_MANY_REQUESTS && retryAfter)) {
    res.setHeader('Retry-After', String(retryAfter ?? RETRY_AFTER_SECONDS));
  }
  if (body.statusCode === HttpStatus.METHOD_NOT_ALLOWED && Array.isArray(body.details?.allow)) {
    res.setHeader('Allow', (body.details.allow as string[]).join(', '));
  }
  res.status(body.statusCode).json(body);
}

/**
 * The stack of an unexpected error and the chain of its causes: a Temporal client error's stack alone
 * ("Workflow Update failed") hides the gRPC status and message that say what happened.
 */
export function withCauses(exception: unknown): string {
  const lines = [exception instanceof Error ? (exception.stack ?? exception.message) : String(exception)];
  let cause = exception instanceof Error ? exception.cause : undefined;
  for (let depth = 0; cause !== undefined && depth < 5; depth++) {
    const c = cause as { code?: unknown; details?: unknown; message?: unknown; cause?: unknown };
    const code = typeof c.code === 'number' || typeof c.code === 'string' ? ` (code ${c.code})` : '';
    const text = typeof c.details === 'string' && c.details ? c.details : typeof c.message === 'string' ? c.message : String(cause);
    lines.push(`caused by${code}: ${text}`);
    cause = cause instanceof Error ? c.cause : undefined;
  }
  return lines.join('\n');
}

function toBody(exception: unknown): ErrorBody {
  if (exception instanceof DomainError) return coded(exception.code, exception.message, exception.details);
  const parser = bodyParserError(exception);
  if (parser) return parser;
  if (exception instanceof WorkflowUpdateFailedError) {
    const cause = exception.cause;
    if (cause instanceof ApplicationFailure && isErrorCode(cause.type)) {
      return coded(cause.type, cause.message, firstDetail(cause.details));
    }
    return coded(ErrorCode.Conflict, cause?.message ?? exception.message);
  }
  if (exception instanceof WorkflowNotFoundError) return coded(ErrorCode.NotFound, 'No such case');
  if (exception instanceof WorkflowExecutionAlreadyStartedError) {
    return coded(ErrorCode.Conflict, 'A case with this id already exists');
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    if (typeof response === 'object' && response && 'error' in response && 'message' in response) {
      return { statusCode: status, ...(response as Omit<ErrorBody, 'statusCode'>) };
    }
    return { statusCode: status, error: httpErrorName(status), message: exception.message };
  }
  return coded(ErrorCode.Internal, 'Internal server error');
}

function coded(code: ErrorCode, message: string, details?: Record<string, unknown>): ErrorBody {
  return { statusCode: httpStatusFor(code), error: code, message, ...(details ? { details } : {}) };
}

const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

function unavailable(failure: DependencyFailure, req: Request): ErrorBody {
  const write = !SAFE_METHODS.includes(req.method);
  const keyed = typeof req.headers['idempotency-key'] === 'string';
  const retry = keyed
    ? 'retrying with the same Idempotency-Key is safe (the action applies at most once)'
    : 'this request had no Idempotency-Key, so a retry could apply it twice: send one when you retry';
  const message =
    failure.outcome === 'applied'
      ? failure.reason
      : write && failure.outcome === 'unknown'
        ? `${failure.reason}; the action may still apply; ${retry}`
        : `${failure.reason}; try again in ${failure.retryAfterSeconds} s`;
  return coded(ErrorCode.Unavailable, message, {
    dependency: failure.dependency,
    retryAfterSeconds: failure.retryAfterSeconds,
    ...(write ? { applied: failure.outcome === 'applied', mayStillApply: failure.outcome !== 'not_applied' } : {}),
  });
}

/** Errors from the JSON body parser (express), which run before any route: they carry `type` and `status`. */
function bodyParserError(exception: unknown): ErrorBody | null {
  const e = exception as { type?: unknown; status?: unknown; limit?: unknown; length?: unknown } | null;
  if (!e || typeof e !== 'object' || typeof e.type !== 'string' || typeof e.status !== 'number') return null;
  switch (e.type) {
    case 'entity.too.large':
      return coded(ErrorCode.PayloadTooLarge, `the request body is larger than the limit of ${e.limit} bytes`, { limitBytes: e.limit });
    case 'entity.parse.failed':
      return coded(ErrorCode.ValidationFailed, 'the request body is not valid JSON', { fields: [{ field: 'body', problems: ['must be valid JSON'] }] });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return coded(ErrorCode.UnsupportedMediaType, 'the request body must be JSON encoded as UTF-8');
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
    case 'parameters.too.many':
      return coded(ErrorCode.ValidationFailed, 'the request body could not be read', { fields: [{ field: 'body', problems: [e.type] }] });
    default:
      return null;
  }
}

function firstDetail(details: unknown[] | undefined | null): Record<string, unknown> | undefined {
  const d = details?.[0];
  return d && typeof d === 'object' ? (d as Record<string, unknown>) : undefined;
}

function httpErrorName(status: number): string {
  if (status === HttpStatus.NOT_FOUND) return ErrorCode.NotFound;
  if (status === HttpStatus.BAD_REQUEST) return ErrorCode.ValidationFailed;
  if (status === HttpStatus.UNAUTHORIZED) return ErrorCode.Unauthenticated;
  if (status === HttpStatus.FORBIDDEN) return ErrorCode.Forbidden;
  if (status === HttpStatus.PAYLOAD_TOO_LARGE) return ErrorCode.PayloadTooLarge;
  if (status === HttpStatus.UNSUPPORTED_MEDIA_TYPE) return ErrorCode.UnsupportedMediaType;
  if (status === HttpStatus.METHOD_NOT_ALLOWED) return ErrorCode.MethodNotAllowed;
  if (status === HttpStatus.TOO_MANY_REQUESTS) return ErrorCode.RateLimited;
  if (status === HttpStatus.UNPROCESSABLE_ENTITY) return ErrorCode.Unprocessable;
  if (status === HttpStatus.SERVICE_UNAVAILABLE) return ErrorCode.Unavailable;
  return `http_${status}`;
}
