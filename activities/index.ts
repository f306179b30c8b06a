import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { createAssignmentActivities } from './assignment.activities';
import { createBulkOperationActivities } from './bulk-operation.activities';
import { createWebhookActivities, type WebhookSettings } from './webhook.activities';
import { createCaseProjectionActivities } from './case-projection.activities';
import { createCaseReleaseActivities } from './case-release.activities';
import { DatabaseEnforcementGateway } from './enforcement/database-enforcement-gateway';
import type { EnforcementGateway } from './enforcement/enforcement-gateway';
import { createEnforcementActivities } from './enforcement.activities';
import { createNotificationActivities } from './notification.activities';
import { createRestumbleActivities } from './restumble.activities';
import { createQaProjectionActivities } from './qa-projection.activities';
import { createRiskActivities } from './risk.activities';
import type { RiskModel } from './risk/risk-model';
import { RulesRiskModel } from './risk/rules-risk-model';

export interface ActivityDeps {
  dataSource: DataSource;
  /** For activities that act on other workflows (the out-of-office hand-back). */
  temporal: Client;
  /** The risk model reviews use; default: the rules model. */
  riskModel?: RiskModel;
  /** The marketplace's enforcement system; default: the `enforcement_actions` table. */
  enforcementGateway?: EnforcementGateway;
  /** Outgoing webhooks: the key that unseals signing secrets and the allowed hosts; without it, deliveries fail (not retried). */
  webhooks?: WebhookSettings;
}

/** Every activity the worker registers. Workflows import the *type* only (see workflows/*). */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createCaseProjectionActivities(deps),
    ...createQaProjectionActivities(deps),
    ...createNotificationActivities(deps),
    ...createAssignmentActivities(deps),
    ...createCaseReleaseActivities(deps),
    ...createBulkOperationActivities(deps),
    ...createWebhookActivities(deps),
    ...createRiskActivities({ dataSource: deps.dataSource, riskModel: deps.riskModel ?? new RulesRiskModel() }),
    ...createRestumbleActivities(deps),
    ...createEnforcementActivities({ enforcementGateway: deps.enforcementGateway ?? new DatabaseEnforcementGateway(deps.dataSource) }),
  };
}

export type Activities = ReturnType<typeof createActivities>;
