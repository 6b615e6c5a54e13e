/**
 * Candidate scoring for transformation plans: pure functions, no I/O, so the server and the tests
 * compute the same numbers.
 *
 * Each indicator is first reduced to one number per group over the period window
 * (`windowValue`), then normalised across the scored groups (`normalise`), oriented so that a
 * higher number always means "needs attention more" (`orient`), and combined as a weighted mean
 * (`scoreRows`). A missing value counts as the middle of the field (z = 0, percentile 0.5): it
 * neither pushes a group up nor lets it escape.
 */
import type { Polarity, TimeRule } from './catalogue.ts';

export type ScoringMethod = 'z' | 'rank';

export interface WeightedIndicator {
  key: string;
  weight: number;
  polarity: Polarity;
}

export interface BreakdownEntry {
  key: string;
  raw: number | null;
  normalised: number;
  contribution: number;
}

export interface Scored<T> {
  item: T;
  score: number;
  /** 1 = highest score; equal scores share a rank (1, 2, 2, 4). */
  rank: number;
  breakdown: BreakdownEntry[];
}

/** Months of one indicator for one group → one value: a sum for flows, the last value for stocks. */
export function windowValue(months: readonly (number | null)[], rule: TimeRule): number | null {
  if (rule === 'last') {
    for (let j = months.length - 1; j >= 0; j--) {
      const v = months[j];
      if (v !== null && v !== undefined && Number.isFinite(v)) return v;
    }
    return null;
  }
  let sum = 0;
  let any = false;
  for (const v of months) {
    if (v !== null && v !== undefined && Number.isFinite(v)) {
      sum += v;
      any = true;
    }
  }
  return any ? sum : null;
}

/** A rate over the window: the window value of the numerator over that of the denominator (never a mean of monthly rates). */
export function windowRatio(
  numerator: readonly (number | null)[],
  denominator: readonly (number | null)[],
  rule: TimeRule,
): number | null {
  const n = windowValue(numerator, rule);
  const d = windowValue(denominator, rule);
  if (n === null || d === null || d === 0) return null;
  return n / d;
}

/** +1 when a higher value needs attention more (and for neutral indicators, taken as they are), −1 when higher is better. */
export function orientation(polarity: Polarity): 1 | -1 {
  return polarity === 'higher_better' ? -1 : 1;
}

/**
 * Normalises values across groups, already oriented (higher = worse):
 * - `z`: (x − mean) / standard deviation (population), 0 when all values are equal;
 * - `rank`: percentile rank (r − 1) / (n − 1) over the groups with a value, ties sharing the mean
 *   of their ranks, so the lowest is 0 and the highest 1 (0.5 when only one group has a value).
 * Missing values become the neutral middle: 0 for z, 0.5 for rank.
 */
export function normalise(values: readonly (number | null)[], method: ScoringMethod): number[] {
  const present: number[] = [];
  for (const v of values) if (v !== null) present.push(v);
  const n = present.length;
  if (method === 'z') {
    if (n === 0) return values.map(() => 0);
    const mean = present.reduce((a, b) => a + b, 0) / n;
    const variance = present.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
    const sd = Math.sqrt(variance);
    // A spread within rounding noise of the mean is no spread.
    if (!(sd > 1e-12 * Math.max(1, Math.abs(mean)))) return values.map(() => 0);
    return values.map((v) => (v === null ? 0 : (v - mean) / sd));
  }
  if (n <= 1) return values.map(() => 0.5);
  const sorted = [...present].sort((a, b) => a - b);
  // Mean 1-based rank of each distinct value.
  const meanRank = new Map<number, number>();
  for (let i = 0; i < sorted.length;) {
    let k = i;
    while (k + 1 < sorted.length && sorted[k + 1] === sorted[i]) k++;
    meanRank.set(sorted[i]!, (i + 1 + (k + 1)) / 2);
    i = k + 1;
  }
  return values.map((v) => (v === null ? 0.5 : (meanRank.get(v)! - 1) / (n - 1)));
}

/**
 * Scores rows: `values[k]` is the window value of `indicators[k]` for the row's group (null =
 * missing). Score = Σ wₖ·nₖ / Σ wₖ where nₖ is the oriented normalised value; each breakdown
 * entry's contribution is wₖ·nₖ / Σ wₖ, so the contributions add up to the score. Returned
 * sorted by score, highest first; rows with equal scores keep their input order.
 */
export function scoreRows<T>(
  rows: readonly { item: T; values: readonly (number | null)[] }[],
  indicators: readonly WeightedIndicator[],
  method: ScoringMethod,
): Scored<T>[] {
  const totalWeight = indicators.reduce((a, i) => a + i.weight, 0);
  if (!(totalWeight > 0)) throw new Error('scoring needs at least one indicator with a positive weight');
  const normalised = indicators.map((ind, k) => {
    const sign = orientation(ind.polarity);
    return normalise(
      rows.map((r) => {
        const v = r.values[k] ?? null;
        return v === null ? null : sign * v;
      }),
      method,
    );
  });
  const scored = rows.map((r, i) => {
    const breakdown = indicators.map((ind, k): BreakdownEntry => {
      const n = normalised[k]![i]! + 0; // + 0 turns −0 into 0
      return { key: ind.key, raw: r.values[k] ?? null, normalised: n, contribution: (ind.weight * n) / totalWeight };
    });
    const score = breakdown.reduce((a, b) => a + b.contribution, 0);
    return { item: r.item, score, rank: 0, breakdown, order: i };
  });
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  return assignRanks(scored).map(({ order: _order, ...s }) => s);
}

const TIE = 1e-9;

/** Competition ranks over rows sorted by score, highest first: equal scores (within 1e-9) share the rank. */
export function assignRanks<S extends { score: number; rank: number }>(sorted: S[]): S[] {
  for (let i = 0; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    sorted[i]!.rank = prev && Math.abs(prev.score - sorted[i]!.score) <= TIE ? prev.rank : i + 1;
  }
  return sorted;
}

/**
 * Parses `drug_cases:2,gambling_cases:1` into keys and weights. Throws a message naming the bad
 * part: unknown shape, a weight that is not a positive number, a key given twice.
 */
export function parseWeights(text: string): { key: string; weight: number }[] {
  const out: { key: string; weight: number }[] = [];
  for (const part of text.split(',')) {
    const m = /^([a-z0-9_]+):(\d+(?:\.\d+)?)$/.exec(part.trim());
    if (!m) throw new Error(`"${part}" is not indicator:weight`);
    const key = m[1]!;
    const weight = Number(m[2]);
    if (!(weight > 0) || weight > 1000) throw new Error(`weight of "${key}" must be > 0 and ≤ 1000`);
    if (out.some((w) => w.key === key)) throw new Error(`"${key}" is given twice`);
    out.push({ key, weight });
  }
  return out;
}

/**
 * The "level of attention needed" (mức cần quan tâm) of each score, 0–100: the share of the other
 * scored groups whose score is lower, in percent, so 100 = needs attention most, 0 = least, 50 = the
 * middle of the field. Scores within 1e-9 share a level (the same rule as the ranks). A field of one
 * group sits in the middle (50). This is what the planning page shows instead of raw z-scores or
 * percentile fractions: the weighted score keeps deciding the order, the level only says it plainly.
 */
export function attentionLevels(scores: readonly number[]): number[] {
  const n = scores.length;
  if (n <= 1) return scores.map(() => 50);
  const sorted = [...scores].sort((a, b) => a - b);
  return scores.map((s) => {
    // Groups strictly below s (allowing for the tie tolerance): binary search for the first ≥ s − TIE.
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < s - TIE) lo = mid + 1;
      else hi = mid;
    }
    return (100 * lo) / (n - 1);
  });
}

/** The bands the percentile wording uses: "the 1 / 5 / 10 / 25 / 50 % needing attention most". */
export const TOP_BANDS = [1, 5, 10, 25, 50] as const;

/**
 * Which "top X %" band a level falls in: the smallest of TOP_BANDS with level ≥ 100 − X (a level
 * of 97 — more than 97 % of the other groups score lower — is in the top 5 %), or null below the
 * middle. Computed from the level so that the wording and the number can never disagree.
 */
export function topBand(level: number): (typeof TOP_BANDS)[number] | null {
  if (!Number.isFinite(level)) return null;
  for (const band of TOP_BANDS) if (level >= 100 - band - 1e-9) return band;
  return null;
}
