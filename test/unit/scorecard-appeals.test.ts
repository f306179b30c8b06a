import { wilsonInterval } from '../../api/quality/stats/proportion';
import { scorecard, type AppealFact } from '../../api/quality/stats/scorecard';

/** The scorecard's appeal figures: reinstatement rate over appeal decisions, restumble rate over closed windows. */
describe('scorecard: reinstatement and restumble rates', () => {
  const DAY = 86_400_000;
  const from = Date.parse('2026-11-02T00:00:00Z');
  const to = from + 14 * DAY;
  const at = (days: number) => from + days * DAY;
  const appeals: AppealFact[] = [
    { decidedAt: at(1), decision: 'reinstate', seller: 'restumbled' },
    { decidedAt: at(2), decision: 'reinstate', seller: 'clean' },
    { decidedAt: at(3), decision: 'reinstate', seller: 'watching' },
    { decidedAt: at(4), decision: 'deny', seller: 'not_reinstated' },
    { decidedAt: at(9), decision: 'reinstate', seller: 'clean' },
    // An approved reinstatement whose steps were not applied: a reinstatement decision, no reinstated seller.
    { decidedAt: at(10), decision: 'reinstate', seller: 'not_reinstated' },
    { decidedAt: at(11), decision: 'deny', seller: 'not_reinstated' },
    { decidedAt: at(20), decision: 'deny', seller: 'not_reinstated' },
  ];
  const card = scorecard({ from, to, decisions: [], reviews: [], appeals });

  it('counts reinstatements over every appeal decision in the period, with a Wilson interval', () => {
    expect(card.reinstatement).toEqual({ decided: 7, reinstated: 5, interval: wilsonInterval(5, 7) });
    expect(card.reinstatementRate).toBeCloseTo(5 / 7, 12);
    expect(card.reinstatement.interval!.low).toBeCloseTo(0.3589, 4);
    expect(card.reinstatement.interval!.high).toBeCloseTo(0.9178, 4);
  });

  it('counts restumbles over the reinstated sellers whose window closed; open windows wait', () => {
    expect(card.restumble).toEqual({ reinstatedSellers: 4, watching: 1, observed: 3, restumbled: 1, interval: wilsonInterval(1, 3) });
    expect(card.restumbleRate).toBeCloseTo(1 / 3, 12);
  });

  it('splits both by week, and is null where there is nothing to count', () => {
    expect(card.weeks.map((w) => [w.reinstatement.decided, w.reinstatement.reinstated, w.restumble.observed, w.restumble.restumbled])).toEqual([
      [4, 3, 2, 1],
      [3, 2, 1, 0],
    ]);
    expect(card.weeks[1].restumbleRate).toBe(0);
    const empty = scorecard({ from, to, decisions: [], reviews: [] });
    expect(empty).toMatchObject({ reinstatementRate: null, restumbleRate: null, reinstatement: { decided: 0, interval: null }, restumble: { observed: 0, interval: null } });
    const onlyWatching = scorecard({ from, to, decisions: [], reviews: [], appeals: [{ decidedAt: at(1), decision: 'reinstate', seller: 'watching' }] });
    expect(onlyWatching).toMatchObject({ reinstatementRate: 1, restumbleRate: null, restumble: { reinstatedSellers: 1, watching: 1, observed: 0 } });
  });
});
