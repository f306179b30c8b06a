import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures, in the shape Stripe uses: the header `Riskdesk-Signature: t=<unix seconds>,v1=<hex>`
 * where v1 = HMAC-SHA256(secret, `${t}.${raw body}`). A receiver recomputes it over the raw body and
 * refuses a timestamp older than its tolerance, so a captured delivery cannot be replayed later.
 */
export const SIGNATURE_HEADER = 'Riskdesk-Signature';
export const DELIVERY_HEADER = 'Riskdesk-Delivery';
export const EVENT_HEADER = 'Riskdesk-Event';

export function signPayload(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/** What a receiver does (the README shows the same): true when a v1 signature matches and t is recent. */
export function verifySignature(secret: string, body: string, header: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const parts = Object.fromEntries(header.split(',').map((kv) => kv.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds || !parts.v1) return false;
  const expected = Buffer.from(signPayload(secret, body, t).split('v1=')[1], 'hex');
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
