import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED, generateDemo } from './index.ts';

const hash = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');

// Measured, not asserted: the server calls this on first start (budget: < 3 s on 2 cores).
const started = performance.now();
const first = generateDemo();
const elapsed = performance.now() - started;
console.log(
  `generateDemo(${DEFAULT_SEED}): ${elapsed.toFixed(0)} ms (first call in this worker), ` +
    `${first.observations.length} observations, ${first.units.length} units`,
);

/** Paths of anything JSON cannot carry faithfully (undefined, NaN, functions, Maps, class instances). */
function notPlain(value: unknown, path = '$', out: string[] = []): string[] {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return out;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push(path);
    return out;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => notPlain(v, `${path}[${i}]`, out));
    return out;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [k, v] of Object.entries(value)) notPlain(v, `${path}.${k}`, out);
    return out;
  }
  out.push(path);
  return out;
}

describe('generateDemo', () => {
  it('is deterministic: the same seed gives the same dataset', { timeout: 30_000 }, () => {
    expect(first.seed).toBe(DEFAULT_SEED);
    expect(hash(generateDemo(DEFAULT_SEED))).toBe(hash(first));
  });

  it('changes with the seed', { timeout: 30_000 }, () => {
    const other = generateDemo(1);
    expect(other.seed).toBe(1);
    expect(hash(other.observations)).not.toBe(hash(first.observations));
    expect(hash(other.units)).not.toBe(hash(first.units));
    expect(hash(other.hotspots)).not.toBe(hash(first.hotspots));
  });

  it('returns plain JSON data', () => {
    expect(notPlain(first).slice(0, 5)).toEqual([]);
    expect(notPlain({ a: [1, undefined] })).toEqual(['$.a[1]']);
    expect(notPlain({ m: new Map() })).toEqual(['$.m']);
  });
});
