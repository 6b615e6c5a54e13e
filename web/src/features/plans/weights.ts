/**
 * The planner's indicator weights, as the candidates route takes them (`drug_cases:2,gambling_cases:1`)
 * and as the page keeps them in its address. A weight of 0 means "not used": it is left out of the
 * query, since the server scores only the indicators it is given.
 */

/** Indicator key → weight (> 0 used, 0 off). */
export type Weights = Record<string, number>;

/** Highest weight the controls offer. */
export const MAX_WEIGHT = 10;

/**
 * What a planner starts from: the four problem counts a hotspot is designated for, drugs counting
 * most, and low coverage of "safe" households as a lesser sign.
 */
export const DEFAULT_WEIGHTS: Weights = {
  drug_cases: 3,
  gambling_cases: 2,
  public_order_incidents: 2,
  sanitation_complaints: 1,
  coverage_households_safe: 1,
};

const KEY = /^[a-z0-9_]{1,64}$/;

/** A weight as the route accepts it: a non-negative number, at most two decimals, capped. */
export function cleanWeight(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(String(value ?? '').replace(',', '.'));
  if (!Number.isFinite(n) || n <= 0) return 0;
  return Math.round(Math.min(n, MAX_WEIGHT) * 100) / 100;
}

/**
 * `drug_cases:2,gambling_cases:1.5` → `{ drug_cases: 2, gambling_cases: 1.5 }`. Malformed pairs,
 * unknown-looking keys and non-positive weights are dropped; a repeated key keeps its last weight.
 */
export function parseWeights(text: string | null | undefined): Weights {
  const out: Weights = {};
  for (const pair of (text ?? '').split(',')) {
    const [key, value, ...rest] = pair.trim().split(':');
    if (!key || value === undefined || rest.length > 0 || !KEY.test(key)) continue;
    if (!/^\d+([.,]\d+)?$/.test(value.trim())) continue;
    const weight = cleanWeight(value);
    if (weight > 0) out[key] = weight;
  }
  return out;
}

/** The query form, in a stable (given) key order; only weights > 0. Empty when none is set. */
export function formatWeights(weights: Weights, order: readonly string[] = Object.keys(weights)): string {
  return order
    .filter((key) => KEY.test(key) && cleanWeight(weights[key]) > 0)
    .map((key) => `${key}:${cleanWeight(weights[key])}`)
    .join(',');
}

/** Weights limited to the indicators that can be scored (unknown keys from an old link dropped). */
export function knownWeights(weights: Weights, keys: readonly string[]): Weights {
  const out: Weights = {};
  for (const key of keys) {
    const w = cleanWeight(weights[key]);
    if (w > 0) out[key] = w;
  }
  return out;
}

/** Each used indicator's share of the total weight, 0..1 (what "weight 2 of 9" means). */
export function weightShares(weights: Weights): Record<string, number> {
  const total = Object.values(weights).reduce((sum, w) => sum + cleanWeight(w), 0);
  const out: Record<string, number> = {};
  for (const [key, w] of Object.entries(weights)) if (cleanWeight(w) > 0) out[key] = cleanWeight(w) / total;
  return out;
}
