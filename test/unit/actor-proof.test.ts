import { proofKey, proofProblem, signMessage, PROOF_MAX_AGE_MS, type SignedMessage } from '../../workflows/common/actor-proof/actor-proof';

const current = proofKey('the-current-actor-proof-secret-0123456789');
const previous = proofKey('the-previous-actor-proof-secret-012345678');
const message: SignedMessage = { kind: 'update', name: 'acknowledge', workflowId: 'escalation-1', args: [{ actor: { userId: 'ana', role: 'specialist', team: 'seller-risk-eu' } }] };
const now = Date.UTC(2026, 11, 2, 12);

describe('actor proofs (pure)', () => {
  it('vouches for the message it was made for, with the current key or one still accepted', () => {
    expect(proofProblem(signMessage(current, message, now), [current, previous], message, now)).toBeNull();
    expect(proofProblem(signMessage(previous, message, now), [current, previous], message, now)).toBeNull();
    expect(proofKey(current.secret).kid).toBe(current.kid);
    expect(current.kid).not.toBe(previous.kid);
  });

  it.each([
    ['no proof', undefined, /carries no proof/],
    ['a malformed proof', { kid: 1 }, /malformed/],
    ['a retired key', signMessage(previous, message, now), /does not hold/],
    ['another actor', signMessage(current, { ...message, args: [{ actor: { userId: 'max', role: 'manager', team: 'seller-risk-eu' } }] }, now), /does not match/],
    ['another workflow', signMessage(current, { ...message, workflowId: 'escalation-2' }, now), /does not match/],
    ['another update', signMessage(current, { ...message, name: 'resolve' }, now), /does not match/],
    ['a signal instead of an update', signMessage(current, { ...message, kind: 'signal' }, now), /does not match/],
    ['an old proof', signMessage(current, message, now - PROOF_MAX_AGE_MS - 1), /older than 5 minutes/],
    ['a proof from the future', signMessage(current, message, now + 5 * 60_000), /in the future/],
  ])('refuses %s', (_what, proof, problem) => {
    expect(proofProblem(proof, [current], message, now)).toMatch(problem);
  });

  it('refuses a proof whose date was changed after signing', () => {
    const proof = signMessage(current, message, now - PROOF_MAX_AGE_MS * 2);
    expect(proofProblem({ ...proof, at: now }, [current], message, now)).toMatch(/does not match/);
  });
});
