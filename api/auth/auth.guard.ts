import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from './current-actor.decorator';

// TEMPORARY (replaced by JWT verification in the same session): every caller is one specialist.
@Injectable()
export class AuthGuard implements CanActivate {
  canActivate(ctx: ExecutionContext): boolean {
    ctx.switchToHttp().getRequest<AuthenticatedRequest>().actor = { userId: 'dev', role: 'specialist', team: 'seller-risk' };
    return true;
  }
}
