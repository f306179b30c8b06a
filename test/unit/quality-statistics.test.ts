import { cohensKappa, countTable, fleissKappa, krippendorffAlpha, landisKochBand, type Rating } from '../../api/quality/stats/agreement';
import { calibrationReport } from '../../api/quality/stats/calibration-report';
import { samplesNeeded, stratifiedEstimate, wilsonInterval } from '../../api/quality/stats/proportion';

/**
 * Agreement and interval arithmetic against published worked examples. Each expected figure is the
 * one printed in the source named beside it (and was cross-checked with statsmodels 0.15 and the
 * krippendorff 0.9 Python package when the tests were written).
 */

describe("Cohen's kappa", () => {
  // Wikipedia, "Cohen's kappa", worked example: 50 grant proposals, Yes/Yes 20, Yes/No 5, No/Yes 10, No/No 15.
  const proposals: Array<[Rating, Rating]> = [
    ...Array.from({ length: 20 }, (): [Rating, Rating] => ['yes', 'yes']),
    ...Array.from({ length: 5 }, (): [Rating, Rating] => ['yes', 'no']),
    ...Array.from({ length: 10 }, (): [Rating, Rating] => ['no', 'yes']),
    ...Array.from({ length: 15 }, (): [Rating, Rating] => ['no', 'no']),
  ];
  it('is 0.4 on the grant-proposal example (p_o = 0.7, p_e = 0.5)', () => {
    expect(cohensKappa(proposals)).toBeCloseTo(0.4, 10);
  });
  it('is 1 for perfect agreement, negative for systematic disagreement, null when chance agreement is total', () => {
    expect(cohensKappa([['a', 'a'], ['b', 'b']])).toBe(1);
    expect(cohensKappa([['a', 'b'], ['b', 'a']])).toBe(-1);
    expect(cohensKappa([['a', 'a'], ['a', 'a']])).toBeNull();
    expect(cohensKappa([])).toBeNull();
  });
  it('drops units one rater left blank', () => {
    expect(cohensKappa([...proposals, ['yes', null], [null, 'no']])).toBeCloseTo(0.4, 10);
  });
});

describe("Fleiss' kappa", () => {
  // Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories; P̄ = 0.378, P̄e = 0.213, κ = 0.210.
  const table = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
  ];
  it('is 0.210 on the 10 x 14 worked example', () => {
    expect(fleissKappa(table)).toBeCloseTo(0.20993, 5);
  });
  it('refuses units with different numbers of raters', () => {
    expect(() => fleissKappa([[1, 1], [3, 0]])).toThrow(RangeError);
  });
  it('builds its table from ratings, and gives null when one is missing', () => {
    expect(countTable([['a', 'b', 'a'], ['b', 'b', 'b']])).toEqual({ categories: ['a', 'b'], counts: [[2, 1], [0, 3]] });
    expect(countTable([['a', null]])).toBeNull();
  });
});

describe("Krippendorff's alpha (nominal)", () => {
  // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", C.: 4 observers, 12 units, missing values; nominal α = 0.743.
  const byObserver: Rating[][] = [
    ['1', '2', '3', '3', '2', '1', '4', '1', '2', null, null, null],
    ['1', '2', '3', '3', '2', '2', '4', '1', '2', '5', null, '3'],
    [null, '3', '3', '3', '2', '3', '4', '2', '2', '5', '1', null],
    ['1', '2', '3', '3', '2', '4', '4', '1', '2', '5', '1', null],
  ];
  const units = byObserver[0].map((_, u) => byObserver.map((o) => o[u]));
  it('is 0.743 on the published example', () => {
    expect(krippendorffAlpha(units)).toBeCloseTo(0.743421, 6);
  });
  it('matches Cohen-like perfect agreement and is null with one category only', () => {
    expect(krippendorffAlpha([['a', 'a'], ['b', 'b']])).toBe(1);
    expect(krippendorffAlpha([['a', 'a'], ['a', 'a']])).toBeNull();
    expect(krippendorffAlpha([['a', null]])).toBeNull();
  });
});

describe('Landis and Koch bands', () => {
  it.each([
    [-0.1, 'poor'],
    [0, 'slight'],
    [0.2, 'slight'],
    [0.21, 'fair'],
    [0.4, 'fair'],
    [0.41, 'moderate'],
    [0.6, 'moderate'],
    [0.61, 'substantial'],
    [0.8, 'substantial'],
    [0.81, 'almost_perfect'],
    [1, 'almost_perfect'],
  ] as const)('%s is %s', (value, band) => {
    expect(landisKochBand(value)).toBe(band);
  });
});

describe('Wilson score interval', () => {
  // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Table I, method 3.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i of %i is (%f, %f)', (s, n, low, high) => {
    const ci = wilsonInterval(s, n)!;
    expect(ci.low).toBeCloseTo(low, 4);
    expect(ci.high).toBeCloseTo(high, 4);
  });
  it('is null for no observations and refuses impossible counts', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 2)).toThrow(RangeError);
  });
});

describe('stratified error-rate estimate', () => {
  // Hand-computed: W = (1000, 200) / 1200, p = (0.10, 0.20); SE² = Σ W² (1 − n/N) p (1 − p) / (n − 1).
  const strata = [
    { stratum: 'a', population: 1000, sampled: 50, errors: 5 },
    { stratum: 'b', population: 200, sampled: 40, errors: 8 },
  ];
  it('weights each stratum by its population', () => {
    const e = stratifiedEstimate(strata);
    expect(e.sampleSize).toBe(90);
    expect(e.population).toBe(1200);
    expect(e.estimate).toBeCloseTo(0.116667, 6);
    expect(e.standardError).toBeCloseTo(0.036096, 6);
    expect(e.interval!.low).toBeCloseTo(0.04592, 5);
    expect(e.interval!.high).toBeCloseTo(0.18741, 5);
    expect(e.unsampledShare).toBe(0);
  });
  it('reports the share of decisions in strata nobody reviewed, and null with no reviews', () => {
    const e = stratifiedEstimate([...strata, { stratum: 'c', population: 300, sampled: 0, errors: 0 }]);
    expect(e.estimate).toBeCloseTo(0.116667, 6);
    expect(e.unsampledShare).toBeCloseTo(0.2, 10);
    expect(stratifiedEstimate([{ stratum: 'c', population: 10, sampled: 0, errors: 0 }]).estimate).toBeNull();
  });
  it('refuses impossible counts', () => {
    expect(() => stratifiedEstimate([{ stratum: 'x', population: 5, sampled: 6, errors: 0 }])).toThrow(RangeError);
  });
});

describe('samples needed for a target precision', () => {
  it('is 385 for ±5 points at the worst case, 278 from a population of 1000', () => {
    expect(samplesNeeded({ margin: 0.05, expectedRate: null })).toBe(385);
    expect(samplesNeeded({ margin: 0.05, expectedRate: null, population: 1000 })).toBe(278);
  });
  it('needs fewer when the rate is far from one half', () => {
    expect(samplesNeeded({ margin: 0.03, expectedRate: 0.1 })).toBe(385);
    expect(samplesNeeded({ margin: 0.05, expectedRate: 0.1 })).toBe(139);
  });
  it('refuses a margin outside (0, 1)', () => {
    expect(() => samplesNeeded({ margin: 0, expectedRate: 0.1 })).toThrow(RangeError);
  });
});

describe('calibration report', () => {
  const questions = [{ id: 'd', label: 'Decision', options: ['x', 'y'] }];
  const items = [1, 2, 3, 4].map((position) => ({ position, golden: position === 1 ? { d: 'x' } : null }));
  const answer = (participant: string, labels: string[]) => labels.map((answer, i) => ({ position: i + 1, questionId: 'd', participant, answer }));

  it("uses Cohen's kappa for two participants and grades against the golden answers", () => {
    const r = calibrationReport({ questions, items, participants: ['p', 'q'], answers: [...answer('p', ['x', 'x', 'y', 'y']), ...answer('q', ['x', 'y', 'y', 'y'])] });
    expect(r.questions[0]).toMatchObject({ statistic: 'cohens_kappa', units: 4, band: 'moderate' });
    expect(r.questions[0].value).toBeCloseTo(cohensKappa([['x', 'x'], ['x', 'y'], ['y', 'y'], ['y', 'y']])!, 12);
    expect(r.participants.map((p) => [p.userId, p.overall.graded, p.overall.correct])).toEqual([['p', 1, 1], ['q', 1, 1]]);
  });
  it("uses Fleiss' kappa when three participants answered everything, Krippendorff's alpha when one did not", () => {
    const full = [...answer('p', ['x', 'x', 'y', 'y']), ...answer('q', ['x', 'y', 'y', 'y']), ...answer('r', ['x', 'x', 'y', 'x'])];
    expect(calibrationReport({ questions, items, participants: ['p', 'q', 'r'], answers: full }).questions[0].statistic).toBe('fleiss_kappa');
    const partial = full.filter((a) => !(a.participant === 'r' && a.position === 4));
    const r = calibrationReport({ questions, items, participants: ['p', 'q', 'r'], answers: partial });
    expect(r.questions[0].statistic).toBe('krippendorff_alpha');
    expect(r.questions[0].value).toBe(r.questions[0].krippendorffAlpha);
  });
  it('counts an unanswered golden question as wrong', () => {
    const r = calibrationReport({ questions, items, participants: ['p', 'q'], answers: answer('q', ['x']) });
    expect(r.participants[0].overall).toMatchObject({ graded: 1, correct: 0, accuracy: 0 });
  });
});
