/**
 * What a boundary tile draws changes only on the dates some unit, parent link or hotspot status
 * starts or ends. Between two such dates every `at` draws the same tile, so tiles are keyed (and
 * built) by the last change on or before `at` — its epoch — not by the raw date: a year of monthly
 * periods with unchanged boundaries is one tile, computed once per boundary version.
 */

/** Before the first change (nothing drawn yet): every earlier date shares this key. */
export const BEFORE_ALL = '0001-01-01';

/** The greatest of the sorted change `dates` on or before `at` (YYYY-MM-DD strings compare as dates). */
export function epochOf(dates: readonly string[], at: string): string {
  let lo = 0;
  let hi = dates.length; // invariant: dates[0..lo) <= at < dates[hi..)
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dates[mid]! <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? BEFORE_ALL : dates[lo - 1]!;
}
