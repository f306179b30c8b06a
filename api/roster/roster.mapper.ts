import type { RosterMemberEntity } from '../../db/entities/roster-member.entity';
import { isOutOfOffice } from '../../workflows/common/routing';
import type { RosterMemberResponse } from './roster-member.response';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toMemberResponse(m: RosterMemberEntity, now: number): RosterMemberResponse {
  return {
    userId: m.userId,
    displayName: m.displayName,
    email: m.email,
    role: m.role,
    team: m.team,
    skills: {
      kinds: [...(m.skills?.kinds ?? [])],
      marketplaces: [...(m.skills?.marketplaces ?? [])],
      languages: [...(m.skills?.languages ?? [])],
    },
    capacity: m.capacity,
    outOfOfficeUntil: iso(m.outOfOfficeUntil),
    outOfOffice: m.outOfOfficeUntil !== null && isOutOfOffice({ outOfOfficeUntil: m.outOfOfficeUntil.getTime() }, now),
    active: m.active,
    teamLead: m.teamLead,
    startedOn: m.startedOn,
    lastAssignedAt: iso(m.lastAssignedAt),
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}
