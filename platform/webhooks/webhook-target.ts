import ipaddr from 'ipaddr.js';

/**
 * Where a webhook may be sent (SSRF): https to public addresses only, unless the host is listed in
 * WEBHOOK_ALLOWED_HOSTS (then http and private addresses are allowed for it). Checked on the URL when
 * a subscription is created, and on every address the name resolves to when a delivery connects, so a
 * name that later resolves inside the network is refused too.
 */
export interface TargetPolicy {
  allowedHosts: readonly string[];
}

/** Why this URL may not be a webhook target, or null. */
export function urlProblem(text: string, policy: TargetPolicy): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.username || url.password) return 'must not carry credentials';
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const allowed = policy.allowedHosts.includes(host);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && allowed)) return 'must use https (http only for a host in WEBHOOK_ALLOWED_HOSTS)';
  if (!allowed && ipaddr.isValid(host) && addressProblem(host)) return `must not target ${addressProblem(host)}`;
  if (!allowed && (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.internal') || host.endsWith('.local'))) return 'must not target a local name';
  return null;
}

/** Why a resolved address may not be connected to (its range: private, loopback, ...), or null for a public unicast address. */
export function addressProblem(address: string): string | null {
  if (!ipaddr.isValid(address)) return 'an unparseable address';
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  const range = ip.range();
  return range === 'unicast' ? null : `a ${range} address (${address})`;
}
