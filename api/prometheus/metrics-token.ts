import { createHash, timingSafeEqual } from 'node:crypto';

export type TokenCheck = { ok: true } | { ok: false; reason: string };

/**
 * Checks `Authorization: Bearer <METRICS_TOKEN>` in constant time (both sides hashed first, so their
 * lengths match and the comparison leaks nothing about the token).
 */
export function checkMetricsToken(header: string | undefined, expected: string): TokenCheck {
  if (!header) return { ok: false, reason: 'missing Authorization header (expected: Bearer <METRICS_TOKEN>)' };
  const match = /^Bearer (\S+)$/.exec(header);
  if (!match) return { ok: false, reason: 'malformed Authorization header (expected: Bearer <METRICS_TOKEN>)' };
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(match[1]), digest(expected)) ? { ok: true } : { ok: false, reason: 'wrong metrics token' };
}
