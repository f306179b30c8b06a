import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '../../workflows/common/actor';
import { DomainError, ErrorCode } from '../common/error-codes';

export interface AuthenticatedRequest {
  actor?: Actor;
}

/** The verified caller, set by the AuthGuard; a route without one is a wiring bug, not a client error. */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new DomainError(ErrorCode.Unauthenticated, 'No authenticated caller');
  return actor;
});
