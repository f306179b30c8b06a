import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { keyRing, verifyAccessToken } from '../../platform/access-tokens';
import type { Role } from '../../workflows/common/actor';
import { DomainError, ErrorCode } from '../common/error-codes';
import { ApiSettings } from '../common/runtime';
import { RosterRepository } from '../roster/roster.repository';
import type { AuthenticatedRequest } from './current-actor.decorator';
import { IS_PUBLIC } from './public.decorator';

/**
 * Every route requires `Authorization: Bearer <token>` unless marked @Public. The token names the
 * user; the roster says their role and team. Every refusal is a 401 with a reason, and is logged.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly reflector: Reflector,
    private readonly settings: ApiSettings,
    private readonly roster: RosterRepository,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [ctx.getHandler(), ctx.getClass()])) return true;
    const req = ctx.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const header = req.headers.authorization;
    if (!header) return this.refuse(req, 'missing Authorization header (expected: Bearer <token>)');
    const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header);
    if (!match) return this.refuse(req, 'malformed Authorization header (expected: Bearer <token>)');

    const secret = this.settings.config.JWT_SECRET;
    if (!secret) throw new Error('JWT_SECRET is not configured');
    // The current key and the earlier ones still in their grace period (JWT_PREVIOUS_SECRETS).
    const check = verifyAccessToken(match[1], keyRing(secret, this.settings.config.JWT_PREVIOUS_SECRETS));
    if (!check.ok) return this.refuse(req, check.reason);

    const member = await this.roster.activeMember(check.userId);
    if (!member) return this.refuse(req, `user ${check.userId} is not an active roster member`);
    req.actor = { userId: member.userId, role: member.role as Role, team: member.team };
    return true;
  }

  private refuse(req: Request, reason: string): never {
    this.logger.warn({ event: 'auth_refused', method: req.method, path: req.originalUrl, ip: req.ip, reason });
    throw new DomainError(ErrorCode.Unauthenticated, reason);
  }
}
