import { apportion } from './apportion.ts';
import type { Rng } from './random.ts';
import { REPORT_2017 } from '../catalogue.ts';
import { monthIndex } from '../periods.ts';
import { WARDS_2017 } from './city.ts';
import type { GroupInfo } from './groups.ts';

/**
 * Households and households registered "safe" per group and month (both stocks).
 *
 * Households grow slowly and smoothly from the end-2017 reference count. Registrations are
 * modelled by the share of households *not* yet registered, which shrinks every month in every
 * group; that keeps registrations below the household count and makes the city's coverage rise
 * strictly from year to year, while the end-2017 total is exactly the report's 35,000.
 */
export const REFERENCE_PERIOD = '2017-12';
const HOUSEHOLDS_2017 = { mean: 37_500, spread: 250 };

export interface HouseholdSeries {
  /** Per group (in the order given), households at the reference period (2017-12). */
  households2017: number[];
  /** Per group, persons per household (3.6–3.9), to derive population. */
  personsPerHousehold: number[];
  /** Per group, one value per period. */
  households: number[][];
  registeredSafe: number[][];
}

export function buildHouseholds(
  groups: readonly GroupInfo[],
  periods: readonly string[],
  hotspotKeys: ReadonlySet<string>,
  rng: Rng,
): HouseholdSeries {
  const sizing = rng.fork('sizing');
  const cityTotal = HOUSEHOLDS_2017.mean + sizing.int(-HOUSEHOLDS_2017.spread, HOUSEHOLDS_2017.spread);
  const wardTotals = apportion(
    cityTotal,
    WARDS_2017.map((w) => w.households * sizing.logNormal(1, 0.04)),
  );
  const households2017 = new Array<number>(groups.length).fill(0);
  WARDS_2017.forEach((w, wi) => {
    const members = groups.map((g, i) => ({ g, i })).filter((e) => e.g.ward.code === w.code);
    const shares = apportion(
      wardTotals[wi] ?? 0,
      members.map(() => sizing.logNormal(1, 0.11)),
    );
    members.forEach((e, k) => (households2017[e.i] = shares[k] ?? 0));
  });
  const personsPerHousehold = groups.map(() => sizing.uniform(3.6, 3.9));

  // Registrations at the reference period: the report's total, spread by a per-group propensity.
  // Hotspot groups lag behind, which is part of why they were designated.
  const propensity = rng.fork('propensity');
  const coverage = groups.map((g) =>
    hotspotKeys.has(g.key)
      ? clamp(propensity.normal(0.84, 0.03), 0.75, 0.9)
      : clamp(propensity.normal(0.94, 0.025), 0.86, 0.99),
  );
  const registered2017 = apportion(
    REPORT_2017.households_registered_safe ?? 0,
    households2017.map((h, i) => h * (coverage[i] ?? 0)),
    households2017,
  );

  const ref = monthIndex(REFERENCE_PERIOD);
  const trend = rng.fork('trend');
  const households: number[][] = [];
  const registeredSafe: number[][] = [];
  groups.forEach((g, i) => {
    const h0 = households2017[i] ?? 0;
    const gap0 = h0 > 0 ? (h0 - (registered2017[i] ?? 0)) / h0 : 0;
    // Peri-urban groups grow faster than the built-up core.
    const growth = clamp(trend.normal(0.003 + 0.005 * (1 - g.ward.urban), 0.003), -0.004, 0.016) / 12;
    const catchUpBefore = (Math.log(1.45) / 12) * trend.uniform(0.8, 1.2);
    const catchUpAfter = trend.uniform(0.009, 0.014);
    const hh: number[] = [];
    const reg: number[] = [];
    for (const p of periods) {
      const dt = monthIndex(p) - ref;
      const h = Math.round(h0 * Math.exp(growth * dt));
      const gap = Math.min(1, gap0 * Math.exp(dt < 0 ? -catchUpBefore * dt : -catchUpAfter * dt));
      hh.push(h);
      reg.push(Math.max(0, h - Math.round(h * gap)));
    }
    households.push(hh);
    registeredSafe.push(reg);
  });
  return { households2017, personsPerHousehold, households, registeredSafe };
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
