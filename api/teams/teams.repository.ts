import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { TeamRouteEntity } from '../../db/entities/team-route.entity';
import { TeamEntity, type TeamKind } from '../../db/entities/team.entity';
import { rulesOf } from './team-rules';

/** Queries on the teams and their routing rows; no rules here beyond keeping the two in step. */
@Injectable()
export class TeamsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(TeamEntity);
  }

  findById(id: string): Promise<TeamEntity | null> {
    return this.repo.findOneBy({ id });
  }

  list(filter: { kind?: TeamKind; includeInactive?: boolean } = {}): Promise<TeamEntity[]> {
    return this.repo.find({
      where: { ...(filter.kind ? { kind: filter.kind } : {}), ...(filter.includeInactive ? {} : { active: true }) },
      order: { id: 'ASC' },
    });
  }

  /**
   * Saves the team and rewrites its routing rows, in one transaction. When the team becomes the
   * fallback, the previous fallback team loses the flag in the same transaction (there is always one).
   * Unique violations (id, a claimed rule, a second fallback) surface as the driver's error.
   */
  save(team: TeamEntity): Promise<TeamEntity> {
    return this.dataSource.transaction(async (m) => {
      if (team.fallback) {
        await m.query(`UPDATE teams SET fallback = false, updated_at = $2, updated_by = $3 WHERE fallback AND id <> $1`, [
          team.id,
          team.updatedAt,
          team.updatedBy,
        ]);
      }
      const saved = await m.getRepository(TeamEntity).save(team);
      await this.writeRoutes(m, saved);
      return saved;
    });
  }

  /** Inserts the team only if no row has its id; returns whether it did. Used by the seed. */
  insertIfMissing(team: TeamEntity): Promise<boolean> {
    return this.dataSource.transaction(async (m) => {
      const inserted: unknown[] = await m.query(
        `INSERT INTO teams (id, name, kind, marketplaces, categories, fallback, time_zone, working_hours, holiday_country,
                            holiday_region, holiday_additions, holiday_removals, active, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [
          team.id,
          team.name,
          team.kind,
          team.marketplaces,
          team.categories,
          team.fallback,
          team.timeZone,
          JSON.stringify(team.workingHours),
          team.holidayCountry,
          team.holidayRegion,
          JSON.stringify(team.holidayAdditions),
          team.holidayRemovals,
          team.active,
          team.updatedBy,
        ],
      );
      if (inserted.length === 0) return false;
      await this.writeRoutes(m, team);
      return true;
    });
  }

  private async writeRoutes(m: EntityManager, team: TeamEntity): Promise<void> {
    await m.delete(TeamRouteEntity, { teamId: team.id });
    const rules = team.active ? rulesOf(team) : [];
    if (rules.length > 0) await m.insert(TeamRouteEntity, rules.map((r) => ({ teamId: team.id, ...r })));
  }
}
