/**
 * Seller satisfaction as pure arithmetic: the survey answers (1 to 5) grouped by case kind, owning
 * team and decision, each group's average and the share of satisfied sellers (4 or 5). Pure: no
 * Nest, ORM or pg imports (lint checks).
 */
export const SURVEY_SCORES = [1, 2, 3, 4, 5] as const;
export const SATISFIED_FROM = 4;

/** Answers of one score in one group, as the database counts them. */
export interface SurveyCount {
  kind: string;
  team: string | null;
  decision: string;
  score: number;
  count: number;
}

export interface SatisfactionGroup {
  kind: string;
  team: string | null;
  decision: string;
  responses: number;
  /** Mean score, two decimals. */
  averageScore: number;
  /** Share answering 4 or 5, four decimals. */
  satisfiedShare: number;
}

export interface SatisfactionReport {
  responses: number;
  averageScore: number | null;
  satisfiedShare: number | null;
  groups: SatisfactionGroup[];
}

const round = (v: number, places: number) => Math.round(v * 10 ** places) / 10 ** places;

export function satisfactionReport(counts: readonly SurveyCount[]): SatisfactionReport {
  const groups = new Map<string, { kind: string; team: string | null; decision: string; n: number; sum: number; satisfied: number }>();
  for (const c of counts) {
    const key = JSON.stringify([c.kind, c.team, c.decision]);
    const g = groups.get(key) ?? { kind: c.kind, team: c.team, decision: c.decision, n: 0, sum: 0, satisfied: 0 };
    g.n += c.count;
    g.sum += c.score * c.count;
    if (c.score >= SATISFIED_FROM) g.satisfied += c.count;
    groups.set(key, g);
  }
  const list = [...groups.values()].sort((a, b) => (a.kind + (a.team ?? '') + a.decision < b.kind + (b.team ?? '') + b.decision ? -1 : 1));
  const n = list.reduce((t, g) => t + g.n, 0);
  const sum = list.reduce((t, g) => t + g.sum, 0);
  const satisfied = list.reduce((t, g) => t + g.satisfied, 0);
  return {
    responses: n,
    averageScore: n ? round(sum / n, 2) : null,
    satisfiedShare: n ? round(satisfied / n, 4) : null,
    groups: list.map((g) => ({ kind: g.kind, team: g.team, decision: g.decision, responses: g.n, averageScore: round(g.sum / g.n, 2), satisfiedShare: round(g.satisfied / g.n, 4) })),
  };
}
