import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '../workflows/common/actor';
import { classified } from './failures';
import { reportEnforcement, type EnforcementReport } from './restumble/enforcement-reports';

export interface RestumbleDeps {
  dataSource: DataSource;
  temporal: Client;
}

/** A strategic review's applied enforcement, told to the seller's appeals in monitoring (a `call` effect of the review). */
export function createRestumbleActivities({ dataSource, temporal }: RestumbleDeps) {
  return {
    reportEnforcement: (report: EnforcementReport): Promise<{ signalledAppeals: string[] }> =>
      classified(async () => ({ signalledAppeals: await reportEnforcement(dataSource, temporal, report, SYSTEM_ACTOR) })),
  };
}
