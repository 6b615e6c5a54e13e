/**
 * Loads indicator values a year at a time and keeps them, so that stepping through the months of a
 * year costs no request. Only values travel: geometry is loaded once, elsewhere.
 */
import { fetchValues } from './client.ts';
import type { Indicator, MapLevel, ValuesResponse } from './types.ts';
import { displayValue } from '../lib/format.ts';

export interface ValuesLoader {
  /** The year (`YYYY`) of values of an indicator: from the cache, or one request. */
  year(indicator: string, year: string): Promise<ValuesResponse>;
}

/** @param at boundary version date (`YYYY-MM-DD`) the values are expressed on */
export function createValuesLoader(level: MapLevel, at: string): ValuesLoader {
  const cache = new Map<string, Promise<ValuesResponse>>();
  return {
    year(indicator, year) {
      const key = `${indicator}|${year}`;
      let pending = cache.get(key);
      if (!pending) {
        pending = fetchValues({ indicator, level, from: `${year}-01`, to: `${year}-12`, at });
        // A failed request is forgotten, so that asking again retries it.
        pending.catch(() => cache.delete(key));
        cache.set(key, pending);
      }
      return pending;
    },
  };
}

/** The displayed value (ratios scaled) of each unit in one period of a response; null where none. */
export function valuesForPeriod(
  response: ValuesResponse,
  period: string,
  indicator: Pick<Indicator, 'kind' | 'scale'>,
): Map<number, number | null> {
  const column = response.periods.indexOf(period);
  return new Map(
    response.ids.map((id, row) => {
      const raw = column < 0 ? null : (response.values[row]?.[column] ?? null);
      return [id, raw === null ? null : displayValue(raw, indicator)];
    }),
  );
}
