import { apportion } from './apportion.ts';
import { REPORT_2017 } from '../catalogue.ts';
import type { Rng } from './random.ts';
import { monthIndex } from '../periods.ts';
import { yearOf } from './calendar.ts';

/**
 * Flow indicators (counts per month) calibrated to the report: for each indicator and year an
 * annual city total is fixed first — exactly the report's figure for 2017, a trend with noise for
 * other years — and then spread over units and months. The spread draws Poisson counts around the
 * expected value of each cell and apportions the exact total by those draws, so the cells look
 * like counts of events while the total is exact.
 */
export const CALIBRATION_YEAR = 2017;

export interface FlowProfile {
  /** Yearly growth relative to 2017 (0.02 = +2 %/year). */
  growth: number;
  /** Log-scale standard deviation of the year-to-year noise (kept within −12 %…+14 %). */
  sd: number;
  /** Activities that gathered people fell during the 2020–2021 pandemic. */
  covid?: boolean;
  /** Relative weight of each calendar month (January first). */
  season: readonly number[];
}

const COVID: Readonly<Record<number, number>> = { 2020: 0.9, 2021: 0.86, 2022: 0.95 };

/** The annual city total of a flow for a year. */
export function annualTotal(key: string, year: number, profile: FlowProfile, rng: Rng): number {
  const report = REPORT_2017[key];
  if (report === undefined) throw new Error(`annualTotal(): no 2017 figure for ${key}`);
  if (year === CALIBRATION_YEAR) return report;
  const noise = Math.min(1.14, Math.max(0.88, Math.exp(rng.fork(`total-${key}-${year}`).normal(0, profile.sd))));
  const covid = profile.covid ? (COVID[year] ?? 1) : 1;
  return Math.max(0, Math.round(report * (1 + profile.growth) ** (year - CALIBRATION_YEAR) * covid * noise));
}

/**
 * Spreads an exact integer total over cells with the given expected shares: Poisson draws give
 * event-like counts, largest remainder makes them add up. A cell whose draw is zero keeps a tiny
 * weight so a leftover unit can still land where it was expected.
 */
export function allocateCounts(total: number, expected: readonly number[], rng: Rng): number[] {
  const sum = expected.reduce((a, b) => a + b, 0);
  if (total === 0) return expected.map(() => 0);
  if (!(sum > 0)) throw new RangeError('allocateCounts(): nothing to allocate to');
  const draws = expected.map((e) => rng.poisson((total * e) / sum) + (1e-6 * e) / sum);
  return apportion(total, draws);
}

export interface FlowGrid {
  /** The periods covered (in order); cells outside them are dropped. */
  periods: readonly string[];
  /** Number of units (rows). */
  units: number;
}

/**
 * One flow for all units and periods: per year, an annual total spread by `weight(unit, period)`
 * times the month's seasonal weight. The last year may be partial: it is drawn over twelve months
 * and the months after the last period are dropped, so a partial year is a partial total.
 */
export function buildFlow(
  key: string,
  grid: FlowGrid,
  profile: FlowProfile,
  weight: (unit: number, period: string) => number,
  rng: Rng,
  totalFor: (year: number) => number = (year) => annualTotal(key, year, profile, rng),
): number[][] {
  const out = Array.from({ length: grid.units }, () => new Array<number>(grid.periods.length).fill(0));
  const first = grid.periods[0];
  const last = grid.periods[grid.periods.length - 1];
  if (first === undefined || last === undefined) return out;
  const offset = monthIndex(first);
  const draw = rng.fork(`cells-${key}`);
  for (let year = yearOf(first); year <= yearOf(last); year++) {
    const cells: { unit: number; index: number; expected: number }[] = [];
    for (let month = 1; month <= 12; month++) {
      const period = `${year}-${String(month).padStart(2, '0')}`;
      const season = profile.season[month - 1] ?? 1;
      for (let unit = 0; unit < grid.units; unit++) {
        cells.push({ unit, index: monthIndex(period) - offset, expected: season * weight(unit, period) });
      }
    }
    const counts = allocateCounts(
      totalFor(year),
      cells.map((c) => c.expected),
      draw,
    );
    cells.forEach((c, k) => {
      const row = out[c.unit] as number[];
      if (c.index >= 0 && c.index < row.length) row[c.index] = counts[k] ?? 0;
    });
  }
  return out;
}

/** Seasonal month weights (January first). */
export const SEASONS = {
  flat: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
  // Conferences cluster after Tết planning and around the August festival.
  conferences: [1.3, 0.8, 1.3, 1.1, 1.0, 0.8, 0.7, 1.3, 1.1, 1.0, 1.0, 0.9],
  // Banners go up for Tết and for the national-security festival (19 August).
  banners: [1.8, 1.6, 0.8, 0.7, 0.7, 0.7, 0.8, 1.8, 1.2, 0.8, 0.7, 0.9],
  // Traffic campaigns around Tết and the school year.
  traffic: [1.5, 1.2, 1, 1, 1, 0.8, 0.8, 1.2, 1.3, 1, 1, 1.2],
  // Crime peaks around Tết.
  crime: [1.2, 1.3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1.2],
  // Weapon hand-in campaigns run in spring and autumn.
  weapons: [0.4, 0.4, 2.5, 1.5, 0.5, 0.4, 0.4, 0.5, 2.0, 1.2, 0.5, 0.4],
  // Proposals for the "safe" title are filed at year end.
  yearEnd: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.35, 1],
} as const satisfies Record<string, readonly number[]>;
