import { DataSource } from 'typeorm';
import { CaseEventEntity } from './entities/case-event.entity';
import { CaseEntity } from './entities/case.entity';
import { EscalationCaseEntity } from './entities/escalation-case.entity';
import { HandoffEntity } from './entities/handoff.entity';
import { NotificationEntity } from './entities/notification.entity';
import { RosterMemberEntity } from './entities/roster-member.entity';
import { SlaClockEntity } from './entities/sla-clock.entity';
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
import { Teams1764090000000 } from './migrations/1764090000000-teams';

/** Every entity and migration, listed explicitly so the compiled app and jest (TS) load the same set. */
export const ENTITIES = [
  CaseEntity, EscalationCaseEntity, CaseEventEntity, RosterMemberEntity, TaskEntity, HandoffEntity, SlaClockEntity, NotificationEntity,
  TeamEntity, TeamRouteEntity,
];
export const MIGRATIONS = [InitialCases1764079200000, Roster1764082800000, CaseReadModel1764086400000, Teams1764090000000, CaseKinds1764093600000, HandoffWarnAt1764097200000,
  EscalationTaxonomy1764100800000, MetricsIndexes1764104400000,
];

/** The one way to build a DataSource: schema changes only through migrations, never synchronize. */
export function createDataSource(url: string, opts: { poolSize?: number; applicationName?: string } = {}): DataSource {
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
