import jwt from 'jsonwebtoken';

/**
 * Access tokens: HS256 JWTs that carry the user id (`sub`) and expire. The role is deliberately not
 * trusted from the token: the guard reads it from the roster on each request, so a role change or a
 * deactivation takes effect at once. Used by the API guard and by `npm run token`.
 */
const ISSUER = 'riskdesk';

export function signAccessToken(userId: string, secret: string, ttl: string): string {
  const expiresIn = /^\d+$/.test(ttl) ? Number(ttl) : (ttl as jwt.SignOptions['expiresIn']);
  return jwt.sign({}, secret, { algorithm: 'HS256', subject: userId, issuer: ISSUER, expiresIn });
}

export type TokenCheck = { ok: true; userId: string } | { ok: false; reason: string };

export function verifyAccessToken(token: string, secret: string): TokenCheck {
  try {
    const claims = jwt.verify(token, secret, { algorithms: ['HS256'], issuer: ISSUER });
    if (typeof claims === 'string' || !claims.sub) return { ok: false, reason: 'token has no subject' };
    return { ok: true, userId: claims.sub };
  } catch (err) {
    if (err instanceof jwt.TokenExpiredError) return { ok: false, reason: `token expired at ${err.expiredAt.toISOString()}` };
    if (err instanceof jwt.JsonWebTokenError) return { ok: false, reason: `invalid token: ${err.message}` };
    throw err;
  }
}
