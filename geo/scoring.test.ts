import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Polarity } from './catalogue.ts';
import {
  attentionLevels,
  normalise,
  parseWeights,
  topBand,
  scoreRows,
  windowRatio,
  windowValue,
  type ScoringMethod,
} from './scoring.ts';

interface Fixture {
  indicators: { key: string; weight: number; polarity: Polarity }[];
  groups: ({ code: string } & Record<string, number | null | string>)[];
}

const fixture = JSON.parse(
  readFileSync(new URL('../test/in/scoring-five-groups.json', import.meta.url), 'utf8'),
) as Fixture;

function run(method: ScoringMethod) {
  const rows = fixture.groups.map((g) => ({
    item: g.code,
    values: fixture.indicators.map((i) => g[i.key] as number | null),
  }));
  return scoreRows(rows, fixture.indicators, method);
}

describe('scoring: the five-group fixture, worked by hand', () => {
  /*
   * drug_cases (weight 2, higher is worse): A 4, B 2, C 0, D 20, E 3.
   *   mean = 29 / 5 = 5.8
   *   squared deviations: 3.24 + 14.44 + 33.64 + 201.64 + 7.84 = 260.8; variance = 52.16; sd = 7.222188
   *   z: A −1.8/7.222188 = −0.249232, B −3.8/… = −0.526156, C −5.8/… = −0.803081,
   *      D 14.2/… = 1.966163, E −2.8/… = −0.387694
   * coverage (weight 1, higher is better, so oriented = −z): A 0.5, B 0.9, C 0.7, D missing, E 0.3.
   *   mean over the four present = 2.4 / 4 = 0.6
   *   squared deviations: 0.01 + 0.09 + 0.01 + 0.09 = 0.2; variance = 0.05; sd = 0.223607
   *   oriented z: A 0.1/0.223607 = 0.447214, B −1.341641, C −0.447214, D 0 (missing), E 1.341641
   * score = (2·z_drug + 1·z_cov) / 3:
   *   A (−0.498464 + 0.447214) / 3 = −0.017083
   *   B (−1.052312 − 1.341641) / 3 = −0.797984
   *   C (−1.606162 − 0.447214) / 3 = −0.684459
   *   D ( 3.932326 + 0)        / 3 =  1.310775
   *   E (−0.775388 + 1.341641) / 3 =  0.188751
   * ranks: D 1, E 2, A 3, C 4, B 5
   */
  it('z-score: D, E, A, C, B', () => {
    const scored = run('z');
    expect(scored.map((s) => s.item)).toEqual(['D', 'E', 'A', 'C', 'B']);
    expect(scored.map((s) => s.rank)).toEqual([1, 2, 3, 4, 5]);
    const by = Object.fromEntries(scored.map((s) => [s.item, s]));
    expect(by.A!.score).toBeCloseTo(-0.017083, 5);
    expect(by.B!.score).toBeCloseTo(-0.797984, 5);
    expect(by.C!.score).toBeCloseTo(-0.684459, 5);
    expect(by.D!.score).toBeCloseTo(1.310775, 5);
    expect(by.E!.score).toBeCloseTo(0.188751, 5);
    // The breakdown says why: D is first on drug cases alone, its coverage is missing and neutral.
    expect(by.D!.breakdown).toEqual([
      {
        key: 'drug_cases',
        raw: 20,
        normalised: expect.closeTo(1.966163, 5),
        contribution: expect.closeTo(1.310775, 5),
      },
      { key: 'coverage_households_safe', raw: null, normalised: 0, contribution: 0 },
    ]);
    expect(by.E!.breakdown[1]!.normalised).toBeCloseTo(1.341641, 5);
    expect(by.E!.breakdown[1]!.contribution).toBeCloseTo(0.447214, 5);
    for (const s of scored) {
      expect(s.breakdown.reduce((a, b) => a + b.contribution, 0)).toBeCloseTo(s.score, 12);
    }
  });

  /*
   * Percentile ranks (r − 1) / (n − 1) of the oriented values:
   * drug_cases ascending C 0, B 2, E 3, A 4, D 20 → C 0, B 0.25, E 0.5, A 0.75, D 1.
   * coverage oriented (−x) ascending B −0.9, C −0.7, A −0.5, E −0.3 (n = 4) → B 0, C 1/3, A 2/3, E 1;
   *   D is missing → 0.5.
   * score = (2·p_drug + p_cov) / 3:
   *   A (1.5 + 0.666667) / 3 = 0.722222
   *   B (0.5 + 0)        / 3 = 0.166667
   *   C (0   + 0.333333) / 3 = 0.111111
   *   D (2   + 0.5)      / 3 = 0.833333
   *   E (1   + 1)        / 3 = 0.666667
   * ranks: D 1, A 2, E 3, B 4, C 5 — D's outlier no longer dominates, so A and E swap and B and C swap.
   */
  it('rank: D, A, E, B, C', () => {
    const scored = run('rank');
    expect(scored.map((s) => s.item)).toEqual(['D', 'A', 'E', 'B', 'C']);
    expect(scored.map((s) => s.rank)).toEqual([1, 2, 3, 4, 5]);
    const by = Object.fromEntries(scored.map((s) => [s.item, s.score]));
    expect(by.A).toBeCloseTo(0.722222, 5);
    expect(by.B).toBeCloseTo(0.166667, 5);
    expect(by.C).toBeCloseTo(0.111111, 5);
    expect(by.D).toBeCloseTo(0.833333, 5);
    expect(by.E).toBeCloseTo(0.666667, 5);
  });
});

describe('scoring pieces', () => {
  it('window values: flows sum, stocks take the last month with data, all-missing is missing', () => {
    expect(windowValue([1, null, 3], 'sum')).toBe(4);
    expect(windowValue([5, 7, null], 'last')).toBe(7);
    expect(windowValue([null, null], 'sum')).toBeNull();
    expect(windowValue([], 'last')).toBeNull();
  });

  it('rates are the ratio of the window values, never a mean of monthly rates', () => {
    // Monthly rates 1/2 and 9/10 average 0.7; the window's rate is 10/12.
    expect(windowRatio([1, 9], [2, 10], 'sum')).toBeCloseTo(10 / 12, 12);
    expect(windowRatio([30, 40], [100, 80], 'last')).toBe(0.5);
    expect(windowRatio([3], [0], 'sum')).toBeNull();
  });

  it('ties share the mean rank; one value or no spread is neutral', () => {
    expect(normalise([1, 2, 2, 3], 'rank')).toEqual([0, 0.5, 0.5, 1]);
    expect(normalise([7, null], 'rank')).toEqual([0.5, 0.5]);
    expect(normalise([4, 4, null], 'z')).toEqual([0, 0, 0]);
  });

  it('equal scores share a rank', () => {
    const scored = scoreRows(
      [
        { item: 'x', values: [1] },
        { item: 'y', values: [1] },
        { item: 'z', values: [0] },
      ],
      [{ key: 'k', weight: 1, polarity: 'higher_worse' }],
      'z',
    );
    expect(scored.map((s) => [s.item, s.rank])).toEqual([
      ['x', 1],
      ['y', 1],
      ['z', 3],
    ]);
  });

  it('parses weights and names what is wrong', () => {
    expect(parseWeights('drug_cases:2,gambling_cases:0.5')).toEqual([
      { key: 'drug_cases', weight: 2 },
      { key: 'gambling_cases', weight: 0.5 },
    ]);
    expect(() => parseWeights('drug_cases:0')).toThrow(/drug_cases/);
    expect(() => parseWeights('a:1,a:2')).toThrow(/"a" is given twice/);
    expect(() => parseWeights('drug_cases')).toThrow(/indicator:weight/);
  });
});

describe('attention level (mức cần quan tâm) and its percentile band', () => {
  it('is the share of the other groups scoring lower, in percent: 100 for the top, 0 for the bottom', () => {
    // Five groups, scores as z-scores are (mostly negative): the order is all that counts.
    // −0.39 has 0 below → 0; −0.30 has 1 of 4 below → 25; −0.10 → 50; 0.2 → 75; 1.5 → 100.
    expect(attentionLevels([-0.3, 1.5, -0.39, 0.2, -0.1])).toEqual([25, 100, 0, 75, 50]);
  });

  it('gives tied scores the same level (ties within 1e-9, as ranks do), and one group the middle', () => {
    // 0.5 twice: one group (0.1) below each → 100 × 1/3.
    expect(attentionLevels([0.5, 0.1, 0.5 + 1e-12, 0.9])).toEqual([100 / 3, 0, 100 / 3, 100]);
    expect(attentionLevels([-2])).toEqual([50]);
    expect(attentionLevels([])).toEqual([]);
  });

  it('does not depend on the scale of the scores, only their order', () => {
    const scores = [-0.39, -0.3, -0.31, 0.02, 2.4, -0.35];
    expect(attentionLevels(scores.map((s) => s * 10 + 3))).toEqual(attentionLevels(scores));
  });

  it('names the smallest "top X %" band the level reaches, and nothing below the middle', () => {
    expect(topBand(100)).toBe(1);
    expect(topBand(99)).toBe(1);
    expect(topBand(98.9)).toBe(5);
    expect(topBand(95)).toBe(5);
    expect(topBand(90)).toBe(10);
    expect(topBand(80)).toBe(25);
    expect(topBand(50)).toBe(50);
    expect(topBand(49.99)).toBeNull();
    expect(topBand(Number.NaN)).toBeNull();
  });
});
