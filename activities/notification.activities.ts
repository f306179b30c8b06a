import type { DataSource } from 'typeorm';
import type { NotificationRecipient, NotifyInput } from '../workflows/common/case-projection';
import { classified } from './failures';
import { renderNotice } from './messages/render';

export interface NotificationDeps {
  dataSource: DataSource;
}

/** What a notification is written through: the data source, or a projection's transaction. */
export interface NoticeWriter {
  query(sql: string, params?: unknown[]): Promise<any>;
}

/**
 * Writes notifications to the `notifications` table: the in-app feed each person reads (an e-mail or
 * chat relay would read from there too). Recipients that are teams or roles are expanded from the
 * roster at the time of writing; the text is rendered from the template and its facts in the reader's
 * language (activities/messages). Idempotent: one row per (notification id, person). Returns the
 * people notified (empty when the team has no one: the caller decides what that means).
 */
export async function writeNotice(db: NoticeWriter, input: NotifyInput): Promise<string[]> {
  const users = await recipients(db, input.to);
  const message = renderNotice(input.template, input.params, input.language);
  for (const userId of users) {
    await db.query(
      `INSERT INTO notifications (id, user_id, case_id, template, message, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
      [`${input.id}:${userId}`, userId, input.caseId, input.template, message, new Date(input.at)],
    );
  }
  return users;
}

/** The notifications that travel with a projection batch, written in its transaction. */
export async function writeNotices(db: NoticeWriter, notices: readonly NotifyInput[] | undefined): Promise<void> {
  for (const notice of notices ?? []) await writeNotice(db, notice);
}

async function recipients(db: NoticeWriter, to: NotificationRecipient): Promise<string[]> {
  switch (to.kind) {
    case 'user':
      return [to.userId];
    case 'seller':
      // Sellers are not roster members; their messages are kept under a seller address.
      return [`seller:${to.sellerId}`];
    case 'team':
      return ids(await db.query(`SELECT user_id FROM roster_members WHERE team = $1 AND active`, [to.team]));
    case 'managers':
      return ids(await db.query(`SELECT user_id FROM roster_members WHERE team = $1 AND role = 'manager' AND active`, [to.team]));
    case 'team_lead': {
      const leads = ids(await db.query(`SELECT user_id FROM roster_members WHERE team = $1 AND team_lead AND active`, [to.team]));
      // A team without a named lead: tell the whole team rather than no one.
      return leads.length ? leads : ids(await db.query(`SELECT user_id FROM roster_members WHERE team = $1 AND active`, [to.team]));
    }
  }
}

/** `notify`: one notification as an activity of its own (workflows that do not write it with a projection). */
export function createNotificationActivities({ dataSource }: NotificationDeps) {
  return {
    notify: (input: NotifyInput): Promise<string[]> => classified(() => writeNotice(dataSource, input)),
  };
}

function ids(rows: Array<{ user_id: string }>): string[] {
  return rows.map((r) => r.user_id);
}
