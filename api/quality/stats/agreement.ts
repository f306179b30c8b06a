/**
 * Chance-corrected agreement between raters on nominal categories: Cohen's kappa (two raters, every
 * unit rated by both), Fleiss' kappa (a fixed number of raters per unit) and Krippendorff's alpha
 * (any number of raters, missing ratings allowed), with Landis and Koch's interpretation bands.
 * Pure functions; no statistics package in our registry covers these (see README, Decision quality).
 */

/** A rating: a category label, or null where the rater gave none. */
export type Rating = string | null;

/** Landis & Koch (1977), "The measurement of observer agreement for categorical data". */
export type AgreementBand = 'poor' | 'slight' | 'fair' | 'moderate' | 'substantial' | 'almost_perfect';

export function landisKochBand(value: number): AgreementBand {
  if (value < 0) return 'poor';
  if (value <= 0.2) return 'slight';
  if (value <= 0.4) return 'fair';
  if (value <= 0.6) return 'moderate';
  if (value <= 0.8) return 'substantial';
  return 'almost_perfect';
}

/**
 * Agreement statistics are undefined when chance agreement is total (every rating in one category):
 * then the observed agreement is 1 and so is the expected. Reported as null rather than 0 or 1.
 */
const chanceCorrected = (observed: number, expected: number): number | null =>
  expected >= 1 ? null : (observed - expected) / (1 - expected);

/** Cohen's kappa for two raters; `pairs` holds both raters' labels for each unit (units with a null are dropped). */
export function cohensKappa(pairs: ReadonlyArray<readonly [Rating, Rating]>): number | null {
  const rated = pairs.filter((p): p is [string, string] => p[0] !== null && p[1] !== null);
  const n = rated.length;
  if (n === 0) return null;
  const a = new Map<string, number>();
  const b = new Map<string, number>();
  let agree = 0;
  for (const [x, y] of rated) {
    if (x === y) agree += 1;
    a.set(x, (a.get(x) ?? 0) + 1);
    b.set(y, (b.get(y) ?? 0) + 1);
  }
  let expected = 0;
  for (const [label, count] of a) expected += (count / n) * ((b.get(label) ?? 0) / n);
  return chanceCorrected(agree / n, expected);
}

/**
 * Fleiss' kappa from a units x categories table of counts: `counts[i][j]` raters put unit i in
 * category j, and every unit has the same number of raters (Fleiss 1971).
 */
export function fleissKappa(counts: ReadonlyArray<readonly number[]>): number | null {
  const units = counts.length;
  if (units === 0) return null;
  const raters = counts[0].reduce((s, c) => s + c, 0);
  if (raters < 2) return null;
  for (const row of counts) {
    if (row.reduce((s, c) => s + c, 0) !== raters) throw new RangeError('every unit needs the same number of raters for Fleiss\' kappa');
  }
  const categories = counts[0].length;
  let observed = 0;
  for (const row of counts) observed += (row.reduce((s, c) => s + c * c, 0) - raters) / (raters * (raters - 1));
  observed /= units;
  let expected = 0;
  for (let j = 0; j < categories; j++) {
    const p = counts.reduce((s, row) => s + row[j], 0) / (units * raters);
    expected += p * p;
  }
  return chanceCorrected(observed, expected);
}

/** Turns units' ratings (one array per unit, one entry per rater) into Fleiss' count table, or null if a unit misses a rating. */
export function countTable(units: ReadonlyArray<readonly Rating[]>): { categories: string[]; counts: number[][] } | null {
  if (units.some((u) => u.some((r) => r === null))) return null;
  const categories = [...new Set(units.flatMap((u) => u as string[]))].sort();
  const index = new Map(categories.map((c, i) => [c, i]));
  const counts = units.map((u) => {
    const row = categories.map(() => 0);
    for (const r of u) row[index.get(r as string)!] += 1;
    return row;
  });
  return { categories, counts };
}

/**
 * Krippendorff's alpha for nominal data (Krippendorff, "Computing Krippendorff's Alpha-Reliability",
 * 2011): `units[u]` holds each rater's label for unit u or null. Units with fewer than two ratings
 * are not pairable and drop out; alpha = 1 - D_o / D_e from the coincidence matrix.
 */
export function krippendorffAlpha(units: ReadonlyArray<readonly Rating[]>): number | null {
  const coincidences = new Map<string, Map<string, number>>();
  const add = (c: string, k: string, w: number) => {
    const row = coincidences.get(c) ?? new Map<string, number>();
    row.set(k, (row.get(k) ?? 0) + w);
    coincidences.set(c, row);
  };
  for (const unit of units) {
    const values = unit.filter((r): r is string => r !== null);
    const m = values.length;
    if (m < 2) continue;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) if (i !== j) add(values[i], values[j], 1 / (m - 1));
    }
  }
  const marginals = new Map<string, number>();
  let n = 0;
  let disagreeing = 0;
  for (const [c, row] of coincidences) {
    for (const [k, o] of row) {
      marginals.set(c, (marginals.get(c) ?? 0) + o);
      n += o;
      if (c !== k) disagreeing += o;
    }
  }
  if (n <= 1) return null;
  let expectedDisagreeing = 0;
  for (const [c, nc] of marginals) for (const [k, nk] of marginals) if (c !== k) expectedDisagreeing += nc * nk;
  if (expectedDisagreeing === 0) return null;
  return 1 - ((n - 1) * disagreeing) / expectedDisagreeing;
}
