import { Injectable, SetMetadata, type DynamicModule, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { Request } from 'express';
import type { AppConfig } from '../../config/env';
import type { AuthenticatedRequest } from '../auth/current-actor.decorator';
import { DomainError, ErrorCode } from './error-codes';
import { MINUTE_MS } from '../../workflows/common/time-units';

const TOKEN_ISSUING = 'riskdesk:token-issuing';
const READ_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/**
 * Marks a route that hands out credentials (a sign-in, a token exchange): it is limited per client
 * address to RATE_LIMIT_TOKENS_PER_MINUTE, apart from the per-user write limit.
 */
export const TokenIssuing = () => SetMetadata(TOKEN_ISSUING, true);

const reflector = new Reflector();
const isTokenRoute = (ctx: ExecutionContext) => reflector.getAllAndOverride<boolean>(TOKEN_ISSUING, [ctx.getHandler(), ctx.getClass()]) === true;
const isRead = (ctx: ExecutionContext) => READ_METHODS.includes(ctx.switchToHttp().getRequest<Request>().method);

/**
 * Two limits from @nestjs/throttler, counted per minute: `write` for every POST/PATCH/PUT/DELETE of a
 * signed-in user (by user id), `token` for token-issuing routes (by client address). Reads are not
 * limited here: they cost one indexed query each and are already bounded by timeouts.
 */
export function rateLimitModule(config: AppConfig): DynamicModule {
  return ThrottlerModule.forRoot({
    throttlers: [
      { name: 'write', ttl: MINUTE_MS, limit: config.RATE_LIMIT_WRITES_PER_MINUTE, skipIf: (ctx) => isRead(ctx) || isTokenRoute(ctx) },
      { name: 'token', ttl: MINUTE_MS, limit: config.RATE_LIMIT_TOKENS_PER_MINUTE, skipIf: (ctx) => !isTokenRoute(ctx) },
    ],
  });
}

/** Runs after the AuthGuard (provider order), so a signed-in caller is counted by who they are, not where from. */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const actor = (req as AuthenticatedRequest).actor;
    return actor ? `user:${actor.userId}` : `address:${String(req.ip ?? 'unknown')}`;
  }

  protected override async throwThrottlingException(ctx: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const retryAfterSeconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    const what = isTokenRoute(ctx) ? 'token requests from this address' : 'writes by this user';
    throw new DomainError(ErrorCode.RateLimited, `too many ${what}: at most ${detail.limit} a minute; try again in ${retryAfterSeconds} s`, {
      limit: detail.limit,
      windowSeconds: Math.round(detail.ttl / 1000),
      retryAfterSeconds,
    });
  }
}
