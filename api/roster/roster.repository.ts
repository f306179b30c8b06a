import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { DataSource } from 'typeorm';
import { RosterMemberEntity } from '../../db/entities/roster-member.entity';
import { ApiSettings } from '../common/runtime';

/** Users whose roster entries one API process keeps at once; more than a marketplace's whole risk organisation. */
const CACHED_MEMBERS = 10_000;

/** Queries on the roster; no rules here. */
@Injectable()
export class RosterRepository {
  /**
   * Active members by user id, for the lookups every request makes (who is calling, their role and
   * team). Only hits are kept: a member added a moment ago signs in at once. A save through this
   * repository drops its entry; a change made elsewhere (another API process, SQL) shows within the TTL.
   */
  private readonly active: LRUCache<string, RosterMemberEntity> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    settings: ApiSettings,
  ) {
    const ttl = settings.config.ROSTER_CACHE_TTL_MS;
    this.active = ttl > 0 ? new LRUCache({ max: CACHED_MEMBERS, ttl }) : undefined;
  }

  private get repo() {
    return this.dataSource.getRepository(RosterMemberEntity);
  }

  /** Read fresh: for the routes that show or change a member (who am I, sign-in, assignments). */
  findActive(userId: string): Promise<RosterMemberEntity | null> {
    return this.repo.findOneBy({ userId, active: true });
  }

  /** Like findActive, up to ROSTER_CACHE_TTL_MS old: for the caller of a request. Treat the result as read-only. */
  async activeMember(userId: string): Promise<RosterMemberEntity | null> {
    const cached = this.active?.get(userId);
    if (cached) return cached;
    const member = await this.findActive(userId);
    if (member) this.active?.set(userId, member);
    return member;
  }

  findById(userId: string): Promise<RosterMemberEntity | null> {
    return this.repo.findOneBy({ userId });
  }

  list(filter: { team?: string; role?: string; includeInactive?: boolean }): Promise<RosterMemberEntity[]> {
    const { includeInactive, ...where } = filter;
    return this.repo.find({
      where: { ...where, ...(includeInactive ? {} : { active: true }) },
      order: { team: 'ASC', userId: 'ASC' },
    });
  }

  async save(member: RosterMemberEntity): Promise<RosterMemberEntity> {
    try {
      return await this.repo.save(member);
    } finally {
      // Also on failure: the row may have changed even if the answer did not arrive.
      this.active?.delete(member.userId);
    }
  }
}
