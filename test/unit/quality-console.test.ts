import { wilsonInterval } from '../../api/quality/stats/proportion';
import { DECISION_KINDS } from '../../workflows/common/quality/decision-kinds';
import { decisionsOf, qaReviewHref, rateText, scorecardTrend } from '../../console/src/lib/quality-format';
import type { Scorecard, ScorecardFigures } from '../../console/src/lib/quality-types';
import { navFor } from '../../console/src/lib/roles';

describe('console: decision-quality words and menus', () => {
  it('writes a rate with its counts and Wilson interval, and says when there is nothing to count', () => {
    expect(rateText(5 / 7, 5, 7, wilsonInterval(5, 7))).toBe('71.4% (5 of 7; 95% CI 35.9–91.8%)');
    expect(rateText(null, 0, 0, null)).toBe('no data (0 of 0)');
  });

  it("links a QA task to its review's page, and nothing else", () => {
    expect(qaReviewHref('c0ffee00-0000-4000-8000-000000000000:appeal_decision:2/qa_review')).toBe('/console/qa-reviews/c0ffee00-0000-4000-8000-000000000000:appeal_decision:2');
    expect(qaReviewHref('c0ffee00-0000-4000-8000-000000000000:appeal_decision:2/qa_adjudication')).toBe('/console/qa-reviews/c0ffee00-0000-4000-8000-000000000000:appeal_decision:2');
    expect(qaReviewHref('c0ffee00/work')).toBeNull();
  });

  it("offers the reviewer the decision kind's own decisions", () => {
    expect(decisionsOf('appeal_decision')).toEqual(DECISION_KINDS.appeal_decision.decisions);
    expect(decisionsOf('unknown')).toEqual([]);
  });

  it('shows the Quality menu to the roles that review and answer sessions only', () => {
    const hasQuality = (role: string) => navFor(role).some((n) => n.href === '/console/quality');
    expect(['specialist', 'senior_specialist', 'manager'].filter(hasQuality)).toHaveLength(3);
    expect(['legal', 'policy', 'customer_trust', 'account_manager', 'operator', 'seller'].filter(hasQuality)).toEqual([]);
  });

  it('charts the weekly shares, and says so when no week has any', () => {
    const figures = (accuracy: number | null, reinstatementRate: number | null): ScorecardFigures => ({
      volume: 0,
      medianHandleTimeMs: null,
      slaAttainment: null,
      qa: { reviewed: 0, correct: 0, accuracy, interval: null, errors: {} },
      overturned: 0,
      reinstatementRate,
      reinstatement: { decided: 0, reinstated: 0, interval: null },
      restumbleRate: null,
      restumble: { reinstatedSellers: 0, watching: 0, observed: 0, restumbled: 0, interval: null },
    });
    const card = (weeks: ScorecardFigures[]): Scorecard => ({
      ...figures(null, null),
      userId: 'u',
      team: 't',
      from: '2026-11-02',
      to: '2026-11-16',
      weeks: weeks.map((w, i) => ({ ...w, weekStart: ['2026-11-02', '2026-11-09'][i] })),
    });
    const trend = scorecardTrend(card([figures(0.5, null), figures(null, 1)]));
    expect(trend.empty).toBeUndefined();
    expect(trend.categories).toEqual(['11-02', '11-09']);
    expect(trend.series.find((s) => s.label === 'QA accuracy')!.values).toEqual([0.5, null]);
    expect(trend.series.find((s) => s.label === 'Reinstatement rate')!.values).toEqual([null, 1]);
    expect(trend.table.rows[1].cells.map((c) => c.text)).toEqual(['—', '—', '100.0%', '—']);
    expect(scorecardTrend(card([figures(null, null), figures(null, null)])).empty).toMatch(/No reviewed/);
  });
});
