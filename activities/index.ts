import { createCaseProjectionActivities, type CaseProjectionDeps } from './case-projection.activities';

export type ActivityDeps = CaseProjectionDeps;

/** Every activity the worker registers. Workflows import the *type* only (see workflows/*). */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createCaseProjectionActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
