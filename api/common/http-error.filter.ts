import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import type { Response } from 'express';
import { DomainError, ErrorCode, httpStatusFor, isErrorCode } from './error-codes';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: Record<string, unknown>;
}

/**
 * The one place errors become HTTP responses: domain errors and Temporal refusals keep their code and
 * reason; anything unexpected becomes a generic 500 that leaks nothing (and is logged in full).
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) return coded(exception.code, exception.message, exception.details);
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
}

function coded(code: ErrorCode, message: string, details?: Record<string, unknown>): ErrorBody {
  return { statusCode: httpStatusFor(code), error: code, message, ...(details ? { details } : {}) };
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
  if (status === HttpStatus.PAYLOAD_TOO_LARGE) return 'payload_too_large';
  return `http_${status}`;
}
