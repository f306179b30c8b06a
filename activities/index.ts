import type { DataSource } from 'typeorm';
import { createAssignmentActivities } from './assignment.activities';
import { createCaseProjectionActivities } from './case-projection.activities';
import { createNotificationActivities } from './notification.activities';

export interface ActivityDeps {
  dataSource: DataSource;
}

/** Every activity the worker registers. Workflows import the *type* only (see workflows/*). */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createCaseProjectionActivities(deps),
    ...createNotificationActivities(deps),
    ...createAssignmentActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
