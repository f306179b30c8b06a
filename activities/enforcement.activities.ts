import { ApplicationFailure } from '@temporalio/activity';
import { classified } from './failures';
import { EnforcementRefused, type CompensationRequest, type EnforcementActionRequest, type EnforcementGateway } from './enforcement/enforcement-gateway';

export interface EnforcementDeps {
  enforcementGateway: EnforcementGateway;
}

/** The error type of an action the enforcement system refuses for good: the saga undoes what it applied. */
export const ENFORCEMENT_REFUSED = 'enforcement_refused';

/** The enforcement saga's steps (workflows/enforcement): one gateway call each, idempotent by key. */
export function createEnforcementActivities({ enforcementGateway }: EnforcementDeps) {
  const refusedForGood = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (err) {
      if (err instanceof EnforcementRefused) throw ApplicationFailure.nonRetryable(err.message, ENFORCEMENT_REFUSED);
      throw err;
    }
  };
  return {
    applyEnforcementStep: (request: EnforcementActionRequest): Promise<{ actionId: string }> =>
      classified(() => refusedForGood(() => enforcementGateway.apply(request))),
    compensateEnforcementStep: (request: CompensationRequest): Promise<{ actionId: string }> =>
      classified(() => refusedForGood(() => enforcementGateway.compensate(request))),
  };
}
