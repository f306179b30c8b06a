import type { DataSource } from 'typeorm';
import { SEED_TEAMS, type TeamConfig } from '../../db/seed/teams';
import { toTeamEntity } from './team.mapper';
import { ruleConflicts } from './team-rules';
import { TeamsRepository } from './teams.repository';

/** Any fixed number: serialises seeding across processes started together. */
const SEED_LOCK_KEY = 7_233_002;

export interface SeedOutcome {
  /** Teams inserted now. */
  seeded: string[];
  /** Of those, teams inserted inactive because an operator's team already claims one of their rules. */
  inactive: string[];
}

/**
 * Inserts the seed teams that have no row yet; never touches an existing row, so an operator's edits
 * survive every restart. A seed team whose rules an existing active team already claims is inserted
 * inactive (an operator decides), and it becomes the fallback only if no team is the fallback yet.
 */
export async function seedTeams(ds: DataSource, teams: readonly TeamConfig[] = SEED_TEAMS): Promise<SeedOutcome> {
  const lock = ds.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [SEED_LOCK_KEY]);
    const repo = new TeamsRepository(ds);
    const existing = await repo.list({ includeInactive: true });
    const outcome: SeedOutcome = { seeded: [], inactive: [] };
    for (const config of teams) {
      if (existing.some((t) => t.id === config.id)) continue;
      const clash = ruleConflicts(existing, config).length > 0;
      const row = toTeamEntity(
        { ...config, active: config.active && !clash, fallback: config.fallback && !clash && !existing.some((t) => t.fallback) },
        'seed',
        new Date(),
      );
      if (!(await repo.insertIfMissing(row))) continue;
      existing.push(row);
      outcome.seeded.push(row.id);
      if (clash) outcome.inactive.push(row.id);
    }
    return outcome;
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [SEED_LOCK_KEY]).catch(() => undefined);
    await lock.release();
  }
}
