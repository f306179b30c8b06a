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
  const [users] = await insertNotices(db, [input]);
  return users;
}

/** The notifications that travel with a projection batch, written in its transaction. */
export async function writeNotices(db: NoticeWriter, notices: readonly NotifyInput[] | undefined): Promise<void> {
  if (notices?.length) await insertNotices(db, notices);
}

/**
 * Expands each notice's recipients (each distinct recipient asked of the roster once) and inserts
 * every row in one statement: a batch's notifications cost one round trip, not one per person.
 * Returns the people notified, per notice.
 */
async function insertNotices(db: NoticeWriter, notices: readonly NotifyInput[]): Promise<string[][]> {
  const expanded = new Map<string, Promise<string[]>>();
  const people: string[][] = [];
  const rows: { id: string[]; user: string[]; caseId: (string | null)[]; template: string[]; message: string[]; at: Date[] } = {
    id: [], user: [], caseId: [], template: [], message: [], at: [],
  };
  for (const notice of notices) {
    const key = JSON.stringify(notice.to);
    if (!expanded.has(key)) expanded.set(key, recipients(db, notice.to));
    const users = await expanded.get(key)!;
    people.push(users);
    const message = renderNotice(notice.template, notice.params, notice.language);
    for (const userId of users) {
      rows.id.push(`${notice.id}:${userId}`);
      rows.user.push(userId);
      rows.caseId.push(notice.caseId ?? null);
      rows.template.push(notice.template);
      rows.message.push(message);
      rows.at.push(new Date(notice.at));
    }
  }
  if (rows.id.length > 0) {
    await db.query(
      `INSERT INTO notifications (id, user_id, case_id, template, message, created_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::timestamptz[])
       ON CONFLICT (id) DO NOTHING`,
      [rows.id, rows.user, rows.caseId, rows.template, rows.message, rows.at],
    );
  }
  return people;
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
