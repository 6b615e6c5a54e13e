/**
 * Largest-remainder apportionment (Hamilton's method): split an exact integer total across
 * slots in proportion to weights, so that calibrated totals (e.g. the 2017 report figures) hold
 * exactly after rounding.
 *
 * Without caps every share is the floor or the ceiling of its exact quota. Ties on the remainder
 * go to the larger weight, then to the lower index, so the result is a pure function of the input.
 * With caps, slots that would exceed their cap are fixed at the cap and the rest is re-apportioned
 * among the others (the result then still sums to `total`, as long as the caps allow it).
 */
export function apportion(total: number, weights: readonly number[], caps?: readonly number[]): number[] {
  if (!Number.isInteger(total) || total < 0)
    throw new RangeError(`apportion(): total must be an integer >= 0, got ${total}`);
  for (const w of weights) {
    if (!Number.isFinite(w) || w < 0) throw new RangeError(`apportion(): weights must be finite and >= 0, got ${w}`);
  }
  if (caps !== undefined) {
    if (caps.length !== weights.length) throw new RangeError('apportion(): caps and weights differ in length');
    let room = 0;
    for (const c of caps) {
      if (!Number.isInteger(c) || c < 0) throw new RangeError(`apportion(): caps must be integers >= 0, got ${c}`);
      room += c;
    }
    if (room < total) throw new RangeError(`apportion(): caps allow ${room}, cannot place ${total}`);
  }

  const out = new Array<number>(weights.length).fill(0);
  if (total === 0) return out;

  const open = weights.map((_, i) => i);
  let left = total;
  // Each pass either finishes or fixes at least one slot at its cap, so this terminates.
  for (;;) {
    const live = open.filter((i) => caps === undefined || (caps[i] ?? 0) > 0);
    const shares = hamilton(
      left,
      live.map((i) => weights[i] ?? 0),
    );
    if (shares === null) {
      if (caps === undefined || open.length === weights.length) {
        throw new RangeError('apportion(): all weights are zero but total > 0');
      }
      // Only zero-weight slots have room left after capping: fill them in index order.
      for (const i of live) {
        const take = Math.min(left, (caps[i] ?? 0) - (out[i] ?? 0));
        out[i] = (out[i] ?? 0) + take;
        left -= take;
        if (left === 0) break;
      }
      return out;
    }
    const over = live.filter((i, k) => caps !== undefined && (shares[k] ?? 0) > (caps[i] ?? 0));
    if (over.length === 0) {
      live.forEach((i, k) => (out[i] = shares[k] ?? 0));
      return out;
    }
    for (const i of over) {
      const cap = caps?.[i] ?? 0;
      out[i] = cap;
      left -= cap;
      open.splice(open.indexOf(i), 1);
    }
    if (left === 0) return out;
  }
}

/** Plain largest remainder; null when all weights are zero. */
function hamilton(total: number, weights: readonly number[]): number[] | null {
  let sum = 0;
  for (const w of weights) sum += w;
  if (!(sum > 0)) return null;
  const quotas = weights.map((w) => (total * w) / sum);
  const shares = quotas.map((q) => Math.floor(q));
  let rest = total - shares.reduce((a, b) => a + b, 0);
  // Remainders are compared at 1e-9 so that ties that are exact on paper (4.6 vs 3.6) stay ties in
  // floating point and fall to the documented tie-breaks.
  const order = quotas
    .map((q, i) => ({ i, frac: Math.round((q - Math.floor(q)) * 1e9), w: weights[i] ?? 0 }))
    .sort((a, b) => b.frac - a.frac || b.w - a.w || a.i - b.i);
  // Floating point can make the floors overshoot by one when a quota sits a hair above an integer.
  for (let k = 0; rest > 0; k = (k + 1) % order.length) {
    const slot = order[k];
    if (slot === undefined) break;
    if ((weights[slot.i] ?? 0) > 0) {
      shares[slot.i] = (shares[slot.i] ?? 0) + 1;
      rest--;
    }
  }
  for (let k = order.length - 1; rest < 0; k = (k - 1 + order.length) % order.length) {
    const slot = order[k];
    if (slot === undefined) break;
    if ((shares[slot.i] ?? 0) > 0) {
      shares[slot.i] = (shares[slot.i] ?? 0) - 1;
      rest++;
    }
  }
  return shares;
}
