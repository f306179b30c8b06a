import 'reflect-metadata';
import { loadConfig } from '../config/env';
import { createDataSource } from '../db/data-source';
import { RosterMemberEntity } from '../db/entities/roster-member.entity';
import { embeddedDatabaseUrl } from '../platform/local-runtime';
import { ROLES, type Role } from '../workflows/common/actor';

/**
 * `npm run roster:add -- <userId> <role> <team> [display name]`: adds a roster member, for the first
 * people of a deployment (an operator, a manager); after that, managers and operators use the API.
 */
async function main(): Promise<void> {
  const [userId, role, team, ...name] = process.argv.slice(2);
  if (!userId || !role || !team) throw new Error('usage: npm run roster:add -- <userId> <role> <team> [display name]');
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(userId)) throw new Error('userId may contain only letters, digits, dot, dash and underscore');
  if (!(ROLES as readonly string[]).includes(role)) throw new Error(`role must be one of: ${ROLES.join(', ')}`);
  const config = loadConfig();
  const ds = await createDataSource(config.DATABASE_URL ?? embeddedDatabaseUrl(config), { poolSize: 1 }).initialize();
  try {
    const repo = ds.getRepository(RosterMemberEntity);
    if (await repo.findOneBy({ userId })) throw new Error(`roster member '${userId}' already exists; change it with PATCH /roster/${userId}`);
    await repo.insert({
      userId,
      role: role as Role,
      team,
      displayName: name.join(' ') || userId,
      email: null,
      skills: { kinds: [], marketplaces: [], languages: [] },
      capacity: 0,
      active: true,
      teamLead: false,
    });
    console.log(`added ${userId} (${role}, team ${team}); get a token with: npm run token -- ${userId}`);
  } finally {
    await ds.destroy();
  }
}

main().catch((err: Error) => {
  console.error(`riskdesk roster:add: ${err.message}`);
  process.exit(1);
});
