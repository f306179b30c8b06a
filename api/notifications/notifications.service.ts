import { Injectable } from '@nestjs/common';
import type { NotificationEntity } from '../../db/entities/notification.entity';
import type { Actor } from '../../workflows/common/actor';
import { DomainError, ErrorCode } from '../common/error-codes';
import type { NotificationPageResponse, NotificationResponse } from './notification.response';
import type { NotificationsQuery } from './notifications.query';
import { NotificationsRepository } from './notifications.repository';

/**
 * Each person's feed of what the workflows told them (assignments, SLA warnings, breaches, answers).
 * Everyone reads only their own: the feed is addressed to a person, so there is nothing to authorize
 * beyond who is calling.
 */
@Injectable()
export class NotificationsService {
  constructor(private readonly repository: NotificationsRepository) {}

  async list(actor: Actor, query: NotificationsQuery): Promise<NotificationPageResponse> {
    const [rows, total] = await this.repository.page(actor.userId, query.unread ?? false, query.limit ?? 20, query.offset ?? 0);
    return { items: rows.map(toResponse), total, unread: await this.repository.countUnread(actor.userId) };
  }

  async markRead(actor: Actor, id: string): Promise<NotificationResponse> {
    if (!(await this.repository.findForUser(id, actor.userId))) {
      throw new DomainError(ErrorCode.NotFound, `No notification ${id} for ${actor.userId}`);
    }
    await this.repository.markRead(id, actor.userId, new Date());
    return toResponse((await this.repository.findForUser(id, actor.userId))!);
  }
}

function toResponse(n: NotificationEntity): NotificationResponse {
  return {
    id: n.id,
    caseId: n.caseId,
    template: n.template,
    message: n.message,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}
