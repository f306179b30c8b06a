import { TeamEntity } from '../../db/entities/team.entity';
import type { TeamConfig } from '../../db/seed/teams';
import type { TeamResponse } from './team.response';

export function toTeamResponse(t: TeamEntity): TeamResponse {
  return {
    id: t.id,
    name: t.name,
    kind: t.kind,
    marketplaces: [...t.marketplaces],
    categories: [...t.categories],
    fallback: t.fallback,
    timeZone: t.timeZone,
    workingHours: t.workingHours,
    holidayCountry: t.holidayCountry,
    holidayRegion: t.holidayRegion,
    holidayAdditions: t.holidayAdditions.map((a) => ({ date: a.date, name: a.name })),
    holidayRemovals: [...t.holidayRemovals],
    active: t.active,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    updatedBy: t.updatedBy,
  };
}

export function toTeamEntity(config: TeamConfig, by: string, now: Date): TeamEntity {
  return Object.assign(new TeamEntity(), {
    ...config,
    marketplaces: [...config.marketplaces],
    categories: [...config.categories],
    holidayAdditions: config.holidayAdditions.map((a) => ({ date: a.date, name: a.name })),
    holidayRemovals: [...config.holidayRemovals],
    createdAt: now,
    updatedAt: now,
    updatedBy: by,
  });
}

/** The configuration fields of a row (what POST takes and PATCH changes). */
export function toTeamConfig(t: TeamEntity): TeamConfig {
  return {
    id: t.id,
    name: t.name,
    kind: t.kind,
    marketplaces: t.marketplaces,
    categories: t.categories,
    fallback: t.fallback,
    timeZone: t.timeZone,
    workingHours: t.workingHours,
    holidayCountry: t.holidayCountry,
    holidayRegion: t.holidayRegion,
    holidayAdditions: t.holidayAdditions,
    holidayRemovals: t.holidayRemovals,
    active: t.active,
  };
}
