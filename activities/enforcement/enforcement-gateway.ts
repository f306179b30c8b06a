import type { EnforcementStepKind } from '../../workflows/enforcement/enforcement-plan';
import type { StatementOfReasons } from '../../workflows/strategic-review/statement.types';

/**
 * The marketplace's enforcement system as Riskdesk sees it: apply one action, or undo one. Every call
 * carries an idempotency key; the same key applied twice is one action. An implementation throws
 * `EnforcementRefused` for an action the system will never take (the saga then undoes what it did);
 * any other error is taken as passing and retried.
 */
export interface EnforcementActionRequest {
  idempotencyKey: string;
  enforcementId: string;
  caseId: string;
  sellerId: string;
  marketplace: string;
  decision: string;
  step: EnforcementStepKind;
  params: Record<string, string | number | boolean | null>;
  requestedBy: string;
  /** With notify_seller: the statement of reasons the seller receives. */
  statement?: StatementOfReasons;
}

export interface CompensationRequest {
  actionId: string;
  idempotencyKey: string;
  reason: string;
}

export interface EnforcementGateway {
  apply(request: EnforcementActionRequest): Promise<{ actionId: string }>;
  compensate(request: CompensationRequest): Promise<{ actionId: string }>;
}

export class EnforcementRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnforcementRefused';
  }
}
