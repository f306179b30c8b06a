import {
  RosterMember,
  WorkItem,
  ineligibility,
  leaseExpired,
  leaseExpiresAt,
  openWorkToOffer,
  route,
} from '../../workflows/common/routing';

const NOW = Date.UTC(2025, 2, 3, 10);
const H = 3_600_000;
const TEAM = 'seller-risk-eu';

const item: WorkItem = { caseId: 'c-1', kind: 'escalation', marketplace: 'DE', team: TEAM };

function member(userId: string, over: Partial<RosterMember> = {}): RosterMember {
  return {
    userId,
    role: 'specialist',
    team: TEAM,
    skills: { kinds: ['escalation'], marketplaces: ['DE', 'FR'], languages: ['de', 'en'] },
    capacity: 5,
    activeCases: 2,
    ...over,
  };
}

describe('eligibility', () => {
  it.each<[string, Partial<RosterMember>, Partial<WorkItem>, string | undefined]>([
    ['a matching specialist', {}, {}, undefined],
    ['a senior specialist', { role: 'senior_specialist' }, {}, undefined],
    ['a manager', { role: 'manager' }, {}, 'role'],
    ['an operator', { role: 'operator' }, {}, 'role'],
    ['a member of another team', { team: 'seller-risk-us' }, {}, 'team'],
    ['a member without the kind', { skills: { kinds: [], marketplaces: ['DE'], languages: [] } }, {}, 'kind'],
    ['a member without the marketplace', {}, { marketplace: 'IT' }, 'marketplace'],
    ['marketplaces compared case-insensitively', {}, { marketplace: 'de' }, undefined],
    ['a member without the language', {}, { language: 'it' }, 'language'],
    ['a member with the language', {}, { language: 'DE' }, undefined],
    ['no language asked: languages do not matter', { skills: { kinds: ['escalation'], marketplaces: ['DE'], languages: [] } }, {}, undefined],
    ['an excluded member', {}, { excludeUserIds: ['u-a'] }, 'excluded'],
    ['out of office until later', { outOfOfficeUntil: NOW + 1 }, {}, 'out_of_office'],
    ['back exactly now', { outOfOfficeUntil: NOW }, {}, undefined],
    ['back since yesterday', { outOfOfficeUntil: NOW - 24 * H }, {}, undefined],
    ['at capacity', { activeCases: 5 }, {}, 'at_capacity'],
    ['over capacity', { activeCases: 7 }, {}, 'at_capacity'],
    ['capacity zero', { capacity: 0, activeCases: 0 }, {}, 'at_capacity'],
    ['one slot left', { activeCases: 4 }, {}, undefined],
    // Peer review: at least as senior as the maker, by role and then by start date.
    ['a senior reviewing a specialist', { role: 'senior_specialist', startedOn: '2026-01-05' }, { atLeastAsSeniorAs: { role: 'specialist', startedOn: '2020-01-01' } }, undefined],
    ['a specialist reviewing a senior', { startedOn: '2020-01-01' }, { atLeastAsSeniorAs: { role: 'senior_specialist', startedOn: '2026-01-05' } }, 'less_senior'],
    ['a specialist who started earlier', { startedOn: '2025-01-06' }, { atLeastAsSeniorAs: { role: 'specialist', startedOn: '2026-01-05' } }, undefined],
    ['a specialist who started the same day', { startedOn: '2026-01-05' }, { atLeastAsSeniorAs: { role: 'specialist', startedOn: '2026-01-05' } }, undefined],
    ['a specialist who started later', { startedOn: '2026-02-02' }, { atLeastAsSeniorAs: { role: 'specialist', startedOn: '2026-01-05' } }, 'less_senior'],
    ['a specialist with no start date', {}, { atLeastAsSeniorAs: { role: 'specialist', startedOn: '2026-01-05' } }, 'less_senior'],
    ['a maker with no start date: role decides', { startedOn: '2026-02-02' }, { atLeastAsSeniorAs: { role: 'specialist', startedOn: null } }, undefined],
  ])('%s -> %s', (_name, over, itemOver, expected) => {
    expect(ineligibility(member('u-a', over), { ...item, ...itemOver }, NOW)).toBe(expected);
  });
});

describe('route', () => {
  it('queues when the pool is empty', () => {
    expect(route(item, [], NOW)).toEqual({ decision: 'queue', reason: `no eligible member in team ${TEAM} (no members)`, ineligible: [] });
  });

  it('queues with a summary when no one is eligible', () => {
    const decision = route(
      item,
      [member('u-a', { activeCases: 5 }), member('u-b', { outOfOfficeUntil: NOW + H }), member('u-c', { activeCases: 9 }), member('u-m', { role: 'manager' })],
      NOW,
    );
    expect(decision).toEqual({
      decision: 'queue',
      reason: `no eligible member in team ${TEAM} (2 at capacity, 1 out of office, 1 not a specialist)`,
      ineligible: [
        { userId: 'u-a', reason: 'at_capacity' },
        { userId: 'u-b', reason: 'out_of_office' },
        { userId: 'u-c', reason: 'at_capacity' },
        { userId: 'u-m', reason: 'role' },
      ],
    });
  });

  it('picks the member with the most free capacity and ranks everyone eligible', () => {
    const decision = route(
      item,
      [member('u-a', { capacity: 5, activeCases: 4 }), member('u-b', { capacity: 8, activeCases: 3 }), member('u-c', { capacity: 3, activeCases: 0 })],
      NOW,
    );
    expect(decision).toMatchObject({
      decision: 'assign',
      userId: 'u-b',
      candidates: [
        { userId: 'u-b', rank: 1, score: 5 },
        { userId: 'u-c', rank: 2, score: 3 },
        { userId: 'u-a', rank: 3, score: 1 },
      ],
    });
    expect(decision.reason).toBe(`u-b: most free capacity (5 of 8) among 3 eligible in team ${TEAM}`);
  });

  it.each<[string, RosterMember[], string, RegExp]>([
    [
      'never assigned beats assigned',
      [member('u-a', { lastAssignedAt: NOW - H }), member('u-b')],
      'u-b',
      /least recently assigned/,
    ],
    [
      'least recently assigned wins',
      [member('u-a', { lastAssignedAt: NOW - H }), member('u-b', { lastAssignedAt: NOW - 3 * H }), member('u-c', { lastAssignedAt: NOW - 2 * H })],
      'u-b',
      /least recently assigned/,
    ],
    ['both never assigned: user id', [member('u-b'), member('u-a')], 'u-a', /by user id/],
    [
      'same last assignment: user id',
      [member('u-c', { lastAssignedAt: NOW - H }), member('u-b', { lastAssignedAt: NOW - H })],
      'u-b',
      /by user id/,
    ],
    [
      'free capacity before fairness',
      [member('u-a', { activeCases: 1, lastAssignedAt: NOW - 1 }), member('u-b', { activeCases: 2 })],
      'u-a',
      /most free capacity \(4 of 5\) among 2/,
    ],
  ])('ties: %s', (_name, members, expected, reason) => {
    const decision = route(item, members, NOW);
    expect(decision).toMatchObject({ decision: 'assign', userId: expected });
    expect(decision.reason).toMatch(reason);
  });

  it('does not depend on the order of the roster', () => {
    const members = [
      member('u-d', { activeCases: 1, lastAssignedAt: NOW - 2 * H }),
      member('u-a', { activeCases: 1, lastAssignedAt: NOW - 2 * H }),
      member('u-c', { activeCases: 1 }),
      member('u-b', { activeCases: 3 }),
    ];
    const expected = route(item, members, NOW);
    for (const order of [[...members].reverse(), [members[2], members[0], members[3], members[1]]]) {
      const decision = route(item, order, NOW);
      expect(decision.decision === 'assign' && decision.candidates).toEqual(expected.decision === 'assign' && expected.candidates);
    }
    expect(expected).toMatchObject({ userId: 'u-c', candidates: [{ userId: 'u-c' }, { userId: 'u-a' }, { userId: 'u-d' }, { userId: 'u-b' }] });
  });

  it('skips excluded users (e.g. the one who released the case) and explains why', () => {
    const decision = route({ ...item, excludeUserIds: ['u-a'] }, [member('u-a', { activeCases: 0 }), member('u-b')], NOW);
    expect(decision).toMatchObject({ decision: 'assign', userId: 'u-b', ineligible: [{ userId: 'u-a', reason: 'excluded' }] });
  });

  it('routes by language when the item has one', () => {
    const members = [member('u-a', { activeCases: 0 }), member('u-b', { skills: { kinds: ['escalation'], marketplaces: ['DE'], languages: ['tr'] } })];
    expect(route({ ...item, language: 'tr' }, members, NOW)).toMatchObject({ decision: 'assign', userId: 'u-b' });
  });

  it('returns plain JSON', () => {
    const decision = route(item, [member('u-a'), member('u-b', { lastAssignedAt: NOW - H })], NOW);
    expect(JSON.parse(JSON.stringify(decision))).toStrictEqual(decision);
  });
});

describe('claim leases', () => {
  const CLAIMED = NOW - 2 * H;
  it.each<[string, number | undefined, number, boolean]>([
    ['no activity, before the lease ends', undefined, CLAIMED + H - 1, false],
    ['no activity, exactly at the end', undefined, CLAIMED + H, true],
    ['activity extends the lease', CLAIMED + 30 * 60_000, CLAIMED + H + 1, false],
    ['activity, lease ended since', CLAIMED + 30 * 60_000, CLAIMED + 90 * 60_000, true],
    ['activity before the claim does not count', CLAIMED - H, CLAIMED + H, true],
  ])('%s -> %s', (_name, lastActivityAt, now, expired) => {
    expect(leaseExpired(CLAIMED, H, lastActivityAt, now)).toBe(expired);
  });

  it('tells the workflow when to check', () => {
    expect(leaseExpiresAt(CLAIMED, H)).toBe(CLAIMED + H);
    expect(leaseExpiresAt(CLAIMED, H, CLAIMED + 10)).toBe(CLAIMED + H + 10);
  });
});

describe('openWorkToOffer', () => {
  it('lists members out of office now, sorted, with or without counted cases', () => {
    const members = [
      member('u-c', { outOfOfficeUntil: NOW + 5 * H, activeCases: 0 }),
      member('u-a', { outOfOfficeUntil: NOW + H, activeCases: 3 }),
      member('u-b', { outOfOfficeUntil: NOW }),
      member('u-d'),
    ];
    expect(openWorkToOffer(members, NOW)).toEqual([
      { userId: 'u-a', team: TEAM, outOfOfficeUntil: NOW + H, activeCases: 3 },
      { userId: 'u-c', team: TEAM, outOfOfficeUntil: NOW + 5 * H, activeCases: 0 },
    ]);
  });

  it('is empty when everyone is in', () => {
    expect(openWorkToOffer([member('u-a'), member('u-b', { outOfOfficeUntil: NOW - 1 })], NOW)).toEqual([]);
  });
});
