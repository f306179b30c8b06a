import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Actor } from '../../workflows/common/actor';
import { DomainError, ErrorCode } from '../common/error-codes';

const KEY = /^[\x21-\x7e]{1,200}$/;

/** The `Idempotency-Key` header, trimmed; undefined when absent or blank. Printable ASCII, at most 200 characters. */
export function parseIdempotencyKey(header: string | string[] | undefined): string | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return undefined;
  if (!KEY.test(value)) {
    throw new DomainError(ErrorCode.ValidationFailed, 'Idempotency-Key must be 1-200 printable ASCII characters without spaces', {
      fields: [{ field: 'Idempotency-Key', problems: ['must be 1-200 printable ASCII characters without spaces'] }],
    });
  }
  return value;
}

export const IdempotencyKey = createParamDecorator((_data: unknown, ctx: ExecutionContext): string | undefined =>
  parseIdempotencyKey(ctx.switchToHttp().getRequest<Request>().headers['idempotency-key']),
);

/**
 * The Temporal update id for a request: with a key, the same for a replay of that request (same
 * action, same caller), so Temporal applies it once and answers the replay with the first outcome.
 * Without a key, undefined: the client generates a fresh one.
 */
export function updateIdFor(action: string, actor: Actor, key: string | undefined): string | undefined {
  return key === undefined ? undefined : `${action}:${actor.userId}:${key}`;
}
