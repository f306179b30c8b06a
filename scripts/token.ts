import 'reflect-metadata';
import { loadConfig } from '../config/env';
import { createDataSource } from '../db/data-source';
import { RosterMemberEntity } from '../db/entities/roster-member.entity';
import { signAccessToken } from '../platform/access-tokens';
import { embeddedDatabaseUrl, jwtSecretFor } from '../platform/local-runtime';

/**
 * `npm run token -- <userId>`: prints an access token for a roster member, alone on the last line.
 * Uses DATABASE_URL, or the embedded database of a running `npm start`, to check the user exists.
 */
async function main(): Promise<void> {
  const userId = process.argv[2];
  if (!userId) throw new Error('usage: npm run token -- <userId>');
  const config = loadConfig();
  const url = config.DATABASE_URL ?? embeddedDatabaseUrl(config);
  const ds = await createDataSource(url, { poolSize: 1 })
    .initialize()
    .catch((e: Error) => {
      throw new Error(`cannot reach the database (${e.message}); start Riskdesk with npm start, or set DATABASE_URL`);
    });
  try {
    const member = await ds.getRepository(RosterMemberEntity).findOneBy({ userId });
    if (!member) throw new Error(`no roster member '${userId}'`);
    if (!member.active) throw new Error(`roster member '${userId}' is inactive`);
    console.error(`token for ${member.userId} (${member.role}, team ${member.team}), valid for ${config.JWT_TTL}:`);
    console.log(signAccessToken(member.userId, jwtSecretFor(config), config.JWT_TTL));
  } finally {
    await ds.destroy();
  }
}

main().catch((err: Error) => {
  console.error(`riskdesk token: ${err.message}`);
  process.exit(1);
});
