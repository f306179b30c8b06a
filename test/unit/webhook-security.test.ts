import { decryptSecret, encryptSecret, newWebhookSecret } from '../../platform/webhooks/webhook-secrets';
import { signPayload, verifySignature } from '../../platform/webhooks/webhook-signature';
import { addressProblem, urlProblem } from '../../platform/webhooks/webhook-target';

describe('webhook signatures', () => {
  const body = '{"type":"resolved"}';
  it('signs t.body with HMAC-SHA256 in the t=...,v1=... shape and verifies it', () => {
    const header = signPayload('whsec_abc', body, 1_764_000_000);
    expect(header).toMatch(/^t=1764000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature('whsec_abc', body, header, 1_764_000_100)).toBe(true);
  });

  it('refuses another secret, an altered body, and a stale or future timestamp', () => {
    const header = signPayload('whsec_abc', body, 1_764_000_000);
    expect(verifySignature('whsec_other', body, header, 1_764_000_000)).toBe(false);
    expect(verifySignature('whsec_abc', body.replace('resolved', 'reopened'), header, 1_764_000_000)).toBe(false);
    expect(verifySignature('whsec_abc', body, header, 1_764_000_301)).toBe(false);
    expect(verifySignature('whsec_abc', body, header, 1_763_999_699)).toBe(false);
    expect(verifySignature('whsec_abc', body, 'v1=00', 1_764_000_000)).toBe(false);
  });
});

describe('webhook secrets at rest', () => {
  it('seals with AES-GCM and opens only with the same key', () => {
    const secret = newWebhookSecret();
    const sealed = encryptSecret('k'.repeat(32), secret);
    expect(sealed).not.toContain(secret.slice(6));
    expect(encryptSecret('k'.repeat(32), secret)).not.toBe(sealed);
    expect(decryptSecret('k'.repeat(32), sealed)).toBe(secret);
    expect(() => decryptSecret('j'.repeat(32), sealed)).toThrow();
  });
});

describe('webhook targets (SSRF)', () => {
  const strict = { allowedHosts: [] };
  it.each([
    ['https://hooks.example.com/x', null],
    ['http://hooks.example.com/x', 'must use https'],
    ['https://192.168.1.10/x', 'must not target a private address (192.168.1.10)'],
    ['https://127.0.0.1:8443/x', 'must not target a loopback address (127.0.0.1)'],
    ['https://[fd00::1]/x', 'must not target a uniqueLocal address (fd00::1)'],
    ['https://[::ffff:10.0.0.1]/x', 'must not target a private address'],
    ['https://0.0.0.0/x', 'must not target a unspecified address (0.0.0.0)'],
    ['https://metadata.google.internal/x', 'must not target a local name'],
    ['ftp://hooks.example.com/x', 'must use https'],
    ['not a url', 'must be an absolute URL'],
  ])('%s -> %s', (url, problem) => {
    const found = urlProblem(url, strict);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toContain(problem);
  });

  it('lets an allowed host use http and a private address', () => {
    expect(urlProblem('http://127.0.0.1:9000/hook', { allowedHosts: ['127.0.0.1'] })).toBeNull();
    expect(urlProblem('http://receiver.internal/hook', { allowedHosts: ['receiver.internal'] })).toBeNull();
  });

  it('judges resolved addresses the same way', () => {
    expect(addressProblem('93.184.216.34')).toBeNull();
    expect(addressProblem('10.0.0.1')).toBe('a private address (10.0.0.1)');
    expect(addressProblem('::ffff:127.0.0.1')).toBe('a loopback address (::ffff:127.0.0.1)');
  });
});
