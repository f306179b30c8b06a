import { parseIdempotencyKey, updateIdFor } from '../../api/escalations/idempotency';
import { decodeCursor, encodeCursor } from '../../api/cases/page-cursor';
import { sellerDeadline } from '../../api/escalations/seller-deadline';
import { viewScope } from '../../api/cases/view-scope';
import { DomainError, ErrorCode } from '../../api/common/error-codes';
import { SYSTEM_ACTOR, type Actor } from '../../workflows/common/actor';

const actor = (userId: string, role: Actor['role'], team: string): Actor => ({ userId, role, team });

describe('viewScope (from the permission table)', () => {
  it.each([
    ['a specialist: their team and their own cases', actor('ana', 'specialist', 'seller-risk-eu'), { everywhere: false, team: 'seller-risk-eu', assigneeId: 'ana', handoffTeam: null }],
    ['a senior specialist: the same', actor('chloe', 'senior_specialist', 'seller-risk-eu'), { everywhere: false, team: 'seller-risk-eu', assigneeId: 'chloe', handoffTeam: null }],
    ['a manager: their team', actor('max', 'manager', 'seller-risk-eu'), { everywhere: false, team: 'seller-risk-eu', assigneeId: null, handoffTeam: null }],
    ['legal: cases with a handoff to legal', actor('lea', 'legal', 'legal'), { everywhere: false, team: null, assigneeId: null, handoffTeam: 'legal' }],
    ['customer trust: cases with a handoff to it', actor('cora', 'customer_trust', 'customer_trust'), { everywhere: false, team: null, assigneeId: null, handoffTeam: 'customer_trust' }],
    ['an operator: everything', actor('olga', 'operator', 'operations'), { everywhere: true, team: null, assigneeId: null, handoffTeam: null }],
    ['an account manager: everything', actor('alex', 'account_manager', 'account-management'), { everywhere: true, team: null, assigneeId: null, handoffTeam: null }],
  ])('%s', (_label, who, scope) => {
    expect(viewScope(who, 'escalation')).toEqual(scope);
  });

  it('gives the system identity nothing', () => {
    expect(viewScope(SYSTEM_ACTOR, 'escalation')).toBeNull();
  });
});

describe('page cursor', () => {
  const position = { createdAt: '2026-03-02T10:00:00.123456Z', id: '7d7c4a58-4ad4-4c53-9a5c-1f4e4b1f9c11' };

  it('round-trips, keeping microseconds', () => {
    const text = encodeCursor(position);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(text)).toEqual(position);
  });

  it.each(['', 'garbage', Buffer.from('2026-03-02|not-a-uuid').toString('base64url')])('refuses %p with a 400', (text) => {
    expect(() => decodeCursor(text)).toThrow(expect.objectContaining({ code: ErrorCode.ValidationFailed }));
  });
});

describe('sellerDeadline', () => {
  const now = Date.parse('2026-03-02T10:00:00Z');

  it('accepts a date-time with a zone in the next 30 days', () => {
    expect(sellerDeadline('2026-03-05T17:00:00Z', now)).toBe(Date.parse('2026-03-05T17:00:00Z'));
    expect(sellerDeadline('2026-03-05T18:00:00+01:00', now)).toBe(Date.parse('2026-03-05T17:00:00Z'));
    expect(sellerDeadline('2026-04-01T10:00:00Z', now)).toBe(now + 30 * 86_400_000);
  });

  it.each([
    ['2026-03-02T10:00:00Z', 'must be in the future'],
    ['2026-04-01T10:00:01Z', 'must be at most 30 days ahead'],
    ['2026-03-05', 'must be an ISO 8601 date-time with a time zone'],
    ['2026-03-05T17:00:00', 'must be an ISO 8601 date-time with a time zone'],
    ['next week', 'must be an ISO 8601 date-time with a time zone'],
  ])('refuses %s: %s', (text, problem) => {
    let error: DomainError | undefined;
    try {
      sellerDeadline(text, now);
    } catch (err) {
      error = err as DomainError;
    }
    expect(error).toMatchObject({ code: ErrorCode.ValidationFailed, details: { fields: [{ field: 'deadline', problems: [problem] }] } });
  });
});

describe('Idempotency-Key', () => {
  it('is trimmed; blank means none', () => {
    expect(parseIdempotencyKey('  abc-123 ')).toBe('abc-123');
    expect(parseIdempotencyKey('   ')).toBeUndefined();
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
  });

  it.each(['with space', 'x'.repeat(201), 'ümlaut'])('refuses %p with a 400', (key) => {
    expect(() => parseIdempotencyKey(key)).toThrow(expect.objectContaining({ code: ErrorCode.ValidationFailed }));
  });

  it('becomes an update id per action and caller, so one key cannot replay another action or caller', () => {
    const ana = actor('ana', 'specialist', 'seller-risk-eu');
    expect(updateIdFor('resolve', ana, 'k1')).toBe('resolve:ana:k1');
    expect(updateIdFor('reopen', ana, 'k1')).not.toBe(updateIdFor('resolve', ana, 'k1'));
    expect(updateIdFor('resolve', actor('chloe', 'senior_specialist', 'seller-risk-eu'), 'k1')).not.toBe('resolve:ana:k1');
    expect(updateIdFor('resolve', ana, undefined)).toBeUndefined();
  });
});
