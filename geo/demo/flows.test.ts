import { describe, expect, it } from 'vitest';
import { REPORT_2017 } from '../catalogue.ts';
import { createRng } from './random.ts';
import { allocateCounts, annualTotal, buildFlow, SEASONS } from './flows.ts';

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

describe('flow calibration', () => {
  it('allocates the exact total, nothing where nothing is expected', () => {
    const rng = createRng('allocate');
    for (let trial = 0; trial < 100; trial++) {
      const expected = Array.from({ length: rng.int(1, 60) }, () => (rng.chance(0.3) ? 0 : rng.uniform(0, 3)));
      if (sum(expected) === 0) expected[0] = 1;
      const total = rng.int(0, 300);
      const out = allocateCounts(total, expected, rng);
      expect(sum(out)).toBe(total);
      out.forEach((v, i) => {
        expect(Number.isInteger(v) && v >= 0).toBe(true);
        if (expected[i] === 0) expect(v).toBe(0);
      });
    }
    expect(() => allocateCounts(3, [0, 0], createRng(1))).toThrow(RangeError);
  });

  it('follows the expected shares on average', () => {
    const out = allocateCounts(10_000, [1, 3, 6], createRng('shares'));
    expect(out[0]! / 10_000).toBeCloseTo(0.1, 1);
    expect(out[2]! / 10_000).toBeCloseTo(0.6, 1);
  });

  it("uses the report's figure for 2017 and bounded noise around the trend otherwise", () => {
    const profile = { growth: 0.02, sd: 0.5, season: SEASONS.flat };
    expect(annualTotal('banners', 2017, profile, createRng(1))).toBe(REPORT_2017.banners);
    for (let seed = 0; seed < 50; seed++) {
      const v = annualTotal('banners', 2020, profile, createRng(seed));
      const trend = (REPORT_2017.banners ?? 0) * 1.02 ** 3;
      expect(v / trend).toBeGreaterThanOrEqual(0.87);
      expect(v / trend).toBeLessThanOrEqual(1.15);
    }
    expect(() => annualTotal('households', 2018, profile, createRng(1))).toThrow();
  });

  it('builds a units × periods grid whose yearly sums are the annual totals', () => {
    const periods = ['2017-11', '2017-12', '2018-01', '2018-02'];
    const grid = buildFlow(
      'bulletins',
      { periods, units: 3 },
      { growth: 0, sd: 0.05, season: SEASONS.flat },
      () => 1,
      createRng(3),
      (y) => (y === 2017 ? 120 : 60),
    );
    expect(grid).toHaveLength(3);
    for (const row of grid) expect(row).toHaveLength(4);
    // Only two of 2017's twelve months are in range: about a sixth of its total lands in them.
    const in2017 = sum(grid.map((r) => (r[0] ?? 0) + (r[1] ?? 0)));
    expect(in2017).toBeGreaterThan(5);
    expect(in2017).toBeLessThan(40);
  });
});
