import { DataSource } from 'typeorm';
import { CaseEventEntity } from './entities/case-event.entity';
import { CaseEntity } from './entities/case.entity';
import { EnforcementActionEntity } from './entities/enforcement-action.entity';
import { EscalationCaseEntity } from './entities/escalation-case.entity';
import { HandoffEntity } from './entities/handoff.entity';
import { NotificationEntity } from './entities/notification.entity';
import { PolicyGapEntity } from './entities/policy-gap.entity';
import { RosterMemberEntity } from './entities/roster-member.entity';
import { SellerEntity } from './entities/seller.entity';
import { SlaClockEntity } from './entities/sla-clock.entity';
import { StrategicReviewEntity } from './entities/strategic-review.entity';
import { TaskEntity } from './entities/task.entity';
import { TeamRouteEntity } from './entities/team-route.entity';
import { TeamEntity } from './entities/team.entity';
import { InitialCases1764079200000 } from './migrations/1764079200000-initial-cases';
import { Roster1764082800000 } from './migrations/1764082800000-roster';
import { CaseReadModel1764086400000 } from './migrations/1764086400000-case-read-model';
import { CaseKinds1764093600000 } from './migrations/1764093600000-case-kinds';
import { HandoffWarnAt1764097200000 } from './migrations/1764097200000-handoff-warn-at';
import { EscalationTaxonomy1764100800000 } from './migrations/1764100800000-escalation-taxonomy';
import { MetricsIndexes1764104400000 } from './migrations/1764104400000-metrics-indexes';
import { StrategicReviews1764115200000 } from './migrations/1764115200000-strategic-reviews';
import { ReadPathIndexes1764126000000 } from './migrations/1764126000000-read-path-indexes';
import { Teams1764090000000 } from './migrations/1764090000000-teams';
import { IdempotencyKeys1764108000000 } from './migrations/1764108000000-idempotency-keys';
import { AuditAppendOnly1764111600000 } from './migrations/1764111600000-audit-append-only';
import { Appeals1764118800000 } from './migrations/1764118800000-appeals';
import { DecisionQuality1764122400000 } from './migrations/1764122400000-decision-quality';
import { BulkOperations1764129600000 } from './migrations/1764129600000-bulk-operations';
import { Webhooks1764133200000 } from './migrations/1764133200000-webhooks';
import { ScorecardAppealIndex1764140400000 } from './migrations/1764140400000-scorecard-appeal-index';
import { FilterIndexes1764144000000 } from './migrations/1764144000000-filter-indexes';
import { QaReleaseMetricIndexes1764147600000 } from './migrations/1764147600000-qa-release-metric-indexes';
import { AssigneeBreachedListIndexes1764151200000 } from './migrations/1764151200000-assignee-breached-list-indexes';
import { WorkloadMetricReadIndexes1764154800000 } from './migrations/1764154800000-workload-metric-read-indexes';
import { MetricCaseDimensions1764158400000 } from './migrations/1764158400000-metric-case-dimensions';
import { FinishedListIndexes1764162000000 } from './migrations/1764162000000-finished-list-indexes';
import { VolumeCaseLabels1764165600000 } from './migrations/1764165600000-volume-case-labels';
import { CaseResolutionClock1764169200000 } from './migrations/1764169200000-case-resolution-clock';
import { LiveResolutionClockLookup1764172800000 } from './migrations/1764172800000-live-resolution-clock-lookup';

/** Every entity and migration, listed explicitly so the compiled app and jest (TS) load the same set. */
export const ENTITIES = [
  CaseEntity, EscalationCaseEntity, CaseEventEntity, RosterMemberEntity, TaskEntity, HandoffEntity, SlaClockEntity, NotificationEntity,
  TeamEntity, TeamRouteEntity, SellerEntity, StrategicReviewEntity, PolicyGapEntity, EnforcementActionEntity,
];
export const MIGRATIONS = [
  InitialCases1764079200000, Roster1764082800000, CaseReadModel1764086400000, Teams1764090000000, CaseKinds1764093600000,
  HandoffWarnAt1764097200000, EscalationTaxonomy1764100800000, MetricsIndexes1764104400000, IdempotencyKeys1764108000000,
  AuditAppendOnly1764111600000, StrategicReviews1764115200000, Appeals1764118800000, DecisionQuality1764122400000,
  ReadPathIndexes1764126000000, BulkOperations1764129600000, Webhooks1764133200000, ScorecardAppealIndex1764140400000,
  FilterIndexes1764144000000, QaReleaseMetricIndexes1764147600000, AssigneeBreachedListIndexes1764151200000, WorkloadMetricReadIndexes1764154800000,
  MetricCaseDimensions1764158400000, FinishedListIndexes1764162000000, VolumeCaseLabels1764165600000,
  CaseResolutionClock1764169200000, LiveResolutionClockLookup1764172800000,
];

/** Bounds on every database call of a long-running process (API, worker); see config/env.ts. */
export interface DatabaseTimeouts {
  connectMs: number;
  statementMs: number;
}

/** What the server does not enforce itself: a frozen server never cancels; the client stops waiting a moment after it should have. */
const CLIENT_MARGIN_MS = 1_000;

export function databaseTimeouts(config: { DB_CONNECT_TIMEOUT_MS: number; DB_STATEMENT_TIMEOUT_MS: number }): DatabaseTimeouts {
  return { connectMs: config.DB_CONNECT_TIMEOUT_MS, statementMs: config.DB_STATEMENT_TIMEOUT_MS };
}

/**
 * The one way to build a DataSource: schema changes only through migrations, never synchronize. With
 * `timeouts`, opening a connection or waiting for a pooled one, and every statement, are bounded:
 * PostgreSQL cancels a statement past statement_timeout, and the client gives up on a server that
 * does not answer at all (query_timeout), so a frozen database cannot hold a request forever.
 */
export function createDataSource(
  url: string,
  opts: { poolSize?: number; applicationName?: string; timeouts?: DatabaseTimeouts } = {},
): DataSource {
  const t = opts.timeouts;
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    migrationsRun: false,
    poolSize: opts.poolSize ?? 10,
    applicationName: opts.applicationName ?? 'riskdesk',
    ...(t ? { connectTimeoutMS: t.connectMs } : {}),
    extra: {
      // Every statement here is short (a page, a count, one case's write, a metric under its own
      // timeout); PostgreSQL's JIT, which starts once a plan's cost passes jit_above_cost, spent more
      // compiling a metric query than running it (issue 13), and the first compilation in a
      // connection loads LLVM (seconds).
      options: '-c jit=off',
      ...(t
        ? {
            statement_timeout: t.statementMs,
            idle_in_transaction_session_timeout: t.statementMs,
            query_timeout: t.statementMs + CLIENT_MARGIN_MS,
            keepAlive: true,
          }
        : {}),
    },
  });
}

/** Any fixed number: the advisory lock that serialises migrations across processes (api, worker, job). */
const MIGRATION_LOCK_KEY = 7_233_001;

/** Applies pending migrations; returns the names applied. Safe to call from several processes at once. */
export async function migrate(ds: DataSource): Promise<string[]> {
  const lock = ds.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.release();
  }
}
