/**
 * A small seeded pseudo-random generator (sfc32, seeded through cyrb128) with the sampling
 * helpers the demo generator needs. Everything is a function of the seed: no Math.random, no clock.
 *
 * `fork(label)` derives an independent stream from the *seed and label only* (not from how many
 * numbers were drawn so far), so adding a draw in one part of the generator does not reshuffle
 * the output of every other part.
 */
export interface Rng {
  /** The key this stream was derived from (seed plus fork labels). */
  readonly key: string;
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  uniform(min: number, max: number): number;
  /** Integer uniform in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** Normal (Gaussian) deviate. */
  normal(mean?: number, sd?: number): number;
  /** Log-normal deviate with the given median and log-space standard deviation. */
  logNormal(median: number, sigma: number): number;
  /** Poisson deviate with mean `lambda` (0 when lambda <= 0). */
  poisson(lambda: number): number;
  /** Binomial deviate: successes in `n` trials of probability `p`. */
  binomial(n: number, p: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element, uniformly. Throws on an empty list. */
  pick<T>(items: readonly T[]): T;
  /** An index drawn with probability proportional to `weights` (non-negative, not all zero). */
  weightedIndex(weights: readonly number[]): number;
  /** A shuffled copy (Fisher–Yates); the input is left untouched. */
  shuffle<T>(items: readonly T[]): T[];
  /** An independent stream derived from this stream's key and `label`. */
  fork(label: string): Rng;
}

/** cyrb128: hashes a string into four 32-bit words, good enough to seed sfc32. */
export function hashString(input: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < input.length; i++) {
    const k = input.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/** A stream for a numeric seed (the public entry point). */
export function createRng(seed: number | string): Rng {
  return rngFromKey(`seed:${String(seed)}`);
}

function rngFromKey(key: string): Rng {
  const [a, b, c, d] = hashString(key);
  const next = sfc32(a, b, c, d);
  // sfc32's first outputs are still correlated with the seed words.
  for (let i = 0; i < 15; i++) next();

  const uniform = (min: number, max: number): number => min + (max - min) * next();
  const normal = (mean = 0, sd = 1): number => {
    // Box–Muller without caching the second deviate keeps the stream position easy to reason about.
    const u = 1 - next();
    const v = next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const poisson = (lambda: number): number => {
    if (!(lambda > 0)) return 0;
    if (lambda < 30) {
      // Knuth: fine for the small means used here.
      const limit = Math.exp(-lambda);
      let k = 0;
      let p = next();
      while (p > limit) {
        k++;
        p *= next();
      }
      return k;
    }
    return Math.max(0, Math.round(normal(lambda, Math.sqrt(lambda))));
  };

  const rng: Rng = {
    key,
    next,
    uniform,
    int(min, max) {
      if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
        throw new RangeError(`int(${min}, ${max}): need integers with min <= max`);
      }
      return min + Math.floor(next() * (max - min + 1));
    },
    normal,
    logNormal(median, sigma) {
      return median * Math.exp(normal(0, sigma));
    },
    poisson,
    binomial(n, p) {
      let k = 0;
      for (let i = 0; i < n; i++) if (next() < p) k++;
      return k;
    },
    chance(p) {
      return next() < p;
    },
    pick(items) {
      if (items.length === 0) throw new RangeError('pick() from an empty list');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    weightedIndex(weights) {
      let total = 0;
      for (const w of weights) {
        if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError('weightedIndex(): weights must be finite and >= 0');
        total += w;
      }
      if (total <= 0) throw new RangeError('weightedIndex(): all weights are zero');
      let r = next() * total;
      for (let i = 0; i < weights.length; i++) {
        r -= weights[i] ?? 0;
        if (r < 0) return i;
      }
      // Rounding can leave r at ~0 after the loop: return the last index with weight.
      for (let i = weights.length - 1; i >= 0; i--) if ((weights[i] ?? 0) > 0) return i;
      return weights.length - 1;
    },
    shuffle(items) {
      const out = items.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const tmp = out[i] as (typeof out)[number];
        out[i] = out[j] as (typeof out)[number];
        out[j] = tmp;
      }
      return out;
    },
    fork(label) {
      return rngFromKey(`${key}/${label}`);
    },
  };
  return rng;
}
