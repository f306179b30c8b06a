import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '../config/env';

/** The embedded PostgreSQL that `npm start` runs when DATABASE_URL is unset (see embedded-postgres.ts). */
export function embeddedDatabaseUrl(config: AppConfig): string {
  return `postgresql://riskdesk:riskdesk@127.0.0.1:${config.EMBEDDED_PG_PORT}/riskdesk`;
}

/**
 * JWT_SECRET when set; otherwise the secret `npm start` generated into the data folder on its first
 * run (created here if missing), so tokens from `npm run token` work against a local `npm start`.
 */
export function jwtSecretFor(config: AppConfig): string {
  return config.JWT_SECRET ?? generatedSecret(config, 'jwt-secret');
}

/** ACTOR_PROOF_SECRET when set; otherwise one `npm start` generated into the data folder, like the JWT secret. */
export function actorProofSecretFor(config: AppConfig): string {
  return config.ACTOR_PROOF_SECRET ?? generatedSecret(config, 'actor-proof-secret');
}

function generatedSecret(config: AppConfig, name: string): string {
  const file = path.resolve(config.DATA_DIR, name);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  }
  return fs.readFileSync(file, 'utf8').trim();
}
