import { HttpException, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import type { Request } from 'express';
import { catchError, defer, from, switchMap, type Observable } from 'rxjs';
import type { DataSource } from 'typeorm';
import type { AuthenticatedRequest } from '../auth/current-actor.decorator';
import { dependencyFailureOf } from '../common/dependency-failure';
import { DomainError, ErrorCode, httpStatusFor } from '../common/error-codes';
import { parseIdempotencyKey } from '../escalations/idempotency';
import { IdempotencyKeysRepository } from './idempotency-keys.repository';
import { bodyHash } from './request-fingerprint';

const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * An Idempotency-Key stands for one request: the first use records (caller, key, method, path, body
 * hash) before anything is forwarded; a replay of that same request goes on (and Temporal applies it
 * once), while the same key with another body or on another route is refused with 422 naming the
 * conflict. A request refused with a 4xx applied nothing, so its key is freed for a corrected request;
 * after a 2xx or 5xx the key stays bound (a 503 may still apply).
 */
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly keys: IdempotencyKeysRepository;

  constructor(dataSource: DataSource) {
    this.keys = new IdempotencyKeysRepository(dataSource);
  }

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    if (!WRITE_METHODS.includes(req.method) || !req.actor) return next.handle();
    const key = parseIdempotencyKey(req.headers['idempotency-key']);
    if (!key) return next.handle();
    const userId = req.actor.userId;
    const use = { method: req.method, path: req.originalUrl.split('?')[0].slice(0, 2000), bodyHash: bodyHash(req.body) };
    return defer(() => this.keys.claim(userId, key, use)).pipe(
      switchMap(({ created, first }) => {
        if (first.method !== use.method || first.path !== use.path || first.bodyHash !== use.bodyHash) {
          const sameRoute = first.method === use.method && first.path === use.path;
          throw new DomainError(
            ErrorCode.Unprocessable,
            `Idempotency-Key '${key}' was first used at ${first.createdAt.toISOString()} for ${sameRoute ? 'this route with a different body' : `${first.method} ${first.path}`}; ` +
              'a replay must repeat that request exactly, and a new request needs a new key',
            { conflict: 'idempotency_key_reused', key, firstUsedFor: `${first.method} ${first.path}`, firstUsedAt: first.createdAt.toISOString(), sameRoute },
          );
        }
        if (!created) return next.handle();
        return next.handle().pipe(
          catchError((err: unknown) => {
            if (!wasRefused(err)) throw err;
            return from(this.keys.release(userId, key, use.bodyHash)).pipe(
              switchMap(() => {
                throw err;
              }),
            );
          }),
        );
      }),
    );
  }
}

/** A 4xx refusal: the request applied nothing (a dependency failure, even one answered 503, may have). */
function wasRefused(err: unknown): boolean {
  if (dependencyFailureOf(err)) return false;
  if (err instanceof DomainError) return isClientError(httpStatusFor(err.code));
  if (err instanceof WorkflowUpdateFailedError || err instanceof WorkflowNotFoundError || err instanceof WorkflowExecutionAlreadyStartedError) return true;
  if (err instanceof HttpException) return isClientError(err.getStatus());
  return false;
}

function isClientError(status: number): boolean {
  return status >= 400 && status < 500;
}
