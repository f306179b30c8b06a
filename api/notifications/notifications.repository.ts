import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { NotificationEntity } from '../../db/entities/notification.entity';

/** Queries on the notification feed; no rules here. */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(NotificationEntity);
  }

  page(userId: string, unreadOnly: boolean, limit: number, offset: number) {
    const where = unreadOnly ? { userId, readAt: IsNull() } : { userId };
    return this.repo.findAndCount({ where, order: { createdAt: 'DESC', id: 'ASC' }, take: limit, skip: offset });
  }

  countUnread(userId: string): Promise<number> {
    return this.repo.countBy({ userId, readAt: IsNull() });
  }

  findForUser(id: string, userId: string): Promise<NotificationEntity | null> {
    return this.repo.findOneBy({ id, userId });
  }

  /** Idempotent: an already-read notification keeps its first read time. */
  async markRead(id: string, userId: string, at: Date): Promise<void> {
    await this.repo.update({ id, userId, readAt: IsNull() }, { readAt: at });
  }
}
