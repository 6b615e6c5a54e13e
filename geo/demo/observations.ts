import { BASE_INDICATORS } from '../catalogue.ts';
import { periodOfDate } from './calendar.ts';
import { MERGER_DATE, SUCCESSORS_2025, unitKey, WARDS_2017 } from './city.ts';
import type { GroupInfo } from './groups.ts';
import type { DemoObservation } from './types.ts';

/**
 * Turns the per-unit monthly series into observation rows at each indicator's entry level:
 * group indicators for every group and month; ward indicators for the 2017 wards before the
 * merger and for the 2025 wards from it, where a successor's value is the sum of its
 * predecessors' (they are exactly its territory). Zeros are stored, one row per cell.
 */
export const MERGER_PERIOD = periodOfDate(MERGER_DATE);

export interface SeriesByLevel {
  /** indicator → [group][period], groups in the order of `groups`. */
  group: ReadonlyMap<string, readonly (readonly number[])[]>;
  /** indicator → [ward][period], wards in WARDS_2017 order. */
  ward: ReadonlyMap<string, readonly (readonly number[])[]>;
}

export function assembleObservations(
  groups: readonly GroupInfo[],
  periods: readonly string[],
  series: SeriesByLevel,
): DemoObservation[] {
  const out: DemoObservation[] = [];
  const successorRows = SUCCESSORS_2025.map((s) => ({
    key: unitKey.ward2025(s.code),
    members: WARDS_2017.map((w, i) => (w.successor === s.code ? i : -1)).filter((i) => i >= 0),
  }));
  for (const indicator of BASE_INDICATORS) {
    const key = indicator.key;
    if (indicator.entryLevel === 'group') {
      const rows = series.group.get(key);
      if (!rows) throw new Error(`assembleObservations(): no group series for ${key}`);
      groups.forEach((g, u) => {
        periods.forEach((period, k) =>
          out.push({ unitKey: g.key, indicator: key, period, value: check(rows[u]?.[k], key) }),
        );
      });
    } else {
      const rows = series.ward.get(key);
      if (!rows) throw new Error(`assembleObservations(): no ward series for ${key}`);
      WARDS_2017.forEach((w, u) => {
        periods.forEach((period, k) => {
          if (period < MERGER_PERIOD)
            out.push({ unitKey: unitKey.ward2017(w.code), indicator: key, period, value: check(rows[u]?.[k], key) });
        });
      });
      for (const s of successorRows) {
        periods.forEach((period, k) => {
          if (period < MERGER_PERIOD) return;
          const value = s.members.reduce((sum, u) => sum + check(rows[u]?.[k], key), 0);
          out.push({ unitKey: s.key, indicator: key, period, value });
        });
      }
    }
  }
  return out;
}

function check(v: number | undefined, key: string): number {
  if (v === undefined || !Number.isInteger(v) || v < 0)
    throw new Error(`assembleObservations(): bad value ${v} for ${key}`);
  return v;
}
