/**
 * The rule that keeps reading through the OGC API audited without flooding the audit log:
 *
 * - a listing is recorded when it starts (a request without a paging cursor); the pages reached by
 *   its next/prev links belong to it and are not recorded again — the first record names the
 *   query (collection, date, box, system, indicators) and how many features it matched;
 * - the same listing (same user, collection and query apart from paging and page size) is recorded
 *   once per window (10 minutes): GDAL asks for the first page twice when it opens a layer, and QGIS
 *   asks again for boxes it has already shown when a user pans back;
 * - a single feature is recorded the same way, once per user, feature and query per window.
 *
 * Kept per process, bounded; with several processes behind a load balancer each records its own
 * first request of a listing, which only errs on the side of recording.
 */
export const EXPORT_WINDOW_MS = 10 * 60_000;
export const EXPORT_WINDOW_ENTRIES = 10_000;

export class ExportWindow {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly windowMs = EXPORT_WINDOW_MS,
    private readonly maxEntries = EXPORT_WINDOW_ENTRIES,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when this listing should be recorded now (and remembers that it was). */
  shouldRecord(key: string): boolean {
    const t = this.now();
    const last = this.seen.get(key);
    if (last !== undefined && t - last < this.windowMs) return false;
    this.seen.delete(key);
    this.seen.set(key, t);
    while (this.seen.size > this.maxEntries) this.seen.delete(this.seen.keys().next().value!);
    return true;
  }
}

/** The identity of a listing: who, what, and every query parameter except paging and page size. */
export function listingKey(
  actorId: number | null,
  what: string,
  query: Record<string, unknown>,
  ignore: readonly string[] = ['after', 'before', 'limit', 'f'],
): string {
  const parts = Object.keys(query)
    .filter((k) => !ignore.includes(k) && query[k] !== undefined)
    .sort()
    .map((k) => `${k}=${String(query[k])}`);
  return `${actorId ?? 'anon'}|${what}|${parts.join('&')}`;
}
