import type { DataSource } from 'typeorm';
import type { NotificationRecipient, NotifyInput } from '../workflows/common/case-projection';
import { classified } from './failures';
import { renderNotice } from './messages/render';

export interface NotificationDeps {
  dataSource: DataSource;
}

/**
 * Notifications land in the `notifications` table: the in-app feed each person reads (an e-mail or
 * chat relay would read from there too). Recipients that are teams or roles are expanded from the
 * roster at the time of sending; the text is rendered from the template and its facts in the reader's
 * language (activities/messages). Idempotent: one row per (notification id, person).
 */
export function createNotificationActivities({ dataSource }: NotificationDeps) {
  async function recipients(to: NotificationRecipient): Promise<string[]> {
    switch (to.kind) {
      case 'user':
        return [to.userId];
      case 'seller':
        // Sellers are not roster members; their messages are kept under a seller address.
        return [`seller:${to.sellerId}`];
      case 'team':
        return ids(await dataSource.query(`SELECT user_id FROM roster_members WHERE team = $1 AND active`, [to.team]));
      case 'managers':
        return ids(
          await dataSource.query(`SELECT user_id FROM roster_members WHERE team = $1 AND role = 'manager' AND active`, [to.team]),
        );
      case 'team_lead': {
        const leads = ids(
          await dataSource.query(`SELECT user_id FROM roster_members WHERE team = $1 AND team_lead AND active`, [to.team]),
        );
        // A team without a named lead: tell the whole team rather than no one.
        return leads.length
          ? leads
          : ids(await dataSource.query(`SELECT user_id FROM roster_members WHERE team = $1 AND active`, [to.team]));
      }
    }
  }

  return {
    /** Returns the people notified (empty when the team has no one: the caller decides what that means). */
    notify: (input: NotifyInput): Promise<string[]> =>
      classified(async () => {
        const users = await recipients(input.to);
        const message = renderNotice(input.template, input.params, input.language);
        for (const userId of users) {
          await dataSource.query(
            `INSERT INTO notifications (id, user_id, case_id, template, message, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
            [`${input.id}:${userId}`, userId, input.caseId, input.template, message, new Date(input.at)],
          );
        }
        return users;
      }),
  };
}

function ids(rows: Array<{ user_id: string }>): string[] {
  return rows.map((r) => r.user_id);
}
