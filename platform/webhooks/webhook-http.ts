import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { addressProblem, urlProblem, type TargetPolicy } from './webhook-target';

export interface PostOutcome {
  status: number | null;
  error: string | null;
  durationMs: number;
}

/** A DNS lookup that refuses names resolving to a private, loopback or other non-public address (unless the host is allowed). */
function guardedLookup(policy: TargetPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as dns.LookupAddress[];
      const bad = policy.allowedHosts.includes(hostname.toLowerCase()) ? undefined : list.map((a) => addressProblem(a.address)).find(Boolean);
      if (bad || list.length === 0) return callback(new Error(`refused: ${hostname} resolves to ${bad ?? 'nothing'}`), '', 0);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}

/** POSTs a JSON body to a webhook target and reports the status (or why there is none); never throws. */
export function postWebhook(url: string, body: string, headers: Record<string, string>, policy: TargetPolicy, timeoutMs: number): Promise<PostOutcome> {
  const started = Date.now();
  const done = (status: number | null, error: string | null): PostOutcome => ({ status, error, durationMs: Date.now() - started });
  const problem = urlProblem(url, policy);
  if (problem) return Promise.resolve(done(null, `refused target: the URL ${problem}`));
  return new Promise((resolve) => {
    const target = new URL(url);
    const client = target.protocol === 'https:' ? https : http;
    const req = client.request(
      target,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body).toString(), 'User-Agent': 'Riskdesk-Webhooks/1', ...headers },
        lookup: guardedLookup(policy),
        timeout: timeoutMs,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(done(res.statusCode ?? null, null)));
        res.on('error', (err) => resolve(done(res.statusCode ?? null, err.message)));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (err) => resolve(done(null, err.message)));
    req.end(body);
  });
}
