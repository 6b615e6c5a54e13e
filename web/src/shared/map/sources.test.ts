/**
 * The page's source cache: a map and an export of the same view ask the server once. Fetchers are
 * counted fakes of the API (the cache is what is tested).
 */
import { describe, expect, it } from 'vitest';
import { createMatrixLoader, toMatrix } from '../api/matrix.ts';
import type { Indicator, Place, UnitsCollection } from '../api/types.ts';
import { createSourceCache } from './sources.ts';

const indicator = {
  key: 'coverage',
  kind: 'ratio',
  time_rule: 'sum',
  numerator_key: 'safe',
  denominator_key: 'households',
  first_period: '2017-01',
  last_period: '2017-12',
} as Indicator;

function cache() {
  const asked: string[] = [];
  const units: UnitsCollection = { type: 'FeatureCollection', features: [] };
  const c = createSourceCache({
    catalogue: async () => (asked.push('catalogue'), { indicators: [indicator], demo: true }),
    units: async (level, at) => (asked.push(`units ${level} ${at}`), units),
    unitList: async (level, at) => (asked.push(`list ${level} ${at}`), []),
    hotspots: async (day) => (asked.push(`hotspots ${day}`), []),
    versions: async (level) => (
      asked.push(`versions ${level}`),
      [
        { valid_from: '2015-01-01', valid_to: '2025-07-01', units: 183, changed_from_previous: null },
        { valid_from: '2025-07-01', valid_to: null, units: 183, changed_from_previous: null },
      ]
    ),
    place: async (at) => (asked.push(`place ${at}`), {} as Place),
    today: () => '2026-11-27',
    matrices: createMatrixLoader(async (key) => {
      asked.push(`values ${key.indicator} ${key.from}..${key.to}`);
      return toMatrix({ ...key, demo: false, periods: [], ids: [], values: [], reexpressed: [] });
    }),
  });
  return { c, asked };
}

describe('source cache', () => {
  it('asks once for what several maps draw', async () => {
    const { c, asked } = cache();
    await Promise.all([c.catalogue(), c.catalogue()]);
    await c.values(indicator, 'ward', '2017-12-31', 'value');
    await c.values(indicator, 'ward', '2017-12-31', 'value');
    await c.units('ward', '2017-12-31');
    await c.units('ward', '2017-12-31');
    await c.hotspots('2015-01-01');
    await c.hotspots('2015-01-01');
    await c.hotspots('2025-07-01');
    // A ratio summed over time needs its parts too: three matrices, each once, over the whole range.
    expect(asked).toEqual([
      'catalogue',
      'values coverage 2017-01..2017-12',
      'values safe 2017-01..2017-12',
      'values households 2017-01..2017-12',
      'units ward 2017-12-31',
      // Hotspots of a past version: the list on its last day; of the current one: today's.
      'versions group',
      'hotspots 2025-06-30',
      'hotspots 2026-11-27',
    ]);
    expect(c.requests).toEqual({ catalogue: 1, units: 1, unitList: 0, hotspots: 2, versions: 1, place: 0, values: 3 });
  });

  it('asks again after a failure, and after clear()', async () => {
    let fail = true;
    const c = createSourceCache({
      catalogue: async () => {
        if (fail) throw new Error('offline');
        return { indicators: [], demo: false };
      },
      units: async () => ({ type: 'FeatureCollection', features: [] }),
      unitList: async () => [],
      hotspots: async () => [],
      versions: async () => [],
      place: async () => ({}) as Place,
      matrices: createMatrixLoader(async () => {
        throw new Error('unused');
      }),
    });
    await expect(c.catalogue()).rejects.toThrow('offline');
    fail = false;
    await expect(c.catalogue()).resolves.toEqual({ indicators: [], demo: false });
    await c.catalogue();
    expect(c.requests.catalogue).toBe(2);
    c.clear();
    await c.catalogue();
    expect(c.requests.catalogue).toBe(3);
  });
});
