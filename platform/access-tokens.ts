import jwt from 'jsonwebtoken';
import { createHash, createSecretKey, type KeyObject } from 'node:crypto';

/**
 * Access tokens: HS256 JWTs that carry the user id (`sub`), expire, and name the key that signed them
 * (`kid`). The role is deliberately not trusted from the token: the guard reads it from the roster on
 * each request, so a role change or a deactivation takes effect at once. Used by the API guard, by
 * `npm run token`, and by any route that issues tokens.
 *
 * Key rotation: the current key signs; earlier keys (JWT_PREVIOUS_SECRETS) still verify the tokens
 * they signed until their `acceptUntil`, so rotating the secret does not sign everybody out at once.
 */
const ISSUER = 'riskdesk';

export interface SigningKey {
  kid: string;
  secret: string;
  /** Epoch ms after which tokens signed with this key are refused; undefined for the current key. */
  acceptUntil?: number;
}

/** The current key first, then earlier ones; a plain secret is a ring of one. */
export type KeyRing = readonly SigningKey[];

/** A key's id: derived from the secret, so API instances sharing a secret agree without more configuration. */
export function keyIdOf(secret: string): string {
  return createHash('sha256').update(`riskdesk-jwt:${secret}`).digest('hex').slice(0, 16);
}

export function keyRing(current: string, previous: ReadonlyArray<{ secret: string; acceptUntil: string | number }> = []): KeyRing {
  return [
    { kid: keyIdOf(current), secret: current },
    ...previous.map((p) => ({ kid: keyIdOf(p.secret), secret: p.secret, acceptUntil: new Date(p.acceptUntil).getTime() })),
  ];
}

/**
 * The secret as a KeyObject, made once per secret. Given a string, jsonwebtoken first tries to parse
 * it as a PEM public or private key (which throws) before taking it as an HMAC secret: half a
 * millisecond of CPU on every request the guard checks (issue 13's profile of a metric request).
 * Only configured secrets come here, so the cache holds as many entries as the key ring.
 */
const secretKeys = new Map<string, KeyObject>();
function secretKeyOf(secret: string): KeyObject {
  let key = secretKeys.get(secret);
  if (key === undefined) {
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    secretKeys.set(secret, key);
  }
  return key;
}

function ringOf(keys: string | KeyRing): KeyRing {
  return typeof keys === 'string' ? keyRing(keys) : keys;
}

export function signAccessToken(userId: string, keys: string | KeyRing, ttl: string): string {
  const expiresIn = /^-?\d+$/.test(ttl) ? Number(ttl) : (ttl as jwt.SignOptions['expiresIn']);
  const key = ringOf(keys)[0];
  return jwt.sign({}, secretKeyOf(key.secret), { algorithm: 'HS256', subject: userId, issuer: ISSUER, expiresIn, keyid: key.kid });
}

export type TokenCheck = { ok: true; userId: string; kid: string } | { ok: false; reason: string };

export function verifyAccessToken(token: string, keys: string | KeyRing, now = Date.now()): TokenCheck {
  const decoded = jwt.decode(token, { complete: true });
  if (!decoded || typeof decoded !== 'object') return { ok: false, reason: 'invalid token: jwt malformed' };
  const kid = decoded.header.kid;
  if (!kid) return { ok: false, reason: 'invalid token: it names no signing key (kid); sign in again for a new token' };
  const key = ringOf(keys).find((k) => k.kid === kid);
  // An unknown key cannot have signed it: to the caller this is a signature that does not verify.
  if (!key) return { ok: false, reason: `invalid token: invalid signature (key ${kid.slice(0, 16)} is not one of ours)` };
  if (key.acceptUntil !== undefined && now > key.acceptUntil) {
    return { ok: false, reason: `invalid token: its signing key was retired at ${new Date(key.acceptUntil).toISOString()}; sign in again` };
  }
  try {
    const claims = jwt.verify(token, secretKeyOf(key.secret), { algorithms: ['HS256'], issuer: ISSUER, clockTimestamp: Math.floor(now / 1000) });
    if (typeof claims === 'string' || !claims.sub) return { ok: false, reason: 'token has no subject' };
    return { ok: true, userId: claims.sub, kid };
  } catch (err) {
    if (err instanceof jwt.TokenExpiredError) return { ok: false, reason: `token expired at ${err.expiredAt.toISOString()}` };
    if (err instanceof jwt.JsonWebTokenError) return { ok: false, reason: `invalid token: ${err.message}` };
    throw err;
  }
}
