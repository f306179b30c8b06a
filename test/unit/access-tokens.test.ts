import jwt from 'jsonwebtoken';
import { keyIdOf, keyRing, signAccessToken, verifyAccessToken } from '../../platform/access-tokens';

/**
 * Access tokens sign and verify with each secret as a KeyObject made once (jsonwebtoken otherwise
 * tries every string as a PEM key first, on every request). The tokens are the same HS256 tokens as
 * before: one signed from the plain string still verifies, and a wrong or retired key still fails.
 */
describe('access tokens', () => {
  const secret = 'a'.repeat(48);
  const other = 'b'.repeat(48);

  it('verifies its own tokens and names the subject and key', () => {
    const token = signAccessToken('max', secret, '1h');
    expect(verifyAccessToken(token, secret)).toEqual({ ok: true, userId: 'max', kid: keyIdOf(secret) });
  });

  it('verifies a token signed with the secret as a plain string, as tokens issued before were', () => {
    const token = jwt.sign({}, secret, { algorithm: 'HS256', subject: 'ana', issuer: 'riskdesk', expiresIn: 3600, keyid: keyIdOf(secret) });
    expect(verifyAccessToken(token, secret)).toMatchObject({ ok: true, userId: 'ana' });
    // And the other way round: jsonwebtoken with the plain string accepts ours.
    expect(jwt.verify(signAccessToken('ana', secret, '1h'), secret, { algorithms: ['HS256'] })).toMatchObject({ sub: 'ana', iss: 'riskdesk' });
  });

  it('refuses a token whose signature another secret made under our key id', () => {
    const forged = jwt.sign({}, other, { algorithm: 'HS256', subject: 'max', issuer: 'riskdesk', expiresIn: 3600, keyid: keyIdOf(secret) });
    expect(verifyAccessToken(forged, secret)).toEqual({ ok: false, reason: 'invalid token: invalid signature' });
  });

  it('refuses an expired token and a retired key, and still accepts a previous key before it retires', () => {
    const expired = signAccessToken('max', secret, '-10');
    expect(verifyAccessToken(expired, secret)).toMatchObject({ ok: false, reason: expect.stringMatching(/^token expired at /) });
    const ring = keyRing(other, [{ secret, acceptUntil: Date.now() + 60_000 }]);
    const byPrevious = signAccessToken('max', secret, '1h');
    expect(verifyAccessToken(byPrevious, ring)).toMatchObject({ ok: true, kid: keyIdOf(secret) });
    expect(verifyAccessToken(byPrevious, ring, Date.now() + 120_000)).toMatchObject({ ok: false, reason: expect.stringMatching(/signing key was retired/) });
  });
});
