import { DECISION_KINDS } from '../../../workflows/common/quality/decision-kinds';
import type { ChartData } from './metric-series';
import type { Interval, Scorecard } from './quality-types';

/** Numbers of the decision-quality pages in words: shares, intervals, agreement statistics. */

export const percent = (share: number | null | undefined): string => (share === null || share === undefined ? '—' : `${(share * 100).toFixed(1)}%`);

/** `71.4% (5 of 7; 95% CI 35.9–91.8%)`, or `no data (0 of 0)`. */
export function rateText(share: number | null, part: number, whole: number, interval: Interval | null): string {
  if (share === null || whole === 0) return `no data (${part} of ${whole})`;
  const ci = interval ? `; 95% CI ${(interval.low * 100).toFixed(1)}–${(interval.high * 100).toFixed(1)}%` : '';
  return `${percent(share)} (${part} of ${whole}${ci})`;
}

export const STATISTIC_WORDS: Record<string, string> = {
  cohens_kappa: "Cohen's κ",
  fleiss_kappa: "Fleiss' κ",
  krippendorff_alpha: "Krippendorff's α",
};

export const statistic = (value: number | null): string => (value === null ? '—' : value.toFixed(3));

/** The decisions a reviewer may state for a decision kind (the registry the workflow checks against). */
export function decisionsOf(kind: string): readonly string[] {
  return (DECISION_KINDS as Record<string, { decisions: readonly string[] }>)[kind]?.decisions ?? [];
}

export function decisionKindTitle(kind: string): string {
  return (DECISION_KINDS as Record<string, { title: string }>)[kind]?.title ?? kind;
}

/** A QA task's id is `<reviewId>/qa_review` or `<reviewId>/qa_adjudication`: the review's page. */
export function qaReviewHref(taskId: string): string | null {
  const m = /^(.+)\/qa_(review|adjudication)$/.exec(taskId);
  return m ? `/console/qa-reviews/${m[1]}` : null;
}

/** The weekly trend of a scorecard's shares: QA accuracy, SLA attainment, reinstatement and restumble rates. */
export function scorecardTrend(card: Scorecard): ChartData {
  const series = [
    { label: 'QA accuracy', values: card.weeks.map((w) => w.qa.accuracy) },
    { label: 'SLA attainment', values: card.weeks.map((w) => w.slaAttainment) },
    { label: 'Reinstatement rate', values: card.weeks.map((w) => w.reinstatementRate) },
    { label: 'Restumble rate', values: card.weeks.map((w) => w.restumbleRate) },
  ];
  const anything = series.some((s) => s.values.some((v) => v !== null));
  return {
    categories: card.weeks.map((w) => w.weekStart.slice(5)),
    series,
    y: { kind: 'share' },
    table: {
      rowHeader: 'Week from',
      columns: series.map((s) => s.label),
      rows: card.weeks.map((w, i) => ({ key: w.weekStart, label: w.weekStart, cells: series.map((s) => ({ text: percent(s.values[i]), value: s.values[i] })) })),
    },
    empty: anything ? undefined : 'No reviewed, decided or reinstated work in these weeks.',
  };
}
