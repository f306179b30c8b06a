import { Injectable } from '@nestjs/common';
import { HANDOFF_TEAMS } from '../../workflows/common/actor';
import type { BusinessCalendar } from '../../workflows/common/business-calendar';
import { DomainError, ErrorCode } from '../common/error-codes';
import type { CaseCalendars } from '../escalations/escalation-settings';
import { buildTeamCalendar, calendarYearsAround, caseCalendars } from './team-calendar';
import { routeCase, type RouteRule } from './team-rules';
import { TeamsRepository } from './teams.repository';

export interface NewCaseRouting {
  /** The owning team. */
  team: string;
  /** Which rule chose it (see team-rules.ts for the precedence). */
  rule: RouteRule;
  /** The owning team's and the handoff teams' calendars over the years around the creation. */
  calendars: CaseCalendars;
}

/**
 * What a new case needs from the teams table: its owning team, by the routing rules, and the calendars
 * its clocks count on. Read when the case is created, so an operator's change applies to the next
 * case; the result travels in the workflow input, so it never changes a running case.
 */
@Injectable()
export class TeamDirectory {
  constructor(private readonly teams: TeamsRepository) {}

  async forNewCase(c: { marketplace: string; category: string }, now: number): Promise<NewCaseRouting> {
    const active = await this.teams.list({ includeInactive: false });
    const match = routeCase(active, c.marketplace, c.category);
    if (!match) {
      throw new DomainError(
        ErrorCode.Unavailable,
        `no team owns marketplace ${c.marketplace} and no fallback team is configured; an operator sets one with PATCH /teams/:id {"fallback": true}`,
      );
    }
    const missing = HANDOFF_TEAMS.filter((t) => !active.some((row) => row.id === t));
    if (missing.length > 0) {
      throw new DomainError(
        ErrorCode.Unavailable,
        `the teams table has no handoff team ${missing.join(', ')}; npm run migrate (or npm start) seeds the default teams`,
      );
    }
    return { team: match.team, rule: match.rule, calendars: caseCalendars(active, match.team, now) };
  }

  /** A team's calendar as a new case would get it now; null for a team without a row. */
  async calendarOf(teamId: string, now: number): Promise<BusinessCalendar | null> {
    const row = await this.teams.findById(teamId);
    return row ? buildTeamCalendar(row, calendarYearsAround(now)) : null;
  }
}
