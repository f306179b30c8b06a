import { Injectable, Logger } from '@nestjs/common';
import { authorize, isSystemActor, type AccessTarget, type CaseAction } from '../../workflows/common/access';
import type { Actor } from '../../workflows/common/actor';
import { DomainError, ErrorCode } from '../common/error-codes';

/**
 * The API's side of the permission table (workflows/common/access.ts): every route asks here before
 * it forwards anything, and the workflow asks the same table again in its update validators.
 * Refusals are 403s with the table's reason, and are logged with who, what and why.
 */
@Injectable()
export class AccessService {
  private readonly logger = new Logger('Access');

  require(actor: Actor, action: CaseAction, target: AccessTarget, subject?: string): void {
    // The automation's identity is never a caller's, whatever a roster says.
    const decision = isSystemActor(actor)
      ? ({ allowed: false, code: 'role_not_permitted', reason: 'the system identity cannot call the API' } as const)
      : authorize(actor, action, target);
    if (decision.allowed) return;
    this.logger.warn({
      event: 'access_refused',
      userId: actor.userId,
      role: actor.role,
      team: actor.team,
      action,
      target: { ...target, subject },
      code: decision.code,
      reason: decision.reason,
    });
    throw new DomainError(ErrorCode.Forbidden, decision.reason, { denial: decision.code, action });
  }
}
