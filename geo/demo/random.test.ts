import { describe, expect, it } from 'vitest';
import { createRng, hashString } from './random.ts';

const draw = (seed: number | string, n: number): number[] => {
  const r = createRng(seed);
  return Array.from({ length: n }, () => r.next());
};

describe('createRng', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(draw(2017, 50)).toEqual(draw(2017, 50));
    expect(draw(2017, 50)).not.toEqual(draw(2018, 50));
    expect(draw('2017', 5)).toEqual(draw(2017, 5));
  });

  it('draws uniformly in [0, 1)', () => {
    const xs = draw(1, 20_000);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
    // Ten equal bins each hold close to a tenth.
    const bins = new Array<number>(10).fill(0);
    for (const x of xs) bins[Math.floor(x * 10)]! += 1;
    for (const b of bins) expect(Math.abs(b / xs.length - 0.1)).toBeLessThan(0.012);
  });

  it('forks depend on the seed and label only, not on draws made before', () => {
    const a = createRng(7);
    const b = createRng(7);
    for (let i = 0; i < 100; i++) b.next();
    expect(a.fork('x').next()).toBe(b.fork('x').next());
    expect(a.fork('x').next()).not.toBe(a.fork('y').next());
    expect(a.fork('x').key).toBe('seed:7/x');
  });

  it('hashString spreads nearby inputs', () => {
    expect(hashString('a')).not.toEqual(hashString('b'));
    for (const w of hashString('seed:2017')) expect(Number.isInteger(w) && w >= 0 && w < 2 ** 32).toBe(true);
  });
});

describe('sampling helpers', () => {
  const r = createRng('helpers');

  it('int covers its inclusive range and rejects bad bounds', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(r.int(3, 7));
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
    expect(() => r.int(5, 4)).toThrow(RangeError);
    expect(() => r.int(0.5, 4)).toThrow(RangeError);
  });

  it('uniform stays in [min, max)', () => {
    for (let i = 0; i < 1000; i++) {
      const x = r.uniform(-2, 3);
      expect(x).toBeGreaterThanOrEqual(-2);
      expect(x).toBeLessThan(3);
    }
  });

  it('normal and poisson have the requested moments', () => {
    const n = 20_000;
    const normals = Array.from({ length: n }, () => r.normal(10, 2));
    const mean = normals.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(normals.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
    expect(Math.abs(mean - 10)).toBeLessThan(0.06);
    expect(Math.abs(sd - 2)).toBeLessThan(0.06);
    for (const lambda of [0.3, 2.5, 12, 45]) {
      const xs = Array.from({ length: n }, () => r.poisson(lambda));
      const m = xs.reduce((a, b) => a + b, 0) / n;
      expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
      expect(Math.abs(m - lambda) / lambda).toBeLessThan(0.04);
    }
    expect(r.poisson(0)).toBe(0);
    expect(r.poisson(-1)).toBe(0);
  });

  it('binomial never exceeds n', () => {
    for (let i = 0; i < 500; i++) {
      const k = r.binomial(5, 0.9);
      expect(k).toBeGreaterThanOrEqual(0);
      expect(k).toBeLessThanOrEqual(5);
    }
    expect(r.binomial(7, 1)).toBe(7);
    expect(r.binomial(7, 0)).toBe(0);
  });

  it('shuffle returns a permutation and leaves the input alone', () => {
    const input = Array.from({ length: 30 }, (_, i) => i);
    const out = r.shuffle(input);
    expect(out).not.toBe(input);
    expect(input).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect([...out].sort((a, b) => a - b)).toEqual(input);
    expect(out).not.toEqual(input);
  });

  it('pick and weightedIndex respect their inputs', () => {
    expect(() => r.pick([])).toThrow(RangeError);
    for (let i = 0; i < 500; i++) expect(['a', 'b']).toContain(r.pick(['a', 'b']));
    const counts = [0, 0, 0];
    for (let i = 0; i < 9000; i++) counts[r.weightedIndex([1, 0, 2])]! += 1;
    expect(counts[1]).toBe(0);
    expect(Math.abs((counts[2] ?? 0) / 9000 - 2 / 3)).toBeLessThan(0.02);
    expect(() => r.weightedIndex([0, 0])).toThrow(RangeError);
    expect(() => r.weightedIndex([1, -1])).toThrow(RangeError);
  });
});
