import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { createAssignmentActivities } from './assignment.activities';
import { createCaseProjectionActivities } from './case-projection.activities';
import { createCaseReleaseActivities } from './case-release.activities';
import { createNotificationActivities } from './notification.activities';

export interface ActivityDeps {
  dataSource: DataSource;
  /** For activities that act on other workflows (the out-of-office hand-back). */
  temporal: Client;
}

/** Every activity the worker registers. Workflows import the *type* only (see workflows/*). */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createCaseProjectionActivities(deps),
    ...createNotificationActivities(deps),
    ...createAssignmentActivities(deps),
    ...createCaseReleaseActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
