import type { Rng } from './random.ts';
import type { HotspotCategory } from '../units.ts';
import { monthIndex } from '../periods.ts';
import { periodOfDate, yearOf } from './calendar.ts';
import type { GroupInfo } from './groups.ts';
import { entryOn } from './hotspots.ts';
import type { DemoHotspot } from './types.ts';

/**
 * Monthly hotspot signals per group (drug and gambling incidents, public-order incidents,
 * sanitation complaints): Poisson counts around a small baseline, plus an excess in hotspot
 * groups that follows their status — full while identified (and before, which is why they were
 * designated), fading while transforming, mostly gone once transformed, back on relapse.
 */
export const SIGNAL_KEYS = ['drug_cases', 'gambling_cases', 'public_order_incidents', 'sanitation_complaints'] as const;
export type SignalKey = (typeof SIGNAL_KEYS)[number];

const BASELINE: Record<SignalKey, number> = {
  drug_cases: 0.16,
  gambling_cases: 0.14,
  public_order_incidents: 0.22,
  sanitation_complaints: 0.25,
};

/** Monthly excess of a hotspot at full intensity: [when the problem is one of its categories, otherwise]. */
const EXCESS: Record<SignalKey, { category: HotspotCategory; yes: number; no: number }> = {
  drug_cases: { category: 'drugs', yes: 2.0, no: 0.6 },
  gambling_cases: { category: 'gambling', yes: 1.6, no: 0.5 },
  public_order_incidents: { category: 'urban_order', yes: 2.2, no: 0.4 },
  sanitation_complaints: { category: 'sanitation', yes: 2.5, no: 0.4 },
};

/**
 * How much of a hotspot's excess shows in a month (0..1), from the status in force mid-month.
 * Exported because other series (e.g. tips from the public) follow the same rhythm.
 */
export function hotspotIntensity(h: DemoHotspot | undefined, period: string): number {
  if (!h) return 0;
  const entry = entryOn(h, `${period}-15`);
  if (entry === null) return 1;
  const months = monthIndex(period) - monthIndex(periodOfDate(entry.date));
  switch (entry.status) {
    case 'identified':
      return 1;
    case 'transforming':
      // The first plan starts from the full problem; a renewed one after a relapse from less.
      return entry.index <= 1 ? 0.42 + 0.55 * Math.exp(-months / 6) : 0.32 + 0.4 * Math.exp(-months / 6);
    case 'transformed':
      return 0.1;
    case 'relapsed':
      return 0.85;
  }
}

export function buildSignals(
  groups: readonly GroupInfo[],
  periods: readonly string[],
  hotspots: ReadonlyMap<string, DemoHotspot>,
  rng: Rng,
): Record<SignalKey, number[][]> {
  const out = {} as Record<SignalKey, number[][]>;
  for (const key of SIGNAL_KEYS) {
    const r = rng.fork(key);
    // A slow city-wide drift by year (±6 %), so years differ without a trend in normal groups.
    const drift = new Map<number, number>();
    for (const p of periods) if (!drift.has(yearOf(p))) drift.set(yearOf(p), Math.exp(r.normal(0, 0.06)));
    out[key] = groups.map((g) => {
      const h = hotspots.get(g.key);
      const local = (0.75 + 0.5 * g.ward.urban) * r.logNormal(1, 0.25);
      const excess = h ? (h.categories.includes(EXCESS[key].category) ? EXCESS[key].yes : EXCESS[key].no) : 0;
      return periods.map((p) => {
        const lambda = BASELINE[key] * local * (drift.get(yearOf(p)) ?? 1) + excess * hotspotIntensity(h, p);
        return r.poisson(lambda);
      });
    });
  }
  return out;
}
