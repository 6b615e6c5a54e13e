import { describe, expect, it } from 'vitest';
import { buildChoropleth, NO_DATA_COLOR, rampColors } from './choropleth.ts';

describe('buildChoropleth', () => {
  const values = [1, 2, 2, 3, 10, 11, 12, 30, 31, 55, 56, 57, null, undefined];

  it('makes natural-break classes that cover every value once', () => {
    const c = buildChoropleth(values, 'higher_worse', 4);
    expect(c.classes).toHaveLength(4);
    expect(c.classes.map((k) => [k.min, k.max])).toEqual([
      [1, 3],
      [10, 12],
      [30, 31],
      [55, 57],
    ]);
    expect(c.classes.reduce((n, k) => n + k.count, 0)).toBe(12);
    expect(c.noData).toEqual({ color: NO_DATA_COLOR, count: 2 });
  });

  it('puts dark red on high values when higher is worse, on low values when higher is better', () => {
    const worse = buildChoropleth(values, 'higher_worse', 4);
    const better = buildChoropleth(values, 'higher_better', 4);
    expect(worse.colorOf(57)).toBe('#e31a1c');
    expect(worse.colorOf(1)).toBe('#ffffb2');
    expect(better.colorOf(1)).toBe('#e31a1c');
    expect(better.colorOf(57)).toBe('#ffffb2');
  });

  it('uses blues for neutral indicators', () => {
    expect(rampColors(5, 'neutral')).toEqual(['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c']);
  });

  it('classifies values between classes into the lower class and missing values as no data', () => {
    const c = buildChoropleth(values, 'neutral', 4);
    expect(c.classOf(5)).toBe(0);
    expect(c.classOf(-1)).toBe(0);
    expect(c.classOf(1000)).toBe(3);
    expect(c.classOf(null)).toBe(-1);
    expect(c.classOf(Number.NaN)).toBe(-1);
    expect(c.colorOf(null)).toBe(NO_DATA_COLOR);
  });

  it('never makes more classes than distinct values', () => {
    expect(buildChoropleth([4, 4, 4], 'neutral').classes).toHaveLength(1);
    expect(buildChoropleth([0, 1, 1, 0], 'higher_better').classes).toHaveLength(2);
    const none = buildChoropleth([null, null], 'higher_worse');
    expect(none.classes).toEqual([]);
    expect(none.noData.count).toBe(2);
    expect(none.classOf(3)).toBe(-1);
  });
});
