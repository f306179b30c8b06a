import { HttpStatus } from '@nestjs/common';

/**
 * Every refusal the API can give, as a stable code clients can rely on (tests assert the code, not
 * the message). Workflow validators throw ApplicationFailure with one of these as its `type`.
 */
export enum ErrorCode {
  ValidationFailed = 'validation_failed',
  Unauthenticated = 'unauthenticated',
  Forbidden = 'forbidden',
  NotFound = 'not_found',
  InvalidTransition = 'invalid_transition',
  Conflict = 'conflict',
  /** The request is well-formed but cannot be processed as sent (an Idempotency-Key reused with another request). */
  Unprocessable = 'unprocessable',
  PayloadTooLarge = 'payload_too_large',
  UnsupportedMediaType = 'unsupported_media_type',
  MethodNotAllowed = 'method_not_allowed',
  RateLimited = 'rate_limited',
  /** A dependency (PostgreSQL, Temporal, a worker) is down or too slow: retry after `Retry-After`. */
  Unavailable = 'unavailable',
  Internal = 'internal_error',
}

/** The one mapping from codes to HTTP statuses; the switch is exhaustive so a new code cannot be forgotten. */
export function httpStatusFor(code: ErrorCode): HttpStatus {
  switch (code) {
    case ErrorCode.ValidationFailed:
      return HttpStatus.BAD_REQUEST;
    case ErrorCode.Unauthenticated:
      return HttpStatus.UNAUTHORIZED;
    case ErrorCode.Forbidden:
      return HttpStatus.FORBIDDEN;
    case ErrorCode.NotFound:
      return HttpStatus.NOT_FOUND;
    case ErrorCode.InvalidTransition:
    case ErrorCode.Conflict:
      return HttpStatus.CONFLICT;
    case ErrorCode.Unprocessable:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case ErrorCode.PayloadTooLarge:
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case ErrorCode.UnsupportedMediaType:
      return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
    case ErrorCode.MethodNotAllowed:
      return HttpStatus.METHOD_NOT_ALLOWED;
    case ErrorCode.RateLimited:
      return HttpStatus.TOO_MANY_REQUESTS;
    case ErrorCode.Unavailable:
      return HttpStatus.SERVICE_UNAVAILABLE;
    case ErrorCode.Internal:
      return HttpStatus.INTERNAL_SERVER_ERROR;
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return Object.values(ErrorCode).includes(value as ErrorCode);
}

/** A refusal raised by a service; the global filter turns it into `{ error, message, details }`. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
