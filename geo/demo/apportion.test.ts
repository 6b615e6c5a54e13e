import { describe, expect, it } from 'vitest';
import { apportion } from './apportion.ts';
import { createRng } from './random.ts';

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

describe('apportion (largest remainder)', () => {
  it('hands out the exact total, each share the floor or ceiling of its quota', () => {
    const rng = createRng('apportion-property');
    for (let trial = 0; trial < 300; trial++) {
      const n = rng.int(1, 40);
      const weights = Array.from({ length: n }, () => (rng.chance(0.2) ? 0 : rng.uniform(0, 10)));
      if (sum(weights) === 0) weights[0] = 1;
      const total = rng.int(0, 500);
      const out = apportion(total, weights);
      expect(out).toHaveLength(n);
      expect(sum(out)).toBe(total);
      const w = sum(weights);
      out.forEach((share, i) => {
        const quota = (total * (weights[i] ?? 0)) / w;
        expect(Number.isInteger(share)).toBe(true);
        expect(share).toBeGreaterThanOrEqual(Math.floor(quota + 1e-9));
        expect(share).toBeLessThanOrEqual(Math.ceil(quota - 1e-9));
        if (weights[i] === 0) expect(share).toBe(0);
      });
    }
  });

  it('gives the leftover units to the largest remainders', () => {
    // Quotas 3.5, 2.8, 0.7 (total 7): floors 3, 2, 0 leave 2 units, for the remainders .8 and .7.
    expect(apportion(7, [5, 4, 1])).toEqual([3, 3, 1]);
    // Hamilton's classic: 10 seats, quotas 4.6, 3.6 and 1.8 → floors 4, 3, 1; two go to .8 and .6 (tie on .6: larger weight).
    expect(apportion(10, [46, 36, 18])).toEqual([5, 3, 2]);
  });

  it('breaks ties deterministically: larger weight first, then lower index', () => {
    expect(apportion(1, [1, 1, 1])).toEqual([1, 0, 0]);
    expect(apportion(2, [1, 1, 1])).toEqual([1, 1, 0]);
    expect(apportion(1, [1, 1, 1])).toEqual(apportion(1, [1, 1, 1]));
  });

  it('is proportional when the weights divide the total', () => {
    expect(apportion(100, [1, 2, 3, 4])).toEqual([10, 20, 30, 40]);
    expect(apportion(0, [1, 2])).toEqual([0, 0]);
  });

  it('respects caps and still places the whole total', () => {
    const rng = createRng('apportion-caps');
    for (let trial = 0; trial < 200; trial++) {
      const n = rng.int(2, 30);
      const weights = Array.from({ length: n }, () => rng.uniform(0.1, 5));
      const caps = Array.from({ length: n }, () => rng.int(0, 20));
      const total = rng.int(0, sum(caps));
      const out = apportion(total, weights, caps);
      expect(sum(out)).toBe(total);
      out.forEach((share, i) => {
        expect(share).toBeGreaterThanOrEqual(0);
        expect(share).toBeLessThanOrEqual(caps[i] ?? 0);
      });
    }
    // The capped slot is filled and the rest goes to the others in proportion.
    expect(apportion(10, [8, 1, 1], [2, 10, 10])).toEqual([2, 4, 4]);
  });

  it('rejects impossible requests', () => {
    expect(() => apportion(-1, [1])).toThrow(RangeError);
    expect(() => apportion(1.5, [1])).toThrow(RangeError);
    expect(() => apportion(3, [0, 0])).toThrow(RangeError);
    expect(() => apportion(3, [1, Number.NaN])).toThrow(RangeError);
    expect(() => apportion(3, [1, -2])).toThrow(RangeError);
    expect(() => apportion(5, [1, 1], [2, 2])).toThrow(RangeError);
    expect(() => apportion(1, [1, 1], [1])).toThrow(RangeError);
  });
});
